import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { REPOSITORY_URL } from "../../src/util/create-rule.js";
import { root } from "../doc-examples.js";
import { run } from "./run.js";

/** A Worker project whose `eslint.config.js` enables the built plugin's recommended config. */
const project = path.join(root, "tests/fixtures/ci-gate");
const eslintBin = path.join(root, "node_modules/eslint/bin/eslint.js");

function eslint(...args: string[]) {
  return run(process.execPath, [eslintBin, ...args], project);
}

describe("eslint --max-warnings 0 as a CI gate", () => {
  it("fails on a finding", async () => {
    const { exitCode, stdout } = await eslint("--max-warnings", "0", ".");
    expect(exitCode).toBe(1);
    expect(stdout).toContain(path.join(project, "reported/ticker.ts"));
    expect(stdout).toMatch(/^ {2}8:5 {2}error {2}A timer that sends to sockets keeps this Durable Object awake.* {2}hibernation\/no-timers$/m);
    expect(stdout).toContain("1 problem (1 error, 0 warnings)");
  });

  it("passes a project with no finding", async () => {
    expect(await eslint("--max-warnings", "0", "clean")).toEqual({ exitCode: 0, stdout: "", stderr: "" });
  });

  it("fails on a finding that the project's config turned into a warning", async () => {
    const asWarning = ["--rule", JSON.stringify({ "hibernation/no-timers": "warn" })];
    expect((await eslint(...asWarning, ".")).exitCode).toBe(0);
    const gated = await eslint(...asWarning, "--max-warnings", "0", ".");
    expect(gated.exitCode).toBe(1);
    expect(gated.stderr).toContain("ESLint found too many warnings (maximum: 0).");
  });
});

describe("SARIF output through @microsoft/eslint-formatter-sarif", () => {
  const directory = mkdtempSync(path.join(tmpdir(), "hibernation-sarif-"));
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it("reports a finding as a result with its rule, location and a help link to the rule's doc page", async () => {
    const output = path.join(directory, "eslint.sarif");
    const { exitCode } = await eslint("--format", "@microsoft/eslint-formatter-sarif", "--output-file", output, ".");
    expect(exitCode).toBe(1);

    const sarif = JSON.parse(readFileSync(output, "utf8")) as SarifLog;
    expect(sarif.version).toBe("2.1.0");
    const [sarifRun] = sarif.runs;
    expect(sarifRun?.tool.driver.rules).toEqual([
      {
        id: "hibernation/no-timers",
        helpUri: `${REPOSITORY_URL}/blob/main/docs/rules/no-timers.md`,
        properties: {},
        shortDescription: { text: "Disallow timers that keep a hibernating Durable Object awake" },
      },
    ]);
    expect(sarifRun?.results).toEqual([
      {
        level: "error",
        message: {
          text: expect.stringMatching(/^A timer that sends to sockets keeps this Durable Object awake, so it never hibernates\./),
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: pathToFileURL(path.join(project, "reported/ticker.ts")).href, index: expect.any(Number) },
              region: { startLine: 8, startColumn: 5, endLine: 8, endColumn: 16 },
            },
          },
        ],
        ruleId: "hibernation/no-timers",
        ruleIndex: 0,
      },
    ]);
  });
});

/** The parts of a SARIF 2.1.0 log the test reads. */
interface SarifLog {
  readonly version: string;
  readonly runs: readonly {
    readonly tool: { readonly driver: { readonly rules: readonly unknown[] } };
    readonly results: readonly unknown[];
  }[];
}
