import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import {
  type ClassNode,
  type FunctionNode,
  isClassNode,
  isFunctionNode,
  isGlobalReference,
  keyName,
  memberCall,
  memberName,
  propertyName,
  resolveVariable,
  skipTypeWrappers,
} from "../util/ast.js";
import { type MutableDurableObjectClass, type NamedClasses, findDurableObjects } from "./durable-objects.js";
import { FRAMEWORK_HINTS } from "./frameworks.js";
import type { TypeInformation } from "./typed.js";
import {
  CONNECTION_HANDLER_NAMES,
  HANDLER_NAMES,
  type DurableObjectClass,
  type DurableObjectModel,
  type RecordedCall,
  type SocketInfo,
} from "./types.js";
import { type FileFacts, collectFileFacts, thisClassAt } from "./walk.js";

type Variable = TSESLint.Scope.Variable;

/**
 * Text that every file holding a Durable Object contains. A file with none of them is not
 * walked at all.
 */
const DURABLE_OBJECT_HINTS = [
  "DurableObject",
  "acceptWebSocket",
  "getWebSockets",
  "blockConcurrencyWhile",
  ".storage",
  ...FRAMEWORK_HINTS,
];

const HANDLER_NAME_SET: ReadonlySet<string> = new Set(HANDLER_NAMES);
/**
 * Methods of a framework class whose first parameter is an accepted connection
 * (`getConnectionTags()` gets it before the framework accepts it).
 */
const CONNECTION_PARAMETER_METHODS: ReadonlySet<string> = new Set(CONNECTION_HANDLER_NAMES);
const ARRAY_CALLBACK_METHODS = new Set(["forEach", "map", "filter", "some", "every", "find", "flatMap"]);

const EMPTY_MODEL: DurableObjectModel = {
  durableObjects: [],
  durableObjectAt: () => undefined,
  thisDurableObjectAt: () => undefined,
  isStateHandle: () => false,
  stateHandleTextAt: () => undefined,
  socketOf: () => undefined,
  isAcceptedForHibernation: () => false,
  mayBe: () => true,
  sendsMessages: () => false,
  thisMemberUses: () => new Map(),
  memberCallsNamed: () => [],
  callsNamed: () => [],
};

/** Builds the model of one file. Pure: it reads the AST and scopes and reports nothing. */
export function buildDurableObjectModel(
  sourceCode: Readonly<TSESLint.SourceCode>,
  namedClasses: NamedClasses,
  types?: TypeInformation,
): DurableObjectModel {
  if (!mayContainDurableObject(sourceCode.text, namedClasses, types)) {
    return EMPTY_MODEL;
  }
  const facts = collectFileFacts(sourceCode);
  if (facts.classes.length === 0) {
    return EMPTY_MODEL;
  }
  const byNode = findDurableObjects(sourceCode, facts, namedClasses, types);
  if (byNode.size === 0) {
    return EMPTY_MODEL;
  }
  return new FileModel(sourceCode, facts, byNode, types);
}

function mayContainDurableObject(text: string, namedClasses: NamedClasses, types: TypeInformation | undefined): boolean {
  if (!text.includes("class")) {
    return false;
  }
  return (
    DURABLE_OBJECT_HINTS.some((hint) => text.includes(hint)) ||
    [...namedClasses.keys()].some((name) => text.includes(name)) ||
    // With types, a class can extend a Durable Object of another module under any name.
    (types !== undefined && (text.includes("extends") || text.includes("implements")))
  );
}

class FileModel implements DurableObjectModel {
  readonly durableObjects: readonly DurableObjectClass[];
  readonly #sourceCode: Readonly<TSESLint.SourceCode>;
  readonly #facts: FileFacts;
  readonly #byNode: Map<ClassNode, MutableDurableObjectClass>;
  /** Module-level functions that run inside Durable Objects, with the objects that call them. */
  readonly #moduleFunctionOwners = new Map<FunctionNode, MutableDurableObjectClass[]>();
  readonly #ownerCache = new Map<TSESTree.Node, MutableDurableObjectClass | null>();
  readonly #stateVariables = new Map<Variable, boolean>();
  readonly #socketVariables = new Map<Variable, SocketInfo | null>();
  readonly #pairVariables = new Map<Variable, boolean>();
  readonly #hibernatableCollections = new Map<Variable, boolean>();
  readonly #types: TypeInformation | undefined;
  readonly #typedMemberCalls = new Map<RecordedCall, TSESTree.CallExpression[]>();

  constructor(
    sourceCode: Readonly<TSESLint.SourceCode>,
    facts: FileFacts,
    byNode: Map<ClassNode, MutableDurableObjectClass>,
    types: TypeInformation | undefined,
  ) {
    this.#sourceCode = sourceCode;
    this.#types = types;
    this.#facts = facts;
    this.#byNode = byNode;
    this.durableObjects = [...byNode.values()].sort((a, b) => a.node.range[0] - b.node.range[0]);
    this.#assignModuleFunctions();
    this.#assignAcceptCalls();
  }

  durableObjectAt(node: TSESTree.Node): DurableObjectClass | undefined {
    return this.#ownerAt(node) ?? undefined;
  }

  thisDurableObjectAt(node: TSESTree.Node): DurableObjectClass | undefined {
    return this.#thisDurableObjectAt(node);
  }

  isStateHandle(node: TSESTree.Node): boolean {
    return this.#isStateHandleInSource(node) || this.#types?.runtimeTypeOf(node) === "DurableObjectState";
  }

  #isStateHandleInSource(node: TSESTree.Node): boolean {
    const expression = skipTypeWrappers(node);
    if (expression.type === AST_NODE_TYPES.MemberExpression) {
      if (expression.object.type !== AST_NODE_TYPES.ThisExpression) {
        return false;
      }
      const field = memberName(expression);
      const owner = this.#thisDurableObjectAt(expression);
      return field !== undefined && owner !== undefined && owner.stateFields.has(field);
    }
    if (expression.type === AST_NODE_TYPES.Identifier) {
      const variable = resolveVariable(this.#sourceCode, expression);
      return variable ? this.#isStateVariable(variable) : false;
    }
    return false;
  }

  stateHandleTextAt(durableObject: DurableObjectClass, node: TSESTree.Node): string | undefined {
    if (this.#thisDurableObjectAt(node) === durableObject) {
      const field = durableObject.stateFields.has("ctx") ? "ctx" : [...durableObject.stateFields][0];
      if (field !== undefined) {
        return `this.${field}`;
      }
    }
    const parameter = (durableObject as MutableDurableObjectClass).stateParameter;
    const constructorNode = durableObject.constructorNode;
    if (
      parameter &&
      constructorNode &&
      node.range[0] >= constructorNode.value.range[0] &&
      node.range[1] <= constructorNode.value.range[1]
    ) {
      const variable = resolveVariable(this.#sourceCode, parameter);
      const scope = this.#sourceCode.getScope(node);
      const visible = scope.set.get(parameter.name) ?? findByName(scope, parameter.name);
      if (variable && visible === variable) {
        return parameter.name;
      }
    }
    return undefined;
  }

  socketOf(node: TSESTree.Node): SocketInfo | undefined {
    const socket = this.#socketInSource(node);
    if (socket || !this.#types) {
      return socket;
    }
    return this.#types.runtimeTypeOf(node) === "WebSocket" ? { origin: "typed", variable: undefined } : undefined;
  }

  #socketInSource(node: TSESTree.Node): SocketInfo | undefined {
    const expression = skipTypeWrappers(node);
    switch (expression.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = resolveVariable(this.#sourceCode, expression);
        return variable ? this.#socketOfVariable(variable) : undefined;
      }
      case AST_NODE_TYPES.NewExpression:
        return this.#isGlobalConstructor(expression, "WebSocket") ? { origin: "outgoing", variable: undefined } : undefined;
      case AST_NODE_TYPES.MemberExpression:
        return this.#socketOfMember(expression);
      case AST_NODE_TYPES.AwaitExpression:
        return this.socketOf(expression.argument);
      case AST_NODE_TYPES.CallExpression:
        return this.#isConnectionCall(expression, GET_CONNECTION) ? { origin: "hibernatable", variable: undefined } : undefined;
      default:
        return undefined;
    }
  }

  isAcceptedForHibernation(socket: SocketInfo): boolean {
    if (socket.origin === "hibernatable") {
      return true;
    }
    return (socket.variable?.references ?? []).some((reference) => isAcceptWebSocketArgument(reference.identifier));
  }

  sendsMessages(fn: FunctionNode): boolean {
    return this.#facts.sendingFunctions.has(fn);
  }

  thisMemberUses(durableObject: DurableObjectClass): ReadonlyMap<string, readonly TSESTree.MemberExpression[]> {
    return this.#facts.thisMembers.get(durableObject.node) ?? EMPTY_USES;
  }

  mayBe(node: TSESTree.Node, type: "DurableObjectState" | "WebSocket"): boolean {
    const known = this.#types?.runtimeTypeOf(node);
    return known === undefined || known === "unknown" || known === type;
  }

  callsNamed(names: Iterable<string>): readonly TSESTree.CallExpression[] {
    const lists: (readonly TSESTree.CallExpression[])[] = [];
    for (const name of new Set(names)) {
      const calls = this.#facts.callsByName.get(name);
      if (calls) {
        lists.push(calls);
      }
    }
    if (lists.length <= 1) {
      return lists[0] ?? [];
    }
    // Source order, outer calls first (`a.x().y()` starts where `a.x()` does), as a traversal meets them.
    return lists.flat().sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
  }

  memberCallsNamed(name: RecordedCall): readonly TSESTree.CallExpression[] {
    const calls = this.#facts.memberCalls.get(name) ?? [];
    const receiver = RUNTIME_RECEIVERS.get(name);
    if (!this.#types || receiver === undefined) {
      return calls;
    }
    let typed = this.#typedMemberCalls.get(name);
    if (!typed) {
      typed = calls.filter((call) => call.callee.type !== AST_NODE_TYPES.MemberExpression || this.mayBe(call.callee.object, receiver));
      this.#typedMemberCalls.set(name, typed);
    }
    return typed;
  }

  // --- where code runs -------------------------------------------------------------

  #ownerAt(node: TSESTree.Node): MutableDurableObjectClass | null {
    const visited: TSESTree.Node[] = [];
    let owner: MutableDurableObjectClass | null = null;
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      if (isClassNode(current)) {
        const durableObject = this.#byNode.get(current);
        if (durableObject) {
          owner = durableObject;
          break;
        }
      }
      if (isFunctionNode(current)) {
        // Only functions are cached: every other node is passed on the way up.
        const cached = this.#ownerCache.get(current);
        if (cached !== undefined) {
          owner = cached;
          break;
        }
        const owners = this.#moduleFunctionOwners.get(current);
        if (owners) {
          owner = owners.find((candidate) => candidate.hibernates) ?? owners[0] ?? null;
          break;
        }
        visited.push(current);
      }
    }
    for (const fn of visited) {
      this.#ownerCache.set(fn, owner);
    }
    return owner;
  }

  /**
   * Module-level functions run inside an object when its code refers to them (calls them or
   * passes them on), directly or through other such functions.
   */
  #assignModuleFunctions(): void {
    const candidates = this.#moduleLevelFunctions();
    if (candidates.length === 0) {
      return;
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (const { fn, variable } of candidates) {
        for (const reference of variable.references) {
          if (reference.init) {
            continue;
          }
          const owner = this.#lexicalOwnerWithoutCache(reference.identifier);
          if (!owner) {
            continue;
          }
          let owners = this.#moduleFunctionOwners.get(fn);
          if (!owners) {
            owners = [];
            this.#moduleFunctionOwners.set(fn, owners);
          }
          if (!owners.includes(owner)) {
            owners.push(owner);
            owner.moduleFunctions.add(fn);
            changed = true;
          }
        }
      }
    }
  }

  #lexicalOwnerWithoutCache(node: TSESTree.Node): MutableDurableObjectClass | undefined {
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      if (isClassNode(current)) {
        const durableObject = this.#byNode.get(current);
        if (durableObject) {
          return durableObject;
        }
      }
      if (isFunctionNode(current)) {
        const owners = this.#moduleFunctionOwners.get(current);
        if (owners?.[0]) {
          return owners[0];
        }
      }
    }
    return undefined;
  }

  #moduleLevelFunctions(): { fn: FunctionNode; variable: Variable }[] {
    const result: { fn: FunctionNode; variable: Variable }[] = [];
    const globalScope = this.#sourceCode.scopeManager?.globalScope;
    if (!globalScope) {
      return result;
    }
    const scopes = [globalScope, ...globalScope.childScopes.filter((scope) => scope.type === "module")];
    for (const scope of scopes) {
      for (const variable of scope.variables) {
        const definition = variable.defs[0];
        if (!definition) {
          continue;
        }
        if (definition.type === "FunctionName" && isFunctionNode(definition.node)) {
          result.push({ fn: definition.node, variable });
        } else if (definition.type === "Variable" && definition.node.init) {
          const init = skipTypeWrappers(definition.node.init);
          if (isFunctionNode(init)) {
            result.push({ fn: init, variable });
          }
        }
      }
    }
    return result;
  }

  #assignAcceptCalls(): void {
    for (const call of this.#facts.acceptWebSocketCalls) {
      if (call.callee.type === AST_NODE_TYPES.MemberExpression && !this.mayBe(call.callee.object, "DurableObjectState")) {
        continue;
      }
      const owner = this.#ownerAt(call);
      owner?.acceptWebSocketCalls.push(call);
    }
    const decided = new Set<MutableDurableObjectClass>();
    const decide = (durableObject: MutableDurableObjectClass): boolean => {
      if (decided.has(durableObject)) {
        return durableObject.hibernates;
      }
      decided.add(durableObject);
      // A framework accepts the connections itself and defines the handlers: only its own
      // rule says whether they hibernate, and hibernation handlers defined beside it do not.
      const frameworkHibernates =
        durableObject.framework === "agents" ||
        (durableObject.framework === "partyserver" && durableObject.hibernateOption === true);
      durableObject.hibernates =
        frameworkHibernates ||
        durableObject.acceptWebSocketCalls.length > 0 ||
        (durableObject.framework === undefined && durableObject.handlers.size > 0) ||
        (durableObject.baseClass !== undefined && decide(durableObject.baseClass));
      return durableObject.hibernates;
    };
    for (const durableObject of this.#byNode.values()) {
      decide(durableObject);
    }
  }

  // --- state handles ----------------------------------------------------------------

  #thisDurableObjectAt(node: TSESTree.Node): MutableDurableObjectClass | undefined {
    const classNode = thisClassAt(node);
    return classNode ? this.#byNode.get(classNode) : undefined;
  }

  #isStateVariable(variable: Variable): boolean {
    const cached = this.#stateVariables.get(variable);
    if (cached !== undefined) {
      return cached;
    }
    this.#stateVariables.set(variable, false);
    const result = this.#computeIsStateVariable(variable);
    this.#stateVariables.set(variable, result);
    return result;
  }

  #computeIsStateVariable(variable: Variable): boolean {
    const definition = variable.defs[0];
    if (!definition) {
      return false;
    }
    if (definition.type === "Parameter") {
      return this.durableObjects.some(
        (durableObject) => (durableObject as MutableDurableObjectClass).stateParameter === definition.name,
      );
    }
    if (definition.type !== "Variable") {
      return false;
    }
    const declarator = definition.node;
    const init = declarator.init && skipTypeWrappers(declarator.init);
    if (!init) {
      return false;
    }
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      return this.isStateHandle(init);
    }
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && init.type === AST_NODE_TYPES.ThisExpression) {
      const key = destructuredKey(declarator.id, definition.name);
      const owner = this.#thisDurableObjectAt(init);
      return key !== undefined && owner !== undefined && owner.stateFields.has(key);
    }
    return false;
  }

  // --- sockets ----------------------------------------------------------------------

  #socketOfMember(expression: TSESTree.MemberExpression): SocketInfo | undefined {
    const object = skipTypeWrappers(expression.object);
    const name = memberName(expression);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      return name === undefined ? undefined : this.#socketOfField(expression, name);
    }
    if (expression.computed) {
      // `pair[1]`, `Object.values(pair)[1]`
      if (this.#isPair(object) || this.#isPairValues(object)) {
        const index = name === undefined ? undefined : Number(name);
        if (index === 0) {
          return { origin: "pairClient", variable: undefined };
        }
        if (index === 1) {
          return { origin: "pairServer", variable: undefined };
        }
        return undefined;
      }
      return this.#isHibernatableCollection(object) ? { origin: "hibernatable", variable: undefined } : undefined;
    }
    // `response.webSocket` is only ever set on the response of an outgoing upgrade.
    return name === "webSocket" ? { origin: "outgoing", variable: undefined } : undefined;
  }

  #socketOfField(expression: TSESTree.MemberExpression, field: string): SocketInfo | undefined {
    const classNode = thisClassAt(expression);
    const writes = classNode ? this.#facts.thisWrites.get(classNode)?.get(field) : undefined;
    for (const value of writes ?? []) {
      const unwrapped = skipTypeWrappers(value);
      // `this.socket = socket` inside a method: follow it, but not back into fields.
      if (unwrapped.type === AST_NODE_TYPES.MemberExpression && unwrapped.object.type === AST_NODE_TYPES.ThisExpression) {
        continue;
      }
      const socket = this.socketOf(unwrapped);
      if (socket) {
        // The field holds the same socket as the variable written into it.
        return socket;
      }
    }
    return undefined;
  }

  #socketOfVariable(variable: Variable): SocketInfo | undefined {
    const cached = this.#socketVariables.get(variable);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    this.#socketVariables.set(variable, null);
    const origin = this.#computeSocketOrigin(variable);
    const result = origin ? { origin, variable } : null;
    this.#socketVariables.set(variable, result);
    return result ?? undefined;
  }

  #computeSocketOrigin(variable: Variable): SocketInfo["origin"] | undefined {
    const definition = variable.defs[0];
    if (!definition) {
      return undefined;
    }
    if (definition.type === "Parameter") {
      return this.#socketParameterOrigin(definition.node, definition.name);
    }
    if (definition.type !== "Variable") {
      return undefined;
    }
    const declarator = definition.node;
    const loop = declarator.parent.parent;
    if (
      loop?.type === AST_NODE_TYPES.ForOfStatement &&
      loop.left === declarator.parent &&
      declarator.id === definition.name
    ) {
      return this.#isHibernatableCollection(loop.right) ? "hibernatable" : undefined;
    }
    const init = declarator.init && skipTypeWrappers(declarator.init);
    if (!init) {
      return undefined;
    }
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      return this.socketOf(init)?.origin;
    }
    if (declarator.id.type === AST_NODE_TYPES.ArrayPattern) {
      const index = declarator.id.elements.findIndex((element) => patternBinds(element, definition.name));
      if (this.#isPairValues(init)) {
        return this.#pairEndOrigin(variable, index);
      }
      return this.#isHibernatableCollection(init) ? "hibernatable" : undefined;
    }
    if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && this.#isPair(init)) {
      const key = destructuredKey(declarator.id, definition.name);
      return key === "0" || key === "1" ? this.#pairEndOrigin(variable, Number(key)) : undefined;
    }
    return undefined;
  }

  /** The end a response hands to the client is the client's; the object keeps the other one. */
  #pairEndOrigin(variable: Variable, index: number): SocketInfo["origin"] | undefined {
    if (index !== 0 && index !== 1) {
      return undefined;
    }
    const references = variable.references.map((reference) => reference.identifier);
    if (references.some(isResponseWebSocket)) {
      return "pairClient";
    }
    if (index === 1) {
      return "pairServer";
    }
    return references.some(isUsedAsServerSocket) ? "pairServer" : "pairClient";
  }

  #socketParameterOrigin(fn: TSESTree.Node, parameter: TSESTree.Node): SocketInfo["origin"] | undefined {
    if (!isFunctionNode(fn) || fn.params[0] !== parameter) {
      return undefined;
    }
    const holder = fn.parent;
    if (
      (holder.type === AST_NODE_TYPES.MethodDefinition || holder.type === AST_NODE_TYPES.PropertyDefinition) &&
      holder.value === fn
    ) {
      const name = keyName(holder);
      const classNode = holder.parent.parent;
      const durableObject = isClassNode(classNode) ? this.#byNode.get(classNode) : undefined;
      if (name === undefined || !durableObject || holder.static) {
        return undefined;
      }
      if (durableObject.framework !== undefined) {
        return durableObject.hibernates && (isConnectionParameter(name, fn) || HANDLER_NAME_SET.has(name))
          ? "hibernatable"
          : undefined;
      }
      return HANDLER_NAME_SET.has(name) ? "hibernatable" : undefined;
    }
    if (holder.type === AST_NODE_TYPES.CallExpression && holder.arguments[0] === fn) {
      const call = memberCall(holder, ARRAY_CALLBACK_METHODS);
      return call && this.#isHibernatableCollection(call.object) ? "hibernatable" : undefined;
    }
    return undefined;
  }

  #isGlobalConstructor(node: TSESTree.NewExpression, name: string): boolean {
    return (
      node.callee.type === AST_NODE_TYPES.Identifier &&
      node.callee.name === name &&
      isGlobalReference(this.#sourceCode, node.callee)
    );
  }

  /** `new WebSocketPair()`, or a variable holding one. */
  #isPair(node: TSESTree.Node): boolean {
    const expression = skipTypeWrappers(node);
    if (expression.type === AST_NODE_TYPES.NewExpression) {
      return this.#isGlobalConstructor(expression, "WebSocketPair");
    }
    return this.#holds(expression, this.#pairVariables, (init) => this.#isPair(init));
  }

  /**
   * True when `node` is a variable initialised (as a whole, not destructured) with a value
   * that `test` accepts; memoised per variable in `cache`.
   */
  #holds(node: TSESTree.Node, cache: Map<Variable, boolean>, test: (init: TSESTree.Expression) => boolean): boolean {
    const variable = node.type === AST_NODE_TYPES.Identifier ? resolveVariable(this.#sourceCode, node) : null;
    if (!variable) {
      return false;
    }
    return memoised(cache, variable, () => {
      const definition = variable.defs[0];
      return (
        definition?.type === "Variable" &&
        definition.node.id.type === AST_NODE_TYPES.Identifier &&
        definition.node.init !== null &&
        test(definition.node.init)
      );
    });
  }

  /** `Object.values(pair)`. */
  #isPairValues(node: TSESTree.Node): boolean {
    const expression = skipTypeWrappers(node);
    if (expression.type !== AST_NODE_TYPES.CallExpression || expression.arguments[0] === undefined) {
      return false;
    }
    const callee = expression.callee;
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === "Object" &&
      memberName(callee) === "values" &&
      this.#isPair(expression.arguments[0])
    );
  }

  /**
   * `state.getWebSockets(...)`, a hibernating framework object's `this.getConnections(...)`,
   * a copy of either (`[...sockets]`, `Array.from(sockets)`), or a variable holding one.
   */
  #isHibernatableCollection(node: TSESTree.Node): boolean {
    const expression = skipTypeWrappers(node);
    if (expression.type === AST_NODE_TYPES.CallExpression) {
      if (memberCall(expression, GET_WEB_SOCKETS) !== undefined || this.#isConnectionCall(expression, GET_CONNECTIONS)) {
        return true;
      }
      const [argument] = expression.arguments;
      return (
        argument !== undefined &&
        argument.type !== AST_NODE_TYPES.SpreadElement &&
        this.#isGlobalMethodCall(expression, "Array", "from") &&
        this.#isHibernatableCollection(argument)
      );
    }
    if (expression.type === AST_NODE_TYPES.ArrayExpression) {
      const [element] = expression.elements;
      return (
        expression.elements.length === 1 &&
        element?.type === AST_NODE_TYPES.SpreadElement &&
        this.#isHibernatableCollection(element.argument)
      );
    }
    return this.#holds(expression, this.#hibernatableCollections, (init) => this.#isHibernatableCollection(init));
  }

  /** `this.getConnections(...)` / `this.getConnection(...)` in a hibernating framework object. */
  #isConnectionCall(node: TSESTree.CallExpression, names: ReadonlySet<string>): boolean {
    const call = memberCall(node, names);
    if (!call || skipTypeWrappers(call.object).type !== AST_NODE_TYPES.ThisExpression) {
      return false;
    }
    const owner = this.#thisDurableObjectAt(call.object);
    return owner?.framework !== undefined && owner.hibernates;
  }

  #isGlobalMethodCall(node: TSESTree.CallExpression, object: string, method: string): boolean {
    const callee = skipTypeWrappers(node.callee);
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === object &&
      memberName(callee) === method &&
      isGlobalReference(this.#sourceCode, callee.object)
    );
  }
}

const GET_WEB_SOCKETS = new Set(["getWebSockets"]);
/** The runtime's type that each recorded method belongs to. */
const RUNTIME_RECEIVERS: ReadonlyMap<RecordedCall, "DurableObjectState" | "WebSocket"> = new Map([
  ["deserializeAttachment", "WebSocket"],
  ["serializeAttachment", "WebSocket"],
  ["getWebSockets", "DurableObjectState"],
]);
const GET_CONNECTIONS = new Set(["getConnections"]);
const GET_CONNECTION = new Set(["getConnection"]);

/**
 * The first parameter of a framework's connection handler is the connection, except in the
 * one-parameter `onError(error)` of `agents`, which reports errors that belong to no connection.
 */
function isConnectionParameter(method: string, fn: FunctionNode): boolean {
  if (!CONNECTION_PARAMETER_METHODS.has(method)) {
    return false;
  }
  return method !== "onError" || fn.params.length >= 2;
}
const EMPTY_USES: ReadonlyMap<string, readonly TSESTree.MemberExpression[]> = new Map();

function memoised<K>(cache: Map<K, boolean>, key: K, compute: () => boolean): boolean {
  const cached = cache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  cache.set(key, false);
  const result = compute();
  cache.set(key, result);
  return result;
}

function findByName(scope: TSESLint.Scope.Scope, name: string): Variable | undefined {
  for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
    const variable = current.set.get(name);
    if (variable) {
      return variable;
    }
  }
  return undefined;
}

function patternBinds(element: TSESTree.Node | null, name: TSESTree.Node): boolean {
  if (!element) {
    return false;
  }
  if (element === name) {
    return true;
  }
  return element.type === AST_NODE_TYPES.AssignmentPattern && element.left === name;
}

/** In `{ key: name }` (or `{ name }`), the key that binds `name`. */
function destructuredKey(pattern: TSESTree.ObjectPattern, name: TSESTree.Node): string | undefined {
  for (const property of pattern.properties) {
    if (property.type === AST_NODE_TYPES.Property && patternBinds(property.value, name)) {
      return property.computed && property.key.type !== AST_NODE_TYPES.Literal ? undefined : propertyName(property.key);
    }
  }
  return undefined;
}

/** `{ webSocket: client }` or `{ webSocket }` in the object handed to a `Response`. */
function isResponseWebSocket(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  return (
    parent?.type === AST_NODE_TYPES.Property &&
    parent.value === identifier &&
    keyName(parent) === "webSocket"
  );
}

const SERVER_SOCKET_MEMBERS = new Set(["accept", "addEventListener", "send", "serializeAttachment"]);

function isUsedAsServerSocket(identifier: TSESTree.Node): boolean {
  if (isAcceptWebSocketArgument(identifier)) {
    return true;
  }
  const parent = identifier.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) {
    return false;
  }
  const name = memberName(parent);
  return name !== undefined && (SERVER_SOCKET_MEMBERS.has(name) || name.startsWith("on"));
}

function isAcceptWebSocketArgument(identifier: TSESTree.Node): boolean {
  const { parent } = identifier;
  return (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[0] === identifier &&
    memberCall(parent, ACCEPT_WEB_SOCKET) !== undefined
  );
}

const ACCEPT_WEB_SOCKET = new Set(["acceptWebSocket"]);
