import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectModel, getDurableObjectModel } from "../analysis/index.js";
import { globalCalleeName, isGlobalCallee, keyName, memberCall, propertyName, resolveVariable, skipTypeWrappers } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { staticValue, utf8ByteLength } from "../util/static-value.js";

export type Options = [
  {
    maxRequestBytes?: number;
    maxResponseBytes?: number;
  },
];
export type MessageIds =
  | "missingArgument"
  | "nonStringRequest"
  | "nonStringResponse"
  | "notAPair"
  | "requestTooLarge"
  | "responseTooLarge"
  | "useJsonStringify"
  | "usePair";

const PAIR = "WebSocketRequestResponsePair";
const SET_AUTO_RESPONSE = new Set(["setWebSocketAutoResponse"]);
const DEFAULT_MAX_BYTES = 2048;

/** Keys that change how an object literal converts to a string (or, for `__proto__`, its prototype). */
const CONVERSION_KEYS = new Set(["__proto__", "toString", "valueOf"]);

/** Runtime constructors whose instances are never a `WebSocketRequestResponsePair`. */
const OTHER_CONSTRUCTORS = new Set([
  "Array",
  "ArrayBuffer",
  "Blob",
  "Date",
  "Error",
  "FormData",
  "Headers",
  "Map",
  "Object",
  "Request",
  "Response",
  "Set",
  "String",
  "TextEncoder",
  "URL",
  "Uint8Array",
  "WebSocket",
  "WebSocketPair",
]);

/** How far a chain of `const` aliases is followed. */
const MAX_ALIAS_DEPTH = 8;
/** Converted texts longer than this are shortened in messages. */
const MAX_SHOWN_TEXT = 60;

export default createRule<Options, MessageIds>({
  name: "valid-auto-response",
  onlyInDurableObjects: false,
  meta: {
    type: "problem",
    docs: {
      description: "Enforce auto-response pairs the runtime accepts",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      requestTooLarge:
        "This request text is {{size}} bytes in UTF-8, and `setWebSocketAutoResponse()` throws \"Request cannot be larger than {{limit}} bytes.\" for a pair holding it. Use a shorter ping message, of at most {{limit}} bytes.",
      responseTooLarge:
        "This response text is {{size}} bytes in UTF-8, and `setWebSocketAutoResponse()` throws \"Response cannot be larger than {{limit}} bytes.\" for a pair holding it. Keep the automatic reply to at most {{limit}} bytes and send longer replies from `webSocketMessage()`.",
      nonStringRequest:
        "This {{kind}} is not a string: the pair turns it into the text \"{{text}}\", so the auto-response fires only when a client sends exactly that. Pass the exact text clients send, such as `JSON.stringify()` of an object.",
      nonStringResponse:
        "This {{kind}} is not a string: the pair turns it into the text \"{{text}}\", which is what clients receive as the automatic reply. Pass the reply text itself, such as `JSON.stringify()` of an object.",
      missingArgument:
        "`new WebSocketRequestResponsePair()` without a {{argument}} throws \"constructor parameter {{position}} is not of type 'string'.\" Pass both the request text and the response text.",
      notAPair:
        "`setWebSocketAutoResponse()` throws \"parameter 1 is not of type 'WebSocketRequestResponsePair'.\" when given {{kind}}. Pass `new WebSocketRequestResponsePair(request, response)`, or no argument to remove the auto-response.",
      useJsonStringify: "Wrap the value in `JSON.stringify()`.",
      usePair: "Build the pair with `new WebSocketRequestResponsePair()`.",
    },
    schema: [
      {
        type: "object",
        properties: {
          maxRequestBytes: {
            type: "integer",
            minimum: 0,
            description:
              "The largest request text, in UTF-8 bytes, that `setWebSocketAutoResponse()` accepts: the runtime's limit.",
          },
          maxResponseBytes: {
            type: "integer",
            minimum: 0,
            description:
              "The largest response text, in UTF-8 bytes, that `setWebSocketAutoResponse()` accepts: the runtime's limit.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxRequestBytes: DEFAULT_MAX_BYTES, maxResponseBytes: DEFAULT_MAX_BYTES }],
  },
  create(context, [{ maxRequestBytes = DEFAULT_MAX_BYTES, maxResponseBytes = DEFAULT_MAX_BYTES }]) {
    const sourceCode = context.sourceCode;
    const buildsPairs = sourceCode.text.includes(PAIR);
    const setsAutoResponse = sourceCode.text.includes("setWebSocketAutoResponse");
    if (!buildsPairs && !setsAutoResponse) {
      return {};
    }
    // A pair exists only to be handed to `setWebSocketAutoResponse()`, so one the runtime
    // rejects is a bug wherever it is built: often a module-level constant outside the class.
    // The calls themselves are checked in Durable Object code only.
    const model: DurableObjectModel | undefined = setsAutoResponse ? getDurableObjectModel(context) : undefined;

    return {
      NewExpression(node) {
        if (buildsPairs && isGlobalCallee(sourceCode, node.callee, PAIR)) {
          checkPair(node);
        }
      },
      Program() {
        for (const node of model?.callsNamed(SET_AUTO_RESPONSE) ?? []) {
          checkCall(node);
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      if (!model || model.durableObjects.length === 0 || !memberCall(node, SET_AUTO_RESPONSE)) {
        return;
      }
      const [argument, second] = node.arguments;
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || !model.durableObjectAt(node)) {
        return;
      }
      const callee = skipTypeWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && !model.mayBe(callee.object, "DurableObjectState")) {
        return;
      }
      const kind = notAPairKind(argument);
      if (kind !== undefined) {
        context.report({
          node: argument,
          messageId: "notAPair",
          data: { kind },
          suggest: pairSuggestion(node, argument, second, kind),
        });
      }
    }

    function checkPair(node: TSESTree.NewExpression): void {
      const spreadAt = node.arguments.findIndex((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
      const known = (spreadAt === -1 ? node.arguments : node.arguments.slice(0, spreadAt)).filter(
        (argument): argument is TSESTree.Expression => argument.type !== AST_NODE_TYPES.SpreadElement,
      );
      if (spreadAt === -1 && node.arguments.length < 2) {
        const position = node.arguments.length + 1;
        context.report({
          node,
          messageId: "missingArgument",
          data: { argument: position === 1 ? "request" : "response", position },
        });
      }
      const [request, response] = known;
      if (request) {
        checkPairArgument(request, "request", maxRequestBytes);
      }
      if (response) {
        checkPairArgument(response, "response", maxResponseBytes);
      }
    }

    function checkPairArgument(
      argument: TSESTree.Expression,
      role: "request" | "response",
      limit: number,
    ): void {
      const value = staticValue(argument, sourceCode);
      if (value.kind !== "unknown" && typeof value.value === "string") {
        const bytes = utf8ByteLength(value.value);
        if (bytes > limit) {
          context.report({
            node: argument,
            messageId: role === "request" ? "requestTooLarge" : "responseTooLarge",
            data: { size: value.kind === "exact" ? String(bytes) : `at least ${bytes}`, limit },
          });
        }
        return;
      }
      const converted = nonStringConversion(argument);
      if (!converted) {
        return;
      }
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] =
        converted.serializable && !isShadowed(argument, "JSON")
          ? [
              {
                messageId: "useJsonStringify",
                fix: (fixer) => fixer.replaceText(argument, `JSON.stringify(${sourceCode.getText(argument)})`),
              },
            ]
          : [];
      context.report({
        node: argument,
        messageId: role === "request" ? "nonStringRequest" : "nonStringResponse",
        data: { kind: converted.kind, text: shorten(converted.text) },
        suggest,
      });
    }

    /**
     * What the pair turns a non-string argument into, when that is known and cannot be what
     * the author meant: an object literal (always "[object Object]"), an array literal of
     * primitives, `null` or `undefined`. Numbers and booleans convert to the text a client
     * would send for them, so they are left alone.
     */
    function nonStringConversion(
      argument: TSESTree.Expression,
    ): { kind: string; text: string; serializable: boolean } | undefined {
      const source = constantSource(argument);
      if (source?.type === AST_NODE_TYPES.ObjectExpression) {
        return isPlainObjectLiteral(source) && isUnchanged(argument, source)
          ? { kind: "object", text: "[object Object]", serializable: true }
          : undefined;
      }
      const value = staticValue(argument, sourceCode);
      if (value.kind !== "exact") {
        return undefined;
      }
      if (source?.type === AST_NODE_TYPES.ArrayExpression && Array.isArray(value.value)) {
        return value.value.every(isPrimitive)
          ? { kind: "array", text: String(value.value), serializable: true }
          : undefined;
      }
      if (value.value === null || value.value === undefined) {
        return { kind: `\`${String(value.value)}\` value`, text: String(value.value), serializable: false };
      }
      return undefined;
    }

    /** What `setWebSocketAutoResponse()` receives when it is known not to be a pair, in words. */
    function notAPairKind(argument: TSESTree.Expression): string | undefined {
      const source = constantSource(argument);
      switch (source?.type) {
        case AST_NODE_TYPES.ObjectExpression:
          return "an object literal";
        case AST_NODE_TYPES.ArrayExpression:
          return "an array";
        case AST_NODE_TYPES.TemplateLiteral:
          return "a string";
        case AST_NODE_TYPES.ArrowFunctionExpression:
        case AST_NODE_TYPES.FunctionExpression:
          return "a function";
        case AST_NODE_TYPES.ClassExpression:
          return "a class";
        case AST_NODE_TYPES.NewExpression:
          return otherInstanceKind(source);
        case AST_NODE_TYPES.Literal:
          if ("regex" in source) {
            return "a regular expression";
          }
          if ("bigint" in source) {
            return "a bigint";
          }
          break;
        default:
          break;
      }
      const value = staticValue(argument, sourceCode);
      if (value.kind !== "unknown" && typeof value.value === "string") {
        return "a string";
      }
      if (value.kind !== "exact") {
        return undefined;
      }
      if (value.value === null) {
        return "`null`";
      }
      if (typeof value.value === "number" || typeof value.value === "boolean") {
        return `a ${typeof value.value}`;
      }
      return undefined;
    }

    /**
     * `new X()` of a runtime constructor other than the pair, or of a class of the file that
     * extends nothing (a subclass of the pair is accepted, so classes with a base are not).
     */
    function otherInstanceKind(node: TSESTree.NewExpression): string | undefined {
      const name = globalCalleeName(sourceCode, node.callee);
      if (name !== undefined) {
        return OTHER_CONSTRUCTORS.has(name) ? `a \`${name}\` object` : undefined;
      }
      const callee = skipTypeWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier) {
        return undefined;
      }
      const definition = resolveVariable(sourceCode, callee)?.defs[0];
      return definition?.type === "ClassName" &&
        definition.node.type === AST_NODE_TYPES.ClassDeclaration &&
        definition.node.superClass === null
        ? `a \`${callee.name}\` object`
        : undefined;
    }

    /**
     * The expression a value comes from, following `const` aliases: the node itself, or the
     * initialiser of the `const` it names. Undefined when it comes from anywhere else.
     */
    function constantSource(node: TSESTree.Node): TSESTree.Node | undefined {
      let current = skipTypeWrappers(node);
      for (let depth = 0; depth < MAX_ALIAS_DEPTH; depth++) {
        if (current.type !== AST_NODE_TYPES.Identifier) {
          return current;
        }
        const variable = resolveVariable(sourceCode, current);
        const definition = variable?.defs[0];
        if (
          variable?.defs.length !== 1 ||
          definition?.type !== "Variable" ||
          definition.parent.kind !== "const" ||
          definition.node.id.type !== AST_NODE_TYPES.Identifier ||
          !definition.node.init
        ) {
          return undefined;
        }
        current = skipTypeWrappers(definition.node.init);
      }
      return undefined;
    }

    /** A constant object reached through a name is unchanged when nothing may write to it. */
    function isUnchanged(argument: TSESTree.Expression, source: TSESTree.Node): boolean {
      return skipTypeWrappers(argument) === source || staticValue(argument, sourceCode).kind !== "unknown";
    }

    function pairSuggestion(
      call: TSESTree.CallExpression,
      argument: TSESTree.Expression,
      second: TSESTree.CallExpressionArgument | undefined,
      kind: string,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      if (isShadowed(call, PAIR)) {
        return [];
      }
      const parts = pairParts(argument);
      if (parts) {
        const [request, response] = parts;
        const replacement = `new ${PAIR}(${sourceCode.getText(request)}, ${sourceCode.getText(response)})`;
        return [{ messageId: "usePair", fix: (fixer) => fixer.replaceText(argument, replacement) }];
      }
      // `setWebSocketAutoResponse("ping", "pong")`: the two texts meant for the pair.
      if (kind === "a string" && call.arguments.length === 2 && second && second.type !== AST_NODE_TYPES.SpreadElement) {
        const replacement = `new ${PAIR}(${sourceCode.getText(argument)}, ${sourceCode.getText(second)})`;
        return [
          {
            messageId: "usePair",
            fix: (fixer) => fixer.replaceTextRange([argument.range[0], second.range[1]], replacement),
          },
        ];
      }
      return [];
    }

    /** True when `name` at `node` is a binding of the file rather than the runtime's global. */
    function isShadowed(node: TSESTree.Node, name: string): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), name);
      return variable !== null && variable.defs.length > 0;
    }
  },
});

/** `{ request: a, response: b }` or `[a, b]` written in place: the request and the response. */
function pairParts(argument: TSESTree.Expression): [TSESTree.Node, TSESTree.Node] | undefined {
  const node = skipTypeWrappers(argument);
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    const [request, response] = node.elements;
    return node.elements.length === 2 &&
      request &&
      response &&
      request.type !== AST_NODE_TYPES.SpreadElement &&
      response.type !== AST_NODE_TYPES.SpreadElement
      ? [request, response]
      : undefined;
  }
  if (node.type !== AST_NODE_TYPES.ObjectExpression || node.properties.length !== 2) {
    return undefined;
  }
  const values = new Map<string, TSESTree.Node>();
  for (const property of node.properties) {
    if (
      property.type !== AST_NODE_TYPES.Property ||
      property.computed ||
      property.kind !== "init" ||
      property.method
    ) {
      return undefined;
    }
    const key = propertyName(property.key);
    if (key !== undefined) {
      values.set(key, property.value);
    }
  }
  const request = values.get("request");
  const response = values.get("response");
  return request && response ? [request, response] : undefined;
}

/** An object literal that converts to "[object Object]": no spread, no key that could change the conversion. */
function isPlainObjectLiteral(node: TSESTree.ObjectExpression): boolean {
  return node.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property) {
      return false;
    }
    const name = keyName(property);
    return name !== undefined && !CONVERSION_KEYS.has(name);
  });
}

function isPrimitive(value: unknown): boolean {
  return value === null || value === undefined || ["string", "number", "boolean"].includes(typeof value);
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN_TEXT ? `${text.slice(0, MAX_SHOWN_TEXT)}…` : text;
}
