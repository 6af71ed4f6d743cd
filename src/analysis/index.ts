import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { buildDurableObjectModel } from "./model.js";
import type { DurableObjectModel } from "./types.js";

export type * from "./types.js";
export { HANDLER_NAMES } from "./types.js";
export { buildDurableObjectModel } from "./model.js";

interface CachedModel {
  readonly settingsKey: string;
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
  const namedInSettings = durableObjectsFromSettings(context.settings);
  const settingsKey = [...namedInSettings].join("\n");
  const cached = models.get(sourceCode.ast);
  if (cached && cached.settingsKey === settingsKey) {
    return cached.model;
  }
  const model = buildDurableObjectModel(sourceCode, namedInSettings);
  models.set(sourceCode.ast, { settingsKey, model });
  return model;
}

/** Class names from `settings.hibernation.durableObjects`; anything that is not a string is ignored. */
function durableObjectsFromSettings(settings: Readonly<Record<string, unknown>> | undefined): ReadonlySet<string> {
  const hibernation = settings?.hibernation;
  if (typeof hibernation !== "object" || hibernation === null) {
    return EMPTY_SET;
  }
  const names = (hibernation as { durableObjects?: unknown }).durableObjects;
  if (!Array.isArray(names)) {
    return EMPTY_SET;
  }
  return new Set(names.filter((name): name is string => typeof name === "string"));
}

const EMPTY_SET: ReadonlySet<string> = new Set();
