import { ESLintUtils } from "@typescript-eslint/utils";
import { REPOSITORY_URL } from "./repository.js";

export { REPOSITORY_URL };

export interface PluginDocs {
  /** The narrowest shared config that enables the rule. */
  recommended: "recommended" | "strict";
  /** The rule needs type information and only runs in the type-checked configs. */
  requiresTypeChecking?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<PluginDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
