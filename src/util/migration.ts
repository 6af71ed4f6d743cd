import { AST_NODE_TYPES, AST_TOKEN_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import type { DurableObjectClass, DurableObjectModel, MethodLikeNode } from "../analysis/index.js";
import { timerCalled } from "../analysis/timers.js";
import {
  type FunctionNode,
  enclosingFunction,
  isFunctionNode,
  isGlobalReference,
  isWithin,
  keyName,
  memberCall,
  memberName,
  siblingStatements,
  skipTypeWrappers,
} from "./ast.js";
import { repeatedSqlEffect } from "./sql.js";
import { staticString } from "./static-value.js";

type Variable = TSESLint.Scope.Variable;
type Scope = TSESLint.Scope.Scope;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/** The message of the `migrateToHibernation` suggestion, shared by the rules that offer it. */
export const MIGRATE_TO_HIBERNATION_MESSAGE = "Accept the socket with `{{accept}}` and handle its events in {{handlers}}.";

/** What the suggestion's message names. */
export interface MigrationData {
  readonly [key: string]: string;
  readonly accept: string;
  readonly handlers: string;
}

/** A rewrite of one standard-API socket into hibernation: accept, handlers, broadcast collection. */
export interface Migration {
  readonly data: MigrationData;
  readonly fix: (fixer: Fixer) => Fix[];
}

type EventName = "close" | "error" | "message";

const SOCKET_NAMES = ["ws", "socket", "webSocket"];

interface HandlerSpec {
  readonly method: "webSocketClose" | "webSocketError" | "webSocketMessage";
  /** The event's members, in the order the handler receives them after the socket. */
  readonly members: readonly string[];
  /** Names the handler's parameters take, socket first, then one per member; later names are fallbacks. */
  readonly names: readonly (readonly string[])[];
  /** TypeScript types of the parameters, socket first. */
  readonly types: readonly string[];
}

const HANDLERS: Readonly<Record<EventName, HandlerSpec>> = {
  message: {
    method: "webSocketMessage",
    members: ["data"],
    names: [SOCKET_NAMES, ["message", "data", "payload"]],
    types: ["WebSocket", "string | ArrayBuffer"],
  },
  close: {
    method: "webSocketClose",
    members: ["code", "reason", "wasClean"],
    names: [SOCKET_NAMES, ["code", "closeCode"], ["reason", "closeReason"], ["wasClean", "clean"]],
    types: ["WebSocket", "number", "string", "boolean"],
  },
  error: {
    method: "webSocketError",
    members: ["error"],
    names: [SOCKET_NAMES, ["error", "err", "cause"]],
    types: ["WebSocket", "unknown"],
  },
};
const EVENT_ORDER: readonly EventName[] = ["message", "close", "error"];
const HANDLER_PROPERTIES: ReadonlyMap<string, EventName> = new Map([
  ["onmessage", "message"],
  ["onclose", "close"],
  ["onerror", "error"],
]);
const HANDLER_METHODS = new Set(["webSocketMessage", "webSocketClose", "webSocketError"]);
const EVENT_STYLE_METHODS = new Set(["onmessage", "onclose", "onerror", "onopen", "onconnect"]);

/** Calls on the socket that work the same once it is accepted for hibernation. */
const SOCKET_CALLS_KEPT = new Set(["send", "close"]);
/** Methods that change a collection or array in place. */
const MUTATING_METHODS = new Set([
  "add",
  "clear",
  "copyWithin",
  "delete",
  "fill",
  "pop",
  "push",
  "reverse",
  "set",
  "shift",
  "sort",
  "splice",
  "unshift",
]);
/** Calls in a constructor that `no-constructor-side-effects` reports once the object hibernates (`exec` for some queries). */
const CONSTRUCTOR_EFFECTS = new Set(["put", "delete", "deleteAll", "setAlarm", "deleteAlarm", "send", "close", "fetch", "exec"]);
const TS_FILE = /\.[cm]?tsx?$/;
const ACCEPT = new Set(["accept"]);
const ADD_EVENT_LISTENER = new Set(["addEventListener"]);
const ADDING = new Set(["add", "push"]);
const DELETE = new Set(["delete"]);
const INDEX_OF = new Set(["indexOf"]);
const SPLICE = new Set(["splice"]);
const FILTER = new Set(["filter"]);
const GET = new Set(["get"]);
const PUT = new Set(["put"]);

/** What the rules' listeners note about each object while ESLint walks the file. */
interface ObjectNotes {
  /** `accept()` calls on its sockets. */
  readonly acceptCalls: TSESTree.CallExpression[];
  /** A timer or an outgoing socket: findings of other rules once it hibernates. */
  breaksWhenHibernating: boolean;
  /** Calls that are side effects when construction makes them (`no-constructor-side-effects`). */
  readonly effectCalls: TSESTree.CallExpression[];
  /** `this` used other than as `this.member`: the instance's fields cannot all be followed. */
  thisEscapes: boolean;
  /** `this` inside non-arrow functions that are not methods: the functions they denote it in. */
  readonly ownThis: Set<FunctionNode>;
}

interface Listener {
  readonly event: EventName;
  readonly statement: TSESTree.ExpressionStatement;
  readonly fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
}

/** A socket collection the object keeps for broadcasting, which `getWebSockets()` replaces. */
interface Collection {
  readonly field: string;
  readonly removals: TSESTree.Node[];
  /** `this.field` where it is iterated, each replaced with `getWebSockets()`. */
  readonly iterations: { readonly node: TSESTree.MemberExpression; readonly state: string }[];
}

/** An edit in the coordinates of the original text. */
interface Edit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * Plans the migration of standard-API sockets (`server.accept()` and event listeners) to the
 * hibernation API. The rules that offer it feed every `CallExpression`, `NewExpression` and
 * `ThisExpression` of the file to `note*`, then ask for the migration once the walk is done.
 * Most files never ask, so the nodes are only kept while ESLint walks the file and looked at
 * on the first question.
 */
export class MigrationPlanner {
  readonly #sourceCode: Readonly<TSESLint.SourceCode>;
  readonly #model: DurableObjectModel;
  readonly #isTypeScript: boolean;
  readonly #notes = new Map<DurableObjectClass, ObjectNotes>();
  /** The nodes fed to `note*` and not yet looked at, in the order ESLint walked them. */
  #noted: (TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ThisExpression)[] = [];
  readonly #plans = new Map<TSESTree.CallExpression, Migration | null>();

  constructor(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, model: DurableObjectModel) {
    this.#sourceCode = context.sourceCode;
    this.#model = model;
    this.#isTypeScript = TS_FILE.test(context.filename);
  }

  noteCall(node: TSESTree.CallExpression): void {
    this.#noted.push(node);
  }

  noteNew(node: TSESTree.NewExpression): void {
    this.#noted.push(node);
  }

  noteThis(node: TSESTree.ThisExpression): void {
    this.#noted.push(node);
  }

  /** The notes of every object, taken from the nodes fed to `note*` on the first call. */
  #takeNotes(): ReadonlyMap<DurableObjectClass, ObjectNotes> {
    for (const node of this.#noted) {
      switch (node.type) {
        case AST_NODE_TYPES.CallExpression:
          this.#noteCall(node);
          break;
        case AST_NODE_TYPES.NewExpression:
          this.#noteNew(node);
          break;
        default:
          this.#noteThis(node);
          break;
      }
    }
    this.#noted = [];
    return this.#notes;
  }

  #noteCall(node: TSESTree.CallExpression): void {
    const owner = this.#model.durableObjectAt(node);
    if (!owner) {
      return;
    }
    const notes = this.#notesOf(owner);
    const accept = memberCall(node, ACCEPT);
    if (accept && node.arguments.length === 0) {
      notes.acceptCalls.push(node);
      if (this.#model.socketOf(accept.object)?.origin === "outgoing") {
        notes.breaksWhenHibernating = true;
      }
    }
    if (timerCalled(node, this.#sourceCode) !== undefined) {
      notes.breaksWhenHibernating = true;
    }
    const method = memberCall(node)?.name;
    const callee = node.callee;
    const isEffect =
      method === undefined
        ? callee.type === AST_NODE_TYPES.Identifier && CONSTRUCTOR_EFFECTS.has(callee.name) && isGlobalReference(this.#sourceCode, callee)
        : CONSTRUCTOR_EFFECTS.has(method);
    if (isEffect) {
      notes.effectCalls.push(node);
    }
  }

  #noteNew(node: TSESTree.NewExpression): void {
    const owner = this.#model.durableObjectAt(node);
    if (
      owner &&
      node.callee.type === AST_NODE_TYPES.Identifier &&
      node.callee.name === "WebSocket" &&
      isGlobalReference(this.#sourceCode, node.callee)
    ) {
      this.#notesOf(owner).breaksWhenHibernating = true;
    }
  }

  #noteThis(node: TSESTree.ThisExpression): void {
    const owner = this.#model.durableObjectAt(node);
    if (!owner) {
      return;
    }
    const notes = this.#notesOf(owner);
    const binder = thisBinder(node);
    if (binder && !isMethodValue(binder)) {
      notes.ownThis.add(binder);
      return;
    }
    const parent = node.parent;
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) {
      notes.thisEscapes = true;
    }
  }

  /** The migration of the socket `acceptCall` accepts, when it can be done without changing what the object does. */
  forAccept(acceptCall: TSESTree.CallExpression): Migration | undefined {
    let plan = this.#plans.get(acceptCall);
    if (plan === undefined) {
      plan = this.#plan(acceptCall) ?? null;
      this.#plans.set(acceptCall, plan);
    }
    return plan ?? undefined;
  }

  /** The migration of the socket a listener is registered on (`socketNode`), if it is one `forAccept` migrates. */
  forSocket(socketNode: TSESTree.Node): Migration | undefined {
    const socket = skipTypeWrappers(socketNode);
    const variable = socket.type === AST_NODE_TYPES.Identifier ? this.#model.socketOf(socket)?.variable : undefined;
    const accepts = (variable?.references ?? []).flatMap((reference) => {
      const call = socketCallOf(reference.identifier, "accept");
      return call && call.arguments.length === 0 && !isRefusal(call, this.#sourceCode) ? [call] : [];
    });
    return accepts.length === 1 && accepts[0] ? this.forAccept(accepts[0]) : undefined;
  }

  #notesOf(owner: DurableObjectClass): ObjectNotes {
    let notes = this.#notes.get(owner);
    if (!notes) {
      notes = { acceptCalls: [], breaksWhenHibernating: false, effectCalls: [], thisEscapes: false, ownThis: new Set() };
      this.#notes.set(owner, notes);
    }
    return notes;
  }

  #plan(acceptCall: TSESTree.CallExpression): Migration | undefined {
    const owner = this.#model.durableObjectAt(acceptCall);
    const accept = memberCall(acceptCall, ACCEPT);
    const notes = owner && this.#takeNotes().get(owner);
    if (!owner || !accept || !notes || !this.#isStandaloneObject(owner, notes)) {
      return undefined;
    }
    const socketNode = skipTypeWrappers(accept.object);
    const socket = socketNode.type === AST_NODE_TYPES.Identifier ? this.#model.socketOf(socketNode) : undefined;
    const variable = socket?.origin === "pairServer" ? socket.variable : undefined;
    const member = variable && this.#methodRunning(owner, acceptCall);
    const acceptStatement = acceptCall.parent;
    const stateText = this.#model.stateHandleTextAt(owner, acceptCall);
    if (
      !variable ||
      !member ||
      stateText === undefined ||
      acceptStatement.type !== AST_NODE_TYPES.ExpressionStatement ||
      variable.references.some((reference) => reference.isWrite() && !reference.init)
    ) {
      return undefined;
    }
    const listeners = this.#listenersAfter(acceptStatement, variable, notes);
    if (!listeners?.some((listener) => listener.event === "message")) {
      return undefined;
    }
    if (this.#otherSocketsListenedTo(notes, acceptCall)) {
      return undefined;
    }
    const collection = this.#collectionOf(owner, variable, acceptCall, listeners, member);
    if (collection === null || !this.#keepsNoLostState(owner, collection?.field)) {
      return undefined;
    }
    const handlers: { spec: HandlerSpec; text: string; comments: string }[] = [];
    const indent = this.#indentation(member.range[0]);
    const unit = this.#indentUnit(member, indent);
    for (const event of EVENT_ORDER) {
      const listener = listeners.find((candidate) => candidate.event === event);
      if (!listener) {
        continue;
      }
      const text = this.#handlerText(listener, variable, collection, indent, unit);
      if (text === null) {
        return undefined;
      }
      if (text !== undefined) {
        handlers.push({ spec: HANDLERS[event], text, comments: this.#movedComments(listener.statement, indent) });
      }
    }
    const socketText = this.#sourceCode.getText(accept.object);
    const acceptText = `${stateText}.acceptWebSocket(${socketText})`;
    const removals = [
      ...listeners.map((listener) => this.#statementRemoval(listener.statement, true)),
      ...(collection?.removals ?? [])
        .filter((node) => !listeners.some((listener) => isWithin(node, listener.statement)))
        .map((node) => this.#statementRemoval(node, false)),
    ];
    const methods = handlers.map((handler) => `\n\n${handler.comments}${handler.text}`).join("");
    return {
      data: {
        accept: acceptText,
        handlers: handlerList(handlers.map((handler) => handler.spec.method)),
      },
      fix: (fixer) => [
        fixer.replaceText(acceptCall, acceptText),
        ...removals.map((range) => fixer.removeRange(range)),
        ...(collection?.iterations ?? [])
          .filter(({ node }) => !listeners.some((listener) => isWithin(node, listener.statement)))
          .map(({ node, state }) => fixer.replaceText(node, `${state}.getWebSockets()`)),
        fixer.insertTextAfterRange(member.range, methods),
      ],
    };
  }

  /**
   * The object has nothing else that hibernation would change: no handlers or hibernatable
   * sockets yet, no local base class, no code that other rules report once it hibernates,
   * and its fields can all be followed.
   */
  #isStandaloneObject(owner: DurableObjectClass, notes: ObjectNotes): boolean {
    const uses = this.#model.thisMemberUses(owner);
    // An unused method named like a handler (`websocketClose`, `onMessage`) reads as a misspelt one once the object hibernates (valid-handlers).
    const handlerLike = [...owner.methods.keys()].some((name) => {
      const lowercase = name.toLowerCase();
      return (lowercase.includes("socket") || EVENT_STYLE_METHODS.has(lowercase)) && !uses.has(name);
    });
    return (
      !handlerLike &&
      owner.handlers.size === 0 &&
      ![...HANDLER_METHODS].some((name) => owner.methods.has(name)) &&
      owner.acceptWebSocketCalls.length === 0 &&
      owner.baseClass === undefined &&
      !notes.breaksWhenHibernating &&
      !notes.thisEscapes &&
      !this.#constructionHasEffects(owner, notes)
    );
  }

  /**
   * True when the constructor, or a method it calls, makes a call that the constructor of a
   * hibernating object must not make: it would run again on every wake.
   */
  #constructionHasEffects(owner: DurableObjectClass, notes: ObjectNotes): boolean {
    const constructorNode = owner.constructorNode;
    if (!constructorNode || notes.effectCalls.length === 0) {
      return false;
    }
    const uses = this.#model.thisMemberUses(owner);
    const construction: TSESTree.Node[] = [constructorNode];
    for (let index = 0; index < construction.length; index++) {
      const runner = construction[index];
      for (const [name, method] of owner.methods) {
        const called = (uses.get(name) ?? []).some(
          (use) => runner !== undefined && isWithin(use, runner) && use.parent.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use,
        );
        if (called && !construction.includes(method)) {
          construction.push(method);
        }
      }
    }
    return notes.effectCalls.some(
      (call) => construction.some((runner) => isWithin(call, runner)) && !this.#isHarmlessQuery(call),
    );
  }

  /** `sql.exec("CREATE TABLE IF NOT EXISTS ...")` and other queries that change nothing when run again. */
  #isHarmlessQuery(call: TSESTree.CallExpression): boolean {
    const query = call.arguments[0];
    const text = memberCall(call)?.name === "exec" && query ? staticString(query, this.#sourceCode) : undefined;
    return text !== undefined && repeatedSqlEffect(text) === undefined;
  }

  /** The instance method whose own code (not a nested function) makes `node`'s call. */
  #methodRunning(owner: DurableObjectClass, node: TSESTree.Node): MethodLikeNode | undefined {
    const fn = enclosingFunction(node);
    const member = fn?.parent;
    if (
      !fn ||
      this.#model.thisDurableObjectAt(node) !== owner ||
      (member?.type !== AST_NODE_TYPES.MethodDefinition && member?.type !== AST_NODE_TYPES.PropertyDefinition) ||
      member.value !== fn ||
      member.static ||
      member.parent.parent !== owner.node ||
      (member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== "method")
    ) {
      return undefined;
    }
    return member;
  }

  /**
   * The listeners registered on the socket in the statements right after `accept()`, when
   * every use of the socket is one the migration knows: the accept, the listeners, `send()`
   * and `close()`, and adding it to (or removing it from) a broadcast collection.
   */
  #listenersAfter(
    acceptStatement: TSESTree.ExpressionStatement,
    variable: Variable,
    notes: ObjectNotes,
  ): Listener[] | undefined {
    const statements = siblingStatements(acceptStatement);
    if (!statements) {
      return undefined;
    }
    const listeners: Listener[] = [];
    let branched = false;
    for (const statement of statements.slice(statements.indexOf(acceptStatement) + 1)) {
      const listener = statement.type === AST_NODE_TYPES.ExpressionStatement ? listenerOf(statement, variable) : undefined;
      if (listener === null) {
        return undefined;
      }
      if (listener) {
        // After a statement that may leave the block, the listener is registered only sometimes.
        if (branched || listeners.some((other) => other.event === listener.event) || !this.#isMovable(listener, variable, notes)) {
          return undefined;
        }
        listeners.push(listener);
      }
      branched ||= statement.type !== AST_NODE_TYPES.ExpressionStatement && statement.type !== AST_NODE_TYPES.VariableDeclaration;
    }
    return listeners;
  }

  /**
   * A listener body can become a handler when it reads only the event's members the handler
   * receives, the socket, `this` as the object, module-level bindings and its own locals.
   */
  #isMovable(listener: Listener, variable: Variable, notes: ObjectNotes): boolean {
    const { fn } = listener;
    if (fn.generator || fn.params.length > 1 || (fn.params[0] && fn.params[0].type !== AST_NODE_TYPES.Identifier)) {
      return false;
    }
    if (
      fn.body.type === AST_NODE_TYPES.ObjectExpression ||
      fn.body.type === AST_NODE_TYPES.FunctionExpression ||
      fn.body.type === AST_NODE_TYPES.ClassExpression
    ) {
      // As a statement of its own, the expression would read as a block or a declaration.
      return false;
    }
    if (fn.type === AST_NODE_TYPES.FunctionExpression && notes.ownThis.has(fn)) {
      return false;
    }
    const scope = this.#sourceCode.scopeManager?.acquire(fn);
    if (!scope || (scope.set.get("arguments")?.references.length ?? 0) > 0) {
      return false;
    }
    const classScopeOwner = enclosingClassOf(fn);
    return scope.through.every((reference) => {
      const resolved = reference.resolved;
      if (!resolved) {
        return true;
      }
      const type = resolved.scope.type;
      return (
        type === "global" ||
        type === "module" ||
        (type === "class" && resolved.scope.block === classScopeOwner) ||
        resolved === variable
      );
    });
  }

  /** True when the object listens to another socket accepted with `accept()`, whose events the new handlers would also receive. */
  #otherSocketsListenedTo(notes: ObjectNotes, acceptCall: TSESTree.CallExpression): boolean {
    return notes.acceptCalls.some((call) => {
      if (call === acceptCall || isRefusal(call, this.#sourceCode)) {
        return false;
      }
      const object = memberCall(call)?.object;
      const variable = object && this.#model.socketOf(object)?.variable;
      return !variable || variable.references.some((reference) => isListenerTarget(reference.identifier));
    });
  }

  /**
   * The broadcast collection the socket is added to, undefined when there is none, or null
   * when the socket is used in a way the migration cannot follow.
   */
  #collectionOf(
    owner: DurableObjectClass,
    variable: Variable,
    acceptCall: TSESTree.CallExpression,
    listeners: readonly Listener[],
    member: MethodLikeNode,
  ): Collection | undefined | null {
    let field: string | undefined;
    const removals: TSESTree.Node[] = [];
    const inListener = (node: TSESTree.Node, events?: readonly EventName[]): Listener | undefined =>
      listeners.find((listener) => isWithin(node, listener.fn) && (!events || events.includes(listener.event)));
    for (const reference of variable.references) {
      const identifier = reference.identifier;
      if (reference.init || isWithin(identifier, acceptCall)) {
        continue;
      }
      if (listeners.some((listener) => isWithin(identifier, listener.statement) && !isWithin(identifier, listener.fn))) {
        continue;
      }
      const added = collectionWrite(identifier, ADDING);
      const addition = added && removableStatement(added.expression);
      if (added && addition && !inListener(identifier) && isWithin(identifier, member)) {
        if (field !== undefined && field !== added.field) {
          return null;
        }
        field = added.field;
        removals.push(addition);
        continue;
      }
      const removed = collectionRemoval(identifier);
      const closing = inListener(identifier, ["close", "error"]);
      const removal = removed && closing && removableStatement(removed.expression, closing.fn);
      if (removed && removal) {
        if (field !== undefined && field !== removed.field) {
          return null;
        }
        field = removed.field;
        removals.push(removal);
        continue;
      }
      if (inListener(identifier)) {
        continue;
      }
      const call = socketCallOf(identifier);
      const name = call && memberCall(call)?.name;
      if (call && isWithin(call, member) && (SOCKET_CALLS_KEPT.has(name ?? "") || (name === "accept" && isRefusal(call, this.#sourceCode)))) {
        continue;
      }
      return null;
    }
    if (field === undefined) {
      return undefined;
    }
    return this.#collectionUses(owner, field, removals);
  }

  /** Checks that every use of `this.field` is one `getWebSockets()` can replace, and collects the edits. */
  #collectionUses(owner: DurableObjectClass, field: string, removals: TSESTree.Node[]): Collection | null {
    if (owner.stateFields.has(field) || owner.methods.has(field)) {
      return null;
    }
    const iterations: Collection["iterations"][number][] = [];
    const removed = (node: TSESTree.Node): boolean => removals.some((statement) => isWithin(node, statement));
    for (const use of this.#model.thisMemberUses(owner).get(field) ?? []) {
      if (removed(use)) {
        continue;
      }
      const initialisation = use.parent;
      const constructorNode = owner.constructorNode;
      if (
        constructorNode &&
        initialisation.type === AST_NODE_TYPES.AssignmentExpression &&
        initialisation.left === use &&
        initialisation.operator === "=" &&
        isEmptyCollection(initialisation.right) &&
        initialisation.parent.type === AST_NODE_TYPES.ExpressionStatement &&
        initialisation.parent.parent === constructorNode.value.body
      ) {
        removals.push(initialisation.parent);
        continue;
      }
      if (isIterated(use)) {
        const state = this.#model.stateHandleTextAt(owner, use);
        if (state === undefined) {
          return null;
        }
        iterations.push({ node: use, state });
        continue;
      }
      return null;
    }
    for (const classMember of owner.node.body.body) {
      if (!("key" in classMember) || classMember.computed || keyName(classMember) !== field) {
        continue;
      }
      if (
        classMember.type !== AST_NODE_TYPES.PropertyDefinition ||
        classMember.static ||
        (classMember.decorators?.length ?? 0) > 0 ||
        (classMember.value !== null && !isEmptyCollection(classMember.value))
      ) {
        return null;
      }
      removals.push(classMember);
    }
    return { field, removals, iterations };
  }

  /**
   * After a wake the constructor runs again and every field holds what it sets: a field the
   * object changes later must be loaded from storage in the constructor and saved where it
   * changes. The broadcast collection, which the migration removes, is exempt.
   */
  #keepsNoLostState(owner: DurableObjectClass, collectionField: string | undefined): boolean {
    const constructorNode = owner.constructorNode;
    const atConstruction = (node: TSESTree.Node): boolean =>
      (constructorNode !== undefined && isWithin(node, constructorNode)) || isFieldInitialiser(node);
    for (const [field, uses] of this.#model.thisMemberUses(owner)) {
      if (field === collectionField || owner.stateFields.has(field)) {
        continue;
      }
      const laterWrites = uses.filter((use) => isWrite(use) && !atConstruction(use));
      if (laterWrites.length === 0) {
        continue;
      }
      const restored = uses.some((use) => atConstruction(use) && isLoadedFromStorage(use));
      const saves = uses.filter(isSavedToStorage);
      const saved = laterWrites.every((write) => {
        const fn = enclosingFunction(write);
        return saves.some((save) => enclosingFunction(save) === fn && save.range[0] > write.range[1]);
      });
      if (!restored || !saved) {
        return false;
      }
    }
    return true;
  }

  /**
   * The handler method that receives what `listener` did, as text at `indent`; undefined when
   * nothing is left of the body, or null when the body cannot be moved.
   */
  #handlerText(
    listener: Listener,
    variable: Variable,
    collection: Collection | undefined,
    indent: string,
    unit: string,
  ): string | undefined | null {
    const spec = HANDLERS[listener.event];
    const { fn } = listener;
    const usedMembers = this.#eventMembersUsed(listener, spec);
    if (usedMembers === null) {
      return null;
    }
    const names = this.#parameterNames(fn, spec);
    if (!names) {
      return null;
    }
    const edits: Edit[] = [];
    const event = fn.params[0] ? this.#sourceCode.scopeManager?.acquire(fn)?.set.get((fn.params[0] as TSESTree.Identifier).name) : undefined;
    for (const reference of event?.references ?? []) {
      const member = reference.identifier.parent as TSESTree.MemberExpression;
      const index = spec.members.indexOf(memberName(member) ?? "");
      edits.push({ range: member.range, text: names[index + 1] ?? "" });
    }
    for (const reference of variable.references) {
      const identifier = reference.identifier;
      if (!isWithin(identifier, fn) || collection?.removals.some((statement) => isWithin(identifier, statement))) {
        continue;
      }
      const parent = identifier.parent;
      const shorthand = parent.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === identifier;
      edits.push({ range: identifier.range, text: shorthand ? `${identifier.name}: ${names[0] ?? ""}` : (names[0] ?? "") });
    }
    for (const { node, state } of collection?.iterations ?? []) {
      if (isWithin(node, fn)) {
        edits.push({ range: node.range, text: `${state}.getWebSockets()` });
      }
    }
    for (const statement of collection?.removals ?? []) {
      if (isWithin(statement, fn)) {
        edits.push({ range: this.#statementRemoval(statement, false), text: "" });
      }
    }
    const body = this.#bodyText(fn, edits, indent + unit);
    const isMessage = listener.event === "message";
    if (body.trim() === "" && !isMessage) {
      return undefined;
    }
    // The parameters up to the last one the body reads; the message handler always names its message.
    const used = spec.members.reduce((last, member, index) => (usedMembers.has(member) ? index + 1 : last), isMessage ? 1 : 0);
    const count = used + 1;
    const parameters = names
      .slice(0, count)
      .map((name, index) => (this.#isTypeScript ? `${name}: ${spec.types[index] ?? "unknown"}` : name))
      .join(", ");
    const asyncPrefix = fn.async ? "async " : "";
    const block = body.trim() === "" ? "{}" : `{\n${body}\n${indent}}`;
    return `${indent}${asyncPrefix}${spec.method}(${parameters}) ${block}`;
  }

  /**
   * The members of the event parameter the body reads, or null when it uses the event in any
   * other way (passes it on, reads a member the handler does not receive, writes to it).
   */
  #eventMembersUsed(listener: Listener, spec: HandlerSpec): Set<string> | null {
    const parameter = listener.fn.params[0];
    const used = new Set<string>();
    if (!parameter || parameter.type !== AST_NODE_TYPES.Identifier) {
      return used;
    }
    const event = this.#sourceCode.scopeManager?.acquire(listener.fn)?.set.get(parameter.name);
    for (const reference of event?.references ?? []) {
      const member = reference.identifier.parent;
      const name = member.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier ? memberName(member) : undefined;
      if (name === undefined || !spec.members.includes(name) || isWrite(member as TSESTree.MemberExpression)) {
        return null;
      }
      if (listener.event === "close" && name === "code" && this.#callsClose(listener.fn)) {
        // Passing the received code on to close() throws for 1005 and 1006 (valid-close).
        return null;
      }
      const outer = member.parent;
      if (this.#isTypeScript && listener.event === "error" && outer?.type === AST_NODE_TYPES.MemberExpression && outer.object === member) {
        // The handler receives the error as `unknown`; reading its members does not compile.
        return null;
      }
      used.add(name);
    }
    return used;
  }

  /** True when the body of `fn` calls a `close()` method, where the close code it received may end up. */
  #callsClose(fn: Listener["fn"]): boolean {
    const tokens = this.#sourceCode.getTokens(fn.body);
    return tokens.some(
      (token, index) =>
        token.type === AST_TOKEN_TYPES.Identifier &&
        token.value === "close" &&
        tokens[index - 1]?.value === "." &&
        tokens[index + 1]?.value === "(",
    );
  }

  /** The first names for the handler's parameters that no name the body declares or reads would clash with. */
  #parameterNames(fn: Listener["fn"], spec: HandlerSpec): string[] | undefined {
    const taken = namesSeenIn(this.#sourceCode.scopeManager?.acquire(fn));
    const eventName = fn.params[0]?.type === AST_NODE_TYPES.Identifier ? fn.params[0].name : undefined;
    if (eventName !== undefined) {
      taken.delete(eventName);
    }
    const names: string[] = [];
    for (const candidates of spec.names) {
      const name = candidates.find((candidate) => !taken.has(candidate) && !names.includes(candidate));
      if (name === undefined) {
        return undefined;
      }
      names.push(name);
    }
    return names;
  }

  /** The body of `fn` as statements at `indent`, with `edits` applied. */
  #bodyText(fn: Listener["fn"], edits: Edit[], indent: string): string {
    const text = this.#sourceCode.text;
    const body = fn.body;
    let start: number;
    let end: number;
    let suffix = "";
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      const first = body.body[0];
      const last = body.body.at(-1);
      if (!first || !last) {
        return "";
      }
      start = this.#sourceCode.getCommentsBefore(first)[0]?.range[0] ?? first.range[0];
      end = this.#sourceCode.getCommentsAfter(last).findLast((comment) => comment.range[1] < body.range[1])?.range[1] ?? last.range[1];
    } else {
      start = body.range[0];
      end = body.range[1];
      suffix = ";";
    }
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const fromLineStart = text.slice(lineStart, start).trim() === "";
    const oldIndent = indentationAt(text, lineStart);
    // Lines inside a multi-line template literal are part of its text: they keep their indentation.
    const protectedRanges = this.#sourceCode
      .getTokens(body)
      .filter((token) => token.type === AST_TOKEN_TYPES.Template && token.loc.start.line !== token.loc.end.line)
      .map((token) => token.range);
    const all: Edit[] = [...edits];
    if (fromLineStart) {
      start = lineStart;
    }
    for (let position = start; position < end; position = text.indexOf("\n", position) + 1) {
      if (position !== start || fromLineStart) {
        const leading = indentationAt(text, position);
        const next = text[position + leading.length];
        const isBlank = next === "\n" || next === "\r" || position + leading.length >= end;
        const inTemplate = protectedRanges.some(([from, to]) => from < position && position < to);
        const covered = edits.some(({ range }) => range[0] <= position && position < range[1]);
        if (!inTemplate && !covered) {
          const strip = Math.min(leading.length, oldIndent.length);
          all.push({ range: [position, position + (isBlank ? leading.length : strip)], text: isBlank ? "" : indent });
        }
      }
      if (text.indexOf("\n", position) === -1) {
        break;
      }
    }
    const prefix = fromLineStart ? "" : indent;
    const result = applyEdits(text, start, end, all);
    return result.trim() === "" ? "" : prefix + result + suffix;
  }

  /** Line comments right above a listener, to go above its handler instead. */
  #movedComments(statement: TSESTree.Node, indent: string): string {
    return this.#leadingComments(statement)
      .map((comment) => `${indent}${this.#sourceCode.getText(comment as never)}\n`)
      .join("");
  }

  #leadingComments(statement: TSESTree.Node): TSESTree.Comment[] {
    const comments = this.#sourceCode.getCommentsBefore(statement);
    const moved: TSESTree.Comment[] = [];
    let nextLine = statement.loc.start.line;
    for (const comment of [...comments].reverse()) {
      if (comment.type !== "Line" || comment.loc.end.line !== nextLine - 1 || !this.#startsLine(comment.range[0])) {
        break;
      }
      moved.unshift(comment);
      nextLine = comment.loc.start.line;
    }
    return moved;
  }

  /** The range that removes a statement with its line (and, for a listener, the comments above it). */
  #statementRemoval(node: TSESTree.Node, withComments: boolean): [number, number] {
    const text = this.#sourceCode.text;
    const first = withComments ? (this.#leadingComments(node)[0] ?? node) : node;
    let start = first.range[0];
    let end = node.range[1];
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const lineEnd = text.indexOf("\n", end);
    const restOfLine = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
    if (text.slice(lineStart, start).trim() === "" && restOfLine.trim() === "") {
      start = lineStart;
      end = lineEnd === -1 ? text.length : lineEnd + 1;
      // Take a blank line after it too when it would otherwise follow a blank line or an opening brace.
      const previousLine = text.slice(text.lastIndexOf("\n", start - 2) + 1, Math.max(start - 1, 0));
      const nextLineEnd = text.indexOf("\n", end);
      if (
        nextLineEnd !== -1 &&
        text.slice(end, nextLineEnd).trim() === "" &&
        (previousLine.trim() === "" || previousLine.trimEnd().endsWith("{"))
      ) {
        end = nextLineEnd + 1;
      }
    }
    return [start, end];
  }

  #startsLine(position: number): boolean {
    const text = this.#sourceCode.text;
    return text.slice(text.lastIndexOf("\n", position - 1) + 1, position).trim() === "";
  }

  #indentation(position: number): string {
    const text = this.#sourceCode.text;
    return indentationAt(text, text.lastIndexOf("\n", position - 1) + 1);
  }

  /** One level of indentation, as the method's own body uses it. */
  #indentUnit(member: MethodLikeNode, indent: string): string {
    const value = member.value;
    const first = value && isFunctionNode(value) && value.body.type === AST_NODE_TYPES.BlockStatement ? value.body.body[0] : undefined;
    const inner = first ? this.#indentation(first.range[0]) : "";
    return inner.startsWith(indent) && inner.length > indent.length ? inner.slice(indent.length) : "  ";
  }
}

/**
 * `server.accept(); server.send(reason); server.close(code)` in one block: a refusal that
 * closes the socket before the object could hibernate.
 */
export function isRefusal(acceptCall: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const statement = acceptCall.parent;
  const socket = memberCall(acceptCall)?.object;
  const statements = statement.type === AST_NODE_TYPES.ExpressionStatement ? siblingStatements(statement) : undefined;
  if (!statements || !socket) {
    return false;
  }
  const socketText = sourceCode.getText(socket);
  for (const next of statements.slice(statements.indexOf(statement) + 1)) {
    if (next.type === AST_NODE_TYPES.VariableDeclaration) {
      continue;
    }
    const expression = next.type === AST_NODE_TYPES.ExpressionStatement ? next.expression : undefined;
    const call = expression?.type === AST_NODE_TYPES.CallExpression ? memberCall(expression) : undefined;
    if (!call || sourceCode.getText(call.object) !== socketText) {
      return false;
    }
    if (call.name === "close") {
      return true;
    }
    if (call.name !== "send") {
      return false;
    }
  }
  return false;
}

/** `server.addEventListener("message", fn)` or `server.onmessage = fn` on `variable`: the listener; null for one the migration cannot move. */
function listenerOf(statement: TSESTree.ExpressionStatement, variable: Variable): Listener | undefined | null {
  const expression = statement.expression;
  if (expression.type === AST_NODE_TYPES.CallExpression) {
    const call = memberCall(expression, ADD_EVENT_LISTENER);
    if (!call || !refersTo(call.object, variable)) {
      return undefined;
    }
    const [eventArgument, fn, ...rest] = expression.arguments;
    const event = eventArgument && eventArgument.type === AST_NODE_TYPES.Literal ? eventArgument.value : undefined;
    if (rest.length > 0 || !fn || !isInlineFunction(fn) || (event !== "message" && event !== "close" && event !== "error")) {
      return null;
    }
    return { event, statement, fn };
  }
  if (expression.type === AST_NODE_TYPES.AssignmentExpression) {
    const target = skipTypeWrappers(expression.left);
    if (target.type !== AST_NODE_TYPES.MemberExpression || !refersTo(target.object, variable)) {
      return undefined;
    }
    const event = HANDLER_PROPERTIES.get(memberName(target) ?? "");
    if (event === undefined || expression.operator !== "=" || !isInlineFunction(expression.right)) {
      return null;
    }
    return { event, statement, fn: expression.right };
  }
  return undefined;
}

/** `socket.addEventListener(...)` or `socket.onmessage = ...` with `identifier` as the socket. */
function isListenerTarget(identifier: TSESTree.Node): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) {
    return false;
  }
  const name = memberName(member) ?? "";
  return name === "addEventListener" || (name.startsWith("on") && member.parent.type === AST_NODE_TYPES.AssignmentExpression);
}

function isInlineFunction(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

function refersTo(node: TSESTree.Node, variable: Variable): boolean {
  const expression = skipTypeWrappers(node);
  return expression.type === AST_NODE_TYPES.Identifier && variable.references.some((reference) => reference.identifier === expression);
}

/** `identifier.name(...)` with `identifier` as the object: the call. */
function socketCallOf(identifier: TSESTree.Node, name?: string): TSESTree.CallExpression | undefined {
  const member = identifier.parent;
  const call = member?.parent;
  if (
    member?.type !== AST_NODE_TYPES.MemberExpression ||
    member.object !== identifier ||
    call?.type !== AST_NODE_TYPES.CallExpression ||
    call.callee !== member
  ) {
    return undefined;
  }
  return name === undefined || memberName(member) === name ? call : undefined;
}

/**
 * The statement an expression makes up, which can be removed whole: an expression statement,
 * or the expression body of the listener `fn`.
 */
function removableStatement(expression: TSESTree.Node, fn?: Listener["fn"]): TSESTree.Node | undefined {
  if (expression.parent?.type === AST_NODE_TYPES.ExpressionStatement) {
    return expression.parent;
  }
  return fn && fn.body === expression ? expression : undefined;
}

/** `this.field.add(socket)` (or another of `methods`). */
function collectionWrite(
  identifier: TSESTree.Node,
  methods: ReadonlySet<string>,
): { field: string; expression: TSESTree.Expression } | undefined {
  const call = identifier.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 1 || call.arguments[0] !== identifier) {
    return undefined;
  }
  const target = memberCall(call, methods);
  const field = target && thisField(target.object);
  return field === undefined ? undefined : { field, expression: call };
}

/**
 * An expression that takes the socket out of a collection: `this.field.delete(socket)`,
 * `this.field.splice(this.field.indexOf(socket), 1)` or
 * `this.field = this.field.filter((other) => other !== socket)`.
 */
function collectionRemoval(identifier: TSESTree.Node): { field: string; expression: TSESTree.Expression } | undefined {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    return collectionWrite(identifier, DELETE) ?? splicedOut(parent);
  }
  return parent?.type === AST_NODE_TYPES.BinaryExpression ? filteredOut(parent, identifier) : undefined;
}

/** `this.field.splice(this.field.indexOf(socket), 1);`, given the `indexOf` call. */
function splicedOut(indexOfCall: TSESTree.CallExpression): { field: string; expression: TSESTree.Expression } | undefined {
  const indexOf = memberCall(indexOfCall, INDEX_OF);
  const splice = indexOfCall.parent;
  if (!indexOf || splice.type !== AST_NODE_TYPES.CallExpression || splice.arguments[0] !== indexOfCall) {
    return undefined;
  }
  const field = thisField(indexOf.object);
  const target = memberCall(splice, SPLICE);
  const count = splice.arguments[1];
  return field !== undefined &&
    target &&
    thisField(target.object) === field &&
    splice.arguments.length === 2 &&
    count?.type === AST_NODE_TYPES.Literal &&
    count.value === 1
    ? { field, expression: splice }
    : undefined;
}

/** `this.field = this.field.filter((other) => other !== socket);`, given the comparison. */
function filteredOut(
  comparison: TSESTree.BinaryExpression,
  identifier: TSESTree.Node,
): { field: string; expression: TSESTree.Expression } | undefined {
  const callback = comparison.parent;
  const filter = callback.parent;
  const assignment = filter?.parent;
  if (
    (comparison.operator !== "!==" && comparison.operator !== "!=") ||
    callback.type !== AST_NODE_TYPES.ArrowFunctionExpression ||
    callback.body !== comparison ||
    filter?.type !== AST_NODE_TYPES.CallExpression ||
    filter.arguments[0] !== callback ||
    assignment?.type !== AST_NODE_TYPES.AssignmentExpression ||
    assignment.operator !== "=" ||
    assignment.right !== filter
  ) {
    return undefined;
  }
  const [parameter, ...rest] = callback.params;
  const other = comparison.left === identifier ? comparison.right : comparison.left;
  const target = memberCall(filter, FILTER);
  const field = thisField(assignment.left);
  if (
    rest.length > 0 ||
    parameter?.type !== AST_NODE_TYPES.Identifier ||
    other.type !== AST_NODE_TYPES.Identifier ||
    other.name !== parameter.name ||
    !target ||
    field === undefined ||
    thisField(target.object) !== field
  ) {
    return undefined;
  }
  return { field, expression: assignment };
}

/** `this.name`: the name. */
function thisField(node: TSESTree.Node): string | undefined {
  const expression = skipTypeWrappers(node);
  return expression.type === AST_NODE_TYPES.MemberExpression && expression.object.type === AST_NODE_TYPES.ThisExpression
    ? memberName(expression)
    : undefined;
}

/** `for (const socket of this.field)` or `this.field.forEach(...)`. */
function isIterated(use: TSESTree.MemberExpression): boolean {
  const parent = use.parent;
  if (parent.type === AST_NODE_TYPES.ForOfStatement) {
    return parent.right === use && !parent.await;
  }
  return (
    parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === use &&
    memberName(parent) === "forEach" &&
    parent.parent.type === AST_NODE_TYPES.CallExpression &&
    parent.parent.callee === parent
  );
}

function isEmptyCollection(node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    return value.elements.length === 0;
  }
  return (
    value.type === AST_NODE_TYPES.NewExpression &&
    value.callee.type === AST_NODE_TYPES.Identifier &&
    value.callee.name === "Set" &&
    value.arguments.length === 0
  );
}

/** `this.field` (or a member inside it) is assigned, updated, deleted or changed in place. */
function isWrite(use: TSESTree.MemberExpression): boolean {
  let node: TSESTree.Node = use;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.left === node;
      case AST_NODE_TYPES.UpdateExpression:
        return true;
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === "delete";
      case AST_NODE_TYPES.ArrayPattern:
      case AST_NODE_TYPES.AssignmentPattern:
      case AST_NODE_TYPES.RestElement:
        return true;
      case AST_NODE_TYPES.Property:
        return parent.parent.type === AST_NODE_TYPES.ObjectPattern;
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
        return parent.left === node;
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object !== node) {
          return false;
        }
        if (parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
          return MUTATING_METHODS.has(memberName(parent) ?? "");
        }
        continue;
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.ChainExpression:
        continue;
      default:
        return false;
    }
  }
  return false;
}

/** `this.field = (await state.storage.get(key)) ?? fallback`, or the same without the fallback. */
function isLoadedFromStorage(use: TSESTree.MemberExpression): boolean {
  const assignment = use.parent;
  if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== use) {
    return false;
  }
  let value = skipTypeWrappers(assignment.right);
  for (;;) {
    if (value.type === AST_NODE_TYPES.LogicalExpression) {
      value = skipTypeWrappers(value.left);
    } else if (value.type === AST_NODE_TYPES.AwaitExpression) {
      value = skipTypeWrappers(value.argument);
    } else {
      break;
    }
  }
  const call = value.type === AST_NODE_TYPES.CallExpression ? memberCall(value, GET) : undefined;
  return call !== undefined && isStorage(call.object);
}

/** `this.field` is (part of) an argument of `state.storage.put(...)`. */
function isSavedToStorage(use: TSESTree.MemberExpression): boolean {
  let node: TSESTree.Node = use;
  for (let parent: TSESTree.Node | undefined = node.parent; parent && !isFunctionNode(parent); node = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== node) {
      const call = memberCall(parent, PUT);
      return call !== undefined && isStorage(call.object);
    }
  }
  return false;
}

function isStorage(node: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(node);
  return expression.type === AST_NODE_TYPES.MemberExpression && memberName(expression) === "storage";
}

function isFieldInitialiser(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      return false;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition) {
      return true;
    }
  }
  return false;
}

/** The non-arrow function that binds the `this` of `node`, or undefined at class or module level. */
function thisBinder(node: TSESTree.Node): FunctionNode | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
      return current;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) {
      return undefined;
    }
  }
  return undefined;
}

function isMethodValue(fn: FunctionNode): boolean {
  return fn.parent.type === AST_NODE_TYPES.MethodDefinition && fn.parent.value === fn;
}

function enclosingClassOf(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) {
      return current;
    }
  }
  return undefined;
}

/** Every name declared in `scope` and the scopes inside it, and every name read from outside it. */
function namesSeenIn(scope: Scope | null | undefined): Set<string> {
  const names = new Set<string>();
  if (!scope) {
    return names;
  }
  for (const reference of scope.through) {
    names.add(reference.identifier.name);
  }
  const pending: Scope[] = [scope];
  for (let current = pending.pop(); current; current = pending.pop()) {
    for (const variable of current.variables) {
      names.add(variable.name);
    }
    pending.push(...current.childScopes);
  }
  return names;
}

/** The spaces and tabs that start the line at `lineStart`. */
function indentationAt(text: string, lineStart: number): string {
  let end = lineStart;
  while (text[end] === " " || text[end] === "\t") {
    end++;
  }
  return text.slice(lineStart, end);
}

function applyEdits(text: string, start: number, end: number, edits: readonly Edit[]): string {
  // A removed line reaches past the body's first or last character: only its part inside counts.
  const sorted = edits
    .filter(({ range }) => range[0] < end && range[1] > start)
    .map(({ range, text: replacement }) => ({ range: [Math.max(range[0], start), Math.min(range[1], end)] as const, text: replacement }))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let result = "";
  let position = start;
  for (const { range, text: replacement } of sorted) {
    if (range[0] < position) {
      continue;
    }
    result += text.slice(position, range[0]) + replacement;
    position = range[1];
  }
  return result + text.slice(position, end);
}

function handlerList(methods: readonly string[]): string {
  const names = methods.map((method) => `\`${method}()\``);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

