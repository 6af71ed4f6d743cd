import { cpSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ESLint as ESLint10 } from "eslint";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import plugin from "../src/index.js";
import { CONFIG_LOOKUP_TRUSTED_MS, wranglerConfigFor } from "../src/project/wrangler.js";
import { root } from "./doc-examples.js";
import { ESLINT_VERSIONS } from "./eslint-versions.js";

const fixtures = path.join(root, "tests/fixtures/wrangler");

/** `file:line rule` for every finding of the recommended config in `directory`. */
async function findings(
  ESLint: typeof ESLint10,
  directory: string,
  settings: Record<string, unknown> = {},
): Promise<string[]> {
  const eslint = new ESLint({
    cwd: directory,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended as never, { settings }],
  });
  const results = await eslint.lintFiles(["."]);
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) => `${path.relative(directory, result.filePath)}:${message.line} ${message.ruleId ?? message.message}`,
      ),
    )
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(ESLINT_VERSIONS)("Durable Objects named only in the wrangler config, with ESLint %s", (_version, ESLint) => {
  it("reads wrangler.toml, and leaves out the classes of other Workers (script_name)", async () => {
    expect(await findings(ESLint, path.join(fixtures, "toml-worker"))).toEqual([
      "src/index.js:5 hibernation/no-standard-accept",
      "src/index.js:6 hibernation/no-websocket-listeners",
    ]);
  });

  it("reads wrangler.jsonc with comments and trailing commas, environment blocks and renamed classes", async () => {
    expect(await findings(ESLint, path.join(fixtures, "jsonc-worker"))).toEqual([
      "src/index.ts:6 hibernation/no-standard-accept",
      "src/index.ts:14 hibernation/no-standard-accept",
      "src/index.ts:22 hibernation/no-standard-accept",
    ]);
  });

  it("gives each Worker of a monorepo its own config", async () => {
    expect(await findings(ESLint, path.join(fixtures, "monorepo"))).toEqual([
      "workers/chat/src/index.js:4 hibernation/no-standard-accept",
      "workers/game/src/index.js:13 hibernation/no-standard-accept",
    ]);
  });

  it("goes on with what the code shows when the config is broken", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(await findings(ESLint, path.join(fixtures, "broken"))).toEqual(["src/index.js:10 hibernation/no-standard-accept"]);
  });

  it("reads the config the settings name, or none", async () => {
    const configFile = path.join(fixtures, "toml-worker/wrangler.toml");
    const monorepoGame = path.join(fixtures, "monorepo/workers/game");
    expect(await findings(ESLint, monorepoGame, { hibernation: { wranglerConfig: configFile } })).toEqual([]);
    expect(await findings(ESLint, path.join(fixtures, "toml-worker"), { hibernation: { wranglerConfig: false } })).toEqual([]);
  });
});

describe("the config cache", () => {
  const directories: string[] = [];
  // Only the clock the cache reads is faked; file times and ESLint's timers stay real.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(() => {
    for (const directory of directories) {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  function project(fixture = "toml-worker"): string {
    const directory = mkdtempSync(path.join(tmpdir(), "hibernation-wrangler-"));
    directories.push(directory);
    cpSync(path.join(fixtures, fixture), directory, { recursive: true });
    return directory;
  }

  // A copy, so that no earlier lint of the fixture has given the warning already.
  it("warns once about a broken config", async () => {
    const directory = project("broken");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await findings(ESLint10, directory);
    await findings(ESLint10, directory);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe(
      `eslint-plugin-hibernation: cannot read ${path.join(directory, "wrangler.jsonc")}: comma expected at line 5, column 3. Durable Objects named only in this config are not recognised until it is fixed.`,
    );
  });

  /** Moves the cache's clock past the time it trusts an answer. */
  function later(): void {
    vi.setSystemTime(Date.now() + CONFIG_LOOKUP_TRUSTED_MS);
  }

  it("sees a changed config once it no longer trusts the last answer", async () => {
    const directory = project();
    const source = path.join(directory, "src/index.js");
    expect(wranglerConfigFor(source)?.durableObjectClasses).toEqual(new Set(["Echo"]));
    writeFileSync(
      path.join(directory, "wrangler.toml"),
      '[[durable_objects.bindings]]\nname = "ECHO"\nclass_name = "Session"\n',
    );
    // File systems with a coarse clock could give the rewrite the old time.
    utimesSync(path.join(directory, "wrangler.toml"), new Date(), new Date(Date.now() + 5000));
    // The files of one directory linted in a row share one look at the file system.
    expect(wranglerConfigFor(source)?.durableObjectClasses).toEqual(new Set(["Echo"]));
    later();
    expect(wranglerConfigFor(source)?.durableObjectClasses).toEqual(new Set(["Session"]));
    expect(await findings(ESLint10, directory)).toEqual(["src/index.js:15 hibernation/no-standard-accept"]);
  });

  it("sees a config added next to the file, closer than the one it used", () => {
    const directory = project();
    const source = path.join(directory, "src/index.js");
    expect(wranglerConfigFor(source)?.file).toBe(path.join(directory, "wrangler.toml"));
    writeFileSync(path.join(directory, "src/wrangler.json"), '{ "durable_objects": { "bindings": [] } }');
    utimesSync(path.join(directory, "src"), new Date(), new Date(Date.now() + 5000));
    later();
    expect(wranglerConfigFor(source)?.file).toBe(path.join(directory, "src/wrangler.json"));
  });

  it("sees a config removed", () => {
    const directory = project();
    const source = path.join(directory, "src/index.js");
    expect(wranglerConfigFor(source)?.file).toBe(path.join(directory, "wrangler.toml"));
    rmSync(path.join(directory, "wrangler.toml"));
    utimesSync(directory, new Date(), new Date(Date.now() + 5000));
    later();
    expect(wranglerConfigFor(source)).toBeUndefined();
  });

  it("asks the file system again when the clock is set back", () => {
    const directory = project();
    const source = path.join(directory, "src/index.js");
    expect(wranglerConfigFor(source)?.file).toBe(path.join(directory, "wrangler.toml"));
    writeFileSync(path.join(directory, "src/wrangler.json"), '{ "durable_objects": { "bindings": [] } }');
    utimesSync(path.join(directory, "src"), new Date(), new Date(Date.now() + 5000));
    vi.setSystemTime(Date.now() - 60_000);
    expect(wranglerConfigFor(source)?.file).toBe(path.join(directory, "src/wrangler.json"));
  });

  it("reads the compatibility date and flags", () => {
    expect(wranglerConfigFor(path.join(fixtures, "toml-worker/src/index.js"))).toMatchObject({
      compatibilityDate: "2026-03-03",
      compatibilityFlags: ["nodejs_compat"],
    });
  });

  it("stops at the project root", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "hibernation-wrangler-"));
    directories.push(directory);
    writeFileSync(path.join(directory, "wrangler.toml"), 'name = "outer"\n');
    cpSync(path.join(fixtures, "broken/package.json"), path.join(directory, "inner/package.json"), { recursive: true });
    expect(wranglerConfigFor(path.join(directory, "inner/index.js"))).toBeUndefined();
  });
});
