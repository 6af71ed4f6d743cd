import { AST_NODE_TYPES, AST_TOKEN_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, getDurableObjectModel } from "../analysis/index.js";
import {
  type FunctionNode,
  enclosingFunction,
  isFloating,
  isFunctionNode,
  isGlobalReference,
  isWithin,
  memberCall,
  memberName,
  resolveVariable,
  skipTypeWrappers,
  valueParent,
} from "../util/ast.js";
import { createRule } from "../util/create-rule.js";

export type Options = [];
export type MessageIds =
  | "callDeserializeAttachment"
  | "methodNotCalled"
  | "mutatedCall"
  | "mutatedConnectionState"
  | "mutatedCopy"
  | "mutatedPartOfCopy"
  | "serializeAfterChange";

type Variable = TSESLint.Scope.Variable;

/** Methods that change the array, `Map`, `Set` or `Date` they are called on (the only things with methods in a structured clone). */
const MUTATING_METHODS = new Set([
  "push",
  "pop",
  "shift",
  "unshift",
  "splice",
  "sort",
  "reverse",
  "fill",
  "copyWithin",
  "set",
  "add",
  "delete",
  "clear",
  "setDate",
  "setFullYear",
  "setHours",
  "setMilliseconds",
  "setMinutes",
  "setMonth",
  "setSeconds",
  "setTime",
  "setUTCDate",
  "setUTCFullYear",
  "setUTCHours",
  "setUTCMilliseconds",
  "setUTCMinutes",
  "setUTCMonth",
  "setUTCSeconds",
]);
/** Global functions that read their arguments and keep no reference to them. */
const READING_FUNCTIONS = new Set(["Boolean", "Number", "String", "structuredClone"]);
/** Static methods of globals that read their arguments and keep no reference to them. */
const READING_STATIC_METHODS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["JSON", new Set(["stringify"])],
  ["Object", new Set(["keys", "values", "entries"])],
  ["Array", new Set(["isArray"])],
]);
/** Members of a function that use it without calling it as the socket's method. */
const FUNCTION_MEMBERS = new Set(["call", "apply", "bind"]);
/** Calls that save an attachment: the runtime's, and a framework connection's `setState()`. */
const SERIALIZE_ATTACHMENT = new Set(["serializeAttachment", "setState"]);
const SEND = new Set(["send"]);

/** A variable that holds the deserialized copy or part of it. */
interface Binding {
  readonly variable: Variable;
  readonly declarator: TSESTree.VariableDeclarator;
  /** It holds the whole copy (`const a = ws.deserializeAttachment()`), not a part of it. */
  readonly whole: boolean;
  /** It is declared from the `deserializeAttachment()` call itself, not from another binding. */
  readonly direct: boolean;
  /** The variable that holds the whole copy this binding was taken from, if there is one. */
  readonly wholeName: string | undefined;
}

/** What one use of the copy does with it. */
type Use =
  | { readonly kind: "read" }
  /** The copy may be kept or saved by code the rule does not follow. */
  | { readonly kind: "escape" }
  /** The use is inside the argument of a `serializeAttachment()` call. */
  | { readonly kind: "saved" }
  | { readonly kind: "mutation"; readonly node: TSESTree.Node }
  | { readonly kind: "alias"; readonly declarator: TSESTree.VariableDeclarator; readonly whole: boolean };

interface Mutation {
  readonly node: TSESTree.Node;
  /** The variable the change goes through, or undefined when it is made on the call itself. */
  readonly binding: Binding | undefined;
}

const READ: Use = { kind: "read" };
const ESCAPE: Use = { kind: "escape" };
const SAVED: Use = { kind: "saved" };

export default createRule<Options, MessageIds>({
  name: "no-stale-attachment",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Disallow changing a deserialized attachment without serializing it again",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      mutatedCopy:
        "`{{name}}` is a copy: `deserializeAttachment()` returns a new object on every call, so this change is gone at the next read and after the object wakes from hibernation. Save it with {{save}} after changing it.",
      mutatedPartOfCopy:
        "`{{name}}` is part of a copy: `deserializeAttachment()` returns a new object on every call, so this change is gone at the next read and after the object wakes from hibernation. Keep the whole attachment in a variable and save it with {{save}} after changing it.",
      mutatedConnectionState:
        "`{{name}}` is the connection's saved state, read back from the socket's attachment: this change is made only in memory and is gone when the Durable Object wakes from hibernation. Save it with `{{save}}` after changing it.",
      mutatedCall:
        "This changes a copy that is thrown away at once: `deserializeAttachment()` returns a new object on every call, so the next read does not see the change. Keep the attachment in a variable, change it and pass it to {{save}}.",
      methodNotCalled:
        "This is the `deserializeAttachment` method, not the socket's data: spreading it gives `{}`, it has none of the attachment's fields and it is always truthy. Call it: `deserializeAttachment()`.",
      serializeAfterChange: "Save the change with `{{call}}` after the last change.",
      callDeserializeAttachment: "Call `deserializeAttachment()`.",
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    const hasConnectionState = model.durableObjects.some(
      (durableObject) => durableObject.framework !== undefined && durableObject.hibernates,
    );
    if (model.durableObjects.length === 0 || (!sourceCode.text.includes("deserializeAttachment") && !hasConnectionState)) {
      return {};
    }

    /** `connection.state` of a hibernating framework object: a copy of the attachment, cached until the object is evicted. */
    const connectionStates: { node: TSESTree.MemberExpression; owner: DurableObjectClass }[] = [];
    /** Where the function may pause and other events run: a `this.field` socket may change there. */
    const pauses: TSESTree.Node[] = [];

    return {
      AwaitExpression(node) {
        pauses.push(node);
      },
      YieldExpression(node) {
        pauses.push(node);
      },
      // Plain node types with the test inside: an attribute selector costs a query match on every node of the type.
      ForOfStatement(node) {
        if (node.await) {
          pauses.push(node);
        }
      },
      MemberExpression(node) {
        if (
          memberName(node) === "deserializeAttachment" &&
          isMethodUsedAsValue(node) &&
          !isFeatureCheck(node) &&
          model.durableObjectAt(node) &&
          model.mayBe(node.object, "WebSocket")
        ) {
          context.report({
            node,
            messageId: "methodNotCalled",
            suggest: [{ messageId: "callDeserializeAttachment", fix: (fixer) => fixer.insertTextAfter(node, "()") }],
          });
        }
        const { property } = node;
        if ((property.type === AST_NODE_TYPES.Identifier || property.type === AST_NODE_TYPES.PrivateIdentifier) && property.name === "state") {
          noteConnectionState(node);
        }
      },
      "Program:exit"() {
        for (const { node, owner } of connectionStates) {
          checkCopy(node, node.object, owner);
        }
        for (const call of model.memberCallsNamed("deserializeAttachment")) {
          const socket = attachmentReceiver(call);
          const owner = socket && model.durableObjectAt(call);
          if (socket && owner) {
            checkCopy(call, socket, owner);
          }
        }
      },
    };

    function noteConnectionState(node: TSESTree.MemberExpression): void {
      const owner = model.durableObjectAt(node);
      if (owner?.framework !== undefined && !node.computed && model.socketOf(node.object)?.origin === "hibernatable") {
        connectionStates.push({ node, owner });
      }
    }

    /**
     * `ws.deserializeAttachment ? ws.deserializeAttachment() : {}`: a test whether the
     * method exists, in a function that calls it on the same socket.
     */
    function isFeatureCheck(node: TSESTree.MemberExpression): boolean {
      if (!isTruthTest(node)) {
        return false;
      }
      const scope = enclosingFunction(node) ?? sourceCode.ast;
      const socketText = sourceCode.getText(skipTypeWrappers(node.object));
      return model.memberCallsNamed("deserializeAttachment").some((call) => {
        const receiver = attachmentReceiver(call);
        return (
          receiver !== undefined &&
          isWithin(call, scope) &&
          sourceCode.getText(skipTypeWrappers(receiver)) === socketText
        );
      });
    }

    /**
     * Follows the copy one `deserializeAttachment()` call (or a framework connection's
     * `connection.state`) returns through the variables that hold it.
     */
    function checkCopy(
      call: TSESTree.CallExpression | TSESTree.MemberExpression,
      socket: TSESTree.Expression,
      owner: DurableObjectClass,
    ): void {
      const scopeFunction = enclosingFunction(call);
      if (!scopeFunction) {
        return;
      }
      const socketText = simpleSocketText(socket);
      const bindings: Binding[] = [];
      const mutations: Mutation[] = [];
      const seen = new Set<Variable>();

      const handle = (use: Use, from: Binding | undefined): boolean => {
        switch (use.kind) {
          case "escape":
          case "saved":
            return false;
          case "mutation":
            if (!from || !isReassigned(from.variable)) {
              mutations.push({ node: use.node, binding: from });
            }
            return true;
          case "alias":
            if (from && isReassigned(from.variable)) {
              // What a reassigned variable holds at this point is not known.
              return true;
            }
            for (const variable of sourceCode.getDeclaredVariables(use.declarator)) {
              if (!seen.has(variable)) {
                seen.add(variable);
                bindings.push({
                  variable,
                  declarator: use.declarator,
                  whole: use.whole && use.declarator.id.type === AST_NODE_TYPES.Identifier,
                  direct: from === undefined,
                  wholeName: from?.whole ? from.variable.name : from?.wholeName,
                });
              }
            }
            return true;
          case "read":
            return true;
        }
      };

      if (!handle(useOfCopy(call, scopeFunction, true), undefined)) {
        return;
      }
      // Bindings found while following earlier ones are appended and followed in turn.
      for (let index = 0; index < bindings.length; index++) {
        const binding = bindings[index];
        if (!binding) {
          break;
        }
        for (const reference of binding.variable.references) {
          if (reference.init || reference.isWrite()) {
            continue;
          }
          if (!handle(useOfCopy(reference.identifier, scopeFunction, binding.whole), binding)) {
            return;
          }
        }
      }
      const first = mutations.sort((a, b) => a.node.range[0] - b.node.range[0])[0];
      if (!first) {
        return;
      }
      const binding = first.binding;
      if (call.type === AST_NODE_TYPES.MemberExpression) {
        const connection = socketText ?? "connection";
        context.report({
          node: first.node,
          messageId: "mutatedConnectionState",
          data: {
            name: binding?.variable.name ?? `${connection}.state`,
            save: `${connection}.setState(${binding?.whole ? binding.variable.name : "…"})`,
          },
        });
        return;
      }
      if (!binding) {
        context.report({
          node: first.node,
          messageId: "mutatedCall",
          data: { save: serializeText(socketText, "") },
        });
        return;
      }
      const name = binding.variable.name;
      if (!binding.whole) {
        context.report({
          node: first.node,
          messageId: "mutatedPartOfCopy",
          data: { name, save: serializeText(socketText, binding.wholeName ?? "") },
        });
        return;
      }
      const fix = saveAfterChanges(binding, bindings, mutations, socket, owner, scopeFunction);
      context.report({
        node: first.node,
        messageId: "mutatedCopy",
        data: { name, save: serializeText(socketText, name) },
        suggest: fix
          ? [{ messageId: "serializeAfterChange", data: { call: `${sourceCode.getText(socket)}.serializeAttachment(${name});` }, fix }]
          : [],
      });
    }

    /**
     * What the code at `start` does with the value it evaluates to, which is the copy (or,
     * when `whole` is false, a part of it): climbs through member reads, literals that hold it
     * and expressions that pass it on, up to where the value is used.
     */
    function useOfCopy(start: TSESTree.Node, scopeFunction: FunctionNode, whole: boolean): Use {
      if (crossesFunction(start, scopeFunction)) {
        return ESCAPE;
      }
      if (isInSerializeArgument(start, scopeFunction)) {
        return SAVED;
      }
      let current: TSESTree.Node = start;
      /** `current` is a member of the copy rather than the copy itself. */
      let isMember = false;
      /** `current` is a new array or object literal that holds the copy. */
      let inLiteral = false;
      for (;;) {
        const { parent, child } = valueParent(current);
        if (!parent) {
          return ESCAPE;
        }
        switch (parent.type) {
          case AST_NODE_TYPES.ChainExpression:
          case AST_NODE_TYPES.AwaitExpression:
          case AST_NODE_TYPES.LogicalExpression:
          case AST_NODE_TYPES.SpreadElement:
            current = parent;
            continue;
          case AST_NODE_TYPES.ConditionalExpression:
          case AST_NODE_TYPES.SequenceExpression:
            if (parent.type === AST_NODE_TYPES.ConditionalExpression ? parent.test === child : parent.expressions.at(-1) !== child) {
              return READ;
            }
            current = parent;
            continue;
          case AST_NODE_TYPES.MemberExpression: {
            if (parent.object !== child) {
              return READ;
            }
            if (inLiteral) {
              return ESCAPE;
            }
            const call = parent.parent;
            if (call.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
              return MUTATING_METHODS.has(memberName(parent) ?? "") ? { kind: "mutation", node: call } : READ;
            }
            current = parent;
            isMember = true;
            continue;
          }
          case AST_NODE_TYPES.ArrayExpression:
          case AST_NODE_TYPES.ObjectExpression:
            current = parent;
            inLiteral = true;
            continue;
          case AST_NODE_TYPES.Property:
            if (parent.parent.type === AST_NODE_TYPES.ObjectExpression && parent.value === child) {
              current = parent.parent;
              inLiteral = true;
              continue;
            }
            return parent.computed && parent.key === child ? READ : ESCAPE;
          case AST_NODE_TYPES.CallExpression:
            return parent.callee === child ? READ : argumentUse(parent, child, inLiteral, start);
          case AST_NODE_TYPES.VariableDeclarator:
            return parent.init === child && !inLiteral
              ? { kind: "alias", declarator: parent, whole: whole && !isMember }
              : ESCAPE;
          case AST_NODE_TYPES.AssignmentExpression:
            if (parent.left === child) {
              return isMember && !inLiteral ? { kind: "mutation", node: parent } : READ;
            }
            // `a.list = [...a.list, x]` stores the value back into the same copy.
            return isStoringOperator(parent.operator) && !isRootedAt(parent.left, start) ? ESCAPE : READ;
          case AST_NODE_TYPES.UpdateExpression:
            return isMember && !inLiteral ? { kind: "mutation", node: parent } : READ;
          case AST_NODE_TYPES.UnaryExpression:
            return parent.operator === "delete" && isMember && !inLiteral ? { kind: "mutation", node: parent } : READ;
          case AST_NODE_TYPES.ForOfStatement:
          case AST_NODE_TYPES.ForInStatement:
            return parent.right === child && !inLiteral ? READ : ESCAPE;
          case AST_NODE_TYPES.TemplateLiteral:
            // A tag function receives the values themselves and may keep them.
            return parent.parent.type === AST_NODE_TYPES.TaggedTemplateExpression ? ESCAPE : READ;
          case AST_NODE_TYPES.BinaryExpression:
          case AST_NODE_TYPES.ExpressionStatement:
          case AST_NODE_TYPES.IfStatement:
          case AST_NODE_TYPES.WhileStatement:
          case AST_NODE_TYPES.DoWhileStatement:
          case AST_NODE_TYPES.ForStatement:
          case AST_NODE_TYPES.SwitchStatement:
          case AST_NODE_TYPES.SwitchCase:
            return READ;
          default:
            return ESCAPE;
        }
      }
    }

    /** What a call does with the copy passed as one of its arguments. */
    function argumentUse(
      call: TSESTree.CallExpression,
      argument: TSESTree.Node,
      inLiteral: boolean,
      start: TSESTree.Node,
    ): Use {
      if (isObjectAssign(call) && call.arguments[0] === argument && argument.type !== AST_NODE_TYPES.SpreadElement && !inLiteral) {
        // `Object.assign` returns its target: when the result is used, the copy goes on with it.
        return isFloating(call) ? { kind: "mutation", node: call } : ESCAPE;
      }
      if (isReadingCall(call) || isSend(call) || isMethodOfSameCopy(call, start)) {
        return READ;
      }
      return ESCAPE;
    }

    function isReadingCall(call: TSESTree.CallExpression): boolean {
      const callee = skipTypeWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        return READING_FUNCTIONS.has(callee.name) && isGlobalReference(sourceCode, callee);
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) {
        return false;
      }
      const object = callee.object;
      if (!isGlobalReference(sourceCode, object)) {
        return false;
      }
      const method = memberName(callee);
      return object.name === "console" || (method !== undefined && (READING_STATIC_METHODS.get(object.name)?.has(method) ?? false));
    }

    function isObjectAssign(call: TSESTree.CallExpression): boolean {
      const callee = skipTypeWrappers(call.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === "Object" &&
        memberName(callee) === "assign" &&
        isGlobalReference(sourceCode, callee.object)
      );
    }

    /** `ws.send(...)` on a socket: the data is written to the wire, nothing keeps it. */
    function isSend(call: TSESTree.CallExpression): boolean {
      const send = memberCall(call, SEND);
      return send !== undefined && model.socketOf(send.object) !== undefined;
    }

    /** `a.list.includes(a.x)`: a method of the copy called with a part of the same copy. */
    function isMethodOfSameCopy(call: TSESTree.CallExpression, start: TSESTree.Node): boolean {
      return isRootedAt(call.callee, start);
    }

    /** `node` is a member chain on the variable that `start` refers to: `a.list.push` for `a`. */
    function isRootedAt(node: TSESTree.Node, start: TSESTree.Node): boolean {
      const expression = skipTypeWrappers(node);
      if (expression.type !== AST_NODE_TYPES.MemberExpression || start.type !== AST_NODE_TYPES.Identifier) {
        return false;
      }
      const root = memberRoot(expression);
      return (
        root.type === AST_NODE_TYPES.Identifier &&
        root.name === start.name &&
        resolveVariable(sourceCode, root) === resolveVariable(sourceCode, start)
      );
    }

    /**
     * The `ws.serializeAttachment(name);` statement to insert after the last change, when
     * that is clearly right: the copy is held whole by one variable, every change is a
     * statement of the block that declares it, and the socket is a binding that does not change.
     */
    function saveAfterChanges(
      binding: Binding,
      bindings: readonly Binding[],
      mutations: readonly Mutation[],
      socket: TSESTree.Expression,
      owner: DurableObjectClass,
      scopeFunction: FunctionNode,
    ): TSESLint.ReportFixFunction | undefined {
      const declaration = binding.declarator.parent;
      if (
        bindings.length !== 1 ||
        !binding.direct ||
        declaration.type !== AST_NODE_TYPES.VariableDeclaration ||
        declaration.parent.type !== AST_NODE_TYPES.BlockStatement ||
        !isStableSocket(socket, owner, scopeFunction)
      ) {
        return undefined;
      }
      const block = declaration.parent;
      const statements: TSESTree.Statement[] = [];
      for (const mutation of mutations) {
        const statement = mutation.node.parent;
        if (
          mutation.binding !== binding ||
          statement?.type !== AST_NODE_TYPES.ExpressionStatement ||
          statement.parent !== block
        ) {
          return undefined;
        }
        statements.push(statement);
      }
      const last = statements.sort((a, b) => b.range[0] - a.range[0])[0];
      if (!last || (isThisMember(socket) && pauses.some((pause) => pause.range[0] >= declaration.range[0] && pause.range[1] <= last.range[1]))) {
        return undefined;
      }
      const trailing = sourceCode.getTokenAfter(last, { includeComments: true });
      // A comment at the end of the line stays with the statement it explains.
      const anchor =
        trailing?.type === AST_TOKEN_TYPES.Line && trailing.loc.start.line === last.loc.end.line ? trailing : last;
      const lineText = sourceCode.lines[last.loc.start.line - 1] ?? "";
      const indent = /^\s*/.exec(lineText)?.[0] ?? "";
      const newline = sourceCode.text.includes("\r\n") ? "\r\n" : "\n";
      const text = `${newline}${indent}${sourceCode.getText(socket)}.serializeAttachment(${binding.variable.name});`;
      return (fixer) => fixer.insertTextAfterRange(anchor.range, text);
    }

    /** The socket is a variable or parameter that is never reassigned, or `this.field` that the function does not reassign. */
    function isStableSocket(written: TSESTree.Expression, owner: DurableObjectClass, scopeFunction: FunctionNode): boolean {
      // Only `!` may wrap it: its text goes in front of `.serializeAttachment(...)` as written.
      const socket = written.type === AST_NODE_TYPES.TSNonNullExpression ? written.expression : written;
      if (socket.type === AST_NODE_TYPES.Identifier) {
        const variable = resolveVariable(sourceCode, socket);
        return variable !== null && variable.defs.length > 0 && !isReassigned(variable);
      }
      if (
        socket.type !== AST_NODE_TYPES.MemberExpression ||
        socket.computed ||
        socket.object.type !== AST_NODE_TYPES.ThisExpression ||
        socket.property.type !== AST_NODE_TYPES.Identifier
      ) {
        return false;
      }
      const uses = model.thisMemberUses(owner).get(socket.property.name) ?? [];
      return uses.some((use) => use === socket) && !uses.some((use) => isWithin(use, scopeFunction) && isAssignmentTarget(use));
    }
  },
});

/** `x.deserializeAttachment()` with no arguments on something other than `this`: the socket `x`. */
function attachmentReceiver(call: TSESTree.CallExpression): TSESTree.Expression | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (
    call.arguments.length > 0 ||
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    memberName(callee) !== "deserializeAttachment"
  ) {
    return undefined;
  }
  const object = skipTypeWrappers(callee.object);
  return object.type === AST_NODE_TYPES.ThisExpression || object.type === AST_NODE_TYPES.Super
    ? undefined
    : callee.object;
}

/**
 * `ws.deserializeAttachment` read as a value: not called, and not `typeof`, `.call`,
 * `.apply`, `.bind`, an assignment target or a method of the object itself.
 */
function isMethodUsedAsValue(node: TSESTree.MemberExpression): boolean {
  const object = skipTypeWrappers(node.object);
  if (object.type === AST_NODE_TYPES.ThisExpression || object.type === AST_NODE_TYPES.Super) {
    return false;
  }
  let { parent, child } = valueParent(node);
  while (parent?.type === AST_NODE_TYPES.ChainExpression) {
    ({ parent, child } = valueParent(parent));
  }
  if (!parent) {
    return false;
  }
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee !== child;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag !== child;
    case AST_NODE_TYPES.MemberExpression:
      return parent.object !== child || !FUNCTION_MEMBERS.has(memberName(parent) ?? "");
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator !== "typeof" && parent.operator !== "delete";
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.left !== child;
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.AssignmentPattern:
    case AST_NODE_TYPES.RestElement:
      return false;
    case AST_NODE_TYPES.Property:
      return parent.parent.type !== AST_NODE_TYPES.ObjectPattern;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return parent.left !== child;
    default:
      return true;
  }
}

/** `node` is only tested for truthiness or compared with `null` / `undefined`. */
function isTruthTest(node: TSESTree.Node): boolean {
  let { parent, child } = valueParent(node);
  while (
    parent?.type === AST_NODE_TYPES.ChainExpression ||
    (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === "!")
  ) {
    ({ parent, child } = valueParent(parent));
  }
  switch (parent?.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.WhileStatement:
      return parent.test === child;
    case AST_NODE_TYPES.LogicalExpression:
      return true;
    case AST_NODE_TYPES.BinaryExpression: {
      const other = parent.left === child ? parent.right : parent.left;
      return ["==", "===", "!=", "!=="].includes(parent.operator) && isNullish(other);
    }
    default:
      return false;
  }
}

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null && !("regex" in node)) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined")
  );
}


/** The variable is written after its declaration (`a = ...`, `a++`, `[a] = ...`). */
function isReassigned(variable: Variable): boolean {
  return variable.references.some((reference) => reference.isWrite() && !reference.init);
}

/** `=`, `||=`, `&&=` and `??=` store the right-hand value; arithmetic assignments only read it. */
function isStoringOperator(operator: TSESTree.AssignmentExpression["operator"]): boolean {
  return operator === "=" || operator === "||=" || operator === "&&=" || operator === "??=";
}

/** A non-arrow function between `node` and the function the copy is made in: it may run at any time, with its own `this`. */
function crossesFunction(node: TSESTree.Node, scopeFunction: FunctionNode): boolean {
  for (let current = node.parent; current && current !== scopeFunction; current = current.parent) {
    if (isFunctionNode(current) && current.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
      return true;
    }
  }
  return false;
}

/** `node` is inside an argument of a `serializeAttachment()` call, however deep. */
function isInSerializeArgument(node: TSESTree.Node, scopeFunction: FunctionNode): boolean {
  for (let current: TSESTree.Node = node; current.parent && current !== scopeFunction; current = current.parent) {
    const parent = current.parent;
    if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.callee !== current &&
      memberCall(parent, SERIALIZE_ATTACHMENT) !== undefined
    ) {
      return true;
    }
  }
  return false;
}

/** The object at the start of a member chain: `a` in `a.list.includes`. */
function memberRoot(node: TSESTree.MemberExpression): TSESTree.Node {
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    current = skipTypeWrappers(current.object);
  }
  return current;
}

/** Source text for the socket in a message: a variable or a member chain on `this` or a variable, as written. */
function simpleSocketText(socket: TSESTree.Expression): string | undefined {
  const parts: string[] = [];
  let current: TSESTree.Node = socket;
  while (current.type === AST_NODE_TYPES.MemberExpression || current.type === AST_NODE_TYPES.TSNonNullExpression) {
    if (current.type === AST_NODE_TYPES.TSNonNullExpression) {
      parts.unshift("!");
      current = current.expression;
      continue;
    }
    if (current.computed || current.property.type !== AST_NODE_TYPES.Identifier) {
      return undefined;
    }
    parts.unshift(`.${current.property.name}`);
    current = current.object;
  }
  if (current.type === AST_NODE_TYPES.Identifier) {
    parts.unshift(current.name);
  } else if (current.type === AST_NODE_TYPES.ThisExpression) {
    parts.unshift("this");
  } else {
    return undefined;
  }
  return parts.join("");
}

function serializeText(socketText: string | undefined, argument: string): string {
  return socketText === undefined
    ? `\`serializeAttachment(${argument})\` on the same socket`
    : `\`${socketText}.serializeAttachment(${argument})\``;
}

/** `this.field` or `this.field!`. */
function isThisMember(node: TSESTree.Node): boolean {
  const expression = node.type === AST_NODE_TYPES.TSNonNullExpression ? node.expression : node;
  return expression.type === AST_NODE_TYPES.MemberExpression && expression.object.type === AST_NODE_TYPES.ThisExpression;
}

function isAssignmentTarget(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) ||
    (parent?.type === AST_NODE_TYPES.UpdateExpression && parent.argument === node)
  );
}
