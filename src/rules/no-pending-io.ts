import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getDurableObjectModel } from "../analysis/index.js";
import {
  type FunctionNode,
  enclosingFunction,
  globalCalleeName,
  importedNameOf,
  isFloatingPromise,
  isFunctionNode,
  keyName,
  memberCall,
  memberName,
  propertyName,
  resolveVariable,
  skipTypeWrappers,
  valueParent,
} from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { requestsWebSocketUpgrade } from "../util/fetch.js";

export type Options = [];
export type MessageIds = "floatingFetch" | "openSocket" | "streamingResponse" | "waitUntil";

type Variable = TSESLint.Scope.Variable;

const SOCKETS_MODULE = "cloudflare:sockets";
const WAIT_UNTIL = new Set(["waitUntil"]);
/** Calls that keep what they are given in a collection, past the event that runs them. */
const COLLECTION_STORES = new Set(["add", "push", "set", "unshift"]);

export default createRule<Options, MessageIds>({
  name: "no-pending-io",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Disallow pending I/O that keeps a hibernating Durable Object awake",
      recommended: "strict",
    },
    messages: {
      floatingFetch:
        "This `fetch()` is not awaited, and the pending request keeps this Durable Object in memory until it settles, so the object cannot hibernate meanwhile. Await it in the handler, or move background work to `ctx.storage.setAlarm()` and do it in `alarm()`.",
      waitUntil:
        "`waitUntil()` keeps this Durable Object in memory until the promise it is given settles, so the object cannot hibernate meanwhile. Await the work in the handler, or move background work to `ctx.storage.setAlarm()` and do it in `alarm()`.",
      openSocket:
        "This TCP socket stays open after the handler returns and keeps this Durable Object in memory until it is closed, so the object cannot hibernate meanwhile. Close it when the exchange is done, or hold the connection in a separate Durable Object meant to stay awake.",
      streamingResponse:
        "This response streams a body that stays open after `fetch()` returns, and the open stream keeps this Durable Object in memory until it is closed, so the object cannot hibernate meanwhile. Return a complete body, or send live updates over the hibernatable WebSocket.",
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (!model.durableObjects.some((durableObject) => durableObject.hibernates)) {
      return {};
    }
    // The local names `cloudflare:sockets` is imported under, so that other calls are passed over at once.
    const socketsImports = socketsImportNames(sourceCode.ast);
    const candidateNames = ["fetch", "waitUntil", "connect", ...socketsImports];

    return {
      Program() {
        for (const node of model.callsNamed(candidateNames)) {
          checkCall(node);
        }
      },
      NewExpression(node) {
        const body = node.arguments[0];
        if (
          body &&
          isNamed(node.callee, "Response") &&
          globalCalleeName(sourceCode, node.callee) === "Response" &&
          isInFetchOfHibernatingObject(node)
        ) {
          const method = enclosingFunction(node);
          if (method && staysOpen(body, method)) {
            context.report({ node: body, messageId: "streamingResponse" });
          }
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      const messageId = pendingCall(node);
      if (messageId && model.durableObjectAt(node)?.hibernates) {
        context.report({ node: node.callee, messageId });
      }
    }

    /** What a call leaves pending after the event, if it is one this rule reports. */
    function pendingCall(node: TSESTree.CallExpression): MessageIds | undefined {
      if (!isCandidateCallee(skipTypeWrappers(node.callee))) {
        return undefined;
      }
      if (globalCalleeName(sourceCode, node.callee) === "fetch") {
        // An outgoing WebSocket is `no-outgoing-websocket`'s finding.
        return isNeverAwaited(node) && !requestsWebSocketUpgrade(node, sourceCode) ? "floatingFetch" : undefined;
      }
      const member = memberCall(node, WAIT_UNTIL);
      if (member) {
        return model.isStateHandle(member.object) ? "waitUntil" : undefined;
      }
      return isSocketsConnect(node.callee) && !isClosedOrHandedOn(node) ? "openSocket" : undefined;
    }

    function isCandidateCallee(callee: TSESTree.Node): boolean {
      if (callee.type === AST_NODE_TYPES.Identifier) {
        return callee.name === "fetch" || socketsImports.has(callee.name);
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) {
        return false;
      }
      const name = memberName(callee);
      return (
        name === "fetch" ||
        name === "waitUntil" ||
        (name === "connect" && callee.object.type === AST_NODE_TYPES.Identifier && socketsImports.has(callee.object.name))
      );
    }

    // --- fetch ------------------------------------------------------------------------

    function isNeverAwaited(node: TSESTree.CallExpression): boolean {
      return isFloatingPromise(node, sourceCode) || isStoredInUnreadField(node);
    }

    /**
     * `this.pending = fetch(url)` where no code of the file reads `this.pending`: the request
     * runs on after the event with nothing waiting for it. A field that is read may be awaited
     * in the same event (a promise kept to share one request), so it is left alone.
     */
    function isStoredInUnreadField(node: TSESTree.CallExpression): boolean {
      const { parent, child } = valueParent(node);
      if (
        parent?.type !== AST_NODE_TYPES.AssignmentExpression ||
        parent.operator !== "=" ||
        parent.right !== child ||
        parent.left.type !== AST_NODE_TYPES.MemberExpression ||
        parent.left.object.type !== AST_NODE_TYPES.ThisExpression ||
        !isFloatingPromise(parent, sourceCode)
      ) {
        return false;
      }
      const field = memberName(parent.left);
      if (field === undefined || !model.thisDurableObjectAt(parent.left)) {
        return false;
      }
      return model.durableObjects.every((durableObject) =>
        (model.thisMemberUses(durableObject).get(field) ?? []).every(isPlainAssignmentTarget),
      );
    }

    // --- connect() from cloudflare:sockets -------------------------------------------

    /** `connect(...)` imported from `cloudflare:sockets` under any local name, or `sockets.connect(...)`. */
    function isSocketsConnect(callee: TSESTree.Node): boolean {
      const imported = importedNameOf(sourceCode, callee);
      return imported?.source === SOCKETS_MODULE && imported.imported === "connect";
    }

    /**
     * The socket is closed by the code that opened it (`socket.close()` on the variable that
     * holds it), or handed to code this rule cannot follow: returned, or passed to a call
     * other than a collection's `push` / `add` / `set`.
     */
    function isClosedOrHandedOn(node: TSESTree.CallExpression): boolean {
      if (isHandedOn(node)) {
        return true;
      }
      const { parent, child } = valueParent(node);
      if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child) {
        return false;
      }
      if (parent.id.type !== AST_NODE_TYPES.Identifier) {
        // Destructured, the socket itself is out of reach: stay silent about what is not modelled.
        return true;
      }
      const variable = resolveVariable(sourceCode, parent.id);
      return (variable?.references ?? []).some(
        (reference) => reference.isRead() && (isCloseCallOn(reference.identifier) || isHandedOn(reference.identifier)),
      );
    }

    function isHandedOn(node: TSESTree.Node): boolean {
      const { parent, child } = valueParent(node);
      if (parent?.type === AST_NODE_TYPES.ReturnStatement) {
        return true;
      }
      if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression) {
        return parent.body === child;
      }
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee === child) {
        return false;
      }
      const member = memberCall(parent);
      return !member || !COLLECTION_STORES.has(member.name);
    }

    // --- streaming responses --------------------------------------------------------

    function isInFetchOfHibernatingObject(node: TSESTree.Node): boolean {
      const fn = enclosingFunction(node);
      const holder = fn?.parent;
      if (
        !holder ||
        (holder.type !== AST_NODE_TYPES.MethodDefinition && holder.type !== AST_NODE_TYPES.PropertyDefinition) ||
        holder.value !== fn ||
        holder.static ||
        keyName(holder) !== "fetch"
      ) {
        return false;
      }
      const classNode = holder.parent.parent;
      return model.durableObjects.some((durableObject) => durableObject.node === classNode && durableObject.hibernates);
    }

    /**
     * A body that `method` opens and leaves open: the readable side of a `new TransformStream()`
     * whose writable side `method` neither closes nor hands on, or a `new ReadableStream()`
     * whose `start` does not close it before it first waits. A stream with a `pull` is produced
     * as the client reads it; other bodies (strings, JSON, a stream from elsewhere) are not
     * this rule's concern.
     */
    function staysOpen(body: TSESTree.Node, method: FunctionNode): boolean {
      const expression = skipTypeWrappers(body);
      if (expression.type === AST_NODE_TYPES.NewExpression) {
        return isReadableStream(expression) && readableStaysOpen(expression);
      }
      if (
        expression.type === AST_NODE_TYPES.MemberExpression &&
        memberName(expression) === "readable" &&
        expression.object.type === AST_NODE_TYPES.Identifier
      ) {
        // `transform.readable` of `const transform = new TransformStream()`
        const declared = localDeclaration(expression.object, method);
        if (!declared || declared.declarator.id.type !== AST_NODE_TYPES.Identifier || !isTransformStream(declared.init)) {
          return false;
        }
        return !closesWritable(declared.variable, method, true);
      }
      if (expression.type !== AST_NODE_TYPES.Identifier) {
        return false;
      }
      const declared = localDeclaration(expression, method);
      if (!declared) {
        return false;
      }
      const { declarator, init } = declared;
      if (declarator.id.type === AST_NODE_TYPES.Identifier) {
        return init.type === AST_NODE_TYPES.NewExpression && isReadableStream(init) && readableStaysOpen(init);
      }
      // `const { readable, writable } = new TransformStream()`
      if (
        declarator.id.type !== AST_NODE_TYPES.ObjectPattern ||
        !isTransformStream(init) ||
        destructuredKey(declarator.id, expression.name) !== "readable"
      ) {
        return false;
      }
      const writable = destructuredVariable(declarator.id, "writable");
      return !writable || !closesWritable(writable, method, false);
    }

    /** The `const` declaration in `method` that `identifier` refers to, with its initialiser. */
    function localDeclaration(
      identifier: TSESTree.Identifier,
      method: FunctionNode,
    ): { declarator: TSESTree.VariableDeclarator; init: TSESTree.Expression; variable: Variable } | undefined {
      const variable = resolveVariable(sourceCode, identifier);
      const definition = variable?.defs[0];
      if (
        !variable ||
        definition?.type !== "Variable" ||
        definition.parent.kind !== "const" ||
        !definition.node.init ||
        enclosingFunction(definition.node) !== method
      ) {
        return undefined;
      }
      return { declarator: definition.node, init: skipTypeWrappers(definition.node.init) as TSESTree.Expression, variable };
    }

    /**
     * True when `method`'s own code (not a callback it leaves behind) closes the writable
     * side: `writable.close()`, `writable.getWriter().close()`, or `writer.close()` on a
     * `const writer = writable.getWriter()`; or when it hands the writable side to code this
     * rule cannot follow (`body.pipeTo(writable)`, which closes it when the source ends).
     * With `throughMember`, `variable` holds the transform and its writable side is read as
     * `transform.writable`.
     */
    function closesWritable(variable: Variable, method: FunctionNode, throughMember: boolean): boolean {
      return variable.references.some((reference) => {
        let writable: TSESTree.Node = reference.identifier;
        if (throughMember) {
          const { parent } = valueParent(writable);
          if (parent?.type !== AST_NODE_TYPES.MemberExpression || memberName(parent) !== "writable") {
            return false;
          }
          writable = parent;
        }
        return closesHere(writable, method) || writerClosesHere(writable, method) || isHandedOn(writable);
      });
    }

    function writerClosesHere(writable: TSESTree.Node, method: FunctionNode): boolean {
      const { parent } = valueParent(writable);
      const getWriter = parent?.parent;
      if (
        parent?.type !== AST_NODE_TYPES.MemberExpression ||
        memberName(parent) !== "getWriter" ||
        getWriter?.type !== AST_NODE_TYPES.CallExpression ||
        getWriter.callee !== parent
      ) {
        return false;
      }
      if (closesHere(getWriter, method)) {
        return true;
      }
      const { parent: holder, child } = valueParent(getWriter);
      if (
        holder?.type !== AST_NODE_TYPES.VariableDeclarator ||
        holder.init !== child ||
        holder.id.type !== AST_NODE_TYPES.Identifier
      ) {
        return false;
      }
      const writer = resolveVariable(sourceCode, holder.id);
      return (writer?.references ?? []).some((reference) => closesHere(reference.identifier, method));
    }

    /** `node.close()` called by `method` itself. */
    function closesHere(node: TSESTree.Node, method: FunctionNode): boolean {
      return isCloseCallOn(node) && enclosingFunction(node) === method;
    }

    /** The variable `{ key: name }` binds for `key`, when it binds a plain identifier. */
    function destructuredVariable(pattern: TSESTree.ObjectPattern, key: string): Variable | undefined {
      for (const property of pattern.properties) {
        if (property.type === AST_NODE_TYPES.Property && keyName(property) === key) {
          const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
          return value.type === AST_NODE_TYPES.Identifier ? (resolveVariable(sourceCode, value) ?? undefined) : undefined;
        }
      }
      return undefined;
    }

    function isReadableStream(node: TSESTree.NewExpression): boolean {
      return globalCalleeName(sourceCode, node.callee) === "ReadableStream";
    }

    function isTransformStream(node: TSESTree.Node): boolean {
      return (
        node.type === AST_NODE_TYPES.NewExpression && globalCalleeName(sourceCode, node.callee) === "TransformStream"
      );
    }
  },
});

/** The local names that `import ... from "cloudflare:sockets"` binds, whatever they import. */
function socketsImportNames(program: TSESTree.Program): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === SOCKETS_MODULE) {
      for (const specifier of statement.specifiers) {
        names.add(specifier.local.name);
      }
    }
  }
  return names;
}

/** True when `node` is the target of `this.field = value`, not a read of it. */
function isPlainAssignmentTarget(use: TSESTree.MemberExpression): boolean {
  const { parent } = use;
  return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === "=" && parent.left === use;
}

/** `Name` or `globalThis.Name`, before the scope says whether it is the global. */
function isNamed(callee: TSESTree.Node, name: string): boolean {
  const node = skipTypeWrappers(callee);
  if (node.type === AST_NODE_TYPES.Identifier) {
    return node.name === name;
  }
  return node.type === AST_NODE_TYPES.MemberExpression && memberName(node) === name;
}

/** `node.close()`. */
function isCloseCallOn(node: TSESTree.Node): boolean {
  const { parent, child } = valueParent(node);
  const call = parent?.parent;
  return (
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === child &&
    memberName(parent) === "close" &&
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.callee === parent
  );
}

/**
 * A `new ReadableStream(source)` with a literal source that has a `start` and no `pull`,
 * where `start` does not call `controller.close()` in its own body before it first waits.
 */
function readableStaysOpen(node: TSESTree.NewExpression): boolean {
  const source = node.arguments[0];
  if (source?.type !== AST_NODE_TYPES.ObjectExpression) {
    return false;
  }
  let start: TSESTree.Node | undefined;
  for (const property of source.properties) {
    if (property.type !== AST_NODE_TYPES.Property) {
      // A spread may bring a `pull`: stay silent.
      return false;
    }
    const name = keyName(property);
    if (name === "pull" || name === undefined) {
      return false;
    }
    if (name === "start") {
      start = property.value;
    }
  }
  const controller = start && isFunctionNode(start) ? start.params[0] : undefined;
  if (!start || !isFunctionNode(start) || controller?.type !== AST_NODE_TYPES.Identifier) {
    return false;
  }
  return !closesBeforeWaiting(start, controller.name);
}

/**
 * `start(controller) { ...; controller.close(); }` or `(controller) => controller.close()`,
 * with no statement before the `close()` that waits (`await x;`, `const y = await x;`).
 */
function closesBeforeWaiting(start: FunctionNode, controller: string): boolean {
  const statements: TSESTree.Node[] = start.body.type === AST_NODE_TYPES.BlockStatement ? start.body.body : [start.body];
  for (const statement of statements) {
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement;
    if (isControllerClose(expression, controller)) {
      return true;
    }
    if (waits(statement)) {
      return false;
    }
  }
  return false;
}

function isControllerClose(node: TSESTree.Node, controller: string): boolean {
  const call = skipTypeWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) {
    return false;
  }
  const member = memberCall(call);
  const object = member && skipTypeWrappers(member.object);
  return member?.name === "close" && object?.type === AST_NODE_TYPES.Identifier && object.name === controller;
}

/** A statement that starts by waiting: `await x;`, `const y = await x;`, `for await (...)`. */
function waits(statement: TSESTree.Node): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      return skipTypeWrappers(statement.expression).type === AST_NODE_TYPES.AwaitExpression;
    case AST_NODE_TYPES.VariableDeclaration:
      return statement.declarations.some(
        (declarator) => declarator.init !== null && skipTypeWrappers(declarator.init).type === AST_NODE_TYPES.AwaitExpression,
      );
    case AST_NODE_TYPES.ForOfStatement:
      return statement.await;
    default:
      return false;
  }
}

/** In `{ key: name }` (or `{ name }`), the key that binds the identifier called `name`. */
function destructuredKey(pattern: TSESTree.ObjectPattern, name: string): string | undefined {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) {
      continue;
    }
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === name) {
      return property.computed && property.key.type !== AST_NODE_TYPES.Literal ? undefined : propertyName(property.key);
    }
  }
  return undefined;
}
