import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import {
  type DurableObjectClass,
  type DurableObjectModel,
  type MethodLikeNode,
  getDurableObjectModel,
} from "../analysis/index.js";
import {
  type FunctionNode,
  isFunctionNode,
  isGlobalReference,
  isWithin,
  keyName,
  memberName,
  referencedName,
  resolveVariable,
  skipTypeWrappers,
} from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { staticValue } from "../util/static-value.js";

export type Options = [];
export type MessageIds = "connectionsLost" | "sessionsLost";

type ClassMember = TSESTree.ClassElement;
type Variable = TSESLint.Scope.Variable;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** Constructors that create an empty collection when called without entries. */
const COLLECTIONS = new Set(["Array", "Map", "Set", "WeakMap", "WeakSet"]);
/** Methods that add an entry to a collection. */
const FILLING_METHODS = new Set(["set", "add", "push", "unshift"]);
/** Methods that only take entries away: neither a fill nor a read. */
const EMPTYING_METHODS = new Set(["delete", "clear", "pop", "shift", "splice"]);
/** Methods of durable storage that read what an earlier instance saved. */
const STORAGE_READS = new Set(["get", "list", "exec"]);
/** The objects those methods are called on: `ctx.storage`, `ctx.storage.kv`, `ctx.storage.sql`. */
const STORAGE_OBJECTS = new Set(["storage", "kv", "sql"]);
/** How many steps the rule follows values through variables and parameters. */
const MAX_DEPTH = 4;

/** A Durable Object and the Durable Objects of the file that extend it, directly or in turn: they share `this`. */
interface Family {
  readonly bodies: ReadonlySet<TSESTree.ClassBody>;
  readonly constructors: ReadonlySet<ClassMember>;
  /** Every `this.member` expression in the family's code, by member name. */
  readonly uses: ReadonlyMap<string, readonly TSESTree.MemberExpression[]>;
  readonly methods: ReadonlyMap<string, readonly MethodLikeNode[]>;
  /** Where each method is used (`this.method(...)`, or passed on), by method name. */
  readonly callSites: ReadonlyMap<string, readonly CallSite[]>;
  readonly acceptWebSocketCalls: readonly TSESTree.CallExpression[];
  /** A framework's `onConnect()`, which it calls once it has accepted a connection. */
  readonly connectHandlers: ReadonlySet<ClassMember>;
  readonly moduleFunctions: ReadonlySet<FunctionNode>;
}

interface CallSite {
  /** The call, or undefined when the method is passed on rather than called here. */
  readonly call: TSESTree.CallExpression | undefined;
  readonly caller: ClassMember | undefined;
}

/** What one `this.field` expression does with the collection. */
type FieldUse =
  | {
      readonly kind: "fill";
      readonly member: ClassMember | undefined;
      /** The expression that writes the entry: `this.f.set(...)`, `this.f[k] = v`, `this.f = x`. */
      readonly write: TSESTree.Node;
      /** What tells entries apart: the key of `set` and `f[k] =`, the values of `add` and `push`. */
      readonly identity: readonly TSESTree.Node[];
      /** Everything the write stores: keys and values. */
      readonly stored: readonly TSESTree.Node[];
      /** What the write stores under the key (for `add` and `push`, the entries themselves). */
      readonly values: readonly TSESTree.Node[];
      /** The entry goes under a key (`set`, `add`, `f[k] =`) rather than onto the end of a list or in place of everything. */
      readonly keyed: boolean;
    }
  | { readonly kind: "removal"; readonly member: ClassMember | undefined; readonly key: TSESTree.Node | undefined }
  | { readonly kind: "read"; readonly member: ClassMember | undefined; readonly node: TSESTree.MemberExpression }
  | { readonly kind: "other" };

interface CollectionField {
  readonly name: string;
  /** Where the empty collection is created: the field's key, or `this.field` where it is assigned. */
  readonly reportNode: TSESTree.Node;
}

/** Calls the rule looks for, and the variables that hold their results. */
interface Sources {
  readonly getWebSockets: readonly TSESTree.CallExpression[];
  readonly deserializeAttachment: readonly TSESTree.CallExpression[];
  readonly storageReads: readonly TSESTree.CallExpression[];
  /** Variables that hold `getWebSockets()`, an attachment, or something read from storage. */
  readonly socketLists: ReadonlySet<Variable>;
  readonly attachments: ReadonlySet<Variable>;
  readonly stored: ReadonlySet<Variable>;
  /** Functions that return an attachment: `return ws.deserializeAttachment()`, or a variable that holds one. */
  readonly attachmentReturners: ReadonlySet<FunctionNode>;
}

export default createRule<Options, MessageIds>({
  name: "require-session-restore",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Require per-connection collections to be rebuilt from `getWebSockets()` after a wake",
      recommended: "recommended",
    },
    messages: {
      connectionsLost:
        "`{{name}}` is empty after this Durable Object wakes from hibernation: the object is built again and only the connections survive, so every connection made before the wake is missing from it. Refill it in `onStart()` by looping over `this.getConnections()` and reading each connection's `connection.state`, saved with `connection.setState()` when it connected.",
      sessionsLost:
        "`{{name}}` is empty after this Durable Object wakes from hibernation: the constructor runs again and only the WebSockets survive, so every connection made before the wake is missing from it. Refill it in the constructor by looping over `{{state}}.getWebSockets()` and reading each socket's data with `ws.deserializeAttachment()`, saved with `ws.serializeAttachment()` when it connected.",
    },
    schema: [],
  },
  create(context) {
    const model = getDurableObjectModel(context);
    if (!model.durableObjects.some((durableObject) => durableObject.hibernates)) {
      return {};
    }
    const sourceCode = context.sourceCode;
    const storageReads: TSESTree.CallExpression[] = [];

    return {
      Program() {
        for (const node of model.callsNamed(STORAGE_READS)) {
          checkCall(node);
        }
      },
      "Program:exit"() {
        const sources = collectSources(sourceCode, model, storageReads);
        const checkers = new Map<DurableObjectClass, FamilyChecker>();
        for (const durableObject of model.durableObjects) {
          if (hibernatesWithDescendants(model, durableObject)) {
            const root = rootOf(durableObject);
            let checker = checkers.get(root);
            if (!checker) {
              checker = new FamilyChecker(sourceCode, model, sources, familyOf(model, root));
              checkers.set(root, checker);
            }
            for (const field of checker.lostFields(durableObject)) {
              context.report({
                node: field.reportNode,
                ...(durableObject.framework === undefined
                  ? { messageId: "sessionsLost", data: { name: field.name, state: stateHandleText(durableObject) } }
                  : { messageId: "connectionsLost", data: { name: field.name } }),
              });
            }
          }
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      if (isStorageRead(node)) {
        storageReads.push(node);
      }
    }
  },
});

/**
 * Decides, for the fields of the classes of one family, whether each is a per-connection
 * collection that a wake empties and nothing refills. One per family, so that what it
 * learns about sockets and helpers is worked out once.
 */
class FamilyChecker {
  readonly #sourceCode: SourceCode;
  readonly #model: DurableObjectModel;
  readonly #sources: Sources;
  readonly #family: Family;
  readonly #serverSockets = new Map<TSESTree.Node, boolean>();
  readonly #socketDerived = new Map<TSESTree.Node, boolean>();
  #deserializingMethods: ReadonlySet<string> | undefined;
  #deserializingFunctions: readonly Variable[] | undefined;

  constructor(sourceCode: SourceCode, model: DurableObjectModel, sources: Sources, family: Family) {
    this.#sourceCode = sourceCode;
    this.#model = model;
    this.#sources = sources;
    this.#family = family;
  }

  lostFields(durableObject: DurableObjectClass): CollectionField[] {
    return this.#collectionFields(durableObject).filter((field) => this.#isLost(field));
  }

  #isLost(field: CollectionField): boolean {
    const uses = (this.#family.uses.get(field.name) ?? []).map((node) => this.#classify(node));
    const isRead = uses.some(
      (use) =>
        use.kind === "read" &&
        (use.member === undefined || !this.#family.constructors.has(use.member)) &&
        !this.#fallsBackToAttachment(use.node),
    );
    if (!isRead) {
      return false;
    }
    const fills = uses.filter((use) => use.kind === "fill");
    // Lost when a fill holds per-connection state and none refills it. The refill is the
    // cheaper question, and most collections that hold connections are refilled.
    if (fills.some((fill) => this.#isRestoringFill(fill))) {
      return false;
    }
    const removedPerConnection = uses.some(
      (use) => use.kind === "removal" && use.key !== undefined && this.#isSocketDerived(use.key, 0),
    );
    return fills.some((fill) => this.#isPerConnection(fill, removedPerConnection));
  }

  // --- which fields ---------------------------------------------------------------

  /** Instance fields created as empty collections: in a field declaration, in the constructor or a method it calls. */
  #collectionFields(durableObject: DurableObjectClass): CollectionField[] {
    const fields = new Map<string, CollectionField>();
    for (const member of durableObject.node.body.body) {
      if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static || !member.value) {
        continue;
      }
      const name = keyName(member);
      if (name !== undefined && isEmptyCollection(this.#sourceCode, member.value)) {
        fields.set(name, { name, reportNode: member.key });
      }
    }
    const creators = this.#reachableFromConstructor(durableObject);
    for (const [name, nodes] of this.#family.uses) {
      if (fields.has(name)) {
        continue;
      }
      const init = nodes.find((node) => {
        const parent = node.parent;
        const member = classMemberOf(node, this.#family);
        return (
          member !== undefined &&
          creators.has(member) &&
          parent.type === AST_NODE_TYPES.AssignmentExpression &&
          parent.left === node &&
          isEmptyCollection(this.#sourceCode, parent.right)
        );
      });
      if (init) {
        fields.set(name, { name, reportNode: init });
      }
    }
    return [...fields.values()];
  }

  /** The constructor of `durableObject` and the methods of its own class that it calls, directly or in turn. */
  #reachableFromConstructor(durableObject: DurableObjectClass): ReadonlySet<ClassMember> {
    const reached = new Set<ClassMember>();
    if (!durableObject.constructorNode) {
      return reached;
    }
    reached.add(durableObject.constructorNode);
    for (let changed = true; changed; ) {
      changed = false;
      for (const [name, sites] of this.#family.callSites) {
        const method = durableObject.methods.get(name);
        if (method && !reached.has(method) && sites.some((site) => site.caller && reached.has(site.caller))) {
          reached.add(method);
          changed = true;
        }
      }
    }
    return reached;
  }

  // --- what each use does ---------------------------------------------------------

  #classify(node: TSESTree.MemberExpression): FieldUse {
    const member = classMemberOf(node, this.#family);
    const parent = node.parent;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
      // Replacing the whole collection: a fill, unless it is emptied or filtered again.
      if (isEmptyCollection(this.#sourceCode, parent.right) || isSameField(parent.right, node)) {
        return { kind: "other" };
      }
      return { kind: "fill", member, write: parent, identity: [], stored: [parent.right], values: [parent.right], keyed: false };
    }
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) {
      return { kind: "read", member, node };
    }
    const call = parent.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
      const method = memberName(parent) ?? "";
      if (FILLING_METHODS.has(method)) {
        const args = call.arguments;
        return method === "set"
          ? { kind: "fill", member, write: call, identity: args.slice(0, 1), stored: args, values: args.slice(1), keyed: true }
          : { kind: "fill", member, write: call, identity: args, stored: args, values: args, keyed: method === "add" };
      }
      if (EMPTYING_METHODS.has(method)) {
        return { kind: "removal", member, key: call.arguments[0] };
      }
      if (method === "filter" && isAssignedBackTo(call, node)) {
        return { kind: "other" };
      }
      if (method === "get") {
        return this.#classifyEntryUse(node, member, call, call.arguments[0]);
      }
      return { kind: "read", member, node };
    }
    if (call.type === AST_NODE_TYPES.AssignmentExpression && call.left === parent) {
      const key = parent.computed ? parent.property : undefined;
      return {
        kind: "fill",
        member,
        write: call,
        identity: key ? [key] : [],
        stored: key ? [key, call.right] : [call.right],
        values: [call.right],
        keyed: true,
      };
    }
    if (call.type === AST_NODE_TYPES.UnaryExpression && call.operator === "delete") {
      return { kind: "removal", member, key: parent.computed ? parent.property : undefined };
    }
    return parent.computed ? this.#classifyEntryUse(node, member, parent, parent.property) : { kind: "read", member, node };
  }

  /** `this.f.get(k)` or `this.f[k]`: a read, unless an entry is added to or taken from the inner collection. */
  #classifyEntryUse(
    node: TSESTree.MemberExpression,
    member: ClassMember | undefined,
    entry: TSESTree.Node,
    key: TSESTree.Node | undefined,
  ): FieldUse {
    const { parent, child } = parentThroughWrappers(entry);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) {
      return { kind: "read", member, node };
    }
    const call = parent.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) {
      return { kind: "read", member, node };
    }
    const method = memberName(parent) ?? "";
    if (FILLING_METHODS.has(method)) {
      return {
        kind: "fill",
        member,
        write: call,
        identity: key ? [key] : [],
        stored: call.arguments,
        values: call.arguments,
        keyed: true,
      };
    }
    return EMPTYING_METHODS.has(method) ? { kind: "other" } : { kind: "read", member, node };
  }

  /**
   * `this.f.get(ws) ?? ws.deserializeAttachment()`: the lookup still finds the data after a
   * wake, so a collection read only this way loses nothing that matters.
   */
  #fallsBackToAttachment(node: TSESTree.MemberExpression): boolean {
    const lookup = lookupOf(node);
    if (!lookup) {
      return false;
    }
    let current: TSESTree.Node = lookup;
    for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
        continue;
      }
      if (
        parent.type === AST_NODE_TYPES.ChainExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression
      ) {
        continue;
      }
      if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === current && parent.operator !== "&&") {
        return this.#readsAttachment(parent.right);
      }
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) {
        // `let s = this.f.get(ws); if (!s) s = ws.deserializeAttachment();`
        return this.#sourceCode.getDeclaredVariables(parent).some((variable) => this.#sources.attachments.has(variable));
      }
      return false;
    }
    return false;
  }

  // --- does a fill hold per-connection state? ------------------------------------

  #isPerConnection(fill: Extract<FieldUse, { kind: "fill" }>, removedPerConnection: boolean): boolean {
    if (fill.member !== undefined && this.#family.constructors.has(fill.member)) {
      return false;
    }
    if (fill.stored.some((node) => this.#holdsSocket(node, "outgoing", 0))) {
      // A connection the object opened itself is not among `getWebSockets()` either.
      return false;
    }
    if (fill.stored.some((node) => this.#holdsSocket(node, "server", 0))) {
      return true;
    }
    if (fill.identity.some((node) => this.#isSocketDerived(node, 0))) {
      return true;
    }
    if (!removedPerConnection && !fill.keyed) {
      return false;
    }
    const identity = fill.identity.length > 0 ? fill.identity : fill.stored;
    if (identity.every((node) => staticValue(node, this.#sourceCode).kind === "exact")) {
      // The same fixed entry for every connection: configuration, not a session.
      return false;
    }
    // Appended where a socket is accepted, an entry may as well be a log of the room's events.
    return removedPerConnection || (fill.keyed && this.#isOnAcceptPath(fill.write, fill.member));
  }

  /**
   * True when `node` runs as part of accepting a socket: next to the `acceptWebSocket()` call
   * (not in a branch that returns before it), or in a method called there.
   */
  #isOnAcceptPath(node: TSESTree.Node, member: ClassMember | undefined): boolean {
    if (
      this.#family.acceptWebSocketCalls.some((call) => onSamePath(node, call)) ||
      (member !== undefined && this.#family.connectHandlers.has(member))
    ) {
      return true;
    }
    const name = member ? memberKey(member) : undefined;
    const sites = name === undefined ? [] : (this.#family.callSites.get(name) ?? []);
    return sites.some(
      ({ call, caller }) =>
        call !== undefined &&
        (this.#family.acceptWebSocketCalls.some((accept) => onSamePath(call, accept)) ||
          (caller !== undefined && this.#family.connectHandlers.has(caller))),
    );
  }

  /** True when `node` is a socket the runtime hands back after a wake (`which: "server"`), or one the object opened. */
  #holdsSocket(node: TSESTree.Node, which: "outgoing" | "server", depth: number): boolean {
    const value = skipTypeWrappers(node);
    switch (value.type) {
      case AST_NODE_TYPES.ObjectExpression:
        return value.properties.some(
          (property) => property.type === AST_NODE_TYPES.Property && this.#holdsSocket(property.value, which, depth + 1),
        );
      case AST_NODE_TYPES.ArrayExpression:
        return value.elements.some((element) => element !== null && this.#holdsSocket(element, which, depth + 1));
      case AST_NODE_TYPES.SpreadElement:
        // `push(...[ws])`, `[...list, ws]`
        return depth < MAX_DEPTH && this.#holdsSocket(value.argument, which, depth + 1);
      case AST_NODE_TYPES.Identifier: {
        if (which === "server" ? this.#isServerSocket(value, depth) : this.#model.socketOf(value)?.origin === "outgoing") {
          return true;
        }
        // `const session = { ws, name }; this.sessions.push(session)`
        const init = depth < MAX_DEPTH ? singleInitializer(this.#sourceCode, value) : undefined;
        return (
          init !== undefined &&
          (init.type === AST_NODE_TYPES.ObjectExpression || init.type === AST_NODE_TYPES.ArrayExpression) &&
          this.#holdsSocket(init, which, depth + 1)
        );
      }
      default:
        return which === "server" ? this.#isServerSocket(value, depth) : this.#model.socketOf(value)?.origin === "outgoing";
    }
  }

  /** The server end of a pair or a socket the runtime hands back, also through a parameter of the class's methods. */
  #isServerSocket(node: TSESTree.Node, depth: number): boolean {
    return memoised(this.#serverSockets, node, () => {
      const origin = this.#model.socketOf(node)?.origin;
      // A type says it is a socket, not which end: follow the arguments as for an untyped one.
      if (origin !== undefined && origin !== "typed") {
        return origin === "pairServer" || origin === "hibernatable";
      }
      return depth < MAX_DEPTH && this.#argumentsFor(node).some((argument) => this.#isServerSocket(argument, depth + 1));
    });
  }

  /**
   * True when `node` is computed from a socket: `ws.deserializeAttachment().id`,
   * `this.ctx.getTags(ws)[0]`, or a variable or parameter that holds such a value.
   */
  #isSocketDerived(node: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) {
      return false;
    }
    return memoised(this.#socketDerived, node, () => {
      const value = skipTypeWrappers(node);
      switch (value.type) {
        case AST_NODE_TYPES.Identifier: {
          if (this.#isServerSocket(value, depth)) {
            return true;
          }
          const init = singleInitializer(this.#sourceCode, value);
          if (init) {
            return this.#isSocketDerived(init, depth + 1);
          }
          return this.#argumentsFor(value).some((argument) => this.#isSocketDerived(argument, depth + 1));
        }
        case AST_NODE_TYPES.MemberExpression:
          return this.#isServerSocket(value, depth) || this.#isSocketDerived(value.object, depth + 1);
        case AST_NODE_TYPES.ChainExpression:
          return this.#isSocketDerived(value.expression, depth);
        case AST_NODE_TYPES.AwaitExpression:
          return this.#isSocketDerived(value.argument, depth);
        case AST_NODE_TYPES.CallExpression: {
          const callee = skipTypeWrappers(value.callee);
          return (
            (callee.type === AST_NODE_TYPES.MemberExpression && this.#isSocketDerived(callee.object, depth + 1)) ||
            value.arguments.some((argument) => this.#isSocketDerived(argument, depth + 1))
          );
        }
        case AST_NODE_TYPES.TemplateLiteral:
          return value.expressions.some((expression) => this.#isSocketDerived(expression, depth + 1));
        case AST_NODE_TYPES.LogicalExpression:
        case AST_NODE_TYPES.BinaryExpression:
          return this.#isSocketDerived(value.left, depth + 1) || this.#isSocketDerived(value.right, depth + 1);
        case AST_NODE_TYPES.ConditionalExpression:
          return this.#isSocketDerived(value.consequent, depth + 1) || this.#isSocketDerived(value.alternate, depth + 1);
        default:
          return false;
      }
    });
  }

  /** For a parameter of one of the class's methods, the arguments its calls pass in that place. */
  #argumentsFor(node: TSESTree.Node): TSESTree.Node[] {
    if (node.type !== AST_NODE_TYPES.Identifier) {
      return [];
    }
    const definition = resolveVariable(this.#sourceCode, node)?.defs[0];
    if (definition?.type !== "Parameter" || !isFunctionNode(definition.node)) {
      return [];
    }
    const fn = definition.node;
    const index = fn.params.findIndex(
      (parameter) =>
        parameter === definition.name ||
        (parameter.type === AST_NODE_TYPES.AssignmentPattern && parameter.left === definition.name),
    );
    const holder = fn.parent;
    if (
      index < 0 ||
      (holder.type !== AST_NODE_TYPES.MethodDefinition && holder.type !== AST_NODE_TYPES.PropertyDefinition) ||
      holder.value !== fn ||
      !this.#family.bodies.has(holder.parent as TSESTree.ClassBody)
    ) {
      return [];
    }
    const name = keyName(holder);
    const sites = name === undefined ? [] : (this.#family.callSites.get(name) ?? []);
    return sites.flatMap((site) => {
      const argument = site.call?.arguments[index];
      return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? [argument] : [];
    });
  }

  // --- is it refilled? -----------------------------------------------------------

  /**
   * True when the fill puts back what a wake lost: it stores a value read from an
   * attachment, takes its entries from `getWebSockets()` or durable storage, or runs in a
   * loop over either, directly or in a method called that way.
   */
  #isRestoringFill(fill: Extract<FieldUse, { kind: "fill" }>): boolean {
    // A socket's entry that merely carries something read from storage is not a reload.
    const entries = fill.identity.length > 0 ? fill.identity : fill.values;
    return (
      fill.values.some((value) => this.#readsAttachment(value)) ||
      entries.some((entry) => this.#readsRestorableSource(entry)) ||
      this.#isRestoringAt(fill.write, fill.member, new Set())
    );
  }

  /** `node` (a fill, or a call of the method that holds one) runs over sockets or storage, or is handed an attachment. */
  #isRestoringAt(node: TSESTree.Node, member: ClassMember | undefined, visited: Set<TSESTree.Node>): boolean {
    visited.add(node);
    if (this.#runsOverRestorableSource(node, member)) {
      return true;
    }
    const name = member ? memberKey(member) : undefined;
    const sites = name === undefined ? [] : (this.#family.callSites.get(name) ?? []);
    return sites.some(
      ({ call, caller }) =>
        call !== undefined &&
        !visited.has(call) &&
        // `this.track(ws, ws.deserializeAttachment())`, `this.load(await this.ctx.storage.list())`
        (this.#readsAttachment(call) || this.#readsRestorableSource(call) || this.#isRestoringAt(call, caller, visited)),
    );
  }

  /** Inside a loop or callback over `getWebSockets()` or over something read from storage. */
  #runsOverRestorableSource(node: TSESTree.Node, member: ClassMember | undefined): boolean {
    let child: TSESTree.Node = node;
    for (let parent = node.parent; parent && child !== member; child = parent, parent = parent.parent) {
      if (
        (parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) &&
        parent.body === child &&
        this.#readsRestorableSource(parent.right)
      ) {
        return true;
      }
      if (parent.type === AST_NODE_TYPES.CallExpression && isFunctionNode(child) && parent.callee !== child) {
        const callee = skipTypeWrappers(parent.callee);
        const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? [callee.object] : [];
        const others = parent.arguments.filter((argument) => argument !== child);
        if ([...receiver, ...others].some((expression) => this.#readsRestorableSource(expression))) {
          return true;
        }
      }
    }
    return false;
  }

  /** `node` contains a `getWebSockets()` call or a storage read, or a variable that holds one. */
  #readsRestorableSource(node: TSESTree.Node): boolean {
    const sources = this.#sources;
    return (
      containsAny(node, sources.getWebSockets) ||
      containsAny(node, sources.storageReads) ||
      referencesAny(node, sources.socketLists) ||
      referencesAny(node, sources.stored)
    );
  }

  /** `node` reads an attachment: a `deserializeAttachment()` call, a variable that holds one, or a helper that returns one. */
  #readsAttachment(node: TSESTree.Node): boolean {
    if (containsAny(node, this.#sources.deserializeAttachment) || referencesAny(node, this.#sources.attachments)) {
      return true;
    }
    for (const name of this.#deserializingMethodNames()) {
      if ((this.#family.callSites.get(name) ?? []).some((site) => site.call !== undefined && isWithin(site.call, node))) {
        return true;
      }
    }
    return this.#deserializingFunctionVariables().some((variable) =>
      variable.references.some((reference) => isWithin(reference.identifier, node)),
    );
  }

  /** Methods that return an attachment. */
  #deserializingMethodNames(): ReadonlySet<string> {
    this.#deserializingMethods ??= new Set(
      [...this.#family.methods]
        .filter(([, nodes]) =>
          nodes.some((method) => method.value !== null && this.#sources.attachmentReturners.has(method.value as FunctionNode)),
        )
        .map(([name]) => name),
    );
    return this.#deserializingMethods;
  }

  /** Module-level functions that return an attachment, by the variables that name them. */
  #deserializingFunctionVariables(): readonly Variable[] {
    this.#deserializingFunctions ??= [...this.#family.moduleFunctions]
      .filter((fn) => this.#sources.attachmentReturners.has(fn))
      .flatMap((fn) => this.#sourceCode.getDeclaredVariables(fn.parent.type === AST_NODE_TYPES.VariableDeclarator ? fn.parent : fn));
    return this.#deserializingFunctions;
  }
}

// --- the file's facts -------------------------------------------------------------

/** `x.storage.get(...)`, `storage.list(...)`, `ctx.storage.sql.exec(...)`, `ctx.storage.kv.get(...)`. */
function isStorageRead(node: TSESTree.CallExpression): boolean {
  const callee = skipTypeWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !STORAGE_READS.has(memberName(callee) ?? "")) {
    return false;
  }
  const name = referencedName(callee.object);
  return name !== undefined && STORAGE_OBJECTS.has(name);
}

function collectSources(
  sourceCode: SourceCode,
  model: DurableObjectModel,
  storageReads: readonly TSESTree.CallExpression[],
): Sources {
  // A framework's connections are the object's WebSockets.
  const getWebSockets = [...model.memberCallsNamed("getWebSockets"), ...model.memberCallsNamed("getConnections")];
  const deserializeAttachment = model.memberCallsNamed("deserializeAttachment");
  const attachments = variablesHolding(sourceCode, deserializeAttachment);
  const attachmentReads = [
    ...deserializeAttachment,
    ...[...attachments].flatMap((variable) =>
      variable.references.filter((reference) => !reference.init).map((reference) => reference.identifier),
    ),
  ];
  return {
    getWebSockets,
    deserializeAttachment,
    storageReads,
    socketLists: variablesHolding(sourceCode, getWebSockets),
    attachments,
    stored: variablesHolding(sourceCode, storageReads),
    attachmentReturners: functionsReturning(attachmentReads),
  };
}

/** The functions that return a value containing one of `nodes`. */
function functionsReturning(nodes: readonly TSESTree.Node[]): ReadonlySet<FunctionNode> {
  const functions = new Set<FunctionNode>();
  for (const node of nodes) {
    let returned = false;
    let child: TSESTree.Node = node;
    for (let parent: TSESTree.Node | undefined = node.parent; parent; child = parent, parent = parent.parent) {
      if (isFunctionNode(parent)) {
        if (returned || parent.body === child) {
          functions.add(parent);
        }
        break;
      }
      if (parent.type === AST_NODE_TYPES.ReturnStatement) {
        returned = true;
      } else if (!returned && isStatement(parent)) {
        break;
      }
    }
  }
  return functions;
}

/** The variables declared or assigned with an expression that contains one of `calls` (`const x = await call()`). */
function variablesHolding(sourceCode: SourceCode, calls: readonly TSESTree.CallExpression[]): ReadonlySet<Variable> {
  const variables = new Set<Variable>();
  for (const call of calls) {
    let child: TSESTree.Node = call;
    for (let parent: TSESTree.Node | undefined = call.parent; parent; child = parent, parent = parent.parent) {
      if (parent.type === AST_NODE_TYPES.VariableDeclarator) {
        if (parent.init === child) {
          for (const variable of sourceCode.getDeclaredVariables(parent)) {
            variables.add(variable);
          }
        }
        break;
      }
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === child) {
        const target = parent.left.type === AST_NODE_TYPES.Identifier ? resolveVariable(sourceCode, parent.left) : null;
        if (target) {
          variables.add(target);
        }
        break;
      }
      if (isFunctionNode(parent) || isStatement(parent)) {
        break;
      }
    }
  }
  return variables;
}

/** The Durable Objects of the file that extend `root`, directly or in turn, and `root` itself. */
function familyOf(model: DurableObjectModel, root: DurableObjectClass): Family {
  const members = model.durableObjects.filter((candidate) => rootOf(candidate) === root);
  const uses = new Map<string, TSESTree.MemberExpression[]>();
  const methods = new Map<string, MethodLikeNode[]>();
  const moduleFunctions = new Set<FunctionNode>();
  for (const member of members) {
    for (const [name, nodes] of model.thisMemberUses(member)) {
      uses.set(name, [...(uses.get(name) ?? []), ...nodes]);
    }
    for (const [name, node] of member.methods) {
      methods.set(name, [...(methods.get(name) ?? []), node]);
    }
    for (const fn of member.moduleFunctions) {
      moduleFunctions.add(fn);
    }
  }
  const bodies = new Set(members.map((member) => member.node.body));
  const partial = { bodies };
  const callSites = new Map<string, CallSite[]>();
  for (const name of methods.keys()) {
    callSites.set(
      name,
      (uses.get(name) ?? []).map((node) => ({
        call: node.parent.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node ? node.parent : undefined,
        caller: classMemberOf(node, partial),
      })),
    );
  }
  return {
    bodies,
    constructors: new Set(members.flatMap((member) => (member.constructorNode ? [member.constructorNode] : []))),
    uses,
    methods,
    callSites,
    acceptWebSocketCalls: members.flatMap((member) => member.acceptWebSocketCalls),
    connectHandlers: new Set(members.flatMap((member) => member.connectionHandlers.get("onConnect") ?? [])),
    moduleFunctions,
  };
}

function rootOf(durableObject: DurableObjectClass): DurableObjectClass {
  const seen = new Set<DurableObjectClass>();
  let current = durableObject;
  while (current.baseClass && !seen.has(current.baseClass)) {
    seen.add(current);
    current = current.baseClass;
  }
  return current;
}

/** A class whose own code or whose subclasses' code accepts hibernatable sockets. */
function hibernatesWithDescendants(model: DurableObjectModel, durableObject: DurableObjectClass): boolean {
  return model.durableObjects.some((candidate) => {
    for (let current: DurableObjectClass | undefined = candidate, steps = 0; current && steps < 64; current = current.baseClass, steps++) {
      if (current === durableObject) {
        return candidate.hibernates;
      }
    }
    return false;
  });
}

/** How the object's methods reach its state, for the message: `this.ctx`, `this.state`. */
function stateHandleText(durableObject: DurableObjectClass): string {
  const field = durableObject.stateFields.has("ctx") ? "ctx" : [...durableObject.stateFields][0];
  return `this.${field ?? "ctx"}`;
}

// --- small helpers ----------------------------------------------------------------

function isEmptyCollection(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  switch (value.type) {
    case AST_NODE_TYPES.NewExpression: {
      const [first, ...rest] = value.arguments;
      return (
        value.callee.type === AST_NODE_TYPES.Identifier &&
        COLLECTIONS.has(value.callee.name) &&
        isGlobalReference(sourceCode, value.callee) &&
        rest.length === 0 &&
        (first === undefined || (first.type === AST_NODE_TYPES.ArrayExpression && first.elements.length === 0))
      );
    }
    case AST_NODE_TYPES.CallExpression: {
      // `Object.create(null)`: a dictionary without a prototype.
      const callee = value.callee;
      const [first] = value.arguments;
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === "Object" &&
        isGlobalReference(sourceCode, callee.object) &&
        memberName(callee) === "create" &&
        value.arguments.length === 1 &&
        first?.type === AST_NODE_TYPES.Literal &&
        first.value === null
      );
    }
    case AST_NODE_TYPES.ArrayExpression:
      return value.elements.length === 0;
    case AST_NODE_TYPES.ObjectExpression:
      return value.properties.length === 0;
    default:
      return false;
  }
}

/** `this.f.filter(...)` assigned to `this.f` again: entries taken away, not added or read. */
function isAssignedBackTo(call: TSESTree.CallExpression, field: TSESTree.MemberExpression): boolean {
  const { parent, child } = parentThroughWrappers(call);
  return (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === child &&
    parent.left.type === AST_NODE_TYPES.MemberExpression &&
    parent.left.object.type === AST_NODE_TYPES.ThisExpression &&
    memberName(parent.left) === memberName(field)
  );
}

/** `this.f = this.f.filter(...)`: the value assigned is the same field, filtered or copied. */
function isSameField(value: TSESTree.Node, field: TSESTree.MemberExpression): boolean {
  const expression = skipTypeWrappers(value);
  if (expression.type !== AST_NODE_TYPES.CallExpression) {
    return false;
  }
  const callee = skipTypeWrappers(expression.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) {
    return false;
  }
  const object = skipTypeWrappers(callee.object);
  return (
    object.type === AST_NODE_TYPES.MemberExpression &&
    object.object.type === AST_NODE_TYPES.ThisExpression &&
    memberName(object) === memberName(field)
  );
}

/** For `this.f` in `this.f.get(k)` or `this.f[k]`, that lookup. */
function lookupOf(node: TSESTree.MemberExpression): TSESTree.Node | undefined {
  const parent = node.parent;
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node) {
    return undefined;
  }
  if (parent.computed) {
    return parent;
  }
  const call = parent.parent;
  return memberName(parent) === "get" && call.type === AST_NODE_TYPES.CallExpression && call.callee === parent
    ? call
    : undefined;
}

/** The parent of `node` past `x!`, `x as T`, `x?.`: the node that uses its value. */
function parentThroughWrappers(node: TSESTree.Node): { parent: TSESTree.Node | undefined; child: TSESTree.Node } {
  let child = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/**
 * True when `node` runs whenever `accept` does: it is in a block that holds the call, or
 * after the call in a block inside the one that holds it.
 */
function onSamePath(node: TSESTree.Node, accept: TSESTree.Node): boolean {
  const nodeBlock = enclosingBlock(node);
  const acceptBlock = enclosingBlock(accept);
  if (!nodeBlock || !acceptBlock) {
    return false;
  }
  return isWithin(accept, nodeBlock) || (isWithin(node, acceptBlock) && node.range[0] > accept.range[1]);
}

function enclosingBlock(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.BlockStatement || isFunctionNode(current)) {
      return current;
    }
  }
  return undefined;
}

/** The member of the family's classes that `node` is in. */
function classMemberOf(node: TSESTree.Node, family: Pick<Family, "bodies">): ClassMember | undefined {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (current.parent?.type === AST_NODE_TYPES.ClassBody && family.bodies.has(current.parent)) {
      return current as ClassMember;
    }
  }
  return undefined;
}

function memberKey(member: ClassMember): string | undefined {
  return member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition
    ? keyName(member)
    : undefined;
}

/** The initialiser of a variable declared once and never assigned again. */
function singleInitializer(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = resolveVariable(sourceCode, identifier);
  const definition = variable?.defs[0];
  if (
    !variable ||
    variable.defs.length !== 1 ||
    definition?.type !== "Variable" ||
    !definition.node.init ||
    variable.references.some((reference) => reference.isWrite() && !reference.init)
  ) {
    return undefined;
  }
  return definition.node.init;
}

function isStatement(node: TSESTree.Node): boolean {
  return node.type.endsWith("Statement") || node.type.endsWith("Declaration");
}

function containsAny(outer: TSESTree.Node, nodes: readonly TSESTree.Node[]): boolean {
  return nodes.some((node) => isWithin(node, outer));
}

function referencesAny(outer: TSESTree.Node, variables: ReadonlySet<Variable>): boolean {
  for (const variable of variables) {
    if (variable.references.some((reference) => !reference.init && isWithin(reference.identifier, outer))) {
      return true;
    }
  }
  return false;
}

function memoised<K>(cache: Map<K, boolean>, key: K, compute: () => boolean): boolean {
  const cached = cache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  cache.set(key, false);
  const result = compute();
  cache.set(key, result);
  return result;
}

