import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";
import { rules } from "../src/rules/index.js";
import { REPOSITORY_URL } from "../src/util/create-rule.js";
import { docExamples, lintExample, root } from "./doc-examples.js";
import { SCENARIOS } from "./runtime/scenarios.js";

const ruleFiles = readdirSync(path.join(root, "src/rules"))
  .filter((file) => file.endsWith(".ts") && file !== "index.ts")
  .map((file) => file.slice(0, -".ts".length));
const ruleEntries = Object.entries(rules);

describe("the plugin", () => {
  it("exports every rule file, in alphabetical order", () => {
    expect(Object.keys(plugin.rules)).toEqual([...ruleFiles].sort());
  });

  it("names itself", () => {
    const packageJson = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string };
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: "hibernation" });
  });

  it.each(["recommended", "strict", "all"] as const)("derives the %s config from docs.recommended", (name) => {
    const config = plugin.configs[name];
    expect(config.name).toBe(`hibernation/${name}`);
    const expected = ruleEntries
      .filter(([, rule]) => name !== "recommended" || rule.meta.docs?.recommended === "recommended")
      .map(([ruleName]) => `hibernation/${ruleName}`);
    expect(Object.keys(config.rules ?? {}).sort()).toEqual(expected.sort());
    expect(Object.values(config.rules ?? {}).every((level) => level === "error")).toBe(true);
  });
});

describe.each(ruleEntries)("%s", (name, rule) => {
  const { meta } = rule;

  it("links to its doc page, which exists", () => {
    expect(meta.docs?.url).toBe(`${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);
    expect(existsSync(path.join(root, "docs/rules", `${name}.md`))).toBe(true);
  });

  it("describes itself the plugin's way", () => {
    expect(meta.docs?.description).toMatch(/^(Enforce|Require|Disallow) /);
    expect(meta.docs?.description).not.toMatch(/\.$/);
    expect(Object.keys(meta)).toEqual(
      ["type", "docs", "fixable", "hasSuggestions", "messages", "schema", "defaultOptions"].filter((key) => key in meta),
    );
  });

  it("has messages that are sentences", () => {
    for (const [id, message] of Object.entries(meta.messages)) {
      expect(id).toMatch(/^[a-z][a-zA-Z]*$/);
      expect(message).toMatch(/^[A-Z`"]/);
      expect(message).toMatch(/\.$/);
    }
  });

  it("has a schema its default options satisfy", () => {
    const linter = new Linter({ configType: "flat" });
    const defaults = (meta as { defaultOptions?: unknown[] }).defaultOptions ?? [];
    expect(() =>
      linter.verify("const x = 1;", [
        {
          plugins: { hibernation: plugin },
          rules: { [`hibernation/${name}`]: ["error", ...defaults] as Linter.RuleEntry },
        },
      ]),
    ).not.toThrow();
    for (const schema of Array.isArray(meta.schema) ? meta.schema : []) {
      for (const [property, definition] of Object.entries((schema as { properties?: Record<string, object> }).properties ?? {})) {
        expect(definition, property).toHaveProperty("description");
        expect(definition, property).not.toHaveProperty("default");
      }
      expect((schema as { additionalProperties?: boolean }).additionalProperties).toBe(false);
    }
  });
});

const examples = ruleEntries.flatMap(([name]) => docExamples(name));

describe("doc examples", () => {
  it("name a runtime scenario that the workerd suite knows", () => {
    for (const example of examples) {
      expect(SCENARIOS, `docs/rules/${example.rule}.md:${example.line} needs \`\`\`ts runtime=<scenario>`).toHaveProperty(
        example.scenario ?? "(none)",
      );
    }
  });

  it("every rule shows at least one incorrect and one correct example", () => {
    for (const [name] of ruleEntries) {
      const kinds = new Set(examples.filter((example) => example.rule === name).map((example) => example.kind));
      expect([...kinds].sort(), name).toEqual(["correct", "incorrect"]);
    }
  });

  it.each(examples.map((example) => [`${example.rule} ${example.kind} (line ${example.line})`, example] as const))(
    "%s",
    async (_, example) => {
      const reported = await lintExample(example);
      if (example.kind === "incorrect") {
        expect(reported).toContain(`hibernation/${example.rule}`);
      } else {
        // A correct example is correct for every rule, not only its own.
        expect([...reported]).toEqual([]);
      }
    },
  );
});
