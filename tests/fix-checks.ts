import path from "node:path";
import * as tsParser from "@typescript-eslint/parser";
import type { InvalidTestCase } from "@typescript-eslint/rule-tester";
import type { RuleModule } from "@typescript-eslint/utils/ts-eslint";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";

/** The parser options every rule test starts from; a case's own options are laid over them. */
export const BASE_PARSER_OPTIONS = { ecmaVersion: "latest", sourceType: "module" } as const;

/** The file name the rule tester gives a case that names none. */
const DEFAULT_FILENAME = "file.ts";
const JS_EXTENSIONS = /\.[cm]?jsx?$/;
const ALL_FILES = ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"];
const PLUGIN = "rule-under-test";

/** What a rule tester gives every case: the parser options and settings of its config. */
export interface TesterDefaults {
  readonly parserOptions?: Readonly<Record<string, unknown>>;
  readonly settings?: Readonly<Record<string, unknown>>;
}

export type AnyRule = RuleModule<string, readonly unknown[]>;
export type AnyInvalidCase = InvalidTestCase<string, readonly unknown[]>;

interface Edit {
  readonly range: readonly [number, number];
  readonly text: string;
}

const linter = new Linter({ configType: "flat" });

/**
 * Declares, for every invalid case that expects an autofix or a suggestion, a test that
 * each fixed text parses (as TypeScript, and as plain JavaScript for a `.js` case) and that
 * fixing it again changes nothing.
 */
export function describeFixChecks(
  ruleName: string,
  rule: AnyRule,
  invalid: readonly AnyInvalidCase[],
  defaults: TesterDefaults = {},
): void {
  const cases = invalid.flatMap((testCase, index) => (expectsEdits(testCase) ? [{ testCase, index }] : []));
  if (cases.length === 0) {
    return;
  }
  describe(`${ruleName}: fixes and suggestions parse and are idempotent`, () => {
    it.each(cases.map(({ testCase, index }) => [`invalid #${index + 1}${firstLine(testCase)}`, testCase] as const))(
      "%s",
      (_, testCase) => {
        expect(fixProblems(ruleName, rule, testCase, defaults)).toEqual([]);
      },
    );
  });
}

/**
 * What is wrong with the autofix and the suggestions of one invalid case: fixed text that
 * does not parse, an autofix that finds more to fix in its own output, or a suggestion that
 * is offered again at the same place and changes its own output again. Empty when all is well.
 */
export function fixProblems(
  ruleName: string,
  rule: AnyRule,
  testCase: AnyInvalidCase,
  defaults: TesterDefaults = {},
): string[] {
  const rootDirectory = defaults.parserOptions?.tsconfigRootDir;
  const name = testCase.filename ?? DEFAULT_FILENAME;
  // As the rule tester does: a project's cases are files of the project.
  const filename = typeof rootDirectory === "string" ? path.resolve(rootDirectory, name) : name;
  const parserOptions = { ...BASE_PARSER_OPTIONS, ...defaults.parserOptions, ...testCase.languageOptions?.parserOptions };
  const ruleConfig: Linter.Config[] = [
    {
      files: ALL_FILES,
      plugins: { [PLUGIN]: { rules: { [ruleName]: rule as never } } },
      languageOptions: {
        ...(testCase.languageOptions?.globals ? { globals: testCase.languageOptions.globals } : {}),
        parser: tsParser,
        parserOptions,
      },
      settings: testCase.settings ?? defaults.settings ?? {},
      rules: { [`${PLUGIN}/${ruleName}`]: ["error", ...(testCase.options ?? [])] as Linter.RuleEntry },
    },
  ];
  const javaScriptConfig: Linter.Config[] | undefined = JS_EXTENSIONS.test(filename)
    ? [{ files: ALL_FILES, languageOptions: { ecmaVersion: "latest", sourceType: parserOptions.sourceType } as Linter.LanguageOptions }]
    : undefined;
  const problems: string[] = [];

  // Every report of a multi-report edit (one migration offered on three listeners) gives the same text.
  const linted = new Map<string, Linter.LintMessage[] | undefined>();
  const lint = (code: string, what: string): Linter.LintMessage[] | undefined => {
    if (!linted.has(code)) {
      linted.set(code, lintOnce(code, what));
    }
    return linted.get(code);
  };
  const lintOnce = (code: string, what: string): Linter.LintMessage[] | undefined => {
    const messages = linter.verify(code, ruleConfig, { filename });
    const failure = messages.find((message) => message.fatal || message.ruleId === null);
    if (failure) {
      const reason = failure.fatal ? "does not parse as TypeScript" : "cannot be linted";
      problems.push(`${what} ${reason}: ${failure.message} (${failure.line}:${failure.column})\n${code}`);
      return undefined;
    }
    if (javaScriptConfig) {
      const fatal = linter.verify(code, javaScriptConfig, { filename }).find((message) => message.fatal);
      if (fatal) {
        problems.push(`${what} does not parse as JavaScript: ${fatal.message} (${fatal.line}:${fatal.column})\n${code}`);
        return undefined;
      }
    }
    return messages;
  };

  const declaredOutput = Array.isArray(testCase.output) ? testCase.output.at(-1) : testCase.output;
  if (typeof declaredOutput === "string" && lint(declaredOutput, "the autofix output")) {
    const again = linter.verifyAndFix(declaredOutput, ruleConfig, { filename });
    if (again.output !== declaredOutput) {
      problems.push(`fixing the autofix output again changes it:\n${again.output}`);
    }
  }

  const code = testCase.code;
  const messages = lint(code, "the case") ?? [];
  const offered = messages.reduce((count, message) => count + (message.suggestions?.length ?? 0), 0);
  const expected = testCase.errors.reduce((count, error) => count + (error.suggestions?.length ?? 0), 0);
  if (offered !== expected) {
    problems.push(`the rule offers ${offered} suggestions here, but the case expects ${expected}`);
  }
  for (const message of messages) {
    for (const suggestion of message.suggestions ?? []) {
      const what = `the suggestion "${suggestion.desc}" on the report at ${message.line}:${message.column}`;
      const output = apply(code, suggestion.fix);
      const place = mappedPlace(code, message, suggestion.fix);
      for (const next of lint(output, `the output of ${what}`) ?? []) {
        const start = indexOf(output, next.line, next.column);
        if (start < place.from || start > place.to) {
          continue;
        }
        for (const again of next.suggestions ?? []) {
          const twice = again.messageId === suggestion.messageId ? apply(output, again.fix) : output;
          if (twice !== output) {
            problems.push(`applying ${what} a second time changes the code again:\n${twice}`);
          }
        }
      }
    }
  }
  return problems;
}

function expectsEdits(testCase: AnyInvalidCase): boolean {
  return (
    (testCase.output !== undefined && testCase.output !== null) ||
    testCase.errors.some((error) => (error.suggestions?.length ?? 0) > 0)
  );
}

function firstLine(testCase: AnyInvalidCase): string {
  const line = testCase.code.split("\n").find((text) => text.trim() !== "" && !text.startsWith("import "));
  return line === undefined ? "" : `: ${line.trim().slice(0, 70)}`;
}

function apply(code: string, fix: Edit): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

/**
 * Where the report that offered `fix` lies in the fixed text: its start moved by the edit,
 * or, when the edit replaced the reported code, anywhere in the replacement.
 */
function mappedPlace(code: string, message: Linter.LintMessage, fix: Edit): { from: number; to: number } {
  const start = indexOf(code, message.line, message.column);
  const [from, to] = fix.range;
  if (start < from) {
    return { from: start, to: start };
  }
  if (start >= to) {
    const moved = start + fix.text.length - (to - from);
    return { from: moved, to: moved };
  }
  return { from, to: from + fix.text.length };
}

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** The offset of a 1-based line and column, as ESLint counts lines. */
function indexOf(code: string, line: number, column: number): number {
  let lineStart = 0;
  LINE_BREAK.lastIndex = 0;
  for (let current = 1; current < line; current++) {
    const lineBreak = LINE_BREAK.exec(code);
    if (!lineBreak) {
      break;
    }
    lineStart = lineBreak.index + lineBreak[0].length;
  }
  return lineStart + column - 1;
}
