import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, getDurableObjectModel } from "../analysis/index.js";
import {
  type FunctionNode,
  enclosingFunction,
  functionOfVariable,
  globalCalleeName,
  isFloating,
  isFunctionNode,
  isGlobalReference,
  isWithin,
  memberName,
  resolveVariable,
  skipTypeWrappers,
  valueParent,
} from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { staticNumber } from "../util/static-value.js";

export type Options = [
  {
    ignoreDelaysBelow?: number;
  },
];
export type MessageIds = "floatingWait" | "interval" | "pingTimer" | "rearmedTimeout" | "timeout";

const TIMER_NAMES = new Set(["setInterval", "setTimeout"]);
const GLOBAL_OBJECTS = new Set(["globalThis", "self"]);

export default createRule<Options, MessageIds>({
  name: "no-timers",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow timers that keep a hibernating Durable Object awake",
      recommended: "recommended",
    },
    messages: {
      interval:
        "`setInterval` keeps this Durable Object awake for as long as it runs, so it never hibernates and is billed for every connected second. Schedule recurring work with `ctx.storage.setAlarm()` and re-arm it in `alarm()`.",
      pingTimer:
        "A timer that sends to sockets keeps this Durable Object awake, so it never hibernates. Let clients send the pings and answer them with `ctx.setWebSocketAutoResponse()`, which replies without waking the object.",
      rearmedTimeout:
        "This `setTimeout` re-arms itself, so like `setInterval` it keeps this Durable Object awake for good. Schedule recurring work with `ctx.storage.setAlarm()` and re-arm it in `alarm()`.",
      timeout:
        "A pending `setTimeout` ({{delay}}) keeps this Durable Object awake until it fires, so it cannot hibernate meanwhile. Schedule delayed work with `ctx.storage.setAlarm()`, which survives hibernation.",
      floatingWait:
        "A `scheduler.wait()` that is not awaited keeps this Durable Object awake until it ends, so it cannot hibernate meanwhile. Await it, or schedule the work with `ctx.storage.setAlarm()`.",
    },
    schema: [
      {
        type: "object",
        properties: {
          ignoreDelaysBelow: {
            type: "number",
            minimum: 0,
            description:
              "`setTimeout` calls with a constant delay below this many milliseconds are allowed: they only postpone hibernation, which starts after about 10 s idle.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignoreDelaysBelow: 10_000 }],
  },
  create(context, [{ ignoreDelaysBelow = 10_000 }]) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (!model.durableObjects.some((durableObject) => durableObject.hibernates)) {
      return {};
    }

    return {
      CallExpression(node) {
        const timer = timerName(node.callee);
        if (timer === undefined) {
          return;
        }
        const owner = model.durableObjectAt(node);
        if (!owner?.hibernates || !isGlobalTimer(node.callee)) {
          return;
        }
        if (timer === "wait") {
          checkSchedulerWait(node);
        } else if (timer === "setInterval") {
          checkInterval(node, owner);
        } else {
          checkTimeout(node, owner);
        }
      },
    };

    function isGlobalTimer(callee: TSESTree.Node): boolean {
      const node = skipTypeWrappers(callee);
      if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === "scheduler") {
        return isGlobalReference(sourceCode, node.object);
      }
      return globalCalleeName(sourceCode, node) !== undefined;
    }

    function checkInterval(node: TSESTree.CallExpression, owner: DurableObjectClass): void {
      const sends = scheduledFunctions(node.arguments[0], owner).some((fn) => model.sendsMessages(fn));
      context.report({ node: node.callee, messageId: sends ? "pingTimer" : "interval" });
    }

    function checkTimeout(node: TSESTree.CallExpression, owner: DurableObjectClass): void {
      if (isAwaitedSleep(node)) {
        return;
      }
      const scheduled = scheduledFunctions(node.arguments[0], owner);
      // `setTimeout(tick, ms)` inside `tick`, or `setTimeout(() => this.tick(), ms)` anywhere in
      // the method `tick`: a timeout that schedules its own function again never stops.
      if (scheduled.some((fn) => isWithin(node, fn))) {
        context.report({
          node: node.callee,
          messageId: scheduled.some((fn) => model.sendsMessages(fn)) ? "pingTimer" : "rearmedTimeout",
        });
        return;
      }
      const delayArgument = node.arguments[1];
      const delay =
        delayArgument === undefined ? 0 : staticNumber(delayArgument, sourceCode);
      if (delay !== undefined && delay < ignoreDelaysBelow) {
        return;
      }
      context.report({
        node: node.callee,
        messageId: "timeout",
        data: { delay: delay === undefined ? "a delay not known statically" : `${delay} ms` },
      });
    }

    function checkSchedulerWait(node: TSESTree.CallExpression): void {
      if (isFloating(node)) {
        context.report({ node: node.callee, messageId: "floatingWait" });
      }
    }

    /** `await new Promise(resolve => setTimeout(resolve, ms))`, also returned from a `sleep` helper. */
    function isAwaitedSleep(node: TSESTree.CallExpression): boolean {
      const executor = enclosingFunction(node);
      const promise = executor?.parent;
      if (
        promise?.type !== AST_NODE_TYPES.NewExpression ||
        promise.arguments[0] !== executor ||
        promise.callee.type !== AST_NODE_TYPES.Identifier ||
        promise.callee.name !== "Promise" ||
        !isGlobalReference(sourceCode, promise.callee)
      ) {
        return false;
      }
      const { parent, child } = valueParent(promise);
      return (
        parent?.type === AST_NODE_TYPES.AwaitExpression ||
        parent?.type === AST_NODE_TYPES.ReturnStatement ||
        (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === child)
      );
    }

    /** The function a timer callback runs: an inline function, a local function, or `this.method`. */
    function callbackFunction(
      callback: TSESTree.Node | undefined,
      owner: DurableObjectClass,
    ): FunctionNode | undefined {
      if (!callback) {
        return undefined;
      }
      const expression = skipTypeWrappers(callback);
      if (isFunctionNode(expression)) {
        return expression;
      }
      if (expression.type === AST_NODE_TYPES.Identifier) {
        return functionOfVariable(resolveVariable(sourceCode, expression));
      }
      const method = thisMethodName(expression);
      const member = method === undefined ? undefined : owner.methods.get(method);
      return member?.value && isFunctionNode(member.value) ? member.value : undefined;
    }

    /**
     * The functions a timer runs: the function its callback names (`tick`, `this.tick`,
     * `this.tick.bind(this)`), or an inline callback together with the functions and methods
     * its body calls (`() => this.tick()`).
     */
    function scheduledFunctions(callback: TSESTree.Node | undefined, owner: DurableObjectClass): FunctionNode[] {
      const target = callback && callbackFunction(callback, owner);
      if (!target) {
        return [];
      }
      if (target !== skipTypeWrappers(callback)) {
        return [target];
      }
      const called = topLevelCallees(target).map((callee) => callbackFunction(callee, owner));
      return [target, ...called.filter((fn) => fn !== undefined)];
    }
  },
});

function timerName(callee: TSESTree.Node): string | undefined {
  const node = skipTypeWrappers(callee);
  if (node.type === AST_NODE_TYPES.Identifier) {
    return TIMER_NAMES.has(node.name) ? node.name : undefined;
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.Identifier) {
    return undefined;
  }
  const name = memberName(node);
  if (GLOBAL_OBJECTS.has(node.object.name) && name !== undefined && TIMER_NAMES.has(name)) {
    return name;
  }
  return node.object.name === "scheduler" && name === "wait" ? "wait" : undefined;
}

function thisMethodName(node: TSESTree.Node): string | undefined {
  let expression = skipTypeWrappers(node);
  // `this.tick.bind(this)`
  if (
    expression.type === AST_NODE_TYPES.CallExpression &&
    expression.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(expression.callee) === "bind"
  ) {
    expression = skipTypeWrappers(expression.callee.object);
  }
  if (expression.type === AST_NODE_TYPES.MemberExpression && expression.object.type === AST_NODE_TYPES.ThisExpression) {
    return memberName(expression);
  }
  return undefined;
}


/** What is called at the top level of a small callback: `tick()`, `this.tick()`, `void this.tick()`. */
function topLevelCallees(callback: FunctionNode): TSESTree.Node[] {
  const callees: TSESTree.Node[] = [];
  const expressions: TSESTree.Node[] =
    callback.body.type === AST_NODE_TYPES.BlockStatement
      ? callback.body.body.flatMap((statement) =>
          statement.type === AST_NODE_TYPES.ExpressionStatement ? [statement.expression] : [],
        )
      : [callback.body];
  for (const expression of expressions) {
    let call = skipTypeWrappers(expression);
    if (call.type === AST_NODE_TYPES.UnaryExpression || call.type === AST_NODE_TYPES.AwaitExpression) {
      call = skipTypeWrappers(call.argument);
    }
    if (call.type === AST_NODE_TYPES.ChainExpression) {
      call = call.expression;
    }
    if (call.type === AST_NODE_TYPES.CallExpression) {
      callees.push(skipTypeWrappers(call.callee));
    }
  }
  return callees;
}
