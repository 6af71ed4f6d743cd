import { expect, it } from "vitest";
import { root } from "../doc-examples.js";
import { run } from "./run.js";

it("packs the build, the manifest, the README and the license, and nothing else", async () => {
  const { exitCode, stdout, stderr } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], root);
  expect(exitCode, stderr).toBe(0);
  const [pack] = JSON.parse(stdout) as { files: { path: string }[] }[];
  expect(pack?.files.map((file) => file.path).sort()).toEqual([
    "LICENSE",
    "README.md",
    "dist/index.d.mts",
    "dist/index.mjs",
    "package.json",
  ]);
});
