import { ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

/** The value of `node` when it is a number known without running the code (`60_000`, `60 * 1000`, a `const`). */
export function staticNumber(node: TSESTree.Node, scope: TSESLint.Scope.Scope): number | undefined {
  const result = ASTUtils.getStaticValue(node, scope);
  return result && typeof result.value === "number" ? result.value : undefined;
}

/** The value of `node` when it is a string known without running the code. */
export function staticString(node: TSESTree.Node, scope: TSESLint.Scope.Scope): string | undefined {
  const result = ASTUtils.getStaticValue(node, scope);
  return result && typeof result.value === "string" ? result.value : undefined;
}
