import type { TSESLint } from "@typescript-eslint/utils";
import packageJson from "../package.json" with { type: "json" };
import { type ConfigName, createConfigs } from "./configs.js";
import { rules } from "./rules/index.js";

const plugin = {
  meta: {
    name: packageJson.name,
    version: packageJson.version,
    namespace: "hibernation",
  },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};

Object.assign(plugin.configs, createConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules));

export { rules };
export default plugin;
