import { ESLintUtils, type TSESTree } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { type AnyInvalidCase, type AnyRule, fixProblems } from "./fix-checks.js";

const createRule = ESLintUtils.RuleCreator.withoutDocs;

/** Reports each number literal and suggests `replacement(literal)` for it, or autofixes with it. */
function numberRule(replacement: (node: TSESTree.Literal) => string, kind: "fix" | "suggestion" = "suggestion"): AnyRule {
  return createRule({
    meta: {
      type: "suggestion",
      ...(kind === "fix" ? { fixable: "code" as const } : {}),
      hasSuggestions: true,
      messages: { number: "A number.", replace: "Replace it." },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      return {
        Literal(node) {
          if (typeof node.value !== "number") {
            return;
          }
          const text = replacement(node);
          if (kind === "fix") {
            context.report({ node, messageId: "number", fix: (fixer) => fixer.replaceText(node, text) });
          } else {
            context.report({
              node,
              messageId: "number",
              suggest: [{ messageId: "replace", fix: (fixer) => fixer.replaceText(node, text) }],
            });
          }
        },
      };
    },
  }) as AnyRule;
}

function suggestionCase(code: string, output: string, filename?: string): AnyInvalidCase {
  return {
    code,
    ...(filename === undefined ? {} : { filename }),
    errors: [{ messageId: "number", suggestions: [{ messageId: "replace", output }] }],
  };
}

describe("fixProblems", () => {
  it("accepts a suggestion that leaves nothing to suggest", () => {
    const rule = numberRule(() => `"one"`);
    expect(fixProblems("numbers", rule, suggestionCase("const a = 1;", `const a = "one";`))).toEqual([]);
  });

  it("accepts a suggestion offered again that changes nothing more", () => {
    const rule = numberRule((node) => node.raw);
    expect(fixProblems("numbers", rule, suggestionCase("const a = 1;", "const a = 1;"))).toEqual([]);
  });

  it("finds a suggestion that changes its own output again", () => {
    const rule = numberRule((node) => `${node.raw}0`);
    expect(fixProblems("numbers", rule, suggestionCase("const a = 1;", "const a = 10;"))).toEqual([
      expect.stringMatching(/^applying the suggestion "Replace it\." on the report at 1:11 a second time changes the code again:\nconst a = 100;$/),
    ]);
  });

  it("looks for the same suggestion at the same place only, not at other reports", () => {
    const rule = numberRule((node) => (node.value === 1 ? `"one"` : node.raw));
    const testCase: AnyInvalidCase = {
      code: "const a = 1, b = 2;",
      errors: [
        { messageId: "number", suggestions: [{ messageId: "replace", output: `const a = "one", b = 2;` }] },
        { messageId: "number", suggestions: [{ messageId: "replace", output: "const a = 1, b = 2;" }] },
      ],
    };
    expect(fixProblems("numbers", rule, testCase)).toEqual([]);
  });

  it("finds a suggestion whose output does not parse", () => {
    const rule = numberRule(() => "(");
    expect(fixProblems("numbers", rule, suggestionCase("const a = 1;", "const a = (;"))).toEqual([
      expect.stringMatching(/^the output of the suggestion "Replace it\." on the report at 1:11 does not parse as TypeScript: /),
    ]);
  });

  it("parses the output of a JavaScript case as JavaScript too", () => {
    const rule = numberRule(() => "(null as unknown)");
    expect(fixProblems("numbers", rule, suggestionCase("const a = 1;", "const a = (null as unknown);", "worker.ts"))).toEqual([]);
    expect(fixProblems("numbers", rule, suggestionCase("const a = 1;", "const a = (null as unknown);", "worker.js"))).toEqual([
      expect.stringMatching(/does not parse as JavaScript: /),
    ]);
  });

  it("finds an autofix that finds more to fix in its own output", () => {
    const rule = numberRule((node) => `${node.raw}0`, "fix");
    const testCase: AnyInvalidCase = { code: "const a = 1;", output: "const a = 10;", errors: [{ messageId: "number" }] };
    expect(fixProblems("numbers", rule, testCase)).toEqual([
      expect.stringMatching(/^fixing the autofix output again changes it:\n/),
    ]);
  });

  it("finds suggestions the case does not expect", () => {
    const rule = numberRule(() => `"one"`);
    const testCase: AnyInvalidCase = { code: "const a = 1;", errors: [{ messageId: "number" }] };
    expect(fixProblems("numbers", rule, testCase)).toEqual(["the rule offers 1 suggestions here, but the case expects 0"]);
  });
});
