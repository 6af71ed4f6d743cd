import type { TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, getDurableObjectModel } from "../analysis/index.js";
import { TIMER_CALL_NAMES, classifyTimeout, scheduledFunctions, timerCalled } from "../analysis/timers.js";
import { isFloating } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";

export type Options = [
  {
    ignoreDelaysBelow?: number;
  },
];
export type MessageIds = "floatingWait" | "interval" | "pingTimer" | "rearmedTimeout" | "timeout";

export default createRule<Options, MessageIds>({
  name: "no-timers",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Disallow timers that keep a hibernating Durable Object awake",
      recommended: "recommended",
    },
    messages: {
      interval:
        "`setInterval` keeps this Durable Object awake for as long as it runs, so it never hibernates and is billed for every connected second. Schedule recurring work with {{recurring}}.",
      pingTimer:
        "A timer that sends to sockets keeps this Durable Object awake, so it never hibernates. Let clients send the pings and answer them with `ctx.setWebSocketAutoResponse()`, which replies without waking the object.",
      rearmedTimeout:
        "This `setTimeout` re-arms itself, so like `setInterval` it keeps this Durable Object awake for good. Schedule recurring work with {{recurring}}.",
      timeout:
        "A pending `setTimeout` ({{delay}}) keeps this Durable Object awake until it fires, so it cannot hibernate meanwhile. Schedule delayed work with {{delayed}}, which survives hibernation.",
      floatingWait:
        "A `scheduler.wait()` that is not awaited keeps this Durable Object awake until it ends, so it cannot hibernate meanwhile. Await it, or schedule the work with {{delayed}}.",
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
      Program() {
        for (const node of model.callsNamed(TIMER_CALL_NAMES)) {
          checkCall(node);
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      const timer = timerCalled(node, sourceCode);
      const owner = timer === undefined ? undefined : model.durableObjectAt(node);
      if (!owner?.hibernates || timer === undefined) {
        return;
      }
      if (timer === "wait") {
        if (isFloating(node)) {
          context.report({ node: node.callee, messageId: "floatingWait", data: schedulingOf(owner) });
        }
      } else if (timer === "setInterval") {
        const sends = scheduledFunctions(node.arguments[0], owner, sourceCode).some((fn) => model.sendsMessages(fn));
        context.report({ node: node.callee, messageId: sends ? "pingTimer" : "interval", data: schedulingOf(owner) });
      } else {
        checkTimeout(node, owner);
      }
    }

    function checkTimeout(node: TSESTree.CallExpression, owner: DurableObjectClass): void {
      const timeout = classifyTimeout(node, owner, model, sourceCode);
      if (timeout.kind === "sleep") {
        return;
      }
      if (timeout.kind === "rearmed") {
        context.report({
          node: node.callee,
          messageId: timeout.sends ? "pingTimer" : "rearmedTimeout",
          data: schedulingOf(owner),
        });
        return;
      }
      if (timeout.delay !== undefined && timeout.delay < ignoreDelaysBelow) {
        return;
      }
      context.report({
        node: node.callee,
        messageId: "timeout",
        data: {
          delayed: schedulingOf(owner).delayed,
          delay: timeout.delay === undefined ? "a delay not known statically" : `${timeout.delay} ms`,
        },
      });
    }
  },
});

/**
 * How the object schedules work that survives hibernation: an alarm, handled by `alarm()` or,
 * under partyserver, by `onAlarm()` (its `alarm()` calls it); `agents` keeps its own schedule
 * on the alarm, so an Agent uses `this.schedule()` instead.
 */
function schedulingOf(owner: DurableObjectClass): { recurring: string; delayed: string } {
  switch (owner.framework) {
    case "agents":
      return { recurring: "`this.scheduleEvery()`", delayed: "`this.schedule()`" };
    case "partyserver":
      return { recurring: "`ctx.storage.setAlarm()` and re-arm it in `onAlarm()`", delayed: "`ctx.storage.setAlarm()`" };
    default:
      return { recurring: "`ctx.storage.setAlarm()` and re-arm it in `alarm()`", delayed: "`ctx.storage.setAlarm()`" };
  }
}
