import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, getDurableObjectModel } from "../analysis/index.js";
import {
  type FunctionNode,
  isFunctionNode,
  memberCall,
  memberName,
  resolveVariable,
  skipTypeWrappers,
  valueParent,
} from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { staticValue, utf8ByteLength } from "../util/static-value.js";

export type Options = [
  {
    maxReasonBytes?: number;
  },
];
export type MessageIds = "forwardedCode" | "guardCloseCode" | "invalidCode" | "reasonTooLong";

type Variable = TSESLint.Scope.Variable;

const DEFAULT_MAX_REASON_BYTES = 123;
const CLOSE = new Set(["close"]);
/** Codes inside 1000–4999 that `close()` rejects: they only describe what happened to a connection. */
const RESERVED_CODES = new Set([1004, 1005, 1006, 1015]);
/** The runtime converts the code to a 32-bit integer first and throws its own error beyond that range. */
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const OUT_OF_RANGE_ERROR = "Value out of range. Must be between -2147483648 and 2147483647 (inclusive).";
const COMPARISON_OPERATORS = new Set(["<", "<=", ">", ">=", "==", "===", "!=", "!=="]);
/** Calls that only print a value, so passing the code to them does not check it. */
const OUTPUT_OBJECTS = new Set(["console"]);

export default createRule<Options, MessageIds>({
  name: "valid-close",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Enforce close codes and reasons the runtime accepts",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      invalidCode:
        "`close()` throws \"{{error}}\": the runtime accepts only codes 1000–4999 except 1004, 1005, 1006 and 1015. Use 1000 for a normal close, or an application code from 3000 to 4999.",
      reasonTooLong:
        "This close reason is {{size}} UTF-8 bytes; the runtime rejects reasons over {{limit}} bytes and `close()` throws. Shorten it, or send the details in a message before closing.",
      forwardedCode:
        "`{{handler}}()` receives codes that `close()` rejects (1005 when the client closed without a code, 1006 when the connection dropped), so passing it on throws \"Invalid WebSocket close code: 1005.\". Close with 1000 unless the received code is 1000 or an application code from 3000 to 4999.",
      guardCloseCode: "Close with `{{guard}}`.",
    },
    schema: [
      {
        type: "object",
        properties: {
          maxReasonBytes: {
            type: "integer",
            minimum: 0,
            description:
              "The longest close reason, in UTF-8 bytes, that the runtime accepts: a Close frame holds at most 125 bytes, 2 of them the code.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxReasonBytes: DEFAULT_MAX_REASON_BYTES }],
  },
  create(context, [{ maxReasonBytes = DEFAULT_MAX_REASON_BYTES }]) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (model.durableObjects.length === 0) {
      return {};
    }
    /** Per object: the code parameters of its close handlers, whose code can be followed, by handler name. */
    const receivedCodes = new Map<DurableObjectClass, ReadonlyMap<string, Variable>>();

    return {
      Program() {
        for (const node of model.callsNamed(CLOSE)) {
          checkCall(node);
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      const call = memberCall(node, CLOSE);
      if (!call || node.arguments.length === 0) {
        return;
      }
      const owner = model.durableObjectAt(node);
      if (!owner || !model.socketOf(call.object)) {
        return;
      }
      const [code, reason] = node.arguments;
      if (code && code.type !== AST_NODE_TYPES.SpreadElement) {
        checkCode(owner, node, code);
      }
      if (reason && reason.type !== AST_NODE_TYPES.SpreadElement) {
        checkReason(reason);
      }
    }

    function checkCode(owner: DurableObjectClass, call: TSESTree.CallExpression, code: TSESTree.Expression): void {
      const value = staticValue(code, sourceCode);
      if (value.kind === "exact") {
        const error = closeCodeError(value.value);
        if (error !== undefined) {
          context.report({ node: code, messageId: "invalidCode", data: { error } });
        }
        return;
      }
      const forwarded = [...receivedCodesOf(owner)].find(([, variable]) => refersTo(code, variable));
      if (!forwarded || isGuarded(call, forwarded[1])) {
        return;
      }
      const name = sourceCode.getText(skipTypeWrappers(code));
      const guard = `${name} === 1000 || (${name} >= 3000 && ${name} <= 4999) ? ${name} : 1000`;
      context.report({
        node: code,
        messageId: "forwardedCode",
        data: { handler: forwarded[0] },
        suggest: [
          {
            messageId: "guardCloseCode",
            data: { guard },
            fix: (fixer) => fixer.replaceText(code, guard),
          },
        ],
      });
    }

    function checkReason(reason: TSESTree.Expression): void {
      const value = staticValue(reason, sourceCode);
      if (value.kind === "unknown" || typeof value.value !== "string") {
        return;
      }
      const bytes = utf8ByteLength(value.value);
      if (bytes <= maxReasonBytes) {
        return;
      }
      context.report({
        node: reason,
        messageId: "reasonTooLong",
        data: { size: value.kind === "exact" ? String(bytes) : `at least ${bytes}`, limit: maxReasonBytes },
      });
    }

    /** The code parameters of the object's own close handlers, unless a handler reassigns it. */
    function receivedCodesOf(owner: DurableObjectClass): ReadonlyMap<string, Variable> {
      let variables = receivedCodes.get(owner);
      if (variables === undefined) {
        variables = findReceivedCodes(owner);
        receivedCodes.set(owner, variables);
      }
      return variables;
    }

    /**
     * The code parameter of `webSocketClose`, and under a framework of `onClose`, to which the
     * framework's own `webSocketClose` passes the received code on.
     */
    function findReceivedCodes(owner: DurableObjectClass): ReadonlyMap<string, Variable> {
      const variables = new Map<string, Variable>();
      const handlers = [["webSocketClose", owner.handlers.get("webSocketClose")]] as const;
      for (const [name, member] of [...handlers, ["onClose", owner.connectionHandlers.get("onClose")] as const]) {
        const variable = member?.value ? codeParameter(member.value) : undefined;
        if (variable) {
          variables.set(name, variable);
        }
      }
      return variables;
    }

    function codeParameter(handler: TSESTree.Node): Variable | undefined {
      if (!isFunctionNode(handler)) {
        return undefined;
      }
      const parameter = handler.params[1];
      if (parameter?.type !== AST_NODE_TYPES.Identifier) {
        return undefined;
      }
      const variable = sourceCode
        .getDeclaredVariables(handler)
        .find((candidate) => candidate.identifiers.includes(parameter));
      return variable && !variable.references.some((reference) => reference.isWrite()) ? variable : undefined;
    }

    /** True when `node` is the received code itself, or a `const` that holds it. */
    function refersTo(node: TSESTree.Node, received: Variable): boolean {
      const expression = skipTypeWrappers(node);
      if (expression.type !== AST_NODE_TYPES.Identifier) {
        return false;
      }
      const variable = resolveVariable(sourceCode, expression);
      if (!variable) {
        return false;
      }
      if (variable === received) {
        return true;
      }
      const definition = variable.defs[0];
      return (
        variable.defs.length === 1 &&
        definition?.type === "Variable" &&
        definition.parent.kind === "const" &&
        definition.node.id.type === AST_NODE_TYPES.Identifier &&
        definition.node.init !== null &&
        refersTo(definition.node.init, received)
      );
    }

    /**
     * True when the handler looks at the code before this call (a comparison, a test, a check
     * function, a `switch`), or runs the call inside a `try`: the code may be handled there.
     */
    function isGuarded(call: TSESTree.CallExpression, received: Variable): boolean {
      const handler = received.defs[0]?.node;
      if (!handler || !isFunctionNode(handler)) {
        return true;
      }
      if (isInsideTry(call, handler) || isUnderReadyStateTest(call, handler)) {
        return true;
      }
      return codeVariables(received).some((variable) =>
        variable.references.some(
          (reference) =>
            !reference.init &&
            reference.identifier.range[0] < call.range[0] &&
            isCheck(reference.identifier, handler),
        ),
      );
    }

    /**
     * True when a condition on `readyState` decides whether the call runs. The socket is
     * CLOSING while `webSocketClose()` runs, so such a call may never run at all.
     */
    function isUnderReadyStateTest(call: TSESTree.Node, handler: FunctionNode): boolean {
      for (let child = call, parent = call.parent; parent && child !== handler; child = parent, parent = parent.parent) {
        const test = conditionOf(parent, child);
        if (test && sourceCode.getText(test).includes("readyState")) {
          return true;
        }
      }
      return false;
    }

    /** The received code and every `const` in the file that holds it. */
    function codeVariables(received: Variable): Variable[] {
      const variables = [received];
      for (let index = 0; index < variables.length; index++) {
        for (const reference of variables[index]?.references ?? []) {
          const { parent, child } = valueParent(reference.identifier);
          if (
            parent?.type === AST_NODE_TYPES.VariableDeclarator &&
            parent.init === child &&
            parent.id.type === AST_NODE_TYPES.Identifier &&
            parent.parent.kind === "const"
          ) {
            const alias = resolveVariable(sourceCode, parent.id);
            if (alias && !variables.includes(alias)) {
              variables.push(alias);
            }
          }
        }
      }
      return variables;
    }
  },
});

/**
 * The error `close(code)` throws for a constant code, or undefined when the runtime accepts it.
 * The runtime converts the code like a number (`"1000"` is 1000, `NaN` is 0) and drops the
 * fraction before it checks the range.
 */
export function closeCodeError(value: unknown): string | undefined {
  if (value === undefined) {
    // An absent code: the runtime sends a Close frame without one.
    return undefined;
  }
  if (value !== null && typeof value !== "number" && typeof value !== "string" && typeof value !== "boolean") {
    return undefined;
  }
  const number = Number(value);
  const integer = Number.isFinite(number) ? Math.trunc(number) : 0;
  if (integer < INT32_MIN || integer > INT32_MAX) {
    return OUT_OF_RANGE_ERROR;
  }
  return isAcceptedCloseCode(integer) ? undefined : `Invalid WebSocket close code: ${integer}.`;
}

function isAcceptedCloseCode(code: number): boolean {
  return code >= 1000 && code <= 4999 && !RESERVED_CODES.has(code);
}

function isInsideTry(node: TSESTree.Node, handler: FunctionNode): boolean {
  for (let child = node, parent = node.parent; parent && child !== handler; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child) {
      return true;
    }
  }
  return false;
}

/** True when this use of the code tests it: in a condition, a comparison, or as an argument to a check. */
function isCheck(identifier: TSESTree.Node, handler: FunctionNode): boolean {
  const { parent, child } = valueParent(identifier);
  if (!parent) {
    return false;
  }
  if (parent.type === AST_NODE_TYPES.BinaryExpression && COMPARISON_OPERATORS.has(parent.operator)) {
    return true;
  }
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
    return !isOutputOrClose(parent);
  }
  for (let current: TSESTree.Node = child, above = parent; current !== handler; current = above, above = above.parent) {
    if (isTestOf(above, current)) {
      return true;
    }
    if (!above.parent) {
      return false;
    }
  }
  return false;
}

/** The condition that decides whether `child` runs, when `parent` is a branch on one. */
function conditionOf(parent: TSESTree.Node, child: TSESTree.Node): TSESTree.Node | undefined {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child ? undefined : parent.test;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.right === child ? parent.left : undefined;
    default:
      return undefined;
  }
}

function isTestOf(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
      return parent.test === child;
    case AST_NODE_TYPES.SwitchStatement:
      return parent.discriminant === child;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === child;
    default:
      return false;
  }
}

function isOutputOrClose(call: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) {
    return false;
  }
  const object = skipTypeWrappers(callee.object);
  return (
    memberName(callee) === "close" || (object.type === AST_NODE_TYPES.Identifier && OUTPUT_OBJECTS.has(object.name))
  );
}
