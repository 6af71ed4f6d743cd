import type { InvalidTestCase } from "@typescript-eslint/rule-tester";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/index.js";

const linter = new Linter({ configType: "flat" });

/**
 * What the plugin's `recommended` config reports in `code`, as `line:column rule-id`, with
 * parse errors as `line:column fatal: message`.
 */
export function recommendedFindings(code: string, filename = "file.ts"): string[] {
  return linter
    .verify(code, [plugin.configs.recommended as Linter.Config], { filename })
    .map((message) => `${message.line}:${message.column} ${message.fatal ? `fatal: ${message.message}` : (message.ruleId ?? message.message)}`);
}

/**
 * Declares, for every suggestion with `messageId` that the invalid cases expect, a test that
 * the plugin's recommended config finds nothing in its output.
 */
export function describeCleanSuggestions(
  ruleName: string,
  messageId: string,
  invalid: readonly InvalidTestCase<string, readonly unknown[]>[],
): void {
  const outputs = invalid.flatMap((testCase, index) =>
    testCase.errors.flatMap((error) =>
      (error.suggestions ?? [])
        .filter((suggestion) => suggestion.messageId === messageId)
        .map((suggestion) => ({ index, filename: testCase.filename, output: suggestion.output })),
    ),
  );
  const unique = outputs.filter((item, position) => outputs.findIndex((other) => other.output === item.output) === position);
  describe(`${ruleName}: the recommended config finds nothing in the output of ${messageId}`, () => {
    it.each(unique.map((item) => [`invalid #${item.index + 1}`, item] as const))("%s", (_, { output, filename }) => {
      expect(recommendedFindings(output, filename)).toEqual([]);
    });
  });
}
