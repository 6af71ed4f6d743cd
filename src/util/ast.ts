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
 * The name an expression is known by, looking through type wrappers: `x` for `x`, `b` for
 * `a.b` (as `memberName` gives it); undefined for any other expression.
 */
export function referencedName(node: TSESTree.Node): string | undefined {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    return expression.name;
  }
  return expression.type === AST_NODE_TYPES.MemberExpression ? memberName(expression) : undefined;
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

/** What each identifier of a file resolved to, shared by every rule that asks. */
const resolvedVariables = new WeakMap<object, Map<TSESTree.Identifier, TSESLint.Scope.Variable | null>>();

/** Finds the variable an identifier refers to, through the scope the identifier is in. */
export function resolveVariable(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | null {
  let resolved = resolvedVariables.get(sourceCode);
  if (!resolved) {
    resolved = new Map();
    resolvedVariables.set(sourceCode, resolved);
  }
  let variable = resolved.get(identifier);
  if (variable === undefined) {
    variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
    resolved.set(identifier, variable);
  }
  return variable;
}

/** True when `identifier` names a global the file does not declare or shadow itself. */
export function isGlobalReference(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = resolveVariable(sourceCode, identifier);
  return variable === null || variable.defs.length === 0;
}

/** The module a binding is imported from, and the name it has there (`*` for a namespace). */
export interface ImportedName {
  readonly source: string;
  /** The exported name, `"default"`, or `"*"` for a namespace import. */
  readonly imported: string;
}

/**
 * The module and the name an identifier is imported as: `import { connect as open } from
 * "cloudflare:sockets"` gives `open` the source `cloudflare:sockets` and the name `connect`;
 * a namespace import gives `*`, a default import `default`. Undefined when it is not an import.
 */
export function importOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): ImportedName | undefined {
  const variable = resolveVariable(sourceCode, identifier);
  const definition = variable?.defs[0];
  if (definition?.type !== "ImportBinding") {
    return undefined;
  }
  const specifier = definition.node;
  const declaration = specifier.parent;
  if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) {
    return undefined;
  }
  const source = declaration.source.value;
  switch (specifier.type) {
    case AST_NODE_TYPES.ImportSpecifier:
      return {
        source,
        imported:
          specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value,
      };
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return { source, imported: "*" };
    default:
      return { source, imported: "default" };
  }
}

/**
 * The module and exported name an expression refers to: an imported binding (`Server`, or
 * `Base` in `import { Server as Base }`), or a member of a namespace import (`party.Server`).
 */
export function importedNameOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): ImportedName | undefined {
  const expression = skipTypeWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const imported = importOf(sourceCode, expression);
    return imported?.imported === "*" ? undefined : imported;
  }
  if (
    expression.type === AST_NODE_TYPES.MemberExpression &&
    !expression.computed &&
    expression.property.type === AST_NODE_TYPES.Identifier &&
    expression.object.type === AST_NODE_TYPES.Identifier
  ) {
    const namespace = importOf(sourceCode, expression.object);
    return namespace?.imported === "*" ? { source: namespace.source, imported: expression.property.name } : undefined;
  }
  return undefined;
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

/**
 * True when a callee refers to the global `name` (`name` or `globalThis.name`), as
 * `globalCalleeName` tells, looking the scope up only for a callee of that name.
 */
export function isGlobalCallee(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Node, name: string): boolean {
  const node = skipTypeWrappers(callee);
  const named =
    node.type === AST_NODE_TYPES.Identifier
      ? node.name === name
      : node.type === AST_NODE_TYPES.MemberExpression && memberName(node) === name;
  return named && globalCalleeName(sourceCode, node) === name;
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

const PROMISE_CHAIN_METHODS = new Set(["then", "catch", "finally"]);
const PROMISE_COMBINATORS = new Set(["all", "allSettled", "any", "race"]);

/**
 * True when nothing waits for the promise `node` evaluates to: it is thrown away (as in
 * `isFloating`), or it only reaches something thrown away through a `.then()` /
 * `.catch()` / `.finally()` chain, `Promise.all([...])` (or `allSettled`, `any`, `race`),
 * `a && p`, `c ? p : q`, or a `const` whose every use throws it away (or that is never used).
 * A promise handed to any other call, returned, awaited or stored is not floating.
 */
export function isFloatingPromise(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return floatingPromise(node, sourceCode, new Set());
}

function floatingPromise(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
  seen: Set<TSESLint.Scope.Variable>,
): boolean {
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
      return parent.expressions.at(-1) !== child || floatingPromise(parent, sourceCode, seen);
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return floatingPromise(parent, sourceCode, seen);
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== child && floatingPromise(parent, sourceCode, seen);
    case AST_NODE_TYPES.MemberExpression: {
      const call = parent.parent;
      const name = memberName(parent);
      return (
        parent.object === child &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.callee === parent &&
        name !== undefined &&
        PROMISE_CHAIN_METHODS.has(name) &&
        floatingPromise(call, sourceCode, seen)
      );
    }
    case AST_NODE_TYPES.ArrayExpression: {
      const call = parent.parent;
      return (
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.arguments[0] === parent &&
        isPromiseCombinator(call.callee, sourceCode) &&
        floatingPromise(call, sourceCode, seen)
      );
    }
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child && isFloatingConstant(parent, sourceCode, seen);
    default:
      return false;
  }
}

/** `Promise.all` and its kin, on the runtime's `Promise`. */
function isPromiseCombinator(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const node = skipTypeWrappers(callee);
  if (node.type !== AST_NODE_TYPES.MemberExpression) {
    return false;
  }
  const name = memberName(node);
  return (
    name !== undefined &&
    PROMISE_COMBINATORS.has(name) &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === "Promise" &&
    isGlobalReference(sourceCode, node.object)
  );
}

/** `const p = <promise>` (not exported) whose every read throws the promise away. */
function isFloatingConstant(
  declarator: TSESTree.VariableDeclarator,
  sourceCode: Readonly<TSESLint.SourceCode>,
  seen: Set<TSESLint.Scope.Variable>,
): boolean {
  const declaration = declarator.parent;
  if (
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declaration.type !== AST_NODE_TYPES.VariableDeclaration ||
    declaration.kind !== "const" ||
    declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration
  ) {
    return false;
  }
  const variable = resolveVariable(sourceCode, declarator.id);
  // A constant met again while deciding it (`const p = p`) is not known to be thrown away.
  if (!variable || seen.has(variable)) {
    return false;
  }
  seen.add(variable);
  return variable.references.every(
    (reference) => !reference.isRead() || floatingPromise(reference.identifier, sourceCode, seen),
  );
}

/** The statement list `statement` is in: a block, the program, or a `case` of a `switch`. */
export function siblingStatements(statement: TSESTree.Node): readonly TSESTree.Node[] | undefined {
  const parent = statement.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.StaticBlock:
      return parent.body;
    case AST_NODE_TYPES.SwitchCase:
      return parent.consequent;
    default:
      return undefined;
  }
}
