import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { docExamples, root } from "../doc-examples.js";
import { run } from "./run.js";

const oxlintBin = path.join(root, "node_modules/oxlint/bin/oxlint");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

/** The README's code block in `language` that contains `marker`. */
function readmeBlock(language: string, marker: string): string {
  const block = [...readme.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm"))]
    .map((match) => match[1] ?? "")
    .find((code) => code.includes(marker));
  if (block === undefined) {
    throw new Error(`README.md has no \`\`\`${language} block with ${marker}`);
  }
  return block;
}

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) {
    rmSync(directory, { recursive: true, force: true });
  }
});

/**
 * A project that installed the plugin: `eslint-plugin-hibernation` resolves to this
 * repository (through its package.json `exports`, so to the build in dist/). It holds
 * `files` and an `.oxlintrc.json` that loads the plugin with `config`; its package.json marks
 * the project root, so that no wrangler config around the temporary directory is read.
 */
function oxlintProject(
  files: Readonly<Record<string, string>>,
  config: Readonly<Record<string, unknown>> = {},
): { directory: string; configFile: string } {
  const directory = mkdtempSync(path.join(tmpdir(), "hibernation-oxlint-"));
  directories.push(directory);
  mkdirSync(path.join(directory, "node_modules"));
  symlinkSync(root, path.join(directory, "node_modules/eslint-plugin-hibernation"), "dir");
  for (const [name, text] of Object.entries({ "package.json": "{}", ...files })) {
    mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
    writeFileSync(path.join(directory, name), text);
  }
  const configFile = path.join(directory, ".oxlintrc.json");
  writeFileSync(configFile, JSON.stringify({ jsPlugins: ["eslint-plugin-hibernation"], ...config }));
  return { directory, configFile };
}

async function oxlint(configFile: string, cwd: string, target: string): Promise<OxlintReport> {
  const { exitCode, stdout, stderr } = await run(process.execPath, [oxlintBin, "-c", configFile, "--format", "json", target], cwd);
  if (exitCode > 1) {
    throw new Error(`oxlint failed with exit code ${exitCode}: ${stderr}${stdout}`);
  }
  return JSON.parse(stdout) as OxlintReport;
}

/** `file:line:column rule message` for each finding of the plugin that oxlint reports in `target`. */
async function oxlintFindings(configFile: string, cwd: string, target: string): Promise<string[]> {
  const report = await oxlint(configFile, cwd, target);
  return report.diagnostics
    .flatMap((diagnostic) => {
      const rule = /^hibernation\((.+)\)$/.exec(diagnostic.code)?.[1];
      const offset = diagnostic.labels[0]?.span.offset;
      if (rule === undefined || offset === undefined) {
        return [];
      }
      const { line, column } = positionAt(readFileSync(path.join(cwd, diagnostic.filename), "utf8"), offset);
      return [`${diagnostic.filename}:${line}:${column} hibernation/${rule} ${diagnostic.message}`];
    })
    .sort();
}

/**
 * ESLint's line and column (UTF-16 code units, from 1) of a UTF-8 byte offset, the unit of
 * oxlint's spans.
 */
function positionAt(text: string, byteOffset: number): { line: number; column: number } {
  const lines = Buffer.from(text).subarray(0, byteOffset).toString("utf8").split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

async function eslintFindings(config: Linter.Config, cwd: string, target: string): Promise<string[]> {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [config] });
  const results = await eslint.lintFiles([target]);
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${path.relative(cwd, result.filePath)}:${message.line}:${message.column} ${message.ruleId} ${message.message}`,
      ),
    )
    .sort();
}

describe("the .oxlintrc.json of the README", () => {
  const config = JSON.parse(readmeBlock("json", '"jsPlugins"')) as { jsPlugins: string[]; rules: Record<string, string> };

  it("loads the plugin by its package name and enables the recommended rules", () => {
    expect(config.jsPlugins).toEqual(["eslint-plugin-hibernation"]);
    expect(config.rules).toEqual(plugin.configs.recommended.rules);
  });

  it("makes oxlint report on examples/ what ESLint reports, with the same messages", async () => {
    const { configFile } = oxlintProject({}, config);
    const expected = await eslintFindings(plugin.configs.recommended, root, "examples");
    expect(new Set(expected.map((finding) => finding.split(" ")[1]))).toEqual(
      new Set(Object.keys(plugin.configs.recommended.rules ?? {})),
    );
    expect(await oxlintFindings(configFile, root, "examples")).toEqual(expected);
  });
});

it("reports with the oxlint.config.js of the README what ESLint reports", async () => {
  const { directory } = oxlintProject({
    "package.json": JSON.stringify({ type: "module" }),
    "oxlint.config.js": readmeBlock("js", "jsPlugins"),
  });
  const findings = await oxlintFindings(path.join(directory, "oxlint.config.js"), root, "examples");
  expect(findings).toEqual(await eslintFindings(plugin.configs.recommended, root, "examples"));
});

it("reports every rule's doc examples as ESLint does", async () => {
  const files = Object.fromEntries(
    Object.keys(plugin.rules).flatMap((rule) =>
      docExamples(rule).map((example) => [`examples/${rule}-${example.line}.${example.language}`, `${example.code}\n`]),
    ),
  );
  expect(Object.keys(files).length).toBeGreaterThan(Object.keys(plugin.rules).length * 2);
  const { directory, configFile } = oxlintProject(files, { rules: plugin.configs.all.rules });

  const expected = await eslintFindings(plugin.configs.all, directory, "examples");
  expect(new Set(expected.map((finding) => finding.split(" ")[1]))).toEqual(new Set(Object.keys(plugin.configs.all.rules ?? {})));
  expect(await oxlintFindings(configFile, directory, "examples")).toEqual(expected);
});

it("reads settings.hibernation from the oxlint config", async () => {
  const settings = { hibernation: { durableObjects: ["Relay"] } };
  // A Durable Object only because the settings say so: nothing in its code shows it.
  const relay = `export class Relay {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}
`;
  const { directory, configFile } = oxlintProject(
    { "relay.js": relay },
    { settings, rules: { "hibernation/no-standard-accept": "error" } },
  );

  const expected = await eslintFindings({ ...plugin.configs.recommended, settings }, directory, "relay.js");
  expect(expected).toEqual([expect.stringMatching(/^relay\.js:4:5 hibernation\/no-standard-accept /)]);
  expect(await oxlintFindings(configFile, directory, "relay.js")).toEqual(expected);
});

it("applies a suggestion with --fix-suggestions as ESLint's suggestion does", async () => {
  const code = `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}
`;
  const { directory, configFile } = oxlintProject(
    { "room.ts": code },
    { rules: { "hibernation/no-standard-accept": "error" } },
  );

  const eslint = new ESLint({ cwd: directory, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
  const [result] = await eslint.lintFiles(["room.ts"]);
  const fix = result?.messages[0]?.suggestions?.[0]?.fix;
  expect(fix).toBeDefined();
  const suggested = `${code.slice(0, fix?.range[0])}${fix?.text}${code.slice(fix?.range[1])}`;
  expect(suggested).toContain("    this.ctx.acceptWebSocket(server);\n");

  await run(process.execPath, [oxlintBin, "-c", configFile, "--fix-suggestions", "room.ts"], directory);
  expect(readFileSync(path.join(directory, "room.ts"), "utf8")).toBe(suggested);
});

it("counts columns in UTF-8 bytes where ESLint counts UTF-16 code units, as the README says", async () => {
  const ticker = `import { DurableObject } from "cloudflare:workers";
export class Ticker extends DurableObject {
  async webSocketMessage(ws: WebSocket) {
    const note = "déjà vu"; setInterval(() => ws.send(note), 1000);
  }
}
`;
  const { directory, configFile } = oxlintProject({ "ticker.ts": ticker }, { rules: { "hibernation/no-timers": "error" } });

  const [eslintFinding] = await eslintFindings(plugin.configs.recommended, directory, "ticker.ts");
  expect(eslintFinding).toMatch(/^ticker\.ts:4:29 hibernation\/no-timers /);
  const [diagnostic] = (await oxlint(configFile, directory, "ticker.ts")).diagnostics;
  expect(diagnostic?.labels[0]?.span).toMatchObject({ line: 4, column: 31 });
  expect(await oxlintFindings(configFile, directory, "ticker.ts")).toEqual([eslintFinding]);
});

/** The parts of oxlint's `--format json` output the tests read. */
interface OxlintReport {
  readonly diagnostics: readonly {
    readonly code: string;
    readonly message: string;
    readonly filename: string;
    readonly labels: readonly { readonly span: { readonly offset: number; readonly line: number; readonly column: number } }[];
  }[];
}
