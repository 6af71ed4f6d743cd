import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { readSettings } from "../settings.js";
import { buildDurableObjectModel } from "./model.js";
import type { DurableObjectModel } from "./types.js";

export type * from "./types.js";
export { HANDLER_NAMES } from "./types.js";
export { buildDurableObjectModel } from "./model.js";

interface CachedModel {
  /** The class names from the settings the model was built with (one set per settings object). */
  readonly namedInSettings: ReadonlySet<string>;
  readonly model: DurableObjectModel;
}

const models = new WeakMap<TSESTree.Program, CachedModel>();

/**
 * The Durable Object model of the file being linted, built once and shared by every rule
 * (keyed on the file's AST, which ESLint creates anew for each file and each fix pass).
 */
export function getDurableObjectModel(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): DurableObjectModel {
  const sourceCode = context.sourceCode;
  const namedInSettings = readSettings(context.settings).durableObjects;
  const cached = models.get(sourceCode.ast);
  if (cached && cached.namedInSettings === namedInSettings) {
    return cached.model;
  }
  const model = buildDurableObjectModel(sourceCode, namedInSettings);
  models.set(sourceCode.ast, { namedInSettings, model });
  return model;
}
