import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import {
  type FunctionNode,
  enclosingFunction,
  functionOfVariable,
  globalCalleeName,
  isFunctionNode,
  isGlobalReference,
  isWithin,
  memberName,
  resolveVariable,
  skipTypeWrappers,
  valueParent,
} from "../util/ast.js";
import { staticNumber } from "../util/static-value.js";
import type { DurableObjectClass, DurableObjectModel } from "./types.js";

export type TimerName = "setInterval" | "setTimeout" | "wait";

/** What a `setTimeout` does to a hibernating object. */
export type Timeout =
  /** `await new Promise((resolve) => setTimeout(resolve, ms))`: pending only while a handler runs. */
  | { readonly kind: "sleep" }
  /** It schedules its own function again: pending for good, like an interval. */
  | { readonly kind: "rearmed"; readonly sends: boolean }
  /** Pending until it fires; `delay` is undefined when it is not known statically. */
  | { readonly kind: "delay"; readonly delay: number | undefined };

const TIMER_NAMES = new Set(["setInterval", "setTimeout"]);
const GLOBAL_OBJECTS = new Set(["globalThis", "self"]);
/** The names of the calls `timerCalled` recognises: the timers, and `scheduler.wait`. */
export const TIMER_CALL_NAMES: ReadonlySet<string> = new Set([...TIMER_NAMES, "wait"]);

/**
 * Which runtime timer a call invokes: `setTimeout`, `setInterval` (also through
 * `globalThis`) or `scheduler.wait`, resolved through scope so a local function of the
 * same name is not one.
 */
export function timerCalled(node: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): TimerName | undefined {
  const callee = skipTypeWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    return TIMER_NAMES.has(callee.name) && isGlobalReference(sourceCode, callee) ? (callee.name as TimerName) : undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) {
    return undefined;
  }
  const name = memberName(callee);
  if (GLOBAL_OBJECTS.has(callee.object.name) && name !== undefined && TIMER_NAMES.has(name)) {
    return globalCalleeName(sourceCode, callee) === undefined ? undefined : (name as TimerName);
  }
  return callee.object.name === "scheduler" && name === "wait" && isGlobalReference(sourceCode, callee.object)
    ? "wait"
    : undefined;
}

/** Classifies a `setTimeout` call of `owner`'s code. */
export function classifyTimeout(
  node: TSESTree.CallExpression,
  owner: DurableObjectClass,
  model: DurableObjectModel,
  sourceCode: Readonly<TSESLint.SourceCode>,
): Timeout {
  if (isAwaitedSleep(node, sourceCode)) {
    return { kind: "sleep" };
  }
  const scheduled = scheduledFunctions(node.arguments[0], owner, sourceCode);
  // `setTimeout(tick, ms)` inside `tick`, or `setTimeout(() => this.tick(), ms)` anywhere in
  // the method `tick`: a timeout that schedules its own function again never stops.
  if (scheduled.some((fn) => isWithin(node, fn))) {
    return { kind: "rearmed", sends: scheduled.some((fn) => model.sendsMessages(fn)) };
  }
  const delayArgument = node.arguments[1];
  return { kind: "delay", delay: delayArgument === undefined ? 0 : staticNumber(delayArgument, sourceCode) };
}

/**
 * The functions a timer runs: the function its callback names (`tick`, `this.tick`,
 * `this.tick.bind(this)`), or an inline callback together with the functions and methods
 * its body calls (`() => this.tick()`).
 */
export function scheduledFunctions(
  callback: TSESTree.Node | undefined,
  owner: DurableObjectClass,
  sourceCode: Readonly<TSESLint.SourceCode>,
): FunctionNode[] {
  const target = callback && callbackFunction(callback, owner, sourceCode);
  if (!target) {
    return [];
  }
  if (target !== skipTypeWrappers(callback)) {
    return [target];
  }
  const called = topLevelCallees(target).map((callee) => callbackFunction(callee, owner, sourceCode));
  return [target, ...called.filter((fn) => fn !== undefined)];
}

/** `await new Promise(resolve => setTimeout(resolve, ms))`, also returned from a `sleep` helper. */
function isAwaitedSleep(node: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
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

/** The function a timer callback runs: an inline function, a local function, or a method of the object. */
function callbackFunction(
  callback: TSESTree.Node,
  owner: DurableObjectClass,
  sourceCode: Readonly<TSESLint.SourceCode>,
): FunctionNode | undefined {
  let expression = skipTypeWrappers(callback);
  if (isFunctionNode(expression)) {
    return expression;
  }
  // `this.tick.bind(this)`
  if (
    expression.type === AST_NODE_TYPES.CallExpression &&
    expression.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(expression.callee) === "bind"
  ) {
    expression = skipTypeWrappers(expression.callee.object);
  }
  if (expression.type === AST_NODE_TYPES.Identifier) {
    return functionOfVariable(resolveVariable(sourceCode, expression));
  }
  if (expression.type !== AST_NODE_TYPES.MemberExpression || expression.object.type !== AST_NODE_TYPES.ThisExpression) {
    return undefined;
  }
  const name = memberName(expression);
  const seen = new Set<DurableObjectClass>();
  for (let current = owner as DurableObjectClass | undefined; current && !seen.has(current); current = current.baseClass) {
    seen.add(current);
    const method = name === undefined ? undefined : current.methods.get(name)?.value;
    if (method) {
      return isFunctionNode(method) ? method : undefined;
    }
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
