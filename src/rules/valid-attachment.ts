import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import {
  type DurableObjectClass,
  type MethodLikeNode,
  type UnserializablePart,
  extendsRuntimeBaseClass,
  getDurableObjectModel,
  typeInformationOf,
} from "../analysis/index.js";
import {
  type ClassNode,
  type FunctionNode,
  globalCalleeName,
  isClassNode,
  isFunctionNode,
  isGlobalReference,
  keyName,
  memberCall,
  memberName,
  resolveVariable,
  skipTypeWrappers,
} from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import {
  constantInitializer,
  isConstantChanged,
  serializedSize,
  serializedSizeOf,
  staticString,
  staticValue,
} from "../util/static-value.js";

export type Options = [
  {
    maxBytes?: number;
  },
];
export type MessageIds =
  | "classInstance"
  | "environment"
  | "notSerializable"
  | "promise"
  | "stateTooLarge"
  | "tooLarge"
  | "tooLargeAtLeast";

type Variable = TSESLint.Scope.Variable;

/** What the runtime says about a part of an attachment it cannot store as it is. */
type Finding =
  | { readonly messageId: "notSerializable"; readonly what: string; readonly error: string }
  | { readonly messageId: "classInstance"; readonly className: string; readonly member: string }
  | { readonly messageId: "environment"; readonly name: string }
  | { readonly messageId: "promise" };

/** A part of the attachment still to look at, and where to report it when it came through a constant. */
interface Pending {
  readonly node: TSESTree.Node;
  readonly reportAt: TSESTree.Node | undefined;
  /** Spread into an object or array literal: only its own data is copied. */
  readonly spread: boolean;
}

interface EnvironmentFacts {
  /** The constructor's `env` parameter. */
  readonly parameter: Variable | undefined;
  /** Instance fields that hold `env`. */
  readonly fields: ReadonlySet<string>;
}

const SERIALIZE_ATTACHMENT = new Set(["serializeAttachment"]);
const SET_STATE = new Set(["setState"]);
const ATTACHMENT_CALLS = [...SERIALIZE_ATTACHMENT, ...SET_STATE];

/**
 * What partyserver and `agents` store in a connection's attachment beside the state that
 * `connection.setState(state)` is given: `{ __pk: { id, tags: [id, ...], uri }, __user: state }`.
 * The id is a nanoid, a UUID from partysocket or any id the client asks for, and the URL
 * and further tags add more, so only the overhead of the shortest id and no URL is certain.
 */
const CONNECTION_STATE_OVERHEAD =
  (serializedSize({ __pk: { id: "x", tags: ["x"], uri: undefined }, __user: null }) ?? 0) - (serializedSize(null) ?? 0);
const FUNCTION_SOURCE_LENGTH = 40;

/** The runtime's error for host objects that do not support serialization (measured in workerd). */
function hostTypeError(type: string): string {
  return `Could not serialize object of type "${type}". This type does not support serialization.`;
}

/** Global constructors whose instances the runtime refuses to serialize, with the error it throws. */
const GLOBAL_CONSTRUCTOR_ERRORS: ReadonlyMap<string, string> = new Map([
  ["AbortController", hostTypeError("AbortController")],
  ["FormData", hostTypeError("FormData")],
  ["ReadableStream", "ReadableStream can only be serialized for RPC."],
  ["TextDecoder", hostTypeError("TextDecoder")],
  ["TextEncoder", hostTypeError("TextEncoder")],
  ["URL", hostTypeError("URL")],
  ["URLSearchParams", hostTypeError("URLSearchParams")],
  ["WeakMap", "#<WeakMap> could not be cloned."],
  ["WeakRef", "#<WeakRef> could not be cloned."],
  ["WeakSet", "#<WeakSet> could not be cloned."],
  ["WebSocketPair", hostTypeError("WebSocketPair")],
]);

/** Members of `DurableObjectState` that are host objects, with their type. */
const STATE_MEMBER_TYPES: ReadonlyMap<string, string> = new Map([
  ["id", "DurableObjectId"],
  ["storage", "DurableObjectStorage"],
]);

/** Methods of `ctx.storage` that return a Promise. */
const ASYNC_STORAGE_METHODS = new Set([
  "delete",
  "deleteAlarm",
  "deleteAll",
  "get",
  "getAlarm",
  "list",
  "put",
  "setAlarm",
  "sync",
  "transaction",
]);
const PROMISE_STATICS = new Set(["all", "allSettled", "any", "race", "reject", "resolve"]);
const SYMBOL_STATICS_NOT_SYMBOLS = new Set(["for", "keyFor", "length", "name", "prototype"]);

export default createRule<Options, MessageIds>({
  name: "valid-attachment",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Enforce attachments the runtime can serialize",
      recommended: "recommended",
    },
    messages: {
      tooLarge:
        "The attachment is {{size}} bytes, and `serializeAttachment()` throws for anything over {{limit}} bytes (\"A WebSocket 'attachment' cannot be larger than {{limit}} bytes.\"). Keep large data in `ctx.storage` and store only its key in the attachment.",
      tooLargeAtLeast:
        "The attachment is at least {{size}} bytes, and `serializeAttachment()` throws for anything over {{limit}} bytes (\"A WebSocket 'attachment' cannot be larger than {{limit}} bytes.\"). Keep large data in `ctx.storage` and store only its key in the attachment.",
      notSerializable:
        '`serializeAttachment()` cannot store {{what}}: it throws "{{error}}" Store plain data (ids, names) instead.',
      environment:
        '`{{name}}` holds the Worker\'s bindings, and `serializeAttachment()` throws on every binding that is not a plain variable (for a Durable Object namespace: "Could not serialize object of type "DurableObjectNamespace". This type does not support serialization."). Read bindings from `env` where they are needed and store plain data (ids, names) instead.',
      promise:
        'This is a Promise, and `serializeAttachment()` throws "#<Promise> could not be cloned." Await it and store the plain data it resolves to.',
      stateTooLarge:
        "This state is {{size}} bytes, and the framework stores it in the socket's attachment together with the connection's id and tags (at least {{overhead}} bytes more), so `setState()` throws \"A WebSocket 'attachment' cannot be larger than {{limit}} bytes.\" Keep large data in `ctx.storage` and store only its key in the connection's state.",
      classInstance:
        "`deserializeAttachment()` returns this `{{className}}` as a plain object: its methods and getters, such as `{{member}}`, are gone, and calling one throws \"… is not a function\". Store plain data (ids, names) and build a new `{{className}}` from it when reading the attachment.",
    },
    schema: [
      {
        type: "object",
        properties: {
          maxBytes: {
            type: "integer",
            minimum: 1,
            description:
              "The largest attachment the runtime accepts, in bytes of V8 serialization (header included). Attachments known to be larger are reported.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxBytes: 16_384 }],
  },
  create(context, [{ maxBytes = 16_384 }]) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (model.memberCallsNamed("serializeAttachment").length === 0 && model.memberCallsNamed("setState").length === 0) {
      return {};
    }
    const environmentFacts = new Map<DurableObjectClass, EnvironmentFacts>();
    const types = typeInformationOf(context);

    return {
      Program() {
        for (const node of model.callsNamed(ATTACHMENT_CALLS)) {
          checkCall(node);
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      const [argument] = node.arguments;
      if (argument === undefined || argument.type === AST_NODE_TYPES.SpreadElement) {
        return;
      }
      const attachment = memberCall(node, SERIALIZE_ATTACHMENT);
      const state = attachment ? undefined : memberCall(node, SET_STATE);
      const owner = (attachment ?? state) && model.durableObjectAt(node);
      if (!owner) {
        return;
      }
      if (attachment && !isNotASocket(attachment.object) && model.mayBe(attachment.object, "WebSocket")) {
        checkSize(argument);
        checkValue(argument, owner);
        return;
      }
      // `setState(previous => next)` computes the state from the previous one: not followed.
      if (state && isHibernatingConnection(state.object, owner) && !isFunctionNode(skipTypeWrappers(argument))) {
        checkStateSize(argument);
        checkValue(argument, owner);
      }
    }

    /** A connection of a framework object whose connections hibernate: its state is kept in the attachment. */
    function isHibernatingConnection(node: TSESTree.Node, owner: DurableObjectClass): boolean {
      return owner.framework !== undefined && model.socketOf(node)?.origin === "hibernatable";
    }

    function checkStateSize(argument: TSESTree.Expression): void {
      const size = serializedSizeOf(staticValue(argument, sourceCode));
      if (size && size.bytes + CONNECTION_STATE_OVERHEAD > maxBytes) {
        context.report({
          node: argument,
          messageId: "stateTooLarge",
          data: {
            size: size.exact ? String(size.bytes) : `at least ${size.bytes}`,
            overhead: CONNECTION_STATE_OVERHEAD,
            limit: maxBytes,
          },
        });
      }
    }

    function checkSize(argument: TSESTree.Expression): void {
      const size = serializedSizeOf(staticValue(argument, sourceCode));
      if (size && size.bytes > maxBytes) {
        context.report({
          node: argument,
          messageId: size.exact ? "tooLarge" : "tooLargeAtLeast",
          data: { size: size.bytes, limit: maxBytes },
        });
      }
    }

    /** Reports what the source shows of the value, and else what its type shows. */
    function checkValue(argument: TSESTree.Expression, owner: DurableObjectClass): void {
      if (checkParts(argument, owner) || !types) {
        return;
      }
      const part = types.unserializablePartOf(argument);
      if (part) {
        report(argument, typedFinding(argument, part));
      }
    }

    /** What a part of the value's type means at runtime, named by its path from the value. */
    function typedFinding(argument: TSESTree.Expression, part: UnserializablePart): Finding {
      const where = describePath(argument, part.path);
      switch (part.kind) {
        case "function":
          return { messageId: "notSerializable", what: `${where}, which its type says is a function`, error: "… could not be cloned." };
        case "host":
          return {
            messageId: "notSerializable",
            what: `${where}, a \`${part.typeName}\``,
            error: GLOBAL_CONSTRUCTOR_ERRORS.get(part.typeName) ?? hostTypeError(part.typeName),
          };
        case "promise":
          return part.path === ""
            ? { messageId: "promise" }
            : { messageId: "notSerializable", what: `${where}, a Promise`, error: "#<Promise> could not be cloned." };
        case "classInstance":
          return { messageId: "classInstance", className: part.className, member: part.member };
      }
    }

    /** `session.socket`, or for a literal, `socket` of the attachment. */
    function describePath(argument: TSESTree.Expression, path: string): string {
      if (path === "") {
        return `\`${abbreviate(sourceCode.getText(argument))}\``;
      }
      const value = skipTypeWrappers(argument);
      if (value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression) {
        return `\`${path}\` of the attachment`;
      }
      return `\`${abbreviate(`${sourceCode.getText(argument)}.${path}`)}\``;
    }

    /**
     * Follows the structure of the value (object and array literals, spreads, constants bound
     * to them) and reports every part the runtime cannot serialize or gives back changed.
     * Only value-building nodes are followed, so this costs the size of the literal. True when
     * it reported a part.
     */
    function checkParts(argument: TSESTree.Expression, owner: DurableObjectClass): boolean {
      const stack: Pending[] = [{ node: argument, reportAt: undefined, spread: false }];
      const seen = new Set<TSESTree.Node>();
      const reported = new Set<TSESTree.Node>();
      for (let pending = stack.pop(); pending; pending = stack.pop()) {
        const node = skipTypeWrappers(pending.node);
        if (seen.has(node)) {
          continue;
        }
        seen.add(node);
        const finding = pending.spread ? undefined : describePart(node, owner);
        if (finding) {
          const reportAt = pending.reportAt ?? node;
          if (!reported.has(reportAt)) {
            reported.add(reportAt);
            report(reportAt, finding);
          }
          continue;
        }
        const parts = partsOf(node, pending);
        for (let index = parts.length - 1; index >= 0; index--) {
          const part = parts[index];
          if (part) {
            stack.push(part);
          }
        }
      }
      return reported.size > 0;
    }

    function report(node: TSESTree.Node, finding: Finding): void {
      switch (finding.messageId) {
        case "notSerializable":
          context.report({ node, messageId: finding.messageId, data: { what: finding.what, error: finding.error } });
          break;
        case "classInstance":
          context.report({
            node,
            messageId: finding.messageId,
            data: { className: finding.className, member: finding.member },
          });
          break;
        case "environment":
          context.report({ node, messageId: finding.messageId, data: { name: finding.name } });
          break;
        case "promise":
          context.report({ node, messageId: finding.messageId });
          break;
      }
    }

    /** The parts of a value-building node that end up in the attachment. */
    function partsOf(node: TSESTree.Node, pending: Pending): Pending[] {
      const inherit = (child: TSESTree.Node, spread = false, reportAt?: TSESTree.Node): Pending => ({
        node: child,
        reportAt: pending.reportAt ?? reportAt,
        spread,
      });
      switch (node.type) {
        case AST_NODE_TYPES.ObjectExpression:
          return node.properties.flatMap((property) => {
            if (property.type === AST_NODE_TYPES.SpreadElement) {
              return [inherit(property.argument, true)];
            }
            // A getter runs while the value is serialized and only its result is stored.
            if (property.kind !== "init") {
              return [];
            }
            return [inherit(property.value, false, property.method ? property : undefined)];
          });
        case AST_NODE_TYPES.ArrayExpression:
          return node.elements.flatMap((element) => {
            if (element === null) {
              return [];
            }
            return [element.type === AST_NODE_TYPES.SpreadElement ? inherit(element.argument, true) : inherit(element)];
          });
        case AST_NODE_TYPES.Identifier: {
          const init = constantInitializer(node, sourceCode);
          if (!init) {
            return [];
          }
          const literal = isLiteral(init);
          // A spread copies the own data of an object: only literals show what that is.
          if ((pending.spread && !literal) || (literal && isConstantChanged(node, sourceCode))) {
            return [];
          }
          return [{ node: init, reportAt: pending.reportAt ?? node, spread: pending.spread }];
        }
        default:
          return [];
      }
    }

    /** What the runtime does with `node` as part of an attachment, when it is known to fail. */
    function describePart(node: TSESTree.Node, owner: DurableObjectClass): Finding | undefined {
      switch (node.type) {
        case AST_NODE_TYPES.ArrowFunctionExpression:
        case AST_NODE_TYPES.FunctionExpression:
          return functionFinding(isMethodShorthand(node) ? "a method" : "a function", sourceOf(node));
        case AST_NODE_TYPES.ClassExpression:
          return functionFinding("a class", node);
        case AST_NODE_TYPES.ThisExpression:
          return describeThis(node);
        case AST_NODE_TYPES.Identifier:
          return describeIdentifier(node, owner);
        case AST_NODE_TYPES.MemberExpression:
          return describeMember(node);
        case AST_NODE_TYPES.CallExpression:
          return describeCall(node);
        case AST_NODE_TYPES.NewExpression:
          return describeNew(node);
        default:
          return undefined;
      }
    }

    function describeThis(node: TSESTree.ThisExpression): Finding | undefined {
      const durableObject = model.thisDurableObjectAt(node);
      if (!durableObject) {
        return undefined;
      }
      return {
        messageId: "notSerializable",
        what: "the Durable Object itself (`this`)",
        error: hostTypeError(durableObject.name ?? "…"),
      };
    }

    function describeIdentifier(node: TSESTree.Identifier, owner: DurableObjectClass): Finding | undefined {
      const shared = describeSocketOrState(node);
      if (shared) {
        return shared;
      }
      const variable = resolveVariable(sourceCode, node);
      if (!variable) {
        return undefined;
      }
      if (variable === environmentOf(owner).parameter) {
        return { messageId: "environment", name: node.name };
      }
      const declaration = unchangedDeclaration(variable);
      if (declaration && isClassNode(declaration)) {
        return functionFinding("a class", declaration);
      }
      if (declaration) {
        return functionFinding("a function", declaration);
      }
      return undefined;
    }

    function describeMember(node: TSESTree.MemberExpression): Finding | undefined {
      const shared = describeSocketOrState(node);
      if (shared) {
        return shared;
      }
      const name = memberName(node);
      if (name === undefined || node.optional) {
        return undefined;
      }
      const object = skipTypeWrappers(node.object);
      if (model.isStateHandle(object)) {
        const type = STATE_MEMBER_TYPES.get(name);
        return type === undefined
          ? undefined
          : { messageId: "notSerializable", what: `\`${sourceCode.getText(node)}\``, error: hostTypeError(type) };
      }
      if (name === "sql" && isStorage(object)) {
        return { messageId: "notSerializable", what: `\`${sourceCode.getText(node)}\``, error: hostTypeError("SqlStorage") };
      }
      if (object.type === AST_NODE_TYPES.ThisExpression) {
        return describeThisMember(node, name);
      }
      if (
        object.type === AST_NODE_TYPES.Identifier &&
        object.name === "Symbol" &&
        !node.computed &&
        !SYMBOL_STATICS_NOT_SYMBOLS.has(name) &&
        isGlobalReference(sourceCode, object) &&
        !isCallee(node)
      ) {
        return symbolFinding(`Symbol.${name}`);
      }
      return undefined;
    }

    /** `this.env`, or `this.method` handed over without calling it. */
    function describeThisMember(node: TSESTree.MemberExpression, name: string): Finding | undefined {
      const durableObject = model.thisDurableObjectAt(node);
      if (!durableObject) {
        return undefined;
      }
      if (environmentOf(durableObject).fields.has(name)) {
        return { messageId: "environment", name: sourceCode.getText(node) };
      }
      const method = methodOf(durableObject, name);
      if (!method?.value) {
        return undefined;
      }
      // The runtime quotes a method with its name, a function-valued field as the function.
      return functionFinding(
        `the method \`${name}\``,
        method.type === AST_NODE_TYPES.MethodDefinition ? method : method.value,
      );
    }

    function describeSocketOrState(node: TSESTree.Node): Finding | undefined {
      if (isWebSocket(node)) {
        return { messageId: "notSerializable", what: "a WebSocket", error: hostTypeError("WebSocket") };
      }
      if (model.isStateHandle(node)) {
        return {
          messageId: "notSerializable",
          what: `the state \`${sourceCode.getText(node)}\``,
          error: hostTypeError("DurableObjectState"),
        };
      }
      return undefined;
    }

    function describeCall(node: TSESTree.CallExpression): Finding | undefined {
      const callee = skipTypeWrappers(node.callee);
      if (globalCalleeName(sourceCode, callee) === "Symbol") {
        return symbolFinding(symbolDescription(node));
      }
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        isGlobalObject(callee.object, "Symbol") &&
        memberName(callee) === "for"
      ) {
        return symbolFinding(symbolDescription(node));
      }
      return returnsPromise(node, callee) ? { messageId: "promise" } : undefined;
    }

    function describeNew(node: TSESTree.NewExpression): Finding | undefined {
      if (isWebSocket(node)) {
        return { messageId: "notSerializable", what: "a WebSocket", error: hostTypeError("WebSocket") };
      }
      const callee = skipTypeWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier) {
        return undefined;
      }
      if (isGlobalReference(sourceCode, callee)) {
        if (callee.name === "Promise") {
          return { messageId: "promise" };
        }
        const error = GLOBAL_CONSTRUCTOR_ERRORS.get(callee.name);
        return error === undefined ? undefined : { messageId: "notSerializable", what: `a \`${callee.name}\``, error };
      }
      const classNode = localClass(callee);
      return classNode ? describeInstance(classNode, callee.name) : undefined;
    }

    /**
     * An instance keeps its own fields only: a field holding a function throws, and methods
     * and getters, which live on the class, are gone when it is read back.
     */
    function describeInstance(classNode: ClassNode, className: string): Finding | undefined {
      if (model.durableObjects.some((durableObject) => durableObject.node === classNode)) {
        return undefined;
      }
      let member: string | undefined;
      const visited = new Set<ClassNode>();
      for (let current: ClassNode | undefined = classNode; current && !visited.has(current); current = localBaseOf(current)) {
        visited.add(current);
        for (const element of current.body.body) {
          if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && element.value) {
            const value = skipTypeWrappers(element.value);
            const field = keyName(element);
            if (isFunctionNode(value) && field !== undefined) {
              return functionFinding(`a \`${className}\` (its field \`${field}\` holds a function)`, value);
            }
          }
          // Private methods cannot be called from outside the class anyway.
          if (
            member === undefined &&
            element.type === AST_NODE_TYPES.MethodDefinition &&
            !element.static &&
            element.kind !== "constructor" &&
            element.key.type !== AST_NODE_TYPES.PrivateIdentifier
          ) {
            const name = keyName(element);
            if (name !== undefined) {
              member = element.kind === "method" ? `${name}()` : name;
            }
          }
        }
      }
      return member === undefined ? undefined : { messageId: "classInstance", className, member };
    }

    /** True for calls known to return a Promise: `fetch()`, async storage methods, async functions and methods of the file. */
    function returnsPromise(node: TSESTree.CallExpression, callee: TSESTree.Node): boolean {
      if (node.optional) {
        return false;
      }
      if (globalCalleeName(sourceCode, callee) === "fetch") {
        return true;
      }
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(sourceCode, callee);
        const declaration = variable ? unchangedDeclaration(variable) : undefined;
        return declaration !== undefined && isFunctionNode(declaration) && declaration.async;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) {
        return false;
      }
      const name = memberName(callee);
      if (name === undefined) {
        return false;
      }
      const object = skipTypeWrappers(callee.object);
      if (isGlobalObject(object, "Promise")) {
        return PROMISE_STATICS.has(name);
      }
      if (isStorage(object)) {
        return ASYNC_STORAGE_METHODS.has(name);
      }
      if (object.type === AST_NODE_TYPES.ThisExpression) {
        const durableObject = model.thisDurableObjectAt(object);
        const value = durableObject && methodOf(durableObject, name)?.value;
        return value !== undefined && value !== null && isFunctionNode(value) && value.async;
      }
      return false;
    }

    /** `this.ctx.storage`, `state.storage`, or a constant holding either. */
    function isStorage(node: TSESTree.Node): boolean {
      const expression = skipTypeWrappers(node);
      if (expression.type === AST_NODE_TYPES.MemberExpression) {
        return memberName(expression) === "storage" && model.isStateHandle(expression.object);
      }
      if (expression.type === AST_NODE_TYPES.Identifier) {
        const init = constantInitializer(expression, sourceCode);
        return init !== undefined && init.type === AST_NODE_TYPES.MemberExpression && isStorage(init);
      }
      return false;
    }

    /** The object's method `name`, its own or a local base class's. */
    function methodOf(durableObject: DurableObjectClass, name: string): MethodLikeNode | undefined {
      for (let current: DurableObjectClass | undefined = durableObject; current; current = current.baseClass) {
        const method = current.methods.get(name);
        if (method) {
          return method;
        }
      }
      return undefined;
    }

    function environmentOf(durableObject: DurableObjectClass): EnvironmentFacts {
      let facts = environmentFacts.get(durableObject);
      if (!facts) {
        facts = computeEnvironment(durableObject);
        environmentFacts.set(durableObject, facts);
      }
      return facts;
    }

    /**
     * Where a Durable Object keeps `env`: the constructor's second parameter, the fields it is
     * assigned to, and `this.env`, which the runtime's `DurableObject` base class sets.
     */
    function computeEnvironment(durableObject: DurableObjectClass): EnvironmentFacts {
      const fields = new Set<string>();
      let parameter: Variable | undefined;
      for (let current: DurableObjectClass | undefined = durableObject; current; current = current.baseClass) {
        // The frameworks' base classes extend `DurableObject` too.
        if (extendsRuntimeBaseClass(current)) {
          fields.add("env");
        }
        const declared = current.constructorNode?.value.params[1];
        const identifier =
          declared?.type === AST_NODE_TYPES.TSParameterProperty ? declared.parameter : declared;
        if (identifier?.type !== AST_NODE_TYPES.Identifier) {
          continue;
        }
        if (declared?.type === AST_NODE_TYPES.TSParameterProperty) {
          fields.add(identifier.name);
        }
        const variable = resolveVariable(sourceCode, identifier) ?? undefined;
        if (current === durableObject) {
          parameter = variable;
        }
        for (const reference of variable?.references ?? []) {
          const field = thisFieldAssignedFrom(reference.identifier);
          if (field !== undefined) {
            fields.add(field);
          }
        }
      }
      return { parameter, fields };
    }

    /**
     * A socket of the object, or one it opened with `new WebSocket(url)`; not `response.webSocket`,
     * which is null when the upstream did not upgrade.
     */
    function isWebSocket(node: TSESTree.Node): boolean {
      const socket = model.socketOf(node);
      if (!socket) {
        return false;
      }
      if (socket.origin !== "outgoing") {
        return true;
      }
      const definition = socket.variable?.defs[0];
      const init = definition?.type === "Variable" ? definition.node.init : node;
      return init !== null && skipTypeWrappers(init).type === AST_NODE_TYPES.NewExpression;
    }

    function isNotASocket(node: TSESTree.Node): boolean {
      const object = skipTypeWrappers(node);
      return object.type === AST_NODE_TYPES.ThisExpression || model.isStateHandle(object);
    }

    function isGlobalObject(node: TSESTree.Node, name: string): boolean {
      const expression = skipTypeWrappers(node);
      return expression.type === AST_NODE_TYPES.Identifier && expression.name === name && isGlobalReference(sourceCode, expression);
    }

    function symbolDescription(node: TSESTree.CallExpression): string {
      const [argument] = node.arguments;
      if (argument === undefined) {
        return "";
      }
      if (argument.type === AST_NODE_TYPES.SpreadElement) {
        return "…";
      }
      return staticString(argument, sourceCode) ?? "…";
    }

    /** The class a `new` expression of the file refers to, when its binding is never reassigned. */
    function localClass(callee: TSESTree.Identifier): ClassNode | undefined {
      const variable = resolveVariable(sourceCode, callee);
      const declaration = variable ? unchangedDeclaration(variable) : undefined;
      if (declaration && isClassNode(declaration)) {
        return declaration;
      }
      const init = constantInitializer(callee, sourceCode);
      const value = init && skipTypeWrappers(init);
      return value && isClassNode(value) ? value : undefined;
    }

    function localBaseOf(classNode: ClassNode): ClassNode | undefined {
      const superClass = classNode.superClass && skipTypeWrappers(classNode.superClass);
      return superClass?.type === AST_NODE_TYPES.Identifier ? localClass(superClass) : undefined;
    }

    /** The function or class a declaration or `const` binds, when nothing assigns the name again. */
    function unchangedDeclaration(variable: Variable): FunctionNode | ClassNode | undefined {
      const definition = variable.defs[0];
      if (variable.defs.length !== 1 || !definition) {
        return undefined;
      }
      if (definition.type === "FunctionName" && isFunctionNode(definition.node)) {
        return hasWrites(variable) ? undefined : definition.node;
      }
      if (definition.type === "ClassName" && isClassNode(definition.node)) {
        return hasWrites(variable) ? undefined : definition.node;
      }
      if (definition.type === "Variable" && definition.parent.kind === "const" && definition.node.init) {
        const init = skipTypeWrappers(definition.node.init);
        return isFunctionNode(init) || isClassNode(init) ? init : undefined;
      }
      return undefined;
    }

    function functionFinding(what: string, node: TSESTree.Node): Finding {
      return { messageId: "notSerializable", what, error: `${abbreviate(sourceCode.getText(node))} could not be cloned.` };
    }
  },
});

function symbolFinding(description: string): Finding {
  return { messageId: "notSerializable", what: "a symbol", error: `Symbol(${description}) could not be cloned.` };
}

/** The runtime quotes a function's source; long sources are cut short here. */
function abbreviate(source: string): string {
  const text = source.replaceAll(/\s+/g, " ");
  return text.length > FUNCTION_SOURCE_LENGTH ? `${text.slice(0, FUNCTION_SOURCE_LENGTH - 1)}…` : text;
}

/** For `{ m() {} }` the runtime quotes the method with its key, as written. */
function sourceOf(node: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): TSESTree.Node {
  return isMethodShorthand(node) ? node.parent : node;
}

function isMethodShorthand(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.Property && parent.method && parent.value === node;
}

function isLiteral(node: TSESTree.Node): boolean {
  const expression = skipTypeWrappers(node);
  return expression.type === AST_NODE_TYPES.ObjectExpression || expression.type === AST_NODE_TYPES.ArrayExpression;
}

function isCallee(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === node;
}

function hasWrites(variable: Variable): boolean {
  return variable.references.some((reference) => reference.isWrite() && !reference.init);
}

/** `this.field = identifier`: the field name. */
function thisFieldAssignedFrom(identifier: TSESTree.Node): string | undefined {
  const parent = identifier.parent;
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.operator === "=" &&
    parent.right === identifier &&
    parent.left.type === AST_NODE_TYPES.MemberExpression &&
    parent.left.object.type === AST_NODE_TYPES.ThisExpression
  ) {
    return memberName(parent.left);
  }
  return undefined;
}
