import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type ClassNode, importedNameOf, keyName, skipTypeWrappers } from "../util/ast.js";
import { staticValue } from "../util/static-value.js";
import type { Framework } from "./types.js";

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The modules that export each framework's Durable Object base classes, by class name. */
const PARTYSERVER_CLASSES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["partyserver", new Set(["Server"])],
  // `YServer` is `withYjs(Server)`: partyserver's `Server` with a Yjs document.
  ["y-partyserver", new Set(["YServer"])],
]);
const AGENT_CLASSES: ReadonlySet<string> = new Set(["Agent", "AIChatAgent"]);
/** `AIChatAgent` moved from `agents/ai-chat-agent` to its own package. */
const AI_CHAT_MODULE = "@cloudflare/ai-chat";
const Y_PARTYSERVER_MIXIN = { source: "y-partyserver", name: "withYjs" } as const;

/** Text that every file extending a framework's class contains. */
export const FRAMEWORK_HINTS = ["partyserver", "agents", AI_CHAT_MODULE];


/**
 * The framework whose Durable Object base class `superClass` is: partyserver's `Server`,
 * y-partyserver's `YServer` or `withYjs(Server)`, `Agent` or `AIChatAgent` of `agents` (and
 * its subpaths) or of `@cloudflare/ai-chat`, under any local name.
 */
export function frameworkOfSuperClass(sourceCode: SourceCode, superClass: TSESTree.Node): Framework | undefined {
  const expression = skipTypeWrappers(superClass);
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const mixin = importedNameOf(sourceCode, expression.callee);
    const [base] = expression.arguments;
    return mixin?.source === Y_PARTYSERVER_MIXIN.source &&
      mixin.imported === Y_PARTYSERVER_MIXIN.name &&
      base !== undefined &&
      base.type !== AST_NODE_TYPES.SpreadElement &&
      frameworkOfSuperClass(sourceCode, base) === "partyserver"
      ? "partyserver"
      : undefined;
  }
  const imported = importedNameOf(sourceCode, expression);
  if (!imported) {
    return undefined;
  }
  if (PARTYSERVER_CLASSES.get(imported.source)?.has(imported.imported)) {
    return "partyserver";
  }
  const isAgentsModule =
    imported.source === "agents" || imported.source.startsWith("agents/") || imported.source === AI_CHAT_MODULE;
  return isAgentsModule && AGENT_CLASSES.has(imported.imported) ? "agents" : undefined;
}

/**
 * y-partyserver's `YServer` and `withYjs(...)`: a Yjs document server, which defines the
 * connection handlers itself and syncs every client through them.
 */
export function isYjsServer(sourceCode: SourceCode, superClass: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(superClass);
  const imported = importedNameOf(sourceCode, expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression);
  return (
    imported?.source === Y_PARTYSERVER_MIXIN.source &&
    imported.imported === (expression.type === AST_NODE_TYPES.CallExpression ? Y_PARTYSERVER_MIXIN.name : "YServer")
  );
}

/** What a class's own `static options` says about `hibernate`. */
export type OwnHibernateOption =
  /** The class declares no `static options`, or options without a `hibernate` key: its base class decides. */
  | { readonly kind: "inherited" }
  /** `hibernate` is set to a value known statically; partyserver tests it for truthiness. */
  | { readonly kind: "set"; readonly value: boolean }
  /** The options are there, but what `hibernate` is cannot be known from the file. */
  | { readonly kind: "unknown" };

const INHERITED: OwnHibernateOption = { kind: "inherited" };
const UNKNOWN: OwnHibernateOption = { kind: "unknown" };

/**
 * Reads `static options = { hibernate: true }` of a partyserver class (also `static get
 * options()` returning an object literal, and `Room.options = ...` assigned elsewhere,
 * which the file cannot be relied on to show in order).
 */
export function ownHibernateOption(sourceCode: SourceCode, classNode: ClassNode): OwnHibernateOption {
  if (isOptionsAssignedOutside(sourceCode, classNode)) {
    return UNKNOWN;
  }
  let result = INHERITED;
  for (const member of classNode.body.body) {
    if (
      (member.type !== AST_NODE_TYPES.PropertyDefinition && member.type !== AST_NODE_TYPES.MethodDefinition) ||
      !member.static
    ) {
      continue;
    }
    const name = keyName(member);
    if (name === undefined) {
      // A computed static key may be `options`.
      return UNKNOWN;
    }
    if (name !== "options") {
      continue;
    }
    const value = optionsObject(member);
    result = value ? hibernateOf(sourceCode, value) : UNKNOWN;
  }
  return result;
}

/** The object literal a `static options` field holds, or a `static get options()` returns. */
function optionsObject(
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
): TSESTree.ObjectExpression | undefined {
  let value: TSESTree.Node | null = member.value;
  if (member.type === AST_NODE_TYPES.MethodDefinition) {
    const body = member.kind === "get" ? member.value.body?.body : undefined;
    const [statement] = body ?? [];
    value = body?.length === 1 && statement?.type === AST_NODE_TYPES.ReturnStatement ? statement.argument : null;
  }
  const expression = value && skipTypeWrappers(value);
  return expression?.type === AST_NODE_TYPES.ObjectExpression ? expression : undefined;
}

/** The last word on `hibernate` in an options literal: a later key or spread overrides an earlier one. */
function hibernateOf(sourceCode: SourceCode, options: TSESTree.ObjectExpression): OwnHibernateOption {
  let result = INHERITED;
  for (const property of options.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      result = UNKNOWN;
      continue;
    }
    const key = keyName(property);
    if (key === undefined) {
      result = UNKNOWN;
    } else if (key === "hibernate") {
      const value = staticValue(property.value, sourceCode);
      result = value.kind === "exact" ? { kind: "set", value: Boolean(value.value) } : UNKNOWN;
    }
  }
  return result;
}

/** `Room.options = ...` or `Room.options.hibernate = ...` anywhere in the file. */
function isOptionsAssignedOutside(sourceCode: SourceCode, classNode: ClassNode): boolean {
  // A class declaration declares its name; a class expression is named by the `const` it initialises.
  const declaration = classNode.id
    ? classNode
    : classNode.parent.type === AST_NODE_TYPES.VariableDeclarator
      ? classNode.parent
      : undefined;
  const variables = declaration ? sourceCode.getDeclaredVariables(declaration) : [];
  return variables.some((variable) =>
    variable.references.some((reference) => {
      let target: TSESTree.Node = reference.identifier;
      while (target.parent?.type === AST_NODE_TYPES.MemberExpression && target.parent.object === target) {
        target = target.parent;
        if (keyOfMember(target) === "options") {
          return isWrittenTo(target);
        }
      }
      return false;
    }),
  );
}

function keyOfMember(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.MemberExpression) {
    return undefined;
  }
  return node.computed ? undefined : node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
}

/** `Room.options = ...`, or a write to a member of it (`Room.options.hibernate = true`). */
function isWrittenTo(node: TSESTree.Node): boolean {
  for (let current = node; ; current = current.parent) {
    const parent = current.parent;
    if (!parent) {
      return false;
    }
    if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
      return parent.left === current;
    }
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) {
      return false;
    }
  }
}
