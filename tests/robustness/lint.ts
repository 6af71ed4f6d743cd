import { Linter } from "eslint";
import plugin from "../../src/index.js";

/** How linting one text went. */
export type LintOutcome =
  | { readonly kind: "linted"; readonly messages: readonly Linter.LintMessage[] }
  /** The parser rejected the text: not a crash of the plugin, and not counted as one. */
  | { readonly kind: "unparsable"; readonly message: string }
  /** A rule threw. */
  | { readonly kind: "crashed"; readonly message: string };

const linter = new Linter({ configType: "flat" });

/**
 * Lints `text` as the file `filename` with every rule of the plugin (its `all` config, so a
 * rule added later is covered without being named here) and the given settings.
 */
export function lintWithAllRules(
  text: string,
  filename: string,
  settings: Record<string, unknown> = {},
): LintOutcome {
  const config: Linter.Config[] = [plugin.configs.all, { settings }];
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(text, config, filename);
  } catch (error) {
    // ESLint rethrows what a rule threw, with "Rule: <id>" and the file and line appended.
    return { kind: "crashed", message: error instanceof Error ? error.message : String(error) };
  }
  const fatal = messages.find((message) => message.fatal);
  if (fatal) {
    return { kind: "unparsable", message: fatal.message };
  }
  return { kind: "linted", messages };
}

/** The ids of every rule of the plugin, as configured. */
export const ALL_RULE_IDS = Object.keys(plugin.configs.all.rules ?? {});
