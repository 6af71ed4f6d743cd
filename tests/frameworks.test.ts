import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";
import { root } from "./doc-examples.js";

const fixtures = path.join(root, "tests/fixtures/frameworks");

/** `file:line:column rule` for every finding of the recommended config in a fixture project. */
async function findings(project: string): Promise<string[]> {
  const directory = path.join(fixtures, project);
  const eslint = new ESLint({
    cwd: directory,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended as never],
  });
  const results = await eslint.lintFiles(["."]);
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${path.relative(directory, result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? message.message}`,
      ),
    )
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

describe("projects built on a framework, linted through ESLint", () => {
  it("finds the bugs of partyserver servers, and none in a correct y-partyserver document", async () => {
    expect(await findings("partyserver")).toEqual([
      "src/chat.ts:6:3 hibernation/require-session-restore",
      "src/chat.ts:9:12 hibernation/valid-tags",
      "src/chat.ts:14:5 hibernation/no-timers",
      "src/chat.ts:22:22 hibernation/valid-close",
      "src/chat.ts:25:9 hibernation/no-framework-handler-override",
      "src/cursors.ts:4:14 hibernation/require-hibernate-option",
    ]);
  });

  it("finds the bugs of an Agent in plain JavaScript, and none in a correct AIChatAgent", async () => {
    expect(await findings("agents")).toEqual([
      "src/assistant.js:7:11 hibernation/no-constructor-side-effects",
      "src/assistant.js:11:25 hibernation/valid-attachment",
      "src/assistant.js:15:5 hibernation/no-timers",
      "src/assistant.js:18:9 hibernation/no-framework-handler-override",
    ]);
  });

  it("reports Hono's upgradeWebSocket() inside a Durable Object, not in the Worker", async () => {
    expect(await findings("hono")).toEqual(["src/index.ts:13:5 hibernation/no-standard-accept"]);
  });

  it("speaks the framework's language", async () => {
    const eslint = new ESLint({
      cwd: path.join(fixtures, "partyserver"),
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended as never],
    });
    const [result] = await eslint.lintFiles(["src/cursors.ts"]);
    expect(result?.messages.map((message) => message.message)).toEqual([
      "Without `static options = { hibernate: true }`, partyserver accepts this server's WebSockets with `accept()` and event listeners, so the Durable Object never hibernates and is billed for every second a client stays connected. Add `static options = { hibernate: true };` to the class.",
    ]);
  });
});
