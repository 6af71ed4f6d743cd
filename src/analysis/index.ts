import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type WranglerConfig, wranglerConfigAt, wranglerConfigFor } from "../project/wrangler.js";
import { readSettings } from "../settings.js";
import type { NamedClasses } from "./durable-objects.js";
import { buildDurableObjectModel } from "./model.js";
import { typeInformationOf } from "./typed.js";
import type { DurableObjectModel } from "./types.js";

export type * from "./types.js";
export { CONNECTION_HANDLER_NAMES, HANDLER_NAMES } from "./types.js";
export { buildDurableObjectModel } from "./model.js";
export { extendsRuntimeBaseClass } from "./durable-objects.js";
export { type TypeInformation, type UnserializablePart, typeInformationOf } from "./typed.js";

const models = new WeakMap<TSESTree.Program, DurableObjectModel>();

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The Durable Object model of the file being linted, built once and shared by every rule
 * (keyed on the file's AST, which ESLint creates anew for each file and each fix pass; the
 * settings are the same for every rule of one pass).
 */
export function getDurableObjectModel(context: Context): DurableObjectModel {
  const sourceCode = context.sourceCode;
  let model = models.get(sourceCode.ast);
  if (!model) {
    // Only a file that declares a class can hold a Durable Object: the others never look
    // for a wrangler config.
    const namedClasses = sourceCode.text.includes("class") ? namedDurableObjects(context) : NO_NAMES;
    model = buildDurableObjectModel(sourceCode, namedClasses, typeInformationOf(context));
    models.set(sourceCode.ast, model);
  }
  return model;
}

/** The wrangler config that applies to the file being linted, per the settings. */
export function wranglerConfigOf(context: Context): WranglerConfig | undefined {
  const { wranglerConfig } = readSettings(context.settings);
  if (wranglerConfig === false) {
    return undefined;
  }
  if (typeof wranglerConfig === "string") {
    return wranglerConfigAt(wranglerConfig);
  }
  // Code linted from text (no file on disk) has no project around it.
  const filename = context.physicalFilename;
  return filename.startsWith("<") ? undefined : wranglerConfigFor(filename);
}

function namedDurableObjects(context: Context): NamedClasses {
  const names = new Map<string, "settings" | "wranglerConfig">();
  for (const name of wranglerConfigOf(context)?.durableObjectClasses ?? []) {
    names.set(name, "wranglerConfig");
  }
  for (const name of readSettings(context.settings).durableObjects) {
    names.set(name, "settings");
  }
  return names;
}

const NO_NAMES: NamedClasses = new Map();
