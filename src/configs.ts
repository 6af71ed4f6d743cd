import * as typescriptParser from "@typescript-eslint/parser";
import type { ESLint, Linter } from "eslint";
import type { PluginDocs } from "./util/create-rule.js";

export type ConfigName = "all" | "recommended" | "recommended-type-checked" | "strict" | "strict-type-checked";

/** Every file extension the rules understand; the TypeScript parser reads all of them. */
export const LINTED_EXTENSIONS = ["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"] as const;

export const LINTED_FILES = [`**/*.{${LINTED_EXTENSIONS.join(",")}}`];

/** The files a TypeScript project gives types to; JavaScript files keep the configs without type checking. */
export const TYPE_CHECKED_FILES = ["**/*.{ts,tsx,mts,cts}"];

interface RuleWithDocs {
  readonly meta: { readonly docs?: PluginDocs & { readonly description: string } };
}

type Level = "all" | "recommended" | "strict";

const LEVELS: Record<Level, ReadonlySet<PluginDocs["recommended"]> | "all"> = {
  recommended: new Set(["recommended"]),
  strict: new Set(["recommended", "strict"]),
  all: "all",
};

/**
 * Builds the shared configs from each rule's `docs.recommended`, so no list of rules is
 * written twice.
 */
export function createConfigs(
  plugin: ESLint.Plugin,
  rules: Readonly<Record<string, RuleWithDocs>>,
): Record<ConfigName, Linter.Config> {
  const build = (name: Level): Linter.Config => {
    const level = LEVELS[name];
    const enabled: Linter.RulesRecord = {};
    for (const [ruleName, rule] of Object.entries(rules)) {
      const docs = rule.meta.docs;
      if (level === "all" || (docs !== undefined && level.has(docs.recommended))) {
        enabled[`hibernation/${ruleName}`] = "error";
      }
    }
    return {
      name: `hibernation/${name}`,
      files: LINTED_FILES,
      languageOptions: { parser: typescriptParser as Linter.Parser },
      plugins: { hibernation: plugin },
      rules: enabled,
    };
  };
  /**
   * The same rules on the TypeScript files, with each file's types from the project service
   * and the setting that lets the rules use them.
   */
  const typeChecked = (name: "recommended" | "strict"): Linter.Config => {
    const base = build(name);
    return {
      ...base,
      name: `hibernation/${name}-type-checked`,
      files: TYPE_CHECKED_FILES,
      languageOptions: { ...base.languageOptions, parserOptions: { projectService: true } },
      settings: { hibernation: { typeChecked: true } },
    };
  };
  return {
    recommended: build("recommended"),
    "recommended-type-checked": typeChecked("recommended"),
    strict: build("strict"),
    "strict-type-checked": typeChecked("strict"),
    all: build("all"),
  };
}
