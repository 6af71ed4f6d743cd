import type { ESLint, Linter, Rule } from "eslint";
import packageJson from "../package.json" with { type: "json" };
import { type ConfigName, createConfigs } from "./configs.js";
import { rules } from "./rules/index.js";

type RuleName = keyof typeof rules;

/**
 * Typed with ESLint's own types, so that `eslint.config.ts` files and `defineConfig()` accept
 * the plugin and its configs as they are.
 */
const plugin = {
  meta: {
    name: packageJson.name,
    version: packageJson.version,
    namespace: "hibernation",
  },
  rules: rules as unknown as Record<RuleName, Rule.RuleModule>,
  configs: {} as Record<ConfigName, Linter.Config>,
} satisfies ESLint.Plugin;

Object.assign(plugin.configs, createConfigs(plugin, rules));

export default plugin;
