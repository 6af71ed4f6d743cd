import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { getDurableObjectModel } from "../analysis/index.js";
import { globalCalleeName, isGlobalReference, propertyName, resolveVariable, skipTypeWrappers } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { staticString } from "../util/static-value.js";

export type Options = [];
export type MessageIds = "outgoingWebSocket" | "upgradeFetch";

export default createRule<Options, MessageIds>({
  name: "no-outgoing-websocket",
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
      CallExpression(node) {
        if (!isFetchCallee(node.callee) || !model.durableObjectAt(node)?.hibernates) {
          return;
        }
        if (requestsUpgrade(node.arguments[0], node.arguments[1])) {
          context.report({ node, messageId: "upgradeFetch" });
        }
      },
    };

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

    /** `fetch(url, { headers })` or `fetch(new Request(url, { headers }))` with `Upgrade: websocket`. */
    function requestsUpgrade(input: TSESTree.Node | undefined, init: TSESTree.Node | undefined): boolean {
      if (init && initRequestsUpgrade(init)) {
        return true;
      }
      const request = input && resolveConstant(input);
      return (
        request?.type === AST_NODE_TYPES.NewExpression &&
        isGlobalConstructor(request, "Request") &&
        request.arguments[1] !== undefined &&
        initRequestsUpgrade(request.arguments[1])
      );
    }

    function initRequestsUpgrade(init: TSESTree.Node): boolean {
      const object = resolveConstant(init);
      if (object?.type !== AST_NODE_TYPES.ObjectExpression) {
        return false;
      }
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.Property && keyName(property) === "headers") {
          return headersRequestUpgrade(property.value);
        }
      }
      return false;
    }

    /** Headers as an object literal, `new Headers(...)` or an array of pairs. */
    function headersRequestUpgrade(headersNode: TSESTree.Node): boolean {
      const headers = resolveConstant(headersNode);
      if (!headers) {
        return false;
      }
      if (headers.type === AST_NODE_TYPES.NewExpression && isGlobalConstructor(headers, "Headers")) {
        return headers.arguments[0] !== undefined && headersRequestUpgrade(headers.arguments[0]);
      }
      if (headers.type === AST_NODE_TYPES.ObjectExpression) {
        return headers.properties.some(
          (property) =>
            property.type === AST_NODE_TYPES.Property &&
            keyName(property)?.toLowerCase() === "upgrade" &&
            isWebSocketValue(property.value),
        );
      }
      if (headers.type === AST_NODE_TYPES.ArrayExpression) {
        return headers.elements.some((entry) => {
          if (entry?.type !== AST_NODE_TYPES.ArrayExpression) {
            return false;
          }
          const [name, value] = entry.elements;
          return (
            name !== undefined &&
            name !== null &&
            value !== undefined &&
            value !== null &&
            staticString(name, sourceCode)?.toLowerCase() === "upgrade" &&
            isWebSocketValue(value)
          );
        });
      }
      return false;
    }

    /** `new Name(...)` or `new globalThis.Name(...)` where `Name` is the runtime's global, not a local binding. */
    function isGlobalConstructor(node: TSESTree.NewExpression, name: string): boolean {
      return globalCalleeName(sourceCode, node.callee) === name;
    }

    /** The key of `{ key: value }`, `{ "key": value }` or `{ [KEY]: value }` with a constant `KEY`. */
    function keyName(property: TSESTree.Property): string | undefined {
      return property.computed ? staticString(property.key, sourceCode) : propertyName(property.key);
    }

    function isWebSocketValue(node: TSESTree.Node): boolean {
      return staticString(node, sourceCode)?.toLowerCase() === "websocket";
    }

    /** Follows a `const` binding to the literal it holds. */
    function resolveConstant(node: TSESTree.Node): TSESTree.Node | undefined {
      const expression = skipTypeWrappers(node);
      if (expression.type !== AST_NODE_TYPES.Identifier) {
        return expression;
      }
      const variable: TSESLint.Scope.Variable | null = resolveVariable(sourceCode, expression);
      const definition = variable?.defs[0];
      if (
        definition?.type === "Variable" &&
        definition.parent.kind === "const" &&
        definition.node.id === definition.name &&
        definition.node.init
      ) {
        return skipTypeWrappers(definition.node.init);
      }
      return undefined;
    }
  },
});
