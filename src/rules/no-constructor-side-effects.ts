import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, type MethodLikeNode, getDurableObjectModel } from "../analysis/index.js";
import { classifyTimeout } from "../analysis/timers.js";
import {
  type FunctionNode,
  globalCalleeName,
  isClassNode,
  isFunctionNode,
  isGlobalReference,
  keyName,
  memberCall,
  memberName,
  propertyName,
  referencedName,
  resolveVariable,
  skipTypeWrappers,
  valueParent,
} from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { UNKNOWN_SQL, repeatedSqlEffect } from "../util/sql.js";
import { staticString } from "../util/static-value.js";

export type Options = [];
export type MessageIds =
  | "alterTable"
  | "close"
  | "createWithoutIfNotExists"
  | "deleteAlarm"
  | "fetch"
  | "send"
  | "setAlarm"
  | "sqlWipe"
  | "sqlWrite"
  | "storageDelete"
  | "storagePut"
  | "timeout";

type Variable = TSESLint.Scope.Variable;
type Handle = "kv" | "sql" | "storage";

/**
 * `no-timers` reports every `setTimeout` in a hibernating Durable Object whose delay is not a
 * constant below its default `ignoreDelaysBelow`; this rule reports the shorter ones that run
 * during construction, so one call never gets both findings.
 */
const NO_TIMERS_DEFAULT_THRESHOLD_MS = 10_000;

/** Calls that run a function argument before they return, or as part of the same work. */
const ARRAY_ITERATION_METHODS = new Set(["forEach", "map", "flatMap"]);
const PROMISE_CONTINUATIONS = new Set(["then", "finally"]);
const STORAGE_TRANSACTIONS = new Set(["transaction", "transactionSync"]);
const LOGICAL_ASSIGNMENTS = new Set(["&&=", "||=", "??="]);
const UNDECIDED = Symbol("undecided");
/** How many calls deep construction is followed; real constructors stay far below it. */
const MAX_CALL_DEPTH = 32;
/** The names of every call this rule reports, to pass over all other calls at once. */
const CANDIDATE_NAMES = new Set([
  "close",
  "delete",
  "deleteAlarm",
  "deleteAll",
  "exec",
  "fetch",
  "put",
  "send",
  "setAlarm",
  "setTimeout",
]);

/** Where in the object's construction a finding runs, for the message. */
type Region =
  | { readonly kind: "constructor" }
  /** A framework's `onStart()`, which partyserver and `agents` run again on the first event after every wake. */
  | { readonly kind: "start" }
  | { readonly kind: "method"; readonly name: string }
  | { readonly kind: "field"; readonly name: string };

interface Effect {
  readonly messageId: MessageIds;
  readonly data?: Readonly<Record<string, string>>;
  /** A `try` with a `catch` makes the call harmless (a schema statement whose error is ignored). */
  readonly caughtIsHarmless?: boolean;
}

export default createRule<Options, MessageIds>({
  name: "no-constructor-side-effects",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Disallow side effects in the constructor of a hibernating Durable Object",
      recommended: "recommended",
    },
    messages: {
      storagePut:
        "This `{{method}}()` runs {{where}}, so it runs again every time this Durable Object wakes from hibernation and overwrites the stored value with each wake's data (a start time shows the last wake, a counter counts wakes). Write it in the handler where the event happens, or only after a read shows the key is missing.",
      storageDelete:
        "This `{{method}}()` runs {{where}}, so it runs again every time this Durable Object wakes from hibernation and deletes the stored data on every wake. Delete data in the handler where it stops being needed, not during construction.",
      setAlarm:
        "This `setAlarm()` runs {{where}}, so it runs again every time this Durable Object wakes from hibernation and moves the alarm: wakes that come more often than its delay keep it from ever firing. Set it only when `getAlarm()` returns null, or re-arm it in `alarm()`.",
      deleteAlarm:
        "This `deleteAlarm()` runs {{where}}, so it runs again every time this Durable Object wakes from hibernation and cancels the scheduled alarm on every wake. Cancel it in the handler that makes the alarm unnecessary.",
      sqlWrite:
        "This `{{statement}}` runs {{where}}, so it runs again every time this Durable Object wakes from hibernation and writes its rows again on every wake, or throws on a unique key so that the object fails to start. Run it in the handler where the event happens, guard it with a read, or make it idempotent with `INSERT OR IGNORE` or `ON CONFLICT DO NOTHING`.",
      sqlWipe:
        "This `{{statement}}` runs {{where}}, so it runs again every time this Durable Object wakes from hibernation and deletes the stored rows on every wake. Delete data in the handler where it stops being needed, not during construction.",
      createWithoutIfNotExists:
        "This `{{statement}}` runs {{where}}, so it runs again when this Durable Object wakes from hibernation and throws `already exists`: after its first wake the object fails to start and every request to it errors. Write `{{statement}} IF NOT EXISTS`.",
      alterTable:
        "This `ALTER TABLE` runs {{where}}, so it runs again when this Durable Object wakes from hibernation and then throws (the column already exists, or the table was already renamed): after its first wake the Durable Object fails to start and every request to it errors. Run it only when a read of the schema (`PRAGMA table_info`) shows the change is missing.",
      fetch:
        "This `fetch()` runs {{where}}, so it runs again every time this Durable Object wakes from hibernation and sends the request on every wake. Send it in the handler where the event that needs it happens, or only after a read from storage shows it has not been sent.",
      timeout:
        "This `setTimeout` runs {{where}}, so it is armed again every time this Durable Object wakes from hibernation and its callback runs after every wake. Do the delayed work in the handler that needs it, or schedule it once with `ctx.storage.setAlarm()`.",
      send:
        "This `send()` runs {{where}}, so it runs again every time this Durable Object wakes from hibernation and every connected client gets the message again on every wake. Send in `fetch` when the socket connects, or in the handler that the message answers.",
      close:
        "This `close()` runs {{where}}, so it runs again every time this Durable Object wakes from hibernation and disconnects the clients whenever the object wakes. Close a socket in the handler that decides it is done.",
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (!model.durableObjects.some((durableObject) => durableObject.hibernates)) {
      return {};
    }
    const handleVariables = new Map<string, Map<Variable, boolean>>();
    const handleFields = new Map<string, Map<DurableObjectClass, boolean>>();
    const functionRegions = new Map<FunctionNode, Region | null | typeof UNDECIDED>();
    /** With a `try` that catches counted as a guard: a different answer for the same function. */
    const functionRegionsOutsideTry = new Map<FunctionNode, Region | null | typeof UNDECIDED>();
    const search = { depth: 0, metUndecided: false, tentative: [] as FunctionNode[] };

    return {
      Program() {
        for (const node of model.callsNamed(CANDIDATE_NAMES)) {
          checkCall(node);
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      if (!CANDIDATE_NAMES.has(referencedName(node.callee) ?? "")) {
        return;
      }
      // Most calls run in handlers: where a call runs (worked out once per function) rules
      // them out before what they do is. A `try` that catches only ever adds a guard, so a
      // call outside construction without it is outside with it too.
      const regionWithoutTry = regionOnEveryWake(node, false);
      const effect = regionWithoutTry && sideEffectOf(node);
      if (!effect) {
        return;
      }
      const region = effect.caughtIsHarmless === true ? regionOnEveryWake(node, true) : regionWithoutTry;
      if (region) {
        context.report({
          node: node.callee,
          messageId: effect.messageId,
          data: { ...effect.data, where: describeRegion(region) },
        });
      }
    }

    // --- what the call does -----------------------------------------------------------

    function sideEffectOf(node: TSESTree.CallExpression): Effect | undefined {
      if (!CANDIDATE_NAMES.has(referencedName(node.callee) ?? "")) {
        return undefined;
      }
      const global = globalCalleeName(sourceCode, node.callee);
      if (global === "fetch") {
        return { messageId: "fetch" };
      }
      if (global === "setTimeout") {
        return isShortTimeout(node) ? { messageId: "timeout" } : undefined;
      }
      const call = memberCall(node);
      if (!call) {
        return undefined;
      }
      switch (call.name) {
        case "put":
        case "delete":
          return isHandle(call.object, "storage") || isHandle(call.object, "kv")
            ? { messageId: call.name === "put" ? "storagePut" : "storageDelete", data: { method: call.name } }
            : undefined;
        case "deleteAll":
          return isHandle(call.object, "storage") ? { messageId: "storageDelete", data: { method: call.name } } : undefined;
        case "setAlarm":
        case "deleteAlarm":
          return isHandle(call.object, "storage") ? { messageId: call.name } : undefined;
        case "exec":
          return isHandle(call.object, "sql") ? sqlEffect(node) : undefined;
        case "send":
        case "close":
          return model.socketOf(call.object)?.origin === "hibernatable" ? { messageId: call.name } : undefined;
        default:
          return undefined;
      }
    }

    function sqlEffect(node: TSESTree.CallExpression): Effect | undefined {
      const query = node.arguments[0];
      const text = query && queryText(query);
      const effect = text === undefined ? undefined : repeatedSqlEffect(text);
      switch (effect?.kind) {
        case "write":
          return { messageId: "sqlWrite", data: { statement: effect.statement } };
        case "wipe":
          return { messageId: "sqlWipe", data: { statement: effect.statement } };
        case "create":
          return { messageId: "createWithoutIfNotExists", data: { statement: effect.statement }, caughtIsHarmless: true };
        case "alter":
          return { messageId: "alterTable", caughtIsHarmless: true };
        default:
          return undefined;
      }
    }

    /** The query's text, with every part that is not known statically replaced by `UNKNOWN_SQL`. */
    function queryText(node: TSESTree.Node): string | undefined {
      const expression = skipTypeWrappers(node);
      const text = staticString(expression, sourceCode);
      if (text !== undefined) {
        return text;
      }
      if (expression.type === AST_NODE_TYPES.TemplateLiteral) {
        return expression.quasis.map((quasi) => quasi.value.cooked ?? UNKNOWN_SQL).join(UNKNOWN_SQL);
      }
      if (expression.type === AST_NODE_TYPES.BinaryExpression && expression.operator === "+") {
        return (queryText(expression.left) ?? UNKNOWN_SQL) + (queryText(expression.right) ?? UNKNOWN_SQL);
      }
      return undefined;
    }

    /**
     * A `setTimeout` that `no-timers` lets pass with its default threshold: a constant delay
     * below it, not a sleep, not a timeout that re-arms itself.
     */
    function isShortTimeout(node: TSESTree.CallExpression): boolean {
      const owner = model.durableObjectAt(node);
      const timeout = owner && classifyTimeout(node, owner, model, sourceCode);
      return timeout?.kind === "delay" && timeout.delay !== undefined && timeout.delay < NO_TIMERS_DEFAULT_THRESHOLD_MS;
    }

    // --- the object's storage -----------------------------------------------------------

    /**
     * True when `node` evaluates to the object's storage (`ctx.storage`), its SQL API
     * (`ctx.storage.sql`) or its synchronous key-value API (`ctx.storage.kv`), directly or
     * through a variable, a destructuring or an instance field.
     */
    function isHandle(node: TSESTree.Node, handle: Handle): boolean {
      const expression = skipTypeWrappers(node);
      if (expression.type === AST_NODE_TYPES.MemberExpression) {
        if (memberName(expression) === handle && isParentHandle(expression.object, handle)) {
          return true;
        }
        return expression.object.type === AST_NODE_TYPES.ThisExpression && isHandleField(expression, handle);
      }
      if (expression.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(sourceCode, expression);
        return variable !== null && isHandleVariable(variable, handle);
      }
      return false;
    }

    /** The storage hangs off the state; `sql` and `kv` hang off the storage. */
    function isParentHandle(node: TSESTree.Node, handle: Handle): boolean {
      return handle === "storage" ? model.isStateHandle(node) : isHandle(node, "storage");
    }

    function isHandleVariable(variable: Variable, handle: Handle): boolean {
      return memoised(handleVariables, handle, variable, () => {
        const definition = variable.defs[0];
        if (definition?.type !== "Variable" || !definition.node.init) {
          return false;
        }
        const { id, init } = definition.node;
        if (id.type === AST_NODE_TYPES.Identifier) {
          return isHandle(init, handle);
        }
        // `const { storage } = ctx`, `const { sql } = this.ctx.storage`
        return (
          id.type === AST_NODE_TYPES.ObjectPattern &&
          destructuredKey(id, definition.name) === handle &&
          isParentHandle(init, handle)
        );
      });
    }

    /** `this.storage` where every write to the field stores the handle (`this.storage = ctx.storage`). */
    function isHandleField(node: TSESTree.MemberExpression, handle: Handle): boolean {
      const field = memberName(node);
      const owner = model.durableObjectAt(node);
      if (field === undefined || !owner || !model.thisMemberUses(owner).get(field)?.includes(node)) {
        return false;
      }
      return memoised(handleFields, `${handle}.${field}`, owner, () => {
        const values = fieldValues(owner, field);
        return values.length > 0 && values.every((value) => isHandle(value, handle));
      });
    }

    /** Everything the object's code (and the code of its local base classes) stores in `this.field`. */
    function fieldValues(owner: DurableObjectClass, field: string): TSESTree.Node[] {
      const values: TSESTree.Node[] = [];
      for (const durableObject of classChain(owner)) {
        for (const use of model.thisMemberUses(durableObject).get(field) ?? []) {
          const parent = use.parent;
          if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === use) {
            values.push(parent.operator === "=" ? parent.right : parent);
          }
        }
        for (const member of durableObject.node.body.body) {
          if (
            member.type === AST_NODE_TYPES.PropertyDefinition &&
            !member.static &&
            member.value &&
            keyName(member) === field
          ) {
            values.push(member.value);
          }
        }
      }
      return values;
    }

    // --- when the call runs ---------------------------------------------------------------

    /**
     * The part of a hibernating object's construction in which `node` runs every time, or
     * undefined when it runs later, only under a condition, or not in a Durable Object at all.
     * Climbs the parents of `node`: functions are followed to where they are invoked.
     */
    function regionOnEveryWake(node: TSESTree.Node, caughtIsHarmless: boolean): Region | undefined {
      let child = node;
      for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
        if (isGuard(parent, child, caughtIsHarmless)) {
          return undefined;
        }
        if (isFunctionNode(parent)) {
          return functionRegion(parent, caughtIsHarmless);
        }
        if (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === child) {
          return fieldRegion(parent);
        }
        if (isClassNode(parent)) {
          return undefined;
        }
      }
      return undefined;
    }

    /**
     * Memoised per function. A search that meets a function still being decided (a cycle of
     * calls) cannot trust its "no" until the outermost search ends: if that one finds no way
     * either, no function it met has one; if it does, they are decided again when asked.
     */
    function functionRegion(fn: FunctionNode, caughtIsHarmless: boolean): Region | undefined {
      const cache = caughtIsHarmless ? functionRegionsOutsideTry : functionRegions;
      const cached = cache.get(fn);
      if (cached === UNDECIDED) {
        search.metUndecided = true;
        return undefined;
      }
      if (cached !== undefined) {
        return cached ?? undefined;
      }
      if (search.depth >= MAX_CALL_DEPTH) {
        // Too deep to follow: stay silent, and decide nothing on the strength of it.
        search.metUndecided = true;
        return undefined;
      }
      cache.set(fn, UNDECIDED);
      const outerMetUndecided = search.metUndecided;
      search.metUndecided = false;
      search.depth++;
      const region = computeFunctionRegion(fn, caughtIsHarmless);
      search.depth--;
      if (region || !search.metUndecided) {
        cache.set(fn, region ?? null);
      } else {
        cache.delete(fn);
        search.tentative.push(fn);
      }
      search.metUndecided ||= outerMetUndecided;
      if (search.depth === 0) {
        for (const pending of search.tentative) {
          if (!region) {
            cache.set(pending, null);
          }
        }
        search.tentative = [];
        search.metUndecided = false;
      }
      return region;
    }

    function computeFunctionRegion(fn: FunctionNode, caughtIsHarmless: boolean): Region | undefined {
      const holder = fn.parent;
      if (holder.type === AST_NODE_TYPES.MethodDefinition && holder.value === fn) {
        const owner = durableObjectOfMember(holder);
        if (!owner || holder.static) {
          return undefined;
        }
        if (holder.kind === "constructor") {
          return constructedOnWake(owner) ? { kind: "constructor" } : undefined;
        }
        if (holder.kind === "method" && isStartHook(owner, holder)) {
          return constructedOnWake(owner) ? { kind: "start" } : undefined;
        }
        return holder.kind === "method" ? methodRegion(owner, holder, caughtIsHarmless) : undefined;
      }
      if (holder.type === AST_NODE_TYPES.PropertyDefinition && holder.value === fn) {
        const owner = durableObjectOfMember(holder);
        if (!owner || holder.static) {
          return undefined;
        }
        if (isStartHook(owner, holder)) {
          return constructedOnWake(owner) ? { kind: "start" } : undefined;
        }
        return methodRegion(owner, holder, caughtIsHarmless);
      }
      const invoker = transparentInvoker(fn);
      if (invoker) {
        return regionOnEveryWake(invoker, caughtIsHarmless);
      }
      const variable = variableOfFunction(fn);
      if (!variable) {
        return undefined;
      }
      for (const reference of variable.references) {
        const site = invocationSite(reference.identifier);
        const region = site && regionOnEveryWake(site, caughtIsHarmless);
        if (region) {
          return region;
        }
      }
      return undefined;
    }

    /** A method runs during construction when construction code invokes it through `this`. */
    function methodRegion(owner: DurableObjectClass, member: MethodLikeNode, caughtIsHarmless: boolean): Region | undefined {
      const name = keyName(member);
      if (name === undefined || member.computed) {
        return undefined;
      }
      for (const durableObject of model.durableObjects) {
        if (!classChain(durableObject).includes(owner) || lookupMethod(durableObject, name) !== member) {
          continue;
        }
        for (const use of model.thisMemberUses(durableObject).get(name) ?? []) {
          const site = invocationSite(use);
          if (site && regionOnEveryWake(site, caughtIsHarmless)) {
            return { kind: "method", name };
          }
        }
      }
      return undefined;
    }

    function fieldRegion(field: TSESTree.PropertyDefinition): Region | undefined {
      const owner = durableObjectOfMember(field);
      const name = keyName(field);
      if (!owner || field.static || field.computed || name === undefined) {
        return undefined;
      }
      return constructedOnWake(owner) ? { kind: "field", name } : undefined;
    }

    /** An object is constructed on every wake when it, or a subclass of it in the file, hibernates. */
    function constructedOnWake(durableObject: DurableObjectClass): boolean {
      return model.durableObjects.some(
        (candidate) => candidate.hibernates && classChain(candidate).includes(durableObject),
      );
    }

    /**
     * The call that runs `fn` as part of its own work: an immediately invoked function, the
     * callback of `blockConcurrencyWhile`, a storage transaction, `new Promise`, `.then` /
     * `.finally`, or an array's `forEach` / `map` / `flatMap`.
     */
    function transparentInvoker(fn: FunctionNode): TSESTree.Node | undefined {
      const { parent, child } = valueParent(fn);
      if (parent?.type === AST_NODE_TYPES.CallExpression) {
        if (parent.callee === child) {
          return parent;
        }
        return parent.arguments[0] === child && runsFirstArgument(parent) ? parent : undefined;
      }
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === child && isPromiseConstructor(parent)) {
        return parent;
      }
      return undefined;
    }

    function runsFirstArgument(call: TSESTree.CallExpression): boolean {
      const member = memberCall(call);
      if (!member) {
        return false;
      }
      if (member.name === "blockConcurrencyWhile") {
        return model.isStateHandle(member.object);
      }
      if (STORAGE_TRANSACTIONS.has(member.name)) {
        return isHandle(member.object, "storage");
      }
      return PROMISE_CONTINUATIONS.has(member.name) || ARRAY_ITERATION_METHODS.has(member.name);
    }

    /**
     * The call through which a reference to a function runs it: `f()`, `this.f()`,
     * `this.f.call(this)`, or `f` / `this.f.bind(this)` handed to `blockConcurrencyWhile` and
     * the other calls that run their callback.
     */
    function invocationSite(reference: TSESTree.Node): TSESTree.Node | undefined {
      let { parent, child } = valueParent(reference);
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
        const name = memberName(parent);
        const call = parent.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) {
          return undefined;
        }
        if (name === "call" || name === "apply") {
          return call;
        }
        if (name !== "bind") {
          return undefined;
        }
        ({ parent, child } = valueParent(call));
      } else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child) {
        return parent;
      }
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child && runsFirstArgument(parent)) {
        return parent;
      }
      return undefined;
    }

    /** The variable a local function is declared as (`function f`, `const f = () => ...`). */
    function variableOfFunction(fn: FunctionNode): Variable | undefined {
      if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) {
        return resolveVariable(sourceCode, fn.id) ?? undefined;
      }
      const { parent, child } = valueParent(fn);
      if (
        parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        parent.init === child &&
        parent.id.type === AST_NODE_TYPES.Identifier
      ) {
        return resolveVariable(sourceCode, parent.id) ?? undefined;
      }
      return undefined;
    }

    function isPromiseConstructor(node: TSESTree.NewExpression): boolean {
      return (
        node.callee.type === AST_NODE_TYPES.Identifier &&
        node.callee.name === "Promise" &&
        isGlobalReference(sourceCode, node.callee)
      );
    }


    function durableObjectOfMember(member: MethodLikeNode): DurableObjectClass | undefined {
      const classNode = member.parent.parent;
      return model.durableObjects.find((durableObject) => durableObject.node === classNode);
    }
  },
});

/**
 * True when `child` runs only under a condition that `parent` sets: a branch of an `if`, `?:`,
 * `switch` or `catch`, the right side of `&&` / `||` / `??`, or a statement after an `if`
 * that can return first (`if (done) return;`). With `caughtIsHarmless`, a `try` that has a
 * `catch` also counts. An `if` that throws is validation, not an initialisation that runs
 * once, so it guards nothing.
 */
function isGuard(parent: TSESTree.Node, child: TSESTree.Node, caughtIsHarmless: boolean): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== child;
    case AST_NODE_TYPES.SwitchCase:
      return parent.test !== child;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.right === child;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child && LOGICAL_ASSIGNMENTS.has(parent.operator);
    case AST_NODE_TYPES.CatchClause:
      return parent.body === child;
    case AST_NODE_TYPES.TryStatement:
      return caughtIsHarmless && parent.block === child && parent.handler !== null;
    case AST_NODE_TYPES.BlockStatement: {
      const index = parent.body.indexOf(child as TSESTree.Statement);
      return parent.body.slice(0, Math.max(index, 0)).some(isEarlyExit);
    }
    default:
      return false;
  }
}

/** `if (...) return;` / `if (...) { ...; return; }`. */
function isEarlyExit(statement: TSESTree.Statement): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement) {
    return false;
  }
  return [statement.consequent, statement.alternate].some((branch) => branch !== null && exits(branch));
}

function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement) {
    return true;
  }
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body.at(-1);
    return last !== undefined && exits(last);
  }
  return false;
}

/** `onStart()` of a framework class: the framework runs it before the first event after every wake. */
function isStartHook(owner: DurableObjectClass, member: MethodLikeNode): boolean {
  return owner.framework !== undefined && keyName(member) === "onStart";
}

function describeRegion(region: Region): string {
  switch (region.kind) {
    case "constructor":
      return "in the constructor";
    case "start":
      return "in `onStart()`, which the framework runs again before the first event after a wake";
    case "method":
      return `in \`${region.name}()\`, which runs during construction`;
    case "field":
      return `in the initialiser of \`${region.name}\``;
  }
}


/** The object and its local base classes, nearest first. */
function classChain(durableObject: DurableObjectClass): DurableObjectClass[] {
  const chain: DurableObjectClass[] = [];
  for (let current: DurableObjectClass | undefined = durableObject; current && !chain.includes(current); current = current.baseClass) {
    chain.push(current);
  }
  return chain;
}

/** The method `this.name` calls on an instance of `durableObject`: its own, else the nearest base class's. */
function lookupMethod(durableObject: DurableObjectClass, name: string): MethodLikeNode | undefined {
  for (const current of classChain(durableObject)) {
    const method = current.methods.get(name);
    if (method) {
      return method;
    }
  }
  return undefined;
}


/** In `{ key: name }` (or `{ name }`), the key that binds `name`. */
function destructuredKey(pattern: TSESTree.ObjectPattern, name: TSESTree.Node): string | undefined {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) {
      continue;
    }
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === name) {
      return property.computed && property.key.type !== AST_NODE_TYPES.Literal ? undefined : propertyName(property.key);
    }
  }
  return undefined;
}

function memoised<K>(caches: Map<string, Map<K, boolean>>, group: string, key: K, compute: () => boolean): boolean {
  let cache = caches.get(group);
  if (!cache) {
    cache = new Map();
    caches.set(group, cache);
  }
  const cached = cache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  cache.set(key, false);
  const result = compute();
  cache.set(key, result);
  return result;
}
