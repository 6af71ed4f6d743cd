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
    "src/chat.ts",
    "src/format.js",
    "src/index.ts",
    "src/lobby.ts",
    "src/ticker.mjs",
  ]);
  expect(findings).toEqual([
    "src/chat.ts:14:5 hibernation/require-session-restore",
    "src/lobby.ts:25:3 hibernation/no-timers",
    "src/lobby.ts:28:16 hibernation/no-outgoing-websocket",
    "src/lobby.ts:7:5 hibernation/no-websocket-listeners",
    "src/ticker.mjs:10:5 hibernation/no-standard-accept",
    "src/ticker.mjs:11:5 hibernation/no-websocket-listeners",
  ]);
});

it("explains a lost session map in words a new user understands", async () => {
  const eslint = new ESLint({ cwd: project, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended as never] });
  const [result] = await eslint.lintFiles(["src/chat.ts"]);
  expect(result?.messages.map((message) => message.message)).toEqual([
    "`sessions` is empty after this Durable Object wakes from hibernation: the constructor runs again and only the WebSockets survive, so every connection made before the wake is missing from it. Refill it in the constructor by looping over `this.ctx.getWebSockets()` and reading each socket's data with `ws.deserializeAttachment()`, saved with `ws.serializeAttachment()` when it connected.",
  ]);
});
