import { expect, it } from "vitest";
import { root } from "../doc-examples.js";
import { run } from "./run.js";

it("packs the build, the manifest, the README and the license, and nothing else", async () => {
  const { exitCode, stdout, stderr } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], root);
  expect(exitCode, stderr).toBe(0);
  const [pack] = JSON.parse(stdout) as { files: { path: string }[] }[];
  const files = pack?.files.map((file) => file.path).sort() ?? [];
  // The build splits shared code into chunks whose names carry a content hash.
  const built = files.filter((file) => /^dist\/[\w-]+\.(?:mjs|d\.mts)$/.test(file));
  expect(files.filter((file) => !built.includes(file))).toEqual(["LICENSE", "README.md", "package.json"]);
  expect(built).toEqual(expect.arrayContaining(["dist/audit.mjs", "dist/index.d.mts", "dist/index.mjs"]));
});
