import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { getDurableObjectModel } from "../analysis/index.js";
import { memberCall, memberName, skipTypeWrappers } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { staticString } from "../util/static-value.js";

export type Options = [];
export type MessageIds = "listenerNeverFires" | "listenerPinsObject";

const ADD_EVENT_LISTENER = new Set(["addEventListener"]);
const HANDLER_PROPERTIES = new Map([
  ["onmessage", "message"],
  ["onclose", "close"],
  ["onerror", "error"],
  ["onopen", "open"],
]);
const HANDLER_FOR_EVENT = new Map([
  ["message", "webSocketMessage()"],
  ["close", "webSocketClose()"],
  ["error", "webSocketError()"],
]);
const ANY_HANDLER = "webSocketMessage() / webSocketClose() / webSocketError()";

export default createRule<Options, MessageIds>({
  name: "no-websocket-listeners",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow event listeners on server WebSockets in a Durable Object",
      recommended: "recommended",
    },
    messages: {
      listenerNeverFires:
        "This socket is accepted with `acceptWebSocket()`, so the runtime delivers its events to the object's handlers and this `{{event}}` listener never fires. Move its body into `{{handler}}`.",
      listenerPinsObject:
        "A `{{event}}` listener on a socket accepted with `accept()` keeps this Durable Object in memory while the socket is open, so it never hibernates. Accept the socket with `ctx.acceptWebSocket()` and move the body into `{{handler}}`.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (model.durableObjects.length === 0) {
      return {};
    }

    return {
      CallExpression(node) {
        const call = memberCall(node, ADD_EVENT_LISTENER);
        const eventArgument = node.arguments[0];
        if (!call) {
          return;
        }
        const event = eventArgument && staticString(eventArgument, sourceCode.getScope(eventArgument));
        check(node, call.object, event);
      },
      AssignmentExpression(node) {
        const target = skipTypeWrappers(node.left);
        if (target.type !== AST_NODE_TYPES.MemberExpression) {
          return;
        }
        const event = HANDLER_PROPERTIES.get(memberName(target) ?? "");
        if (event !== undefined) {
          check(node, target.object, event);
        }
      },
    };

    function check(node: TSESTree.Node, socketNode: TSESTree.Expression, event: string | undefined): void {
      const owner = model.durableObjectAt(node);
      const socket = owner && model.socketOf(socketNode);
      if (!socket || (socket.origin !== "pairServer" && socket.origin !== "hibernatable")) {
        return;
      }
      const handler = HANDLER_FOR_EVENT.get(event ?? "") ?? ANY_HANDLER;
      context.report({
        node,
        messageId: model.isAcceptedForHibernation(socket) ? "listenerNeverFires" : "listenerPinsObject",
        data: { event: event ?? "event", handler },
      });
    }
  },
});
