import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * ESLint's multithreaded mode lints files in worker threads, each loading the plugin from
 * the user's config file. The findings must be the same as in one thread: no state shared
 * between files through the module, and options and settings that survive the trip.
 */
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist/index.mjs");
const eslintBin = path.join(root, "node_modules/eslint/bin/eslint.js");
const TARGETS = ["examples", "tests/fixtures/worker-project"];

let directory: string;
let configFile: string;

beforeAll(() => {
  if (!existsSync(dist)) {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "ignore" });
  }
  directory = mkdtempSync(path.join(os.tmpdir(), "hibernation-concurrency-"));
  configFile = path.join(directory, "eslint.config.mjs");
  writeFileSync(
    configFile,
    `import plugin from ${JSON.stringify(pathToFileURL(dist).href)};
export default [
  plugin.configs.all,
  { rules: { "hibernation/no-timers": ["error", { ignoreDelaysBelow: 5000 }] } },
  { settings: { hibernation: { durableObjects: ["LegacyCounter"] } } },
];
`,
  );
}, 120_000);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe("ESLint's multithreaded mode", () => {
  it("finds through the Node API with two threads what it finds in one", async () => {
    const single = await lint("off");
    const threaded = await lint(2);
    expect(single.length).toBeGreaterThan(10);
    expect(threaded).toEqual(single);
  });

  it("finds through the CLI with --concurrency=2 what it finds in one thread", async () => {
    const single = await lint("off");
    const output = runCli(["--concurrency=2"]);
    expect(findingsOf(JSON.parse(output) as ESLint.LintResult[])).toEqual(single);
  });
});

async function lint(concurrency: "off" | number): Promise<string[]> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: configFile, concurrency });
  return findingsOf(await eslint.lintFiles(TARGETS));
}

function runCli(flags: string[]): string {
  try {
    return execFileSync(process.execPath, [eslintBin, ...flags, "--config", configFile, "--format", "json", ...TARGETS], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (error) {
    // ESLint exits 1 when it found problems; the findings are still on stdout.
    const { status, stdout } = error as { status: number | null; stdout: string };
    if (status === 1) {
      return stdout;
    }
    throw error;
  }
}

function findingsOf(results: ESLint.LintResult[]): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${path.relative(root, result.filePath)}:${message.line}:${message.column} ${message.ruleId} ${message.message}`,
      ),
    )
    .sort();
}
