import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import {
  type ClassNode,
  type FunctionNode,
  isClassNode,
  isFunctionNode,
  memberName,
  propertyName,
  referencedName,
} from "../util/ast.js";
import { RECORDED_CALLS } from "./types.js";

/** What one pass over the file collects for the Durable Object model. */
export interface FileFacts {
  readonly classes: ClassNode[];
  /** Every `x.acceptWebSocket(...)` call. */
  readonly acceptWebSocketCalls: TSESTree.CallExpression[];
  /** `this.field = value` assignments and field initialisers, by the class whose instance `this` is, then by field. */
  readonly thisWrites: Map<ClassNode, Map<string, TSESTree.Expression[]>>;
  /** `this.field.member` reads, by class, then by field: the member names read. */
  readonly thisFieldMembers: Map<ClassNode, Map<string, Set<string>>>;
  /** Functions whose body (or a function nested in it) calls `.send(...)` or `this.broadcast(...)`. */
  readonly sendingFunctions: Set<FunctionNode>;
  /** Every `this.member` expression, by the class whose instance `this` is, then by member. */
  readonly thisMembers: Map<ClassNode, Map<string, TSESTree.MemberExpression[]>>;
  /** `x.name(...)` calls for the names in `RECORDED_CALLS`, by name. */
  readonly memberCalls: Map<string, TSESTree.CallExpression[]>;
  /**
   * Every call by the name it calls, `name(...)` or `x.name(...)` (type assertions around the
   * callee looked through), in source order: rules look up the calls they check here instead
   * of being handed every call of the file.
   */
  readonly callsByName: Map<string, TSESTree.CallExpression[]>;
}

const RECORDED_CALL_NAMES: ReadonlySet<string> = new Set(RECORDED_CALLS);

/**
 * Keys that hold only type annotations and type arguments, and the declarations that are
 * only types: the facts are about runtime code (classes, calls, assignments, `this`
 * members), so the walk of its own does not go into them.
 */
const TYPE_KEYS: ReadonlySet<string> = new Set(["typeAnnotation", "returnType", "typeParameters", "typeArguments", "superTypeArguments"]);
const TYPE_DECLARATIONS: ReadonlySet<string> = new Set([AST_NODE_TYPES.TSInterfaceDeclaration, AST_NODE_TYPES.TSTypeAliasDeclaration]);
/** Nodes that never hold another node: nothing to record in them, nothing to walk into. */
const LEAVES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.PrivateIdentifier,
  AST_NODE_TYPES.Super,
  AST_NODE_TYPES.TemplateElement,
  AST_NODE_TYPES.ThisExpression,
]);

/** Per set of visitor keys: the keys of each node type that can hold runtime code. */
const codeKeyCache = new WeakMap<object, Map<string, readonly string[]>>();

/**
 * Collects the facts in one pass over the file. Under ESLint, the pass reads the steps of
 * ESLint's own traversal, which it has taken (and cached) before any rule runs: the plugin
 * adds no walk of its own. Hosts whose source code has no `traverse()` (oxlint) get a walk.
 */
export function collectFileFacts(sourceCode: Readonly<TSESLint.SourceCode>): FileFacts {
  const facts: FileFacts = {
    classes: [],
    acceptWebSocketCalls: [],
    thisWrites: new Map(),
    thisFieldMembers: new Map(),
    sendingFunctions: new Set(),
    thisMembers: new Map(),
    memberCalls: new Map(),
    callsByName: new Map(),
  };
  const traversal = traversalOf(sourceCode);
  if (traversal) {
    collectFromTraversal(traversal, facts);
  } else {
    walk(sourceCode, facts);
  }
  return facts;
}

/** One step of ESLint's traversal (ESLint 9 and 10 agree on these fields). */
interface TraversalStep {
  readonly type: string;
  readonly target: unknown;
  readonly phase?: number;
}

function traversalOf(sourceCode: Readonly<TSESLint.SourceCode>): readonly TraversalStep[] | undefined {
  const traverse = (sourceCode as { traverse?: unknown }).traverse;
  return typeof traverse === "function" ? (traverse.call(sourceCode) as readonly TraversalStep[]) : undefined;
}

/**
 * Records each node as the traversal enters it. The types of the nodes entered and not yet
 * left, and the class whose instance `this` is in each, are kept on stacks that the
 * traversal's exits pop: each node's type is read once, and its parent's comes off the
 * stack (reading `type` off nodes of many shapes is the costly part of the pass).
 */
function collectFromTraversal(steps: readonly TraversalStep[], facts: FileFacts): void {
  const openTypes: string[] = [];
  const outerThisClasses: (ClassNode | undefined)[] = [];
  let thisClass: ClassNode | undefined;
  for (const step of steps) {
    if (step.type !== "visit") {
      continue;
    }
    if (step.phase === 1) {
      const node = step.target as TSESTree.Node;
      const type = node.type;
      const parentType = openTypes.at(-1);
      openTypes.push(type);
      outerThisClasses.push(thisClass);
      if (parentType !== undefined && mayBindThis(parentType, type)) {
        thisClass = thisClassOfChild(node.parent as TSESTree.Node, node, thisClass);
      }
      record(node, type, thisClass, facts);
    } else {
      openTypes.pop();
      thisClass = outerThisClasses.pop();
    }
  }
}

/** Whether `this` inside a child of this type can differ from `this` in its parent: see `thisBinding`. */
function mayBindThis(parentType: string, childType: string): boolean {
  return (
    childType === AST_NODE_TYPES.FunctionExpression ||
    childType === AST_NODE_TYPES.FunctionDeclaration ||
    parentType === AST_NODE_TYPES.PropertyDefinition ||
    parentType === AST_NODE_TYPES.AccessorProperty ||
    parentType === AST_NODE_TYPES.StaticBlock
  );
}

/**
 * The same pass as a walk of its own: iterative (no recursion, so deeply nested input cannot
 * overflow the stack), with one stack for the nodes and one for the class whose instance
 * `this` is in each. It skips what holds no runtime code (type annotations, leaves).
 */
function walk(sourceCode: Readonly<TSESLint.SourceCode>, facts: FileFacts): void {
  const codeKeys = codeKeysOf(sourceCode.visitorKeys as Readonly<Record<string, readonly string[] | undefined>>);
  const nodes: TSESTree.Node[] = [sourceCode.ast];
  const thisClasses: (ClassNode | undefined)[] = [undefined];
  const push = (parent: TSESTree.Node, child: TSESTree.Node, thisClass: ClassNode | undefined): void => {
    const type = child.type;
    if (LEAVES.has(type) || TYPE_DECLARATIONS.has(type) || (type === AST_NODE_TYPES.Identifier && !child.decorators?.length)) {
      return;
    }
    nodes.push(child);
    thisClasses.push(thisClassOfChild(parent, child, thisClass));
  };

  while (nodes.length > 0) {
    const node = nodes.pop() as TSESTree.Node;
    const thisClass = thisClasses.pop();
    record(node, node.type, thisClass, facts);
    const keys = codeKeys(node.type);
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k] as string];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const child = value[i] as TSESTree.Node | null;
          if (child && typeof child.type === "string") {
            push(node, child, thisClass);
          }
        }
      } else if (value && typeof (value as TSESTree.Node).type === "string") {
        push(node, value as TSESTree.Node, thisClass);
      }
    }
  }
}

function codeKeysOf(visitorKeys: Readonly<Record<string, readonly string[] | undefined>>): (type: string) => readonly string[] {
  let byType = codeKeyCache.get(visitorKeys);
  if (!byType) {
    byType = new Map();
    codeKeyCache.set(visitorKeys, byType);
  }
  const cache = byType;
  return (type) => {
    let keys = cache.get(type);
    if (!keys) {
      keys = (visitorKeys[type] ?? []).filter((key) => !TYPE_KEYS.has(key));
      cache.set(type, keys);
    }
    return keys;
  };
}

/** Records what `node`, whose type is `type`, tells; `thisClass` is the class whose instance `this` is there. */
function record(node: TSESTree.Node, type: string, thisClass: ClassNode | undefined, facts: FileFacts): void {
  switch (type) {
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.ClassExpression:
      facts.classes.push(node as ClassNode);
      break;
    case AST_NODE_TYPES.CallExpression:
      recordCall(node as TSESTree.CallExpression, facts);
      break;
    case AST_NODE_TYPES.AssignmentExpression:
      if (thisClass) {
        recordThisWrite(node as TSESTree.AssignmentExpression, thisClass, facts);
      }
      break;
    case AST_NODE_TYPES.PropertyDefinition:
      recordFieldInitialiser(node as TSESTree.PropertyDefinition, facts);
      break;
    case AST_NODE_TYPES.MemberExpression:
      if (thisClass) {
        recordThisMember(node as TSESTree.MemberExpression, thisClass, facts);
      }
      break;
    default:
      break;
  }
}

function recordThisWrite(node: TSESTree.AssignmentExpression, thisClass: ClassNode, facts: FileFacts): void {
  if (
    node.operator === "=" &&
    node.left.type === AST_NODE_TYPES.MemberExpression &&
    node.left.object.type === AST_NODE_TYPES.ThisExpression
  ) {
    const field = memberName(node.left);
    if (field !== undefined) {
      addToMultiMap(getOrCreate(facts.thisWrites, thisClass), field, node.right);
    }
  }
}

/** A field initialiser is a write to `this.field` when the instance is created. */
function recordFieldInitialiser(node: TSESTree.PropertyDefinition, facts: FileFacts): void {
  const classNode = classOfMember(node);
  const field = propertyName(node.key);
  if (classNode && !node.static && !node.computed && node.value && field !== undefined) {
    addToMultiMap(getOrCreate(facts.thisWrites, classNode), field, node.value);
  }
}

function recordThisMember(node: TSESTree.MemberExpression, thisClass: ClassNode, facts: FileFacts): void {
  const object = node.object;
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    const member = memberName(node);
    if (member !== undefined) {
      addToMultiMap(getOrCreate(facts.thisMembers, thisClass), member, node);
    }
  } else if (object.type === AST_NODE_TYPES.MemberExpression && object.object.type === AST_NODE_TYPES.ThisExpression) {
    const field = memberName(object);
    const member = memberName(node);
    if (field !== undefined && member !== undefined) {
      const members = getOrCreate(facts.thisFieldMembers, thisClass);
      let names = members.get(field);
      if (!names) {
        names = new Set();
        members.set(field, names);
      }
      names.add(member);
    }
  }
}

function recordCall(node: TSESTree.CallExpression, facts: FileFacts): void {
  const name = referencedName(node.callee);
  if (name !== undefined) {
    addToMultiMap(facts.callsByName, name, node);
  }
  // A member callee has no type wrapper around it, so `name` is its member name.
  if (node.callee.type !== AST_NODE_TYPES.MemberExpression) {
    return;
  }
  if (name !== undefined && RECORDED_CALL_NAMES.has(name)) {
    addToMultiMap(facts.memberCalls, name, node);
  }
  if (name === "acceptWebSocket") {
    facts.acceptWebSocketCalls.push(node);
  } else if (name === "send" || (name === "broadcast" && node.callee.object.type === AST_NODE_TYPES.ThisExpression)) {
    // `this.broadcast(...)` is how partyserver and `agents` objects send to every connection.
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (isFunctionNode(current)) {
        if (facts.sendingFunctions.has(current)) {
          break;
        }
        facts.sendingFunctions.add(current);
      }
    }
  }
}

/** Which instance `this` denotes inside `child`, given what it denotes in `parent`. */
function thisClassOfChild(
  parent: TSESTree.Node,
  child: TSESTree.Node,
  thisClass: ClassNode | undefined,
): ClassNode | undefined {
  const binding = thisBinding(parent, child);
  return binding === INHERITED ? thisClass : binding;
}

const INHERITED = Symbol("inherited");

/**
 * What `this` is bound to inside `child`: the instance of a class, nothing (a function or a
 * static member binds its own), or the same as in `parent` (arrow functions and everything
 * that is not a function).
 */
function thisBinding(parent: TSESTree.Node, child: TSESTree.Node): ClassNode | undefined | typeof INHERITED {
  // A field initialiser runs with `this` bound to the instance, also when it is an arrow function.
  if (
    (parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.AccessorProperty) &&
    parent.value === child
  ) {
    return parent.static ? undefined : classOfMember(parent);
  }
  if (child.type === AST_NODE_TYPES.ArrowFunctionExpression) {
    return INHERITED;
  }
  if (isFunctionNode(child)) {
    return parent.type === AST_NODE_TYPES.MethodDefinition && parent.value === child && !parent.static
      ? classOfMember(parent)
      : undefined;
  }
  return parent.type === AST_NODE_TYPES.StaticBlock ? undefined : INHERITED;
}

function classOfMember(member: TSESTree.Node): ClassNode | undefined {
  const classNode = member.parent?.parent;
  return classNode && isClassNode(classNode) ? classNode : undefined;
}

function getOrCreate<K, V1, V2>(map: Map<K, Map<V1, V2>>, key: K): Map<V1, V2> {
  let value = map.get(key);
  if (!value) {
    value = new Map();
    map.set(key, value);
  }
  return value;
}

function addToMultiMap<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/**
 * The class whose instance `this` denotes at `node`, found by walking up: arrow functions
 * keep the outer `this`, other functions bind their own.
 */
export function thisClassAt(node: TSESTree.Node): ClassNode | undefined {
  let child: TSESTree.Node = node;
  for (let parent: TSESTree.Node | undefined = node.parent; parent; child = parent, parent = parent.parent) {
    const binding = thisBinding(parent, child);
    if (binding !== INHERITED) {
      return binding;
    }
  }
  return undefined;
}
