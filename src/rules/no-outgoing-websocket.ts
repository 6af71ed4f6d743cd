import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { getDurableObjectModel } from "../analysis/index.js";
import { isGlobalCallee, isGlobalReference, skipTypeWrappers } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { requestsWebSocketUpgrade } from "../util/fetch.js";

const FETCH = ["fetch"];

export type Options = [];
export type MessageIds = "outgoingWebSocket" | "upgradeFetch";

export default createRule<Options, MessageIds>({
  name: "no-outgoing-websocket",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Disallow outgoing WebSocket connections from a hibernating Durable Object",
      recommended: "recommended",
    },
    messages: {
      outgoingWebSocket:
        "An outgoing WebSocket keeps this Durable Object in memory while it is connected, so the object never hibernates and is billed for every connected second. Open the connection from a separate Durable Object meant to stay awake, or poll with requests scheduled by `ctx.storage.setAlarm()`.",
      upgradeFetch:
        "A `fetch` with `Upgrade: websocket` opens an outgoing WebSocket, which keeps this Durable Object in memory while it is connected, so the object never hibernates. Open the connection from a separate Durable Object meant to stay awake, or poll with requests scheduled by `ctx.storage.setAlarm()`.",
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (!model.durableObjects.some((durableObject) => durableObject.hibernates)) {
      return {};
    }

    return {
      NewExpression(node) {
        if (isGlobalConstructor(node, "WebSocket") && model.durableObjectAt(node)?.hibernates) {
          context.report({ node, messageId: "outgoingWebSocket" });
        }
      },
      Program() {
        for (const node of model.callsNamed(FETCH)) {
          checkCall(node);
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      if (!isFetchCallee(node.callee) || !model.durableObjectAt(node)?.hibernates) {
        return;
      }
      if (requestsWebSocketUpgrade(node, sourceCode)) {
        context.report({ node, messageId: "upgradeFetch" });
      }
    }

    function isFetchCallee(callee: TSESTree.Node): boolean {
      const node = skipTypeWrappers(callee);
      if (node.type === AST_NODE_TYPES.Identifier) {
        return node.name === "fetch" && isGlobalReference(sourceCode, node);
      }
      return (
        node.type === AST_NODE_TYPES.MemberExpression &&
        !node.computed &&
        node.property.type === AST_NODE_TYPES.Identifier &&
        node.property.name === "fetch"
      );
    }

    /** `new Name(...)` or `new globalThis.Name(...)` where `Name` is the runtime's global, not a local binding. */
    function isGlobalConstructor(node: TSESTree.NewExpression, name: string): boolean {
      return isGlobalCallee(sourceCode, node.callee, name);
    }
  },
});
