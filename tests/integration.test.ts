import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";
import { root } from "./doc-examples.js";
import { ESLINT_VERSIONS } from "./eslint-versions.js";

const project = path.join(root, "tests/fixtures/worker-project");

describe.each(ESLINT_VERSIONS)("with ESLint %s", (_version, ESLint) => {
  const eslint = new ESLint({
    cwd: project,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended as never],
  });

  it("lints a Worker project through ESLint with the recommended config", async () => {
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

  // Serializing the config (as `--print-config` and `--cache` do) needs the plugin's and the parser's `meta`.
  it.each(["recommended", "strict", "all"] as const)("loads the %s config, serializable", async (name) => {
    const eslintWithConfig = new ESLint({ cwd: project, overrideConfigFile: true, overrideConfig: [plugin.configs[name] as never] });
    const config = (await eslintWithConfig.calculateConfigForFile("src/chat.ts")) as { rules: Record<string, unknown> };
    expect(Object.keys(config.rules).sort()).toEqual(Object.keys(plugin.configs[name].rules ?? {}).sort());
    expect(JSON.parse(JSON.stringify(config))).toMatchObject({
      plugins: expect.arrayContaining([`hibernation:${plugin.meta.name}@${plugin.meta.version}`]),
      languageOptions: { parser: expect.stringMatching(/^typescript-eslint\/parser@/) },
    });
  });

  it("explains a lost session map in words a new user understands", async () => {
    const [result] = await eslint.lintFiles(["src/chat.ts"]);
    expect(result?.messages.map((message) => message.message)).toEqual([
      "`sessions` is empty after this Durable Object wakes from hibernation: the constructor runs again and only the WebSockets survive, so every connection made before the wake is missing from it. Refill it in the constructor by looping over `this.ctx.getWebSockets()` and reading each socket's data with `ws.deserializeAttachment()`, saved with `ws.serializeAttachment()` when it connected.",
    ]);
  });
});

it("runs on each ESLint major that peerDependencies allow, ESLint 9 at the lowest version allowed", () => {
  const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    peerDependencies: Record<string, string>;
  };
  expect(packageJson.peerDependencies.eslint).toBe("^9.0.0 || ^10.0.0");
  expect(ESLINT_VERSIONS.map(([version]) => version.split(".")[0])).toEqual(["10", "9"]);
  expect(ESLINT_VERSIONS.map(([version]) => version)).toContain("9.0.0");
});
