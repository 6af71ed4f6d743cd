import * as typescriptParser from "@typescript-eslint/parser";
import type { ESLint, Linter } from "eslint";
import type { PluginDocs } from "./util/create-rule.js";

export type ConfigName = "all" | "recommended" | "strict";

/** Every file extension the rules understand; the TypeScript parser reads all of them. */
export const LINTED_EXTENSIONS = ["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"] as const;

export const LINTED_FILES = [`**/*.{${LINTED_EXTENSIONS.join(",")}}`];

interface RuleWithDocs {
  readonly meta: { readonly docs?: PluginDocs & { readonly description: string } };
}

const LEVELS: Record<ConfigName, ReadonlySet<PluginDocs["recommended"]> | "all"> = {
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
  const build = (name: ConfigName): Linter.Config => {
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
  return { recommended: build("recommended"), strict: build("strict"), all: build("all") };
}
