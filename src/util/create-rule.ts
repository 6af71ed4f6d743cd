import { ESLintUtils } from "@typescript-eslint/utils";
import { getDurableObjectModel } from "../analysis/index.js";
import { REPOSITORY_URL } from "./repository.js";

export { REPOSITORY_URL };

export interface PluginDocs {
  /** The narrowest shared config that enables the rule. */
  recommended: "recommended" | "strict";
  /** The rule needs type information and only runs in the type-checked configs. */
  requiresTypeChecking?: boolean;
}

const ruleCreator = ESLintUtils.RuleCreator<PluginDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);

type RuleDefinition<Options extends readonly unknown[], MessageIds extends string> = Readonly<
  ESLintUtils.RuleWithMetaAndName<Options, MessageIds, PluginDocs>
> & {
  /**
   * The rule reports only inside Durable Objects: a file that holds none is not handed to
   * its `create`. Most files hold none, and a `create` that returns early still pays for the
   * functions declared in its body.
   */
  readonly onlyInDurableObjects: boolean;
};

/**
 * typescript-eslint's `RuleCreator`, whose `create` merges the configured options into a
 * clone of `meta.defaultOptions` for every rule in every file. The result depends only on the
 * configured options, and ESLint hands every file of a config the same option values (in a new
 * array each time), so the merge is redone only when they change.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: RuleDefinition<Options, MessageIds>,
): ReturnType<typeof ruleCreator<Options, MessageIds>> {
  const { onlyInDurableObjects, ...definition } = rule;
  const created = ruleCreator(definition);
  const defaults = rule.meta.defaultOptions ?? ([] as unknown as Options);
  let last: { readonly configured: readonly unknown[]; readonly options: Options } | undefined;
  return {
    ...created,
    create(context) {
      if (onlyInDurableObjects && getDurableObjectModel(context).durableObjects.length === 0) {
        return {};
      }
      const configured: readonly unknown[] = context.options;
      if (!last || !haveSameValues(last.configured, configured)) {
        last = { configured: [...configured], options: ESLintUtils.applyDefault<readonly unknown[], Options>(defaults, configured) };
      }
      return rule.create(context, last.options);
    },
  };
}

function haveSameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
