import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "tsdown";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/audit/cli.js";
import { PROGRESS_MIN_FILES } from "../../src/audit/progress.js";
import type { AuditReport } from "../../src/audit/format-json.js";
import { REPOSITORY_URL } from "../../src/util/repository.js";
import { root } from "../doc-examples.js";

/** The command is built as it is published (without type declarations), away from dist/. */
const buildDirectory = path.join(root, "node_modules/.cache/hibernation-audit-test");
const bin = path.join(buildDirectory, "audit.mjs");
const workerProject = path.join(root, "tests/fixtures/worker-project");
const temporary = mkdtempSync(path.join(os.tmpdir(), "hibernation-audit-"));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function audit(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  // Colours are decided by the test, not by the environment it runs in.
  const inherited = Object.entries(process.env).filter(([name]) => name !== "NO_COLOR" && name !== "FORCE_COLOR");
  const env = { ...Object.fromEntries(inherited), ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd ?? root, env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The same command in this process, from its TypeScript source: most cases need no new process. */
async function auditHere(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: { isTTY: false, write: (text: string) => (stdout += text) },
    stderr: { isTTY: false, write: (text: string) => (stderr += text) },
    env: options.env ?? {},
    cwd: options.cwd ?? root,
  });
  return { code, stdout, stderr };
}

function project(name: string, files: Readonly<Record<string, string>>): string {
  const directory = path.join(temporary, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
    writeFileSync(path.join(directory, file), text);
  }
  return directory;
}

/** The text report up to the findings: one block of three lines per Durable Object. */
function durableObjectSection(stdout: string): string[] {
  const lines = stdout.split("\n");
  const end = lines.findIndex((line) => line.startsWith("/") || /^(No Durable Object|\d+ Durable Object)/.test(line));
  return lines.slice(0, end).filter((line) => line !== "");
}

const PINNING_TIMER = `import { DurableObject } from "cloudflare:workers";

export class Ticker extends DurableObject {
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    setInterval(() => server.send("tick"), 1000);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    ws.send(message);
  }
}
`;

/** Enough modules for a progress line, were stderr a terminal. */
const GENERATED_MODULES = Object.fromEntries(
  Array.from({ length: PROGRESS_MIN_FILES }, (_, index) => [`src/generated/module-${index}.ts`, `export const value${index} = ${index};\n`]),
);

/**
 * A Worker with nothing to report, whatever its own ESLint setup: an ESLint config that
 * throws if loaded, directives for rules it does not run, a finding silenced by a directive,
 * and pinning code where the audit does not look (installed packages, build output, hidden
 * directories, declaration files). It is large enough for a progress line on a terminal.
 */
const CLEAN_PROJECT = {
  ...GENERATED_MODULES,
  "package.json": JSON.stringify({ name: "clean-worker", private: true, type: "module" }),
  "eslint.config.js": `throw new Error("the project's own ESLint config was loaded");\n`,
  "src/index.ts": `/* eslint no-console: "error" */
export { Room, Child, Counter } from "./room";
export { Ticker } from "./muted";

export default {
  async fetch(request: Request, env: { ROOM: DurableObjectNamespace }): Promise<Response> {
    // eslint-disable-next-line no-console
    console.log(request.url);
    return env.ROOM.get(env.ROOM.idFromName("lobby")).fetch(request);
  },
};
`,
  "src/room.ts": `import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    ws.send(message);
  }
}

export class Child extends Room {}

export class Counter extends DurableObject {
  async fetch(): Promise<Response> {
    const count = ((await this.ctx.storage.get<number>("count")) ?? 0) + 1;
    await this.ctx.storage.put("count", count);
    return new Response(String(count));
  }
}
`,
  "src/echo.js": `import { DurableObject } from "cloudflare:workers";

export default class extends DurableObject {
  webSocketMessage(ws, message) {
    ws.send(message);
  }
}
`,
  "src/muted.ts": PINNING_TIMER.replace("    setInterval(", "    // eslint-disable-next-line hibernation/no-timers\n    setInterval("),
  "src/worker-configuration.d.ts": "declare class Env {}\n",
  "node_modules/ticker/index.ts": PINNING_TIMER,
  "dist/index.ts": PINNING_TIMER,
  "build/index.ts": PINNING_TIMER,
  ".wrangler/tmp/index.ts": PINNING_TIMER,
};

let cleanProject: string;

beforeAll(async () => {
  await build({
    config: path.join(root, "tsdown.config.ts"),
    cwd: root,
    outDir: buildDirectory,
    dts: false,
    logLevel: "error",
  });
  cleanProject = project("clean", CLEAN_PROJECT);
}, 60_000);

afterAll(() => {
  rmSync(temporary, { recursive: true, force: true });
});

describe.concurrent("hibernation-audit", () => {
  it("lists each Durable Object of examples/ with whether it hibernates, then the findings, and exits 1", async () => {
    const { code, stdout, stderr } = await audit(["examples/"]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const summary = durableObjectSection(stdout);
    expect(summary.filter((line) => !line.startsWith("  findings"))).toEqual([
      "ChatRoom  examples/src/chat-room.ts:21",
      "  hibernates  yes, accepts its sockets with acceptWebSocket()",
      "Cursors  examples/src/cursors.ts:9",
      "  hibernates  yes, sets static options = { hibernate: true }, so partyserver accepts its connections for hibernation",
      "GameLobby  examples/src/game-lobby.ts:20",
      "  hibernates  yes, accepts its sockets with acceptWebSocket()",
      "LegacyCounter  examples/src/legacy-counter.js:6",
      "  hibernates  no, accepts its sockets with the standard accept(), which keeps it in memory while any is connected",
      "Poll  examples/src/poll.ts:6",
      "  hibernates  no, a partyserver Server without static options = { hibernate: true }, which accepts its connections with accept() and stays in memory while any is connected",
      "Presence  examples/src/presence.ts:12",
      "  hibernates  yes, accepts its sockets with acceptWebSocket()",
      "Relay  examples/src/relay.js:6",
      "  hibernates  no, accepts its sockets with the standard accept(), which keeps it in memory while any is connected",
    ]);
    expect(summary.filter((line) => line.startsWith("  findings"))).toHaveLength(7);
    for (const line of summary.filter((line) => line.startsWith("  findings"))) {
      expect(line).toMatch(/^ {2}findings {4}\d+: [a-z-]+ \d+(, [a-z-]+ \d+)*$/);
    }
    expect(stdout).toContain(`${path.join(root, "examples/src/chat-room.ts")}\n`);
    expect(stdout).toMatch(/ {2}\d+:\d+ +error +.+ +hibernation\/no-timers\n/);
    expect(stdout.trimEnd().split("\n").at(-1)).toMatch(/^7 Durable Objects, 4 hibernating, in 8 files: \d+ findings\.$/);
  });

  it("counts the findings of each Durable Object, also in the module-level functions it calls", async () => {
    const { code, stdout } = await auditHere([workerProject]);
    expect(code).toBe(1);
    const relative = path.relative(root, workerProject);
    expect(durableObjectSection(stdout)).toEqual([
      `Chat  ${relative}/src/chat.ts:9`,
      "  hibernates  yes, accepts its sockets with acceptWebSocket()",
      "  findings    1: require-session-restore 1",
      `Lobby  ${relative}/src/lobby.ts:3`,
      "  hibernates  yes, accepts its sockets with acceptWebSocket()",
      "  findings    3: no-outgoing-websocket 1, no-timers 1, no-websocket-listeners 1",
      `Ticker  ${relative}/src/ticker.mjs:1`,
      "  hibernates  no, accepts its sockets with the standard accept(), which keeps it in memory while any is connected",
      "  findings    2: no-standard-accept 1, no-websocket-listeners 1",
    ]);
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("3 Durable Objects, 2 hibernating, in 5 files: 6 findings.");
  });

  it("exits 0 on a clean project, whatever its own ESLint setup, skips what the project does not run, and shows no progress off a terminal", async () => {
    const { code, stdout, stderr } = await audit([], { cwd: cleanProject });
    expect(stderr).toBe("");
    expect(stdout).toBe(
      [
        "(anonymous class)  src/echo.js:3",
        "  hibernates  yes, defines webSocketMessage()",
        "  findings    none",
        "",
        "Ticker  src/muted.ts:3",
        "  hibernates  yes, accepts its sockets with acceptWebSocket()",
        "  findings    none",
        "",
        "Room  src/room.ts:3",
        "  hibernates  yes, accepts its sockets with acceptWebSocket()",
        "  findings    none",
        "",
        "Child  src/room.ts:15",
        "  hibernates  yes, extends Room, which hibernates",
        "  findings    none",
        "",
        "Counter  src/room.ts:17",
        "  hibernates  no, never calls acceptWebSocket()",
        "  findings    none",
        "",
        `5 Durable Objects, 4 hibernating, in ${PROGRESS_MIN_FILES + 5} files: no findings.`,
        "",
      ].join("\n"),
    );
    expect(code).toBe(0);
  });

  it("exits 1 when a file cannot be parsed, and says so", async () => {
    const directory = project("unparsable", {
      "package.json": "{}",
      "src/ticker.ts": PINNING_TIMER.replace(/ {4}setInterval.*\n/, ""),
      "src/broken.js": "export const = 1;\n",
    });
    const text = await auditHere([directory]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/ {2}1:\d+ +error +Parsing error: /);
    expect(text.stdout.trimEnd().split("\n").at(-1)).toBe(
      "1 Durable Object, 1 hibernating, in 2 files: no findings; 1 file could not be parsed.",
    );
    const json = await auditHere(["--format", "json", directory]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as AuditReport;
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([
      {
        file: "src/broken.js",
        line: 1,
        column: expect.any(Number) as number,
        message: expect.stringMatching(/^Parsing error: /) as string,
      },
    ]);
  });

  it("prints the documented JSON shape with --format json", async () => {
    const { code, stdout, stderr } = await auditHere(["--format", "json", workerProject]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as AuditReport;
    const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
    expect(report).toMatchObject({
      formatVersion: 1,
      tool: { name: "hibernation-audit", version: packageJson.version },
      root: workerProject,
      filesLinted: 5,
      errors: [],
    });
    expect(report.durableObjects).toEqual([
      {
        name: "Chat",
        file: "src/chat.ts",
        line: 9,
        column: 14,
        recognisedBy: "extendsDurableObject",
        hibernates: true,
        reason: "acceptWebSocket",
        explanation: "accepts its sockets with acceptWebSocket()",
        findingCounts: { "hibernation/require-session-restore": 1 },
      },
      {
        name: "Lobby",
        file: "src/lobby.ts",
        line: 3,
        column: 14,
        recognisedBy: "extendsDurableObject",
        hibernates: true,
        reason: "acceptWebSocket",
        explanation: "accepts its sockets with acceptWebSocket()",
        findingCounts: {
          "hibernation/no-outgoing-websocket": 1,
          "hibernation/no-timers": 1,
          "hibernation/no-websocket-listeners": 1,
        },
      },
      {
        name: "Ticker",
        file: "src/ticker.mjs",
        line: 1,
        column: 14,
        recognisedBy: "stateConstructor",
        hibernates: false,
        reason: "standardAccept",
        explanation:
          "accepts its sockets with the standard accept(), which keeps it in memory while any is connected",
        findingCounts: { "hibernation/no-standard-accept": 1, "hibernation/no-websocket-listeners": 1 },
      },
    ]);
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.durableObjects.join(",")}`)).toEqual([
      "src/chat.ts:14:5 hibernation/require-session-restore 0",
      "src/lobby.ts:7:5 hibernation/no-websocket-listeners 1",
      "src/lobby.ts:25:3 hibernation/no-timers 1",
      "src/lobby.ts:28:16 hibernation/no-outgoing-websocket 1",
      "src/ticker.mjs:10:5 hibernation/no-standard-accept 2",
      "src/ticker.mjs:11:5 hibernation/no-websocket-listeners 2",
    ]);
    for (const finding of report.findings) {
      expect(finding.helpUri).toBe(`${REPOSITORY_URL}/blob/main/docs/rules/${finding.ruleId.slice("hibernation/".length)}.md`);
      expect(finding.message).toMatch(/\.$/);
      expect(finding.endLine).toEqual(expect.any(Number));
      expect(finding.endColumn).toEqual(expect.any(Number));
    }
  });

  it("prints SARIF 2.1.0 for code scanning with --format sarif, each rule linking to its docs", async () => {
    const { code, stdout, stderr } = await audit(["--format", "sarif", workerProject]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string; shortDescription: { text: string } }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs).toHaveLength(1);
    const [run] = sarif.runs;
    const rules = run?.tool.driver.rules ?? [];
    expect(rules.map((rule) => rule.id).sort()).toEqual([
      "hibernation/no-outgoing-websocket",
      "hibernation/no-standard-accept",
      "hibernation/no-timers",
      "hibernation/no-websocket-listeners",
      "hibernation/require-session-restore",
    ]);
    for (const rule of rules) {
      expect(rule.helpUri).toBe(`${REPOSITORY_URL}/blob/main/docs/rules/${rule.id.slice("hibernation/".length)}.md`);
      expect(rule.shortDescription.text).toMatch(/^(Enforce|Require|Disallow) /);
    }
    const results = run?.results ?? [];
    expect(
      results.map((result) => {
        const { artifactLocation, region } = result.locations[0]?.physicalLocation ?? {};
        return `${path.relative(workerProject, new URL(artifactLocation?.uri ?? "").pathname)}:${region?.startLine}:${region?.startColumn} ${result.ruleId}`;
      }),
    ).toEqual([
      "src/chat.ts:14:5 hibernation/require-session-restore",
      "src/lobby.ts:7:5 hibernation/no-websocket-listeners",
      "src/lobby.ts:25:3 hibernation/no-timers",
      "src/lobby.ts:28:16 hibernation/no-outgoing-websocket",
      "src/ticker.mjs:10:5 hibernation/no-standard-accept",
      "src/ticker.mjs:11:5 hibernation/no-websocket-listeners",
    ]);
    for (const result of results) {
      expect(result.level).toBe("error");
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.message.text).not.toBe("");
    }
  });

  it("prints plain text when stdout is not a terminal, and colours only when asked", async () => {
    const plain = await auditHere([workerProject]);
    expect(plain.stdout).not.toMatch(/\u001B\[/);
    const forced = await auditHere([workerProject], { env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain("\u001B[1mChat\u001B[22m");
    const refused = await auditHere([workerProject], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(refused.stdout).toBe(plain.stdout);
  });

  it.each([
    [["--bogus"], "unknown option --bogus"],
    [["--format", "xml", "examples"], 'unknown format "xml" (use text, json or sarif)'],
    [["--format"], "argument missing"],
    [["examples", "tests"], "expected one directory, got 2: examples tests"],
    [["no-such-directory"], `no such file or directory: ${path.join(root, "no-such-directory")}`],
    [["package.json"], `not a directory, nor a JavaScript or TypeScript file: ${path.join(root, "package.json")}`],
    [["docs"], `no JavaScript or TypeScript file to lint in ${path.join(root, "docs")}`],
  ])("exits 2 on %j with a clear message", async (args, problem) => {
    const { code, stdout, stderr } = await auditHere(args);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(problem);
    expect(stderr).toContain('Run "hibernation-audit --help" for usage.');
  });

  it("exits 2 from the shell on a usage error", async () => {
    const { code, stdout, stderr } = await audit(["--bogus"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe('hibernation-audit: unknown option --bogus\nRun "hibernation-audit --help" for usage.\n');
  });

  it("prints its usage with --help and its version with --version", async () => {
    const help = await auditHere(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: hibernation-audit \[options\] \[dir\]\n/);
    expect(help.stdout).toContain("-f, --format <format>  text (the default), json or sarif");
    const version = await auditHere(["--version"]);
    const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
    expect(version).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: "" });
  });
});
