import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

export function isClassNode(node: TSESTree.Node): node is ClassNode {
  return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression;
}

/** Looks through the wrappers that do not change a value: `x!`, `x as T`, `<T>x`, `x satisfies T`. */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    current = current.expression;
  }
  return current;
}

/** The parent of `node`, looking through the wrappers that `skipTypeWrappers` removes. */
export function valueParent(node: TSESTree.Node): { parent: TSESTree.Node | undefined; child: TSESTree.Node } {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** The name of a non-computed member key or a computed string-literal key. */
export function propertyName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) {
    return node.name;
  }
  if (node.type === AST_NODE_TYPES.PrivateIdentifier) {
    return `#${node.name}`;
  }
  if (node.type === AST_NODE_TYPES.Literal && (typeof node.value === "string" || typeof node.value === "number")) {
    return String(node.value);
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/**
 * The name of the property a member expression reads: `a.b`, `a["b"]` and `` a[`b`] `` give
 * `b`; `a[b]` gives undefined, since `b` is a variable.
 */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  return node.computed && node.property.type === AST_NODE_TYPES.Identifier ? undefined : propertyName(node.property);
}

/**
 * The name of an object or class member's key when it is static text: `name`, `"name"`,
 * `["name"]`; undefined for a computed `[name]`, whose name is the variable's value.
 */
export function keyName(node: { readonly key: TSESTree.Node; readonly computed: boolean }): string | undefined {
  return node.computed && node.key.type === AST_NODE_TYPES.Identifier ? undefined : propertyName(node.key);
}

/** `obj.name(...)` where `name` is one of `names`: the member callee, else undefined. */
export function memberCall(
  node: TSESTree.CallExpression,
  names?: ReadonlySet<string>,
): { object: TSESTree.Expression; name: string } | undefined {
  const callee = skipTypeWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) {
    return undefined;
  }
  const name = memberName(callee);
  if (name === undefined || (names && !names.has(name))) {
    return undefined;
  }
  return { object: callee.object, name };
}

/** Finds the variable an identifier refers to, through the scope the identifier is in. */
export function resolveVariable(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
}

/** True when `identifier` names a global the file does not declare or shadow itself. */
export function isGlobalReference(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = resolveVariable(sourceCode, identifier);
  return variable === null || variable.defs.length === 0;
}

const GLOBAL_OBJECT_NAMES = new Set(["globalThis", "self"]);

/**
 * The name of the global a callee refers to: `setTimeout` and `globalThis.setTimeout` both
 * give `setTimeout`; a local binding of the same name gives undefined.
 */
export function globalCalleeName(
  sourceCode: Readonly<TSESLint.SourceCode>,
  callee: TSESTree.Node,
): string | undefined {
  const node = skipTypeWrappers(callee);
  if (node.type === AST_NODE_TYPES.Identifier) {
    return isGlobalReference(sourceCode, node) ? node.name : undefined;
  }
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    GLOBAL_OBJECT_NAMES.has(node.object.name) &&
    isGlobalReference(sourceCode, node.object)
  ) {
    return memberName(node);
  }
  return undefined;
}

/** True when `inner` lies inside `outer` (or is it). */
export function isWithin(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The function a variable holds: a function declaration, or a `const f = () => ...` initialiser. */
export function functionOfVariable(variable: TSESLint.Scope.Variable | null | undefined): FunctionNode | undefined {
  const definition = variable?.defs[0];
  if (definition?.type === "FunctionName" && isFunctionNode(definition.node)) {
    return definition.node;
  }
  if (definition?.type === "Variable" && definition.node.init) {
    const init = skipTypeWrappers(definition.node.init);
    return isFunctionNode(init) ? init : undefined;
  }
  return undefined;
}

/** The member of the innermost class whose code `node` is in (a method, a field, a static block). */
export function classMemberOf(node: TSESTree.Node): TSESTree.ClassElement | undefined {
  for (let current: TSESTree.Node | undefined = node; current?.parent; current = current.parent) {
    if (current.parent.type === AST_NODE_TYPES.ClassBody) {
      return current as TSESTree.ClassElement;
    }
  }
  return undefined;
}

/** The function whose body `node` is in, or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      return current;
    }
  }
  return undefined;
}

/**
 * True when the value of `node` is thrown away: a statement of its own, `void x`, or the end
 * of a `.then()` / `.catch()` / `.finally()` chain that is itself thrown away.
 */
export function isFloating(node: TSESTree.Node): boolean {
  const { parent, child } = valueParent(node);
  if (!parent) {
    return false;
  }
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === "void";
    case AST_NODE_TYPES.SequenceExpression:
      return parent.expressions.at(-1) !== child || isFloating(parent);
    case AST_NODE_TYPES.ChainExpression:
      return isFloating(parent);
    case AST_NODE_TYPES.MemberExpression: {
      const call = parent.parent;
      const name = memberName(parent);
      if (
        parent.object === child &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.callee === parent &&
        (name === "then" || name === "catch" || name === "finally")
      ) {
        return isFloating(call);
      }
      return false;
    }
    default:
      return false;
  }
}
