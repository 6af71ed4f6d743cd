import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { expect, it } from "vitest";
import plugin from "../src/index.js";

const project = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/worker-project");

it("lints a Worker project through ESLint with the recommended config", async () => {
  const eslint = new ESLint({
    cwd: project,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended as never],
  });
  const results = await eslint.lintFiles(["."]);
  const findings = results
    .flatMap((result) =>
      result.messages.map(
        (message) => `${path.relative(project, result.filePath)}:${message.line}:${message.column} ${message.ruleId}`,
      ),
    )
    .sort();
  expect(results.map((result) => path.relative(project, result.filePath)).sort()).toEqual([
    "src/format.js",
    "src/index.ts",
    "src/lobby.ts",
    "src/ticker.mjs",
  ]);
  expect(findings).toEqual([
    "src/lobby.ts:25:3 hibernation/no-timers",
    "src/lobby.ts:28:16 hibernation/no-outgoing-websocket",
    "src/lobby.ts:7:5 hibernation/no-websocket-listeners",
    "src/ticker.mjs:10:5 hibernation/no-standard-accept",
    "src/ticker.mjs:11:5 hibernation/no-websocket-listeners",
  ]);
});
