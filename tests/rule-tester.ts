import { RuleTester, type RuleTesterConfig, type RunTests } from "@typescript-eslint/rule-tester";
import type { RuleModule } from "@typescript-eslint/utils/ts-eslint";
import { BASE_PARSER_OPTIONS, type TesterDefaults, describeFixChecks } from "./fix-checks.js";

/**
 * The rule tester, which also checks every autofix and suggestion the invalid cases expect:
 * the fixed code parses, and fixing it again changes nothing.
 */
export class HibernationRuleTester extends RuleTester {
  readonly #defaults: TesterDefaults;

  constructor(config: RuleTesterConfig) {
    super(config);
    this.#defaults = {
      parserOptions: config.languageOptions?.parserOptions as TesterDefaults["parserOptions"],
      settings: config.settings,
    };
  }

  override run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    super.run(ruleName, rule, tests);
    describeFixChecks(ruleName, rule as never, tests.invalid as never, this.#defaults);
  }
}

/** Lints test cases as TypeScript modules (the default) or, with `filename: "*.js"`, as JavaScript. */
export const ruleTester = new HibernationRuleTester({
  languageOptions: {
    parserOptions: BASE_PARSER_OPTIONS,
  },
});

/** File names for cases that must also hold in plain JavaScript. */
export const JS_FILE = "worker.js";
export const MJS_FILE = "worker.mjs";
