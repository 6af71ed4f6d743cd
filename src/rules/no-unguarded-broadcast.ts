import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, type HandlerName, getDurableObjectModel } from "../analysis/index.js";
import {
  type FunctionNode,
  enclosingFunction,
  functionOfVariable,
  isFunctionNode,
  isWithin,
  memberCall,
  memberName,
  resolveVariable,
  skipTypeWrappers,
} from "../util/ast.js";
import { createRule } from "../util/create-rule.js";

export type Options = [];
export type MessageIds = "closedInHandler" | "closedSocket" | "skipClosedSocket";

type Variable = TSESLint.Scope.Variable;

/** What one step of an iteration yields: the socket itself (-1), or an `[key, value]` entry whose socket is at index 0 or 1. */
type Item = -1 | 0 | 1;
const SOCKET: Item = -1;

/** A collection of the object's sockets, as far as the file shows. */
interface SocketCollection {
  /** How the message names it: `getWebSockets()`, `this.sessions`. */
  readonly label: string;
  /** Which callbacks bind what: a Map's `forEach` passes (value, key), a Set's (value, value). */
  readonly shape: "list" | "map" | "set";
  readonly item: Item;
  /** The instance field that holds it, when it is one. */
  readonly field: string | undefined;
  /** It is filtered on `readyState` before the loop sees it. */
  readonly filtered: boolean;
}

/** What the object puts into one of its fields, and where it takes entries out. */
interface FieldFacts {
  readonly collection: SocketCollection | undefined;
  /** `this.field.delete(…)`, `.clear()`, `.splice(…)`, and assignments outside the constructor. */
  readonly removals: TSESTree.Node[];
}

/** A loop over a socket collection that binds the socket a `send()` goes to. */
interface Iteration {
  /** The `for…of` statement, or the `forEach(…)` / `map(…)` call. */
  readonly loop: TSESTree.Node;
  /** The code that runs once per socket: the loop body or the callback. */
  readonly body: TSESTree.Node;
  /** The function the body runs in: a `send()` in a function nested in it does not stop the loop. */
  readonly bodyFunction: FunctionNode | undefined;
  readonly collection: SocketCollection;
}

/** Where a family of classes (a Durable Object and the classes of the file it extends or that extend it) closes sockets. */
interface Closing {
  /** A socket is closed outside the handler that receives it: it stays listed until its client answers. */
  anywhere: boolean;
  /** `ws.close()` on the handler's own socket inside `webSocketClose()` / `webSocketError()`. */
  readonly inHandlers: { readonly handler: FunctionNode; readonly name: HandlerName; readonly at: number }[];
}

interface CallEdge {
  readonly call: TSESTree.CallExpression;
  readonly target: FunctionNode;
}

/** Earliest and latest position in a handler of a call that leads to a function. */
interface Reach {
  min: number;
  max: number;
}

const CLOSE = new Set(["close"]);
const SEND_OR_CLOSE = ["send", ...CLOSE];
const GET_WEB_SOCKETS = new Set(["getWebSockets"]);
/** Array and iterator methods whose callback runs once per element, before the call returns. */
const CALLBACK_METHODS = new Set(["forEach", "map", "flatMap", "filter", "some", "every", "find", "findLast"]);
/** Array methods that return some of the same elements. */
const SUBSET_METHODS = new Set(["filter", "slice", "toReversed", "toSorted"]);
const ITERATOR_METHODS = new Set(["keys", "values", "entries"]);
const REMOVAL_METHODS = new Set(["delete", "clear", "splice", "pop", "shift"]);
const SERVER_ORIGINS = new Set(["hibernatable", "pairServer"]);
const CLOSE_HANDLERS: readonly HandlerName[] = ["webSocketClose", "webSocketError"];

export default createRule<Options, MessageIds>({
  name: "no-unguarded-broadcast",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Require broadcasts to skip sockets that are closing",
      recommended: "strict",
    },
    hasSuggestions: true,
    messages: {
      closedSocket:
        "`send()` throws \"Can't call WebSocket send() after close().\" on a socket this object has closed, and such a socket can still be in {{collection}} when this loop runs, so the loop stops there and the sockets after it get nothing. Skip sockets whose `readyState` is not `WebSocket.OPEN`, or catch the error around `send()`.",
      closedInHandler:
        "`{{handler}}()` has closed its socket when this loop runs, but {{collection}} still holds it and `send()` on it throws \"Can't call WebSocket send() after close().\", so the loop stops there and the sockets after it get nothing. Skip sockets whose `readyState` is not `WebSocket.OPEN`, or catch the error around `send()`.",
      skipClosedSocket: "Send only while `{{socket}}.readyState` is `WebSocket.OPEN`.",
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (!model.durableObjects.some((durableObject) => durableObject.hibernates)) {
      return {};
    }
    const sends: { call: TSESTree.CallExpression; receiver: TSESTree.Identifier; owner: DurableObjectClass }[] = [];
    const closes: { call: TSESTree.CallExpression; receiver: TSESTree.Node; owner: DurableObjectClass }[] = [];
    const readyStateReads = new Map<Variable, TSESTree.MemberExpression[]>();
    /** Start of every `.readyState` read, in source order. */
    const readyStateStarts: number[] = [];
    const callsByFunction = new Map<FunctionNode | undefined, CallEdge[]>();
    const nestedFunctions = new Map<FunctionNode | undefined, FunctionNode[]>();
    /**
     * The calls and the functions of the file, kept as ESLint walks them: only a broadcast that
     * needs to know what a handler calls turns them (the calls of the objects' code) into the
     * two maps above, on the first question.
     */
    let walkedCalls: TSESTree.CallExpression[] = [];
    let walkedFunctions: FunctionNode[] = [];
    const iterations = new Map<Variable, Iteration | null>();
    const fieldCollections = new Map<string, FieldFacts>();
    const closings = new Map<DurableObjectClass, Closing | null>();
    const reaches = new Map<FunctionNode, Map<FunctionNode, Reach>>();
    const families = new Map<DurableObjectClass, readonly DurableObjectClass[]>();

    return {
      Program() {
        for (const node of model.callsNamed(SEND_OR_CLOSE)) {
          const call = memberCall(node);
          const owner = call && model.durableObjectAt(node);
          if (!call || !owner) {
            continue;
          }
          const receiver = skipTypeWrappers(call.object);
          if (call.name !== "send") {
            closes.push({ call: node, receiver, owner });
          } else if (receiver.type === AST_NODE_TYPES.Identifier) {
            sends.push({ call: node, receiver, owner });
          }
        }
      },
      CallExpression(node) {
        walkedCalls.push(node);
      },
      MemberExpression(node) {
        if (memberName(node) !== "readyState") {
          return;
        }
        readyStateStarts.push(node.range[0]);
        const object = skipTypeWrappers(node.object);
        const variable = object.type === AST_NODE_TYPES.Identifier ? resolveVariable(sourceCode, object) : null;
        if (variable) {
          const reads = readyStateReads.get(variable);
          if (reads) {
            reads.push(node);
          } else {
            readyStateReads.set(variable, [node]);
          }
        }
      },
      ":function"(node: FunctionNode) {
        walkedFunctions.push(node);
      },
      "Program:exit"() {
        for (const send of sends) {
          check(send.call, send.receiver, send.owner);
        }
      },
    };

    function check(call: TSESTree.CallExpression, receiver: TSESTree.Identifier, owner: DurableObjectClass): void {
      // A base class's code runs in the objects of its subclasses, which may hibernate.
      if (!family(owner).some((durableObject) => durableObject.hibernates)) {
        return;
      }
      const variable = resolveVariable(sourceCode, receiver);
      const iteration = variable ? iterationOf(variable) : undefined;
      if (!variable || !iteration || iteration.collection.filtered) {
        return;
      }
      if (enclosingFunction(call) !== iteration.bodyFunction || isGuarded(call, variable, iteration)) {
        return;
      }
      const closing = closingOf(owner);
      if (!closing) {
        return;
      }
      const { collection } = iteration;
      const label = `\`${collection.label}\``;
      const suggest = guardSuggestion(call, receiver);
      const field = collection.field === undefined ? undefined : fieldFacts(owner, collection.field);
      if (closing.anywhere || (field !== undefined && field.removals.length === 0)) {
        context.report({ node: call, messageId: "closedSocket", data: { collection: label }, suggest });
        return;
      }
      for (const { handler, name, at } of closing.inHandlers) {
        const entry = entryAfter(iteration.loop, handler, at);
        if (entry !== undefined && !(field && isRemovedBefore(field, handler, entry))) {
          context.report({
            node: call,
            messageId: "closedInHandler",
            data: { collection: label, handler: name },
            suggest,
          });
          return;
        }
      }
    }

    // --- the loop ------------------------------------------------------------------

    /** The loop over a socket collection that binds `variable` to one of its sockets, if it is one. */
    function iterationOf(variable: Variable): Iteration | undefined {
      const cached = iterations.get(variable);
      if (cached !== undefined) {
        return cached ?? undefined;
      }
      iterations.set(variable, null);
      const iteration = computeIteration(variable);
      iterations.set(variable, iteration ?? null);
      return iteration;
    }

    function computeIteration(variable: Variable): Iteration | undefined {
      const definition = variable.defs[0];
      if (!definition || variable.defs.length !== 1) {
        return undefined;
      }
      if (definition.type === "Variable") {
        const declaration = definition.node.parent;
        const loop = declaration.parent;
        if (
          loop?.type !== AST_NODE_TYPES.ForOfStatement ||
          loop.left !== declaration ||
          declaration.declarations.length !== 1
        ) {
          return undefined;
        }
        const collection = collectionOf(loop.right);
        if (!collection || boundItem(definition.node.id, definition.name) !== collection.item) {
          return undefined;
        }
        return { loop, body: loop.body, bodyFunction: enclosingFunction(loop), collection };
      }
      if (definition.type === "Parameter" && isFunctionNode(definition.node)) {
        return callbackIteration(definition.node, definition.name);
      }
      return undefined;
    }

    /** `sockets.forEach((ws) => …)`, `sessions.forEach((session, ws) => …)`, `sockets.map(…)`. */
    function callbackIteration(fn: FunctionNode, name: TSESTree.Node): Iteration | undefined {
      const call = fn.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn || fn.async || fn.generator) {
        return undefined;
      }
      const method = memberCall(call, CALLBACK_METHODS);
      const collection = method && collectionOf(method.object);
      if (!method || !collection) {
        return undefined;
      }
      const index = fn.params.findIndex((parameter) => boundItem(parameter, name) !== undefined);
      const parameter = fn.params[index];
      if (!parameter) {
        return undefined;
      }
      const bound = boundItem(parameter, name);
      let binds: boolean;
      if (collection.shape === "list") {
        binds = index === 0 && bound === collection.item;
      } else if (method.name !== "forEach" || bound !== SOCKET) {
        binds = false;
      } else if (collection.shape === "set") {
        binds = index <= 1;
      } else {
        // A Map passes (value, key).
        binds = (index === 0 && collection.item === 1) || (index === 1 && collection.item === 0);
      }
      return binds ? { loop: call, body: fn.body, bodyFunction: fn, collection } : undefined;
    }

    /** What part of each item `pattern` binds `name` to: the whole item, or one element of an `[a, b]` pattern. */
    function boundItem(pattern: TSESTree.Node, name: TSESTree.Node): Item | undefined {
      if (pattern === name) {
        return SOCKET;
      }
      if (pattern.type !== AST_NODE_TYPES.ArrayPattern) {
        return undefined;
      }
      const index = pattern.elements.findIndex(
        (element) => element === name || (element?.type === AST_NODE_TYPES.AssignmentPattern && element.left === name),
      );
      return index === 0 || index === 1 ? index : undefined;
    }

    function collectionOf(node: TSESTree.Node): SocketCollection | undefined {
      const expression = skipTypeWrappers(node);
      switch (expression.type) {
        case AST_NODE_TYPES.CallExpression:
          return collectionOfCall(expression);
        case AST_NODE_TYPES.ArrayExpression: {
          // `[...sockets]`
          const [element] = expression.elements;
          const source = expression.elements.length === 1 && element?.type === AST_NODE_TYPES.SpreadElement
            ? collectionOf(element.argument)
            : undefined;
          return source && { ...source, shape: "list" };
        }
        case AST_NODE_TYPES.Identifier: {
          const variable = resolveVariable(sourceCode, expression);
          const definition = variable?.defs[0];
          const constant =
            variable?.defs.length === 1 &&
            definition?.type === "Variable" &&
            definition.node.id.type === AST_NODE_TYPES.Identifier &&
            variable.references.every((reference) => !reference.isWrite() || reference.init === true);
          return constant && definition.node.init ? collectionOf(definition.node.init) : undefined;
        }
        case AST_NODE_TYPES.MemberExpression:
          return collectionOfField(expression);
        default:
          return undefined;
      }
    }

    function collectionOfCall(call: TSESTree.CallExpression): SocketCollection | undefined {
      if (isArrayFrom(call)) {
        const source = call.arguments.length === 1 && call.arguments[0] ? collectionOf(call.arguments[0]) : undefined;
        return source && { ...source, shape: "list" };
      }
      const method = memberCall(call);
      if (!method) {
        return undefined;
      }
      if (GET_WEB_SOCKETS.has(method.name)) {
        return { label: "getWebSockets()", shape: "list", item: SOCKET, field: undefined, filtered: false };
      }
      const source = collectionOf(method.object);
      if (!source) {
        return undefined;
      }
      if (SUBSET_METHODS.has(method.name)) {
        if (source.shape !== "list") {
          return undefined;
        }
        const [callback] = call.arguments;
        return method.name === "filter" && callback && readsReadyState(callback) ? { ...source, filtered: true } : source;
      }
      if (ITERATOR_METHODS.has(method.name)) {
        const item = iteratorItem(source, method.name);
        return item === undefined ? undefined : { ...source, shape: "list", item };
      }
      return undefined;
    }

    /** What `keys()`, `values()` and `entries()` of a collection yield. */
    function iteratorItem(source: SocketCollection, method: string): Item | undefined {
      if (source.shape === "map") {
        if (method === "entries") {
          return source.item;
        }
        return (method === "keys" && source.item === 0) || (method === "values" && source.item === 1) ? SOCKET : undefined;
      }
      if (source.item !== SOCKET) {
        return undefined;
      }
      if (method === "entries") {
        // A Set's entries are [value, value]; an array's are [index, value].
        return source.shape === "set" ? 0 : 1;
      }
      return method === "keys" && source.shape === "list" ? undefined : SOCKET;
    }

    function isArrayFrom(call: TSESTree.CallExpression): boolean {
      const callee = skipTypeWrappers(call.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === "Array" &&
        memberName(callee) === "from" &&
        ASTUtils.findVariable(sourceCode.getScope(callee), "Array")?.defs.length !== 1
      );
    }

    // --- sockets held in fields ----------------------------------------------------

    function collectionOfField(expression: TSESTree.MemberExpression): SocketCollection | undefined {
      if (expression.object.type !== AST_NODE_TYPES.ThisExpression) {
        return undefined;
      }
      const field = memberName(expression);
      const owner = model.thisDurableObjectAt(expression);
      return field !== undefined && owner ? fieldFacts(owner, field).collection : undefined;
    }

    /** What the object puts into `this.field`, and where it takes entries out, in the classes of its family. */
    function fieldFacts(owner: DurableObjectClass, field: string): FieldFacts {
      const classes = family(owner);
      const key = `${classes[0]?.node.range[0] ?? -1}:${field}`;
      let facts = fieldCollections.get(key);
      if (!facts) {
        facts = computeFieldFacts(classes, field);
        fieldCollections.set(key, facts);
      }
      return facts;
    }

    function computeFieldFacts(classes: readonly DurableObjectClass[], field: string): FieldFacts {
      const shapes = new Set<string>();
      const removals: TSESTree.Node[] = [];
      for (const durableObject of classes) {
        const constructorFunction = durableObject.constructorNode?.value;
        for (const use of model.thisMemberUses(durableObject).get(field) ?? []) {
          const parent = use.parent;
          if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === use) {
            if (enclosingFunction(use) !== constructorFunction) {
              removals.push(use);
            }
            continue;
          }
          const call = parent.parent;
          if (
            parent.type !== AST_NODE_TYPES.MemberExpression ||
            parent.object !== use ||
            call?.type !== AST_NODE_TYPES.CallExpression ||
            call.callee !== parent
          ) {
            continue;
          }
          const method = memberName(parent);
          const [first, second] = call.arguments;
          if (method !== undefined && REMOVAL_METHODS.has(method)) {
            removals.push(use);
          } else if (method === "add" && first && isServerSocket(first)) {
            shapes.add("set");
          } else if ((method === "push" || method === "unshift") && call.arguments.some(isServerSocket)) {
            shapes.add("list");
          } else if (method === "set" && first && isServerSocket(first)) {
            shapes.add("map:0");
          } else if (method === "set" && second && isServerSocket(second)) {
            shapes.add("map:1");
          }
        }
      }
      const [shape] = shapes;
      if (shapes.size !== 1 || shape === undefined) {
        return { collection: undefined, removals };
      }
      const base = { label: `this.${field}`, field, filtered: false };
      const collection: SocketCollection =
        shape === "map:0"
          ? { ...base, shape: "map", item: 0 }
          : shape === "map:1"
            ? { ...base, shape: "map", item: 1 }
            : { ...base, shape: shape === "set" ? "set" : "list", item: SOCKET };
      return { collection, removals };
    }

    function isServerSocket(node: TSESTree.Node): boolean {
      const socket = model.socketOf(node);
      return socket !== undefined && SERVER_ORIGINS.has(socket.origin);
    }

    // --- guards --------------------------------------------------------------------

    /** A `try` with a `catch` around the `send()` inside the loop, or a look at the socket's `readyState` before it. */
    function isGuarded(call: TSESTree.CallExpression, variable: Variable, iteration: Iteration): boolean {
      for (let child: TSESTree.Node = call; child !== iteration.body && child.parent; child = child.parent) {
        const parent: TSESTree.Node = child.parent;
        if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.handler) {
          return true;
        }
      }
      const before = (node: TSESTree.Node): boolean =>
        isWithin(node, iteration.body) && node.range[0] < call.range[0];
      if ((readyStateReads.get(variable) ?? []).some(before)) {
        return true;
      }
      // `if (!isOpen(ws)) continue;` with a helper of this file that reads `readyState`.
      return variable.references.some((reference) => {
        const argument = reference.identifier;
        const checkCall = argument.parent;
        return (
          before(argument) &&
          checkCall?.type === AST_NODE_TYPES.CallExpression &&
          checkCall.arguments.some((node) => node === argument) &&
          readsReadyStateInside(calledFunction(checkCall))
        );
      });
    }

    function readsReadyState(node: TSESTree.Node): boolean {
      const fn = skipTypeWrappers(node);
      if (isFunctionNode(fn)) {
        return readsReadyStateInside(fn);
      }
      return fn.type === AST_NODE_TYPES.Identifier && readsReadyStateInside(functionOfVariable(resolveVariable(sourceCode, fn)));
    }

    /** True when a `.readyState` read lies inside `fn`: a binary search over the reads, in source order. */
    function readsReadyStateInside(fn: FunctionNode | undefined): boolean {
      if (!fn) {
        return false;
      }
      let low = 0;
      let high = readyStateStarts.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((readyStateStarts[middle] ?? 0) < fn.range[0]) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      const first = readyStateStarts[low];
      return first !== undefined && first < fn.range[1];
    }

    // --- where the object closes sockets -------------------------------------------

    function closingOf(owner: DurableObjectClass): Closing | undefined {
      const classes = family(owner);
      const root = classes[0] ?? owner;
      let closing = closings.get(root);
      if (closing === undefined) {
        closing = computeClosing(classes);
        closings.set(root, closing);
      }
      return closing ?? undefined;
    }

    function computeClosing(classes: readonly DurableObjectClass[]): Closing | null {
      const closing: Closing = { anywhere: false, inHandlers: [] };
      let found = false;
      for (const { call, receiver, owner } of closes) {
        if (!classes.includes(owner) || !isClosedSocket(receiver)) {
          continue;
        }
        found = true;
        const own = ownHandler(call, receiver, owner);
        if (own) {
          closing.inHandlers.push({ ...own, at: call.range[0] });
        } else {
          closing.anywhere = true;
        }
      }
      return found ? closing : null;
    }

    /** A server socket of the object: known to the model, a loop variable over the object's sockets, or declared `WebSocket`. */
    function isClosedSocket(receiver: TSESTree.Node): boolean {
      if (isServerSocket(receiver)) {
        return true;
      }
      if (receiver.type !== AST_NODE_TYPES.Identifier) {
        return false;
      }
      const variable = resolveVariable(sourceCode, receiver);
      return variable !== null && (iterationOf(variable) !== undefined || isDeclaredWebSocket(variable));
    }

    /** The handler, when `receiver.close()` closes the socket that `webSocketClose()` / `webSocketError()` was called for, in its own body. */
    function ownHandler(
      call: TSESTree.CallExpression,
      receiver: TSESTree.Node,
      owner: DurableObjectClass,
    ): { handler: FunctionNode; name: HandlerName } | undefined {
      const fn = enclosingFunction(call);
      const name = CLOSE_HANDLERS.find((handlerName) => owner.handlers.get(handlerName)?.value === fn);
      const parameter = fn?.params[0];
      if (!fn || !name || parameter?.type !== AST_NODE_TYPES.Identifier || receiver.type !== AST_NODE_TYPES.Identifier) {
        return undefined;
      }
      const variable = resolveVariable(sourceCode, receiver);
      return variable?.identifiers.includes(parameter) ? { handler: fn, name } : undefined;
    }

    // --- what runs after the handler closed its socket -----------------------------

    /**
     * The position in `handler` after `at` from which `loop` runs: the loop itself, or a call
     * that leads to the function it is in; undefined when it does not run after the close.
     */
    function entryAfter(loop: TSESTree.Node, handler: FunctionNode, at: number): number | undefined {
      if (isWithin(loop, handler)) {
        return loop.range[0] > at ? loop.range[0] : undefined;
      }
      const reach = reachFrom(handler);
      for (let current: TSESTree.Node | undefined = loop.parent; current; current = current.parent) {
        const reached = isFunctionNode(current) ? reach.get(current) : undefined;
        if (reached && reached.max > at) {
          return reached.max;
        }
      }
      return undefined;
    }

    function isRemovedBefore(field: FieldFacts, handler: FunctionNode, entry: number): boolean {
      const reach = reachFrom(handler);
      return field.removals.some((removal) => {
        if (isWithin(removal, handler)) {
          return removal.range[0] < entry;
        }
        for (let current: TSESTree.Node | undefined = removal.parent; current; current = current.parent) {
          const reached = isFunctionNode(current) ? reach.get(current) : undefined;
          if (reached && reached.min < entry) {
            return true;
          }
        }
        return false;
      });
    }

    /** The methods and functions of the file that `handler` calls, directly or through each other, with where it calls them. */
    function reachFrom(handler: FunctionNode): Map<FunctionNode, Reach> {
      let reach = reaches.get(handler);
      if (reach) {
        return reach;
      }
      reach = new Map();
      reaches.set(handler, reach);
      const queue: { fn: FunctionNode; from: Reach | undefined }[] = [{ fn: handler, from: undefined }];
      for (let next = queue.shift(); next; next = queue.shift()) {
        for (const { call, target } of callsWithin(next.fn)) {
          const from = next.from ?? { min: call.range[0], max: call.range[0] };
          const known = reach.get(target);
          if (!known) {
            const entry = { ...from };
            reach.set(target, entry);
            queue.push({ fn: target, from: entry });
          } else if (from.min < known.min || from.max > known.max) {
            known.min = Math.min(known.min, from.min);
            known.max = Math.max(known.max, from.max);
            queue.push({ fn: target, from: known });
          }
        }
      }
      return reach;
    }

    function callsWithin(fn: FunctionNode): CallEdge[] {
      recordWalked();
      const edges: CallEdge[] = [];
      const pending = [fn];
      for (let current = pending.pop(); current; current = pending.pop()) {
        edges.push(...(callsByFunction.get(current) ?? []));
        pending.push(...(nestedFunctions.get(current) ?? []));
      }
      return edges;
    }

    function recordWalked(): void {
      for (const fn of walkedFunctions) {
        const outer = enclosingFunction(fn);
        const nested = nestedFunctions.get(outer);
        if (nested) {
          nested.push(fn);
        } else {
          nestedFunctions.set(outer, [fn]);
        }
      }
      walkedFunctions = [];
      for (const call of walkedCalls) {
        if (model.durableObjectAt(call)) {
          recordCallEdge(call);
        }
      }
      walkedCalls = [];
    }

    function recordCallEdge(call: TSESTree.CallExpression): void {
      const target = calledFunction(call);
      if (!target) {
        return;
      }
      const caller = enclosingFunction(call);
      const edges = callsByFunction.get(caller);
      if (edges) {
        edges.push({ call, target });
      } else {
        callsByFunction.set(caller, [{ call, target }]);
      }
    }

    /** The function of this file that `call` runs: `this.method(…)` of the object, or a function called by name. */
    function calledFunction(call: TSESTree.CallExpression): FunctionNode | undefined {
      const callee = skipTypeWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        return functionOfVariable(resolveVariable(sourceCode, callee));
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) {
        return undefined;
      }
      const name = memberName(callee);
      const owner = model.thisDurableObjectAt(callee);
      for (let durableObject = owner; durableObject && name !== undefined; durableObject = durableObject.baseClass) {
        const value = durableObject.methods.get(name)?.value;
        if (value) {
          return isFunctionNode(value) ? value : undefined;
        }
      }
      return undefined;
    }

    // --- the fix -------------------------------------------------------------------

    /**
     * Puts the `send()` under a `readyState` test: a statement `ws.send(x);` becomes
     * `if (ws.readyState === WebSocket.OPEN) ws.send(x);`, and an arrow `(ws) => ws.send(x)`
     * gets a block body with that statement.
     */
    function guardSuggestion(
      call: TSESTree.CallExpression,
      receiver: TSESTree.Identifier,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const webSocket = ASTUtils.findVariable(sourceCode.getScope(call), "WebSocket");
      if (webSocket && webSocket.defs.length > 0) {
        return [];
      }
      const test = `${receiver.name}.readyState === WebSocket.OPEN`;
      const data = { socket: receiver.name };
      const expression = call.parent.type === AST_NODE_TYPES.ChainExpression ? call.parent : call;
      const holder = expression.parent;
      if (holder?.type === AST_NODE_TYPES.ExpressionStatement && acceptsIfStatement(holder)) {
        return [
          {
            messageId: "skipClosedSocket",
            data,
            fix: (fixer) => fixer.insertTextBefore(holder, `if (${test}) `),
          },
        ];
      }
      if (holder?.type === AST_NODE_TYPES.ArrowFunctionExpression && holder.body === expression) {
        return [
          {
            messageId: "skipClosedSocket",
            data,
            fix: (fixer) => fixer.replaceText(expression, `{ if (${test}) ${sourceCode.getText(expression)}; }`),
          },
        ];
      }
      return [];
    }

    // --- families of classes -------------------------------------------------------

    /** The object's class with the classes of the file it extends and that extend it, base first. */
    function family(owner: DurableObjectClass): readonly DurableObjectClass[] {
      let classes = families.get(owner);
      if (!classes) {
        const root = rootOf(owner);
        classes = model.durableObjects.filter((durableObject) => rootOf(durableObject) === root);
        families.set(owner, classes);
      }
      return classes;
    }
  },
});

function rootOf(durableObject: DurableObjectClass): DurableObjectClass {
  let root = durableObject;
  while (root.baseClass) {
    root = root.baseClass;
  }
  return root;
}

/** Where a statement can become an `if` statement without taking over an `else`. */
function acceptsIfStatement(statement: TSESTree.ExpressionStatement): boolean {
  const parent = statement.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.SwitchCase:
      return true;
    case AST_NODE_TYPES.ForOfStatement:
      return parent.body === statement;
    case AST_NODE_TYPES.IfStatement:
      return parent.alternate === statement || parent.alternate === null;
    default:
      return false;
  }
}

/** `ws: WebSocket`, a parameter or variable declared with the type. */
function isDeclaredWebSocket(variable: Variable): boolean {
  return variable.identifiers.some((identifier) => {
    const annotation = identifier.typeAnnotation?.typeAnnotation;
    return (
      annotation?.type === AST_NODE_TYPES.TSTypeReference &&
      annotation.typeName.type === AST_NODE_TYPES.Identifier &&
      annotation.typeName.name === "WebSocket"
    );
  });
}
