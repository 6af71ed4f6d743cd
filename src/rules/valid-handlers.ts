import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import {
  CONNECTION_HANDLER_NAMES,
  type ConnectionHandlerName,
  type DurableObjectClass,
  type DurableObjectModel,
  HANDLER_NAMES,
  type HandlerName,
  type MethodLikeNode,
  getDurableObjectModel,
} from "../analysis/index.js";
import {
  isFunctionNode,
  isWithin,
  keyName,
  memberCall,
  memberName,
  propertyName,
  skipTypeWrappers,
} from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { staticString } from "../util/static-value.js";

export type Options = [];
export type MessageIds =
  | "makeInstanceMethod"
  | "misspeltConnectionHandler"
  | "misspeltHandler"
  | "missingMessageHandler"
  | "noOpenEvent"
  | "renameHandler"
  | "staticHandler"
  | "tooManyParameters"
  | "wrongParameterType";

/** The type keywords and names a parameter annotation is judged by; anything else is not judged. */
type TypeKind = "boolean" | "number" | "string" | "WebSocket";

interface ParameterSlot {
  /** The parameter's name in the runtime's signature. */
  readonly name: string;
  /** What the runtime passes in this position, in words. */
  readonly value: string;
  /** Its type, as the Workers types declare it. */
  readonly type: string;
  /** The judged kinds an annotation may contain without contradicting the runtime. */
  readonly accepts: ReadonlySet<TypeKind>;
}

const SOCKET_SLOT: ParameterSlot = { name: "ws", value: "socket", type: "WebSocket", accepts: new Set(["WebSocket"]) };

/** A framework's connection: the socket with the framework's fields on it. */
const CONNECTION_SLOT: ParameterSlot = {
  name: "connection",
  value: "connection",
  type: "Connection",
  accepts: new Set(["WebSocket"]),
};

/** What partyserver and `agents` pass to each connection handler, in order (read from their sources). */
const CONNECTION_SIGNATURES: Readonly<Record<ConnectionHandlerName, readonly ParameterSlot[]>> = {
  onConnect: [CONNECTION_SLOT, { name: "ctx", value: "connection context", type: "ConnectionContext", accepts: new Set() }],
  onMessage: [
    CONNECTION_SLOT,
    { name: "message", value: "message", type: "string | ArrayBuffer", accepts: new Set(["string"]) },
  ],
  onClose: [
    CONNECTION_SLOT,
    { name: "code", value: "close code", type: "number", accepts: new Set(["number"]) },
    { name: "reason", value: "close reason", type: "string", accepts: new Set(["string"]) },
    { name: "wasClean", value: "clean-close flag", type: "boolean", accepts: new Set(["boolean"]) },
  ],
  onError: [
    CONNECTION_SLOT,
    { name: "error", value: "error", type: "unknown", accepts: new Set(["boolean", "number", "string"]) },
  ],
};

/** Lowercased names of an open event: a framework hands a new connection to `onConnect()`. */
const FRAMEWORK_OPEN_NAMES: ReadonlySet<string> = new Set(["onopen", "onconnection", "onjoin"]);

/** What the runtime passes to each handler, in order (measured in workerd). */
const SIGNATURES: Readonly<Record<HandlerName, readonly ParameterSlot[]>> = {
  webSocketMessage: [
    SOCKET_SLOT,
    { name: "message", value: "message", type: "string | ArrayBuffer", accepts: new Set(["string"]) },
  ],
  webSocketClose: [
    SOCKET_SLOT,
    { name: "code", value: "close code", type: "number", accepts: new Set(["number"]) },
    { name: "reason", value: "close reason", type: "string", accepts: new Set(["string"]) },
    { name: "wasClean", value: "clean-close flag", type: "boolean", accepts: new Set(["boolean"]) },
  ],
  webSocketError: [
    SOCKET_SLOT,
    { name: "error", value: "error", type: "unknown", accepts: new Set(["boolean", "number", "string"]) },
  ],
};

const HANDLER_NAME_SET: ReadonlySet<string> = new Set(HANDLER_NAMES);
const CONNECTION_HANDLER_NAME_SET: ReadonlySet<string> = new Set(CONNECTION_HANDLER_NAMES);
const MESSAGE_HANDLER: HandlerName = "webSocketMessage";

/** Handler names of event-style APIs (partyserver, `agents`), lowercased: a raw Durable Object never receives them. */
const EVENT_STYLE_NAMES: ReadonlyMap<string, HandlerName> = new Map([
  ["onmessage", "webSocketMessage"],
  ["onclose", "webSocketClose"],
  ["onerror", "webSocketError"],
]);

/** Lowercased names of an open event, which hibernatable sockets do not have. */
const OPEN_EVENT_NAMES: ReadonlySet<string> = new Set(["onconnect", "onopen", "websocketconnect", "websocketopen"]);

/** First-parameter names that show a method expects a socket. */
const SOCKET_PARAMETER_NAMES: ReadonlySet<string> = new Set([
  "conn",
  "connection",
  "sock",
  "socket",
  "webSocket",
  "websocket",
  "ws",
]);

/** Typos at most this many edits away from a handler name are taken for it. */
const MAX_EDIT_DISTANCE = 2;

const ACCEPT_WEB_SOCKET = new Set(["acceptWebSocket"]);
const ADD_EVENT_LISTENER = new Set(["addEventListener"]);

type NearMiss =
  /** A misspelling (or another API's name) of a handler the runtime does call. */
  | { readonly kind: "handler"; readonly handler: HandlerName; readonly needsSocketParameter: boolean }
  /** A name for an open event, which the runtime does not have. */
  | { readonly kind: "open" };

/** What a class declares itself, as far as the rule needs it. */
interface ClassFacts {
  /** Names of instance members of any kind (methods, fields, accessors) and of `this.name = ...` assignments. */
  readonly defined: ReadonlySet<string>;
  /** An instance member whose name is computed at runtime: it may be any name. */
  readonly hasDynamicMember: boolean;
}

export default createRule<Options, MessageIds>({
  name: "valid-handlers",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Require hibernation handlers that the runtime will call",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      missingMessageHandler:
        "This Durable Object accepts hibernatable WebSockets but defines no `webSocketMessage()` method, so the runtime silently drops every message its clients send, and `message` listeners on those sockets never fire. Define `webSocketMessage(ws, message)` to receive them.",
      misspeltHandler:
        "The runtime never calls `{{name}}()`: it delivers the WebSocket events of a hibernating Durable Object only to methods named exactly `{{handler}}()`. Rename it to `{{handler}}`.",
      noOpenEvent:
        "The runtime never calls `{{name}}()`: hibernatable WebSockets have no open event, a socket is ready as soon as `acceptWebSocket()` returns. Run this code in `fetch()` right after `acceptWebSocket()`.",
      staticHandler:
        "The runtime never calls a static `{{name}}()`: it delivers WebSocket events to the object's instance methods. Remove `static`.",
      tooManyParameters:
        "`{{handler}}` receives `{{signature}}` and nothing more, so `{{parameter}}` is always `undefined`. Remove the parameter.",
      wrongParameterType:
        "`{{handler}}` receives `{{signature}}`, so `{{parameter}}` gets the {{value}} (`{{expected}}`), never a `{{declared}}`. Declare the parameters in the runtime's order.",
      misspeltConnectionHandler:
        "`{{name}}()` is never called: {{framework}} hands a connection's events only to methods named exactly `{{handler}}()`. Rename it to `{{handler}}`.",
      renameHandler: "Rename `{{name}}` to `{{handler}}`.",
      makeInstanceMethod: "Make `{{name}}` an instance method.",
    },
    schema: [],
  },
  create(context) {
    const model = getDurableObjectModel(context);
    // A framework calls its connection handlers whether or not the connections hibernate.
    const isChecked = (durableObject: DurableObjectClass): boolean =>
      durableObject.hibernates || durableObject.framework !== undefined;
    if (!model.durableObjects.some(isChecked)) {
      return {};
    }
    /** Member names used anywhere in the file: `this.name`, `super.name`, `stub.name`, `{ name } = this`. */
    const memberUses = new Set<string>();
    /** Objects whose code reads `this[expression]`, which may reach any member. */
    const dynamicThisAccess = new Set<DurableObjectClass>();
    /** A `webSocketMessage` installed from outside a class body (`Room.prototype.webSocketMessage = ...`). */
    let messageHandlerAssigned = false;
    /** Objects that listen for `message` events on their hibernatable sockets: they expect messages. */
    const listeningForMessages = new Set<DurableObjectClass>();

    return {
      MemberExpression(node) {
        const name = memberName(node);
        const isThis = skipTypeWrappers(node.object).type === AST_NODE_TYPES.ThisExpression;
        if (name === undefined) {
          const owner = isThis ? model.durableObjectAt(node) : undefined;
          if (owner) {
            dynamicThisAccess.add(owner);
          }
          return;
        }
        memberUses.add(name);
        if (
          !isThis &&
          name === MESSAGE_HANDLER &&
          node.parent.type === AST_NODE_TYPES.AssignmentExpression &&
          node.parent.left === node
        ) {
          messageHandlerAssigned = true;
        }
      },
      Program() {
        for (const node of model.callsNamed(ADD_EVENT_LISTENER)) {
          checkCall(node);
        }
      },
      AssignmentExpression(node) {
        const target = skipTypeWrappers(node.left);
        if (target.type === AST_NODE_TYPES.MemberExpression && memberName(target) === "onmessage") {
          noteMessageListener(node, target.object);
        }
      },
      // `Property` with the parent tested here: the selector `ObjectPattern > Property` costs a query match on every property.
      Property(node) {
        if (node.parent.type !== AST_NODE_TYPES.ObjectPattern) {
          return;
        }
        const name = node.computed ? undefined : propertyName(node.key);
        if (name !== undefined) {
          memberUses.add(name);
        }
      },
      "Program:exit"() {
        const checker = new HandlerChecker(model, context, {
          memberUses,
          dynamicThisAccess,
          messageHandlerAssigned,
          listeningForMessages,
        });
        for (const durableObject of model.durableObjects) {
          if (isChecked(durableObject)) {
            checker.check(durableObject);
          }
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      const call = memberCall(node, ADD_EVENT_LISTENER);
      const event = node.arguments[0];
      if (call && event && staticString(event, context.sourceCode) === "message") {
        noteMessageListener(node, call.object);
      }
    }

    function noteMessageListener(node: TSESTree.Node, socketNode: TSESTree.Expression): void {
      const owner = model.durableObjectAt(node);
      const socket = owner && model.socketOf(socketNode);
      if (owner && socket && (socket.origin === "hibernatable" || model.isAcceptedForHibernation(socket))) {
        listeningForMessages.add(owner);
      }
    }
  },
});

interface FileUses {
  readonly memberUses: ReadonlySet<string>;
  readonly dynamicThisAccess: ReadonlySet<DurableObjectClass>;
  readonly messageHandlerAssigned: boolean;
  readonly listeningForMessages: ReadonlySet<DurableObjectClass>;
}

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

class HandlerChecker {
  readonly #model: DurableObjectModel;
  readonly #context: Context;
  readonly #uses: FileUses;
  readonly #classFacts = new Map<DurableObjectClass, ClassFacts>();
  /** Objects that another Durable Object of the file extends: their subclasses are checked instead. */
  readonly #baseClasses: ReadonlySet<DurableObjectClass>;

  constructor(model: DurableObjectModel, context: Context, uses: FileUses) {
    this.#model = model;
    this.#context = context;
    this.#uses = uses;
    const baseClasses = new Set<DurableObjectClass>();
    for (const durableObject of model.durableObjects) {
      if (durableObject.baseClass) {
        baseClasses.add(durableObject.baseClass);
      }
    }
    this.#baseClasses = baseClasses;
  }

  check(durableObject: DurableObjectClass): void {
    if (durableObject.framework !== undefined) {
      this.#checkFrameworkClass(durableObject);
      return;
    }
    let reportedForMessages = false;
    if (this.#chainIsVisible(durableObject)) {
      reportedForMessages = this.#checkNames(durableObject);
    }
    reportedForMessages = this.#checkStaticHandlers(durableObject) || reportedForMessages;
    if (!reportedForMessages) {
      this.#checkMessageHandler(durableObject);
    }
    for (const [handler, member] of durableObject.handlers) {
      this.#checkParameters(handler, member);
    }
  }

  // --- framework classes ---------------------------------------------------------------

  /**
   * partyserver and `agents` define the hibernation handlers themselves and hand the events
   * to `onConnect`, `onMessage`, `onClose` and `onError`: those are checked instead.
   */
  #checkFrameworkClass(durableObject: DurableObjectClass): void {
    const framework = durableObject.framework === "agents" ? "`agents`" : "partyserver";
    if (!this.#uses.dynamicThisAccess.has(durableObject)) {
      for (const [name, member] of durableObject.methods) {
        const handler = frameworkNearMiss(name);
        if (
          handler === undefined ||
          this.#uses.memberUses.has(name) ||
          chain(durableObject).some((current) => current.connectionHandlers.has(handler)) ||
          !expectsSocket(member, true)
        ) {
          continue;
        }
        const key = member.key;
        this.#context.report({
          node: key,
          messageId: "misspeltConnectionHandler",
          data: { framework, name, handler },
          suggest: [
            {
              messageId: "renameHandler",
              data: { name, handler },
              fix: (fixer) =>
                fixer.replaceText(
                  key,
                  key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier
                    ? handler
                    : JSON.stringify(handler),
                ),
            },
          ],
        });
      }
    }
    for (const [handler, member] of durableObject.connectionHandlers) {
      // `agents` also calls `onError(error)` with an error alone, for errors of no connection.
      if (handler !== "onError" || durableObject.framework === "partyserver") {
        this.#checkSignature(handler, CONNECTION_SIGNATURES[handler], member, true);
      }
    }
  }

  // --- missing webSocketMessage ---------------------------------------------------------

  /**
   * Only an object that shows it reads messages is judged: one that pushes to its clients and
   * never reads what they send (a ticker, a feed) loses nothing when the runtime drops it.
   */
  #checkMessageHandler(durableObject: DurableObjectClass): void {
    if (
      !chain(durableObject).some((current) => this.#uses.listeningForMessages.has(current)) ||
      this.#uses.messageHandlerAssigned ||
      this.#baseClasses.has(durableObject) ||
      isAbstract(durableObject) ||
      !this.#chainIsVisible(durableObject) ||
      this.#chainDefines(durableObject, MESSAGE_HANDLER) ||
      !this.#chainAcceptsForHibernation(durableObject)
    ) {
      return;
    }
    const ownAccept = durableObject.acceptWebSocketCalls
      .filter((call) => isWithin(call, durableObject.node) && this.#acceptsOnState(call))
      .sort((a, b) => a.range[0] - b.range[0])[0];
    if (ownAccept) {
      this.#context.report({ node: ownAccept, messageId: "missingMessageHandler" });
      return;
    }
    const classNode = durableObject.node;
    const loc = classNode.id?.loc ?? this.#context.sourceCode.getFirstToken(classNode)?.loc ?? classNode.loc;
    this.#context.report({ loc, messageId: "missingMessageHandler" });
  }

  /** The object, or a local base class, passes sockets to its state's `acceptWebSocket()`. */
  #chainAcceptsForHibernation(durableObject: DurableObjectClass): boolean {
    return chain(durableObject).some((current) => current.acceptWebSocketCalls.some((call) => this.#acceptsOnState(call)));
  }

  #acceptsOnState(call: TSESTree.CallExpression): boolean {
    const callee = memberCall(call, ACCEPT_WEB_SOCKET);
    return callee !== undefined && this.#model.isStateHandle(callee.object);
  }

  // --- misspelt handler names -------------------------------------------------------------

  /** Reports members whose names look like handlers; true when one of them was meant to be `webSocketMessage`. */
  #checkNames(durableObject: DurableObjectClass): boolean {
    if (this.#uses.dynamicThisAccess.has(durableObject)) {
      return false;
    }
    let reportedForMessages = false;
    const declarations = new Map<string, MethodLikeNode[]>();
    for (const element of durableObject.node.body.body) {
      const method = namedMethod(element);
      if (method && !method.member.static) {
        declarations.set(method.name, [...(declarations.get(method.name) ?? []), method.member]);
      }
    }
    for (const [name, members] of declarations) {
      const [member] = members;
      const nearMiss = nearMissOf(name);
      if (!member || !nearMiss || this.#uses.memberUses.has(name)) {
        continue;
      }
      if (nearMiss.kind === "open") {
        if (expectsSocket(member)) {
          this.#context.report({ node: member.key, messageId: "noOpenEvent", data: { name } });
        }
        continue;
      }
      const { handler } = nearMiss;
      if (this.#chainDefines(durableObject, handler) || (nearMiss.needsSocketParameter && !expectsSocket(member))) {
        continue;
      }
      reportedForMessages ||= handler === MESSAGE_HANDLER;
      const key = member.key;
      this.#context.report({
        node: key,
        messageId: "misspeltHandler",
        data: { name, handler },
        suggest:
          members.length === 1
            ? [
                {
                  messageId: "renameHandler",
                  data: { name, handler },
                  fix: (fixer) =>
                    fixer.replaceText(
                      key,
                      key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier
                        ? handler
                        : JSON.stringify(handler),
                    ),
                },
              ]
            : [],
      });
    }
    return reportedForMessages;
  }

  /** Static members named like a handler: the runtime calls handlers on the instance only. */
  #checkStaticHandlers(durableObject: DurableObjectClass): boolean {
    let reportedForMessages = false;
    for (const element of durableObject.node.body.body) {
      const method = namedMethod(element);
      if (!method) {
        continue;
      }
      const { member, name } = method;
      if (
        !member.static ||
        !HANDLER_NAME_SET.has(name) ||
        this.#chainDefines(durableObject, name) ||
        this.#uses.memberUses.has(name)
      ) {
        continue;
      }
      reportedForMessages ||= name === MESSAGE_HANDLER;
      const staticToken = this.#context.sourceCode
        .getTokensBefore(member.key, { filter: (token) => token.range[0] >= member.range[0] })
        .find((token) => token.value === "static");
      const nextToken = staticToken && this.#context.sourceCode.getTokenAfter(staticToken);
      this.#context.report({
        node: member.key,
        messageId: "staticHandler",
        data: { name },
        suggest:
          staticToken && nextToken
            ? [
                {
                  messageId: "makeInstanceMethod",
                  data: { name },
                  fix: (fixer) => fixer.removeRange([staticToken.range[0], nextToken.range[0]]),
                },
              ]
            : [],
      });
    }
    return reportedForMessages;
  }


  // --- parameters -------------------------------------------------------------------------

  #checkParameters(handler: HandlerName, member: MethodLikeNode): void {
    this.#checkSignature(handler, SIGNATURES[handler], member, false);
  }

  #checkSignature(handler: string, slots: readonly ParameterSlot[], member: MethodLikeNode, framework: boolean): void {
    const fn = member.value;
    if (!fn || !("params" in fn)) {
      return;
    }
    const signature = `(${slots.map((slot) => slot.name).join(", ")})`;
    const parameters = fn.params.filter(
      (parameter) => !(parameter.type === AST_NODE_TYPES.Identifier && parameter.name === "this"),
    );
    for (const [index, parameter] of parameters.entries()) {
      if (parameter.type === AST_NODE_TYPES.RestElement) {
        return;
      }
      const slot = slots[index];
      if (!slot) {
        // A parameter with a default value is harmless: it always takes its default.
        if (parameter.type !== AST_NODE_TYPES.AssignmentPattern) {
          this.#context.report({
            node: parameter,
            messageId: "tooManyParameters",
            data: { handler, signature, parameter: this.#parameterText(parameter) },
          });
        }
        return;
      }
      const annotation = typeAnnotationOf(parameter);
      const kinds = annotation && judgedKinds(annotation, framework);
      if (annotation && kinds && !kinds.some((kind) => slot.accepts.has(kind))) {
        this.#context.report({
          node: parameter,
          messageId: "wrongParameterType",
          data: {
            handler,
            signature,
            parameter: this.#parameterText(parameter),
            value: slot.value,
            expected: slot.type,
            declared: this.#context.sourceCode.getText(annotation),
          },
        });
        return;
      }
    }
  }

  #parameterText(parameter: TSESTree.Parameter): string {
    const target = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    if (target.type === AST_NODE_TYPES.Identifier) {
      return target.name;
    }
    return `parameter ${String(parameterPosition(parameter))}`;
  }

  // --- what the class and its local base classes declare ----------------------------------

  /**
   * Every class from `durableObject` up to `DurableObject` is in the file, so the file shows
   * every method the object has: nothing comes from an imported base class, a mixin, a
   * decorator or a member with a computed name.
   */
  #chainIsVisible(durableObject: DurableObjectClass): boolean {
    for (const current of chain(durableObject)) {
      const node = current.node;
      if (node.decorators.length > 0 || this.#factsOf(current).hasDynamicMember) {
        return false;
      }
      if (node.superClass && current.marker !== "extendsDurableObject" && !current.baseClass) {
        return false;
      }
    }
    return true;
  }

  #chainDefines(durableObject: DurableObjectClass, name: string): boolean {
    return chain(durableObject).some((current) => this.#factsOf(current).defined.has(name));
  }

  #factsOf(durableObject: DurableObjectClass): ClassFacts {
    let facts = this.#classFacts.get(durableObject);
    if (!facts) {
      facts = collectClassFacts(durableObject, this.#model);
      this.#classFacts.set(durableObject, facts);
    }
    return facts;
  }
}

function collectClassFacts(durableObject: DurableObjectClass, model: DurableObjectModel): ClassFacts {
  const defined = new Set<string>();
  let hasDynamicMember = false;
  for (const member of durableObject.node.body.body) {
    if (
      (member.type !== AST_NODE_TYPES.MethodDefinition &&
        member.type !== AST_NODE_TYPES.PropertyDefinition &&
        member.type !== AST_NODE_TYPES.AccessorProperty &&
        member.type !== AST_NODE_TYPES.TSAbstractMethodDefinition &&
        member.type !== AST_NODE_TYPES.TSAbstractPropertyDefinition) ||
      member.static
    ) {
      continue;
    }
    const name = keyName(member);
    if (name === undefined) {
      hasDynamicMember = true;
    } else {
      defined.add(name);
    }
  }
  for (const [name, uses] of model.thisMemberUses(durableObject)) {
    if (uses.some((use) => use.parent.type === AST_NODE_TYPES.AssignmentExpression && use.parent.left === use)) {
      defined.add(name);
    }
  }
  return { defined, hasDynamicMember };
}

/** The object and its local base classes, nearest first. */
function chain(durableObject: DurableObjectClass): DurableObjectClass[] {
  const classes: DurableObjectClass[] = [];
  for (let current: DurableObjectClass | undefined = durableObject; current; current = current.baseClass) {
    if (classes.includes(current)) {
      break;
    }
    classes.push(current);
  }
  return classes;
}

function isAbstract(durableObject: DurableObjectClass): boolean {
  const node = durableObject.node;
  return node.type === AST_NODE_TYPES.ClassDeclaration && node.abstract;
}

/** A method or function-valued field with a plain (not computed) key, and its name. */
function namedMethod(member: TSESTree.ClassElement): { member: MethodLikeNode; name: string } | undefined {
  const isMethod = member.type === AST_NODE_TYPES.MethodDefinition && member.kind === "method";
  const isFunctionField =
    member.type === AST_NODE_TYPES.PropertyDefinition && member.value !== null && isFunctionNode(member.value);
  if ((!isMethod && !isFunctionField) || member.computed) {
    return undefined;
  }
  const name = propertyName(member.key);
  return name === undefined ? undefined : { member, name };
}



/** The framework's connection handler that `name` looks like a misspelling of, if any. */
function frameworkNearMiss(name: string): ConnectionHandlerName | undefined {
  if (CONNECTION_HANDLER_NAME_SET.has(name)) {
    return undefined;
  }
  const lowercase = name.toLowerCase();
  if (FRAMEWORK_OPEN_NAMES.has(lowercase)) {
    return "onConnect";
  }
  let closest: { handler: ConnectionHandlerName; distance: number } | undefined;
  for (const handler of CONNECTION_HANDLER_NAMES) {
    const distance = handler.toLowerCase() === lowercase ? 0 : editDistance(name, handler, MAX_EDIT_DISTANCE);
    if (distance <= MAX_EDIT_DISTANCE && (!closest || distance < closest.distance)) {
      closest = { handler, distance };
    }
  }
  return closest?.handler;
}

function nearMissOf(name: string): NearMiss | undefined {
  if (HANDLER_NAME_SET.has(name)) {
    return undefined;
  }
  const lowercase = name.toLowerCase();
  const sameLetters = HANDLER_NAMES.find((handler) => handler.toLowerCase() === lowercase);
  if (sameLetters) {
    return { kind: "handler", handler: sameLetters, needsSocketParameter: false };
  }
  const eventStyle = EVENT_STYLE_NAMES.get(lowercase);
  if (eventStyle) {
    return { kind: "handler", handler: eventStyle, needsSocketParameter: true };
  }
  if (OPEN_EVENT_NAMES.has(lowercase)) {
    return { kind: "open" };
  }
  let closest: { handler: HandlerName; distance: number } | undefined;
  for (const handler of HANDLER_NAMES) {
    const distance = editDistance(name, handler, MAX_EDIT_DISTANCE);
    if (distance <= MAX_EDIT_DISTANCE && (!closest || distance < closest.distance)) {
      closest = { handler, distance };
    }
  }
  return closest && { kind: "handler", handler: closest.handler, needsSocketParameter: false };
}

/**
 * Names other APIs use (`onMessage`, `onOpen`) are common for methods that other Workers call
 * over RPC; such a method is taken for a handler only when its first parameter is a socket.
 */
function expectsSocket(member: MethodLikeNode, framework = false): boolean {
  const fn = member.value;
  const first = fn && "params" in fn ? fn.params.find((parameter) => !isThisParameter(parameter)) : undefined;
  if (first?.type !== AST_NODE_TYPES.Identifier) {
    return false;
  }
  const annotation = first.typeAnnotation?.typeAnnotation;
  if (annotation) {
    return judgedKinds(annotation, framework)?.includes("WebSocket") ?? false;
  }
  return SOCKET_PARAMETER_NAMES.has(first.name);
}

function isThisParameter(parameter: TSESTree.Parameter): boolean {
  return parameter.type === AST_NODE_TYPES.Identifier && parameter.name === "this";
}

function typeAnnotationOf(parameter: TSESTree.Parameter): TSESTree.TypeNode | undefined {
  const target = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
  return target.type === AST_NODE_TYPES.Identifier ? target.typeAnnotation?.typeAnnotation : undefined;
}

/**
 * The kinds a type annotation is made of, when every part is one the rule judges (`string`,
 * `number`, `boolean`, `WebSocket`, unions of them); undefined for anything else (`any`,
 * `unknown`, `ArrayBuffer`, generics), which never contradicts the runtime.
 */
function judgedKinds(type: TSESTree.TypeNode, framework = false): TypeKind[] | undefined {
  switch (type.type) {
    case AST_NODE_TYPES.TSStringKeyword:
      return ["string"];
    case AST_NODE_TYPES.TSNumberKeyword:
      return ["number"];
    case AST_NODE_TYPES.TSBooleanKeyword:
      return ["boolean"];
    case AST_NODE_TYPES.TSTypeReference:
      if (type.typeName.type !== AST_NODE_TYPES.Identifier) {
        return undefined;
      }
      // A framework's `Connection<State>` is the socket with the framework's fields on it.
      if (framework && type.typeName.name === "Connection") {
        return ["WebSocket"];
      }
      return type.typeName.name === "WebSocket" && !type.typeArguments ? ["WebSocket"] : undefined;
    case AST_NODE_TYPES.TSUnionType: {
      const kinds: TypeKind[] = [];
      for (const member of type.types) {
        const memberKinds = judgedKinds(member, framework);
        if (!memberKinds) {
          return undefined;
        }
        kinds.push(...memberKinds);
      }
      return kinds;
    }
    default:
      return undefined;
  }
}

function parameterPosition(parameter: TSESTree.Parameter): number {
  const fn = parameter.parent;
  return fn && "params" in fn ? (fn.params as TSESTree.Parameter[]).indexOf(parameter) + 1 : 0;
}


/**
 * The Damerau–Levenshtein distance (optimal string alignment) between `a` and `b`, or
 * `limit + 1` as soon as it is known to exceed `limit`.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) {
      return limit + 1;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
