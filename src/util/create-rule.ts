import { ESLintUtils } from "@typescript-eslint/utils";

export interface PluginDocs {
  /** The narrowest shared config that enables the rule. */
  recommended: "recommended" | "strict";
  /** The rule needs type information and only runs in the type-checked configs. */
  requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = "https://github.com/eslint-plugin-hibernation/eslint-plugin-hibernation";

export const createRule = ESLintUtils.RuleCreator<PluginDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
