import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { ClassNode, FunctionNode } from "../util/ast.js";

export const HANDLER_NAMES = ["webSocketMessage", "webSocketClose", "webSocketError"] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];

/** The frameworks whose Durable Object base classes the model knows. */
export type Framework = "agents" | "partyserver";

/**
 * The methods through which partyserver and `agents` hand a connection's events to a
 * subclass; the framework's own hibernation handlers call them.
 */
export const CONNECTION_HANDLER_NAMES = ["onConnect", "onMessage", "onClose", "onError"] as const;
export type ConnectionHandlerName = (typeof CONNECTION_HANDLER_NAMES)[number];

/** Why a class counts as a Durable Object. */
export type DurableObjectMarker =
  /** `extends DurableObject` imported from `cloudflare:workers`, under any local name. */
  | "extendsDurableObject"
  /** `extends` a class of the same file that is a Durable Object. */
  | "extendsLocalDurableObject"
  /**
   * `extends` a framework's Durable Object class: `Server` of partyserver (also `YServer` and
   * `withYjs(Server)` of y-partyserver), `Agent` or `AIChatAgent` of `agents`.
   */
  | "extendsFramework"
  /** `implements DurableObject`. */
  | "implementsDurableObject"
  /**
   * Type-checked configs only: the class's type extends the runtime's `DurableObject`, or
   * implements its interface, through classes or re-exports of other modules.
   */
  | "typedDurableObject"
  /** The classic form: a constructor whose first parameter is the object's state. */
  | "stateConstructor"
  /** Named in `settings.hibernation.durableObjects`. */
  | "settings"
  /** Named in the Worker's wrangler config: a Durable Object binding's `class_name` or a migration. */
  | "wranglerConfig";

export type MethodLikeNode = TSESTree.MethodDefinition | TSESTree.PropertyDefinition;

export interface DurableObjectClass {
  readonly node: ClassNode;
  /** The class name, or undefined for an anonymous class expression. */
  readonly name: string | undefined;
  readonly marker: DurableObjectMarker;
  /**
   * The class (or a local base class) accepts hibernatable sockets or defines a handler; for a
   * framework class, the framework accepts its connections for hibernation (`agents` always,
   * partyserver with `static options = { hibernate: true }`).
   */
  readonly hibernates: boolean;
  /** The framework whose base class it extends, directly or through local base classes. */
  readonly framework: Framework | undefined;
  /**
   * For a partyserver class: what `static options.hibernate` resolves to, up the local chain
   * of classes to `Server` (whose default is `false`); undefined when the file does not show
   * it, and for every other class.
   */
  readonly hibernateOption: boolean | undefined;
  /** The framework's connection handlers (`onConnect`, `onMessage`, ...) the class defines itself. */
  readonly connectionHandlers: ReadonlyMap<ConnectionHandlerName, MethodLikeNode>;
  /** `acceptWebSocket(...)` calls in the object's code. */
  readonly acceptWebSocketCalls: readonly TSESTree.CallExpression[];
  /** Hibernation handlers the class defines itself, by name. */
  readonly handlers: ReadonlyMap<HandlerName, MethodLikeNode>;
  /** Every method and function-valued property the class defines itself, by name. */
  readonly methods: ReadonlyMap<string, MethodLikeNode>;
  readonly constructorNode: TSESTree.MethodDefinition | undefined;
  /** Instance fields that hold the object's state: `ctx` for subclasses of `DurableObject`, fields assigned from the constructor's state parameter. */
  readonly stateFields: ReadonlySet<string>;
  /** The local base class, when the class extends another Durable Object of the file. */
  readonly baseClass: DurableObjectClass | undefined;
  /** Module-level functions of the file that run as part of this object (called from it, directly or through each other). */
  readonly moduleFunctions: ReadonlySet<FunctionNode>;
}

/** Where a socket value comes from, as far as the file shows. */
export type SocketOrigin =
  /** An end of `new WebSocketPair()` that the object keeps (not the one returned in the response). */
  | "pairServer"
  /** The end of `new WebSocketPair()` handed to the client in `new Response(null, { webSocket })`. */
  | "pairClient"
  /**
   * A socket the runtime hands back after hibernation: `getWebSockets()` entries, handler
   * parameters, and a hibernating framework's connections (`onMessage(connection)`,
   * `this.getConnections()`, `this.getConnection(id)`).
   */
  | "hibernatable"
  /** A connection the object opened itself: `new WebSocket(url)`, `response.webSocket`. */
  | "outgoing"
  /**
   * Type-checked configs only: a value typed `WebSocket` whose origin the file does not show,
   * such as a socket kept in a collection or passed to a helper.
   */
  | "typed";

export interface SocketInfo {
  readonly origin: SocketOrigin;
  /** The variable that holds the socket, when it is held in one. */
  readonly variable: TSESLint.Scope.Variable | undefined;
}

/**
 * Member calls the model records for the rules: the attachment and socket APIs of the runtime,
 * and their framework counterparts (`connection.setState(...)`, `this.getConnections()`).
 */
export const RECORDED_CALLS = [
  "deserializeAttachment",
  "getConnections",
  "getWebSockets",
  "serializeAttachment",
  "setState",
] as const;
export type RecordedCall = (typeof RECORDED_CALLS)[number];

export interface DurableObjectModel {
  /** The Durable Object classes of the file, in source order. */
  readonly durableObjects: readonly DurableObjectClass[];
  /** The Durable Object whose code `node` runs in, or undefined for code outside every Durable Object. */
  durableObjectAt(node: TSESTree.Node): DurableObjectClass | undefined;
  /**
   * The Durable Object whose instance `this` denotes at `node`: in its methods, its field
   * initialisers and the arrow functions inside them, but not in nested `function`s.
   */
  thisDurableObjectAt(node: TSESTree.Node): DurableObjectClass | undefined;
  /** True when `node` evaluates to the object's `DurableObjectState` (`this.ctx`, the constructor's `state`, an alias of either). */
  isStateHandle(node: TSESTree.Node): boolean;
  /** Source text that reaches the state of `durableObject` from where `node` is, for fixes: `this.ctx`, `this.state`, `state`. */
  stateHandleTextAt(durableObject: DurableObjectClass, node: TSESTree.Node): string | undefined;
  /** What the file shows about the socket `node` evaluates to; undefined when it is not known to be a socket. */
  socketOf(node: TSESTree.Node): SocketInfo | undefined;
  /** True when `socket` is passed to `acceptWebSocket` somewhere in the file. */
  isAcceptedForHibernation(socket: SocketInfo): boolean;
  /** True when the body of `fn` (or a function nested in it) calls `.send(...)` or `this.broadcast(...)`. */
  sendsMessages(fn: FunctionNode): boolean;
  /** Every `this.member` expression in the code of `durableObject`'s class, by member name. */
  thisMemberUses(durableObject: DurableObjectClass): ReadonlyMap<string, readonly TSESTree.MemberExpression[]>;
  /**
   * False when the type checker (type-checked configs only) knows that `node` is something
   * other than the runtime's `WebSocket` or `DurableObjectState`: a method of the same name on
   * a class of the project is not the runtime's. True whenever the types say nothing.
   */
  mayBe(node: TSESTree.Node, type: "DurableObjectState" | "WebSocket"): boolean;
  /** Every `x.name(...)` call in the file, for the names the rules look up. */
  memberCallsNamed(name: RecordedCall): readonly TSESTree.CallExpression[];
  /**
   * Every call of the file to one of `names`, as `name(...)` or `x.name(...)`, in source
   * order: what a rule that checks calls of these names looks at, instead of every call.
   */
  callsNamed(names: Iterable<string>): readonly TSESTree.CallExpression[];
}
