import { readFileSync } from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";
import { root } from "./doc-examples.js";
import { recommendedFindings } from "./recommended.js";

const linter = new Linter({ configType: "flat" });
const MIGRATION = "migrateToHibernation";

/**
 * Applies the migration to hibernation that the recommended config suggests in `code`.
 * Every report that offers it offers the same edit, which is applied once; undefined when
 * nothing offers it.
 */
function migrate(code: string, filename: string): string | undefined {
  const messages = linter.verify(code, [plugin.configs.recommended as Linter.Config], { filename });
  const fixes = messages.flatMap((message) =>
    (message.suggestions ?? []).filter((suggestion) => suggestion.messageId === MIGRATION).map((suggestion) => suggestion.fix),
  );
  const [fix] = fixes;
  if (!fix) {
    return undefined;
  }
  for (const other of fixes) {
    expect(other, "every report offers the same migration").toEqual(fix);
  }
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

/** Parses `code` with ESLint's own parser, as a plain JavaScript project would: the fatal error, if any. */
function javaScriptParseError(code: string): string | undefined {
  return linter
    .verify(code, [{ files: ["**/*.js"], languageOptions: { ecmaVersion: "latest", sourceType: "module" } }], { filename: "file.js" })
    .find((message) => message.fatal)?.message;
}

describe("the examples project's standard-API counter", () => {
  const filename = path.join(root, "examples/src/legacy-counter.js");
  const code = readFileSync(filename, "utf8");

  it("is reported only for its standard accept and its listeners before the migration", () => {
    expect(new Set(recommendedFindings(code, filename).map((finding) => finding.split(" ")[1]))).toEqual(
      new Set(["hibernation/no-standard-accept", "hibernation/no-websocket-listeners"]),
    );
  });

  it("migrates into a hibernating object that the recommended config does not report", () => {
    const migrated = migrate(code, filename);
    expect(migrated).toBeDefined();
    expect(recommendedFindings(migrated ?? "", filename)).toEqual([]);
    expect(javaScriptParseError(migrated ?? "")).toBeUndefined();
    expect(migrated).toContain("this.state.acceptWebSocket(server)");
    expect(migrated).toContain("async webSocketMessage(ws, message)");
    expect(migrated).toContain("this.state.getWebSockets()");
  });

  it("has nothing more to migrate once migrated", () => {
    const migrated = migrate(code, filename) ?? "";
    expect(migrate(migrated, filename)).toBeUndefined();
  });
});

describe.each(["no-standard-accept", "no-websocket-listeners"])("the migration shown in docs/rules/%s.md", (rule) => {
  const [before, after] = migrationBlocks(rule);

  it("is what the suggestion makes of the code before it", () => {
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect(migrate(before?.code ?? "", before?.filename ?? "")).toBe(after?.code);
  });

  it("is code that the recommended config does not report", () => {
    expect(recommendedFindings(after?.code ?? "", after?.filename)).toEqual([]);
  });
});

/** The code blocks of a rule's "Migrating to hibernation" section, in order: before, then after. */
function migrationBlocks(rule: string): { code: string; filename: string }[] {
  const lines = readFileSync(path.join(root, "docs/rules", `${rule}.md`), "utf8").split("\n");
  const start = lines.indexOf("## Migrating to hibernation");
  const end = lines.findIndex((line, index) => index > start && line.startsWith("## "));
  const blocks: { code: string; filename: string }[] = [];
  for (let index = start; index < end; index++) {
    const fence = /^```(ts|js)$/.exec(lines[index] ?? "");
    if (fence) {
      const close = lines.indexOf("```", index + 1);
      blocks.push({ code: `${lines.slice(index + 1, close).join("\n")}\n`, filename: `example.${fence[1] ?? "ts"}` });
      index = close;
    }
  }
  return blocks;
}
