import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { globalCalleeName, propertyName, resolveVariable, skipTypeWrappers } from "./ast.js";
import { staticString } from "./static-value.js";

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * True when a fetch call asks for an outgoing WebSocket: `fetch(url, { headers })` or
 * `fetch(new Request(url, { headers }))` with an `Upgrade: websocket` header, the headers
 * given as an object literal, `new Headers(...)` or an array of pairs.
 */
export function requestsWebSocketUpgrade(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  const [input, init] = call.arguments;
  if (init && initRequestsUpgrade(init, sourceCode)) {
    return true;
  }
  const request = input && resolveConstant(input, sourceCode);
  return (
    request?.type === AST_NODE_TYPES.NewExpression &&
    globalCalleeName(sourceCode, request.callee) === "Request" &&
    request.arguments[1] !== undefined &&
    initRequestsUpgrade(request.arguments[1], sourceCode)
  );
}

function initRequestsUpgrade(init: TSESTree.Node, sourceCode: SourceCode): boolean {
  const object = resolveConstant(init, sourceCode);
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) {
    return false;
  }
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && literalKeyName(property, sourceCode) === "headers") {
      return headersRequestUpgrade(property.value, sourceCode);
    }
  }
  return false;
}

function headersRequestUpgrade(headersNode: TSESTree.Node, sourceCode: SourceCode): boolean {
  const headers = resolveConstant(headersNode, sourceCode);
  if (!headers) {
    return false;
  }
  if (headers.type === AST_NODE_TYPES.NewExpression && globalCalleeName(sourceCode, headers.callee) === "Headers") {
    return headers.arguments[0] !== undefined && headersRequestUpgrade(headers.arguments[0], sourceCode);
  }
  if (headers.type === AST_NODE_TYPES.ObjectExpression) {
    return headers.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        literalKeyName(property, sourceCode)?.toLowerCase() === "upgrade" &&
        isWebSocketValue(property.value, sourceCode),
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
        isWebSocketValue(value, sourceCode)
      );
    });
  }
  return false;
}

/** The key of `{ key: value }`, `{ "key": value }` or `{ [KEY]: value }` with a constant `KEY`. */
function literalKeyName(property: TSESTree.Property, sourceCode: SourceCode): string | undefined {
  return property.computed ? staticString(property.key, sourceCode) : propertyName(property.key);
}

function isWebSocketValue(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  return staticString(node, sourceCode)?.toLowerCase() === "websocket";
}

/** Follows a `const` binding to the literal it holds. */
function resolveConstant(node: TSESTree.Node, sourceCode: SourceCode): TSESTree.Node | undefined {
  const expression = skipTypeWrappers(node);
  if (expression.type !== AST_NODE_TYPES.Identifier) {
    return expression;
  }
  const definition = resolveVariable(sourceCode, expression)?.defs[0];
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
