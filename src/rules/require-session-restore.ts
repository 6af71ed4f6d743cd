import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, type DurableObjectModel, getDurableObjectModel } from "../analysis/index.js";
import { isWithin, memberName, propertyName, skipTypeWrappers } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";

export type Options = [];
export type MessageIds = "connectionsLost" | "sessionsLost";

const COLLECTIONS = new Set(["Map", "Set", "WeakMap"]);
/** Methods that add an entry to a collection. */
const FILLING_METHODS = new Set(["set", "add", "push", "unshift"]);
/** Methods that only take entries away: neither a fill nor a read. */
const EMPTYING_METHODS = new Set(["delete", "clear", "pop", "shift", "splice"]);

type ClassMember = TSESTree.ClassElement;

interface CollectionField {
  readonly name: string;
  /** Where the empty collection is created: the field's key, or `this.field` in the constructor. */
  readonly reportNode: TSESTree.Node;
}

interface FieldUse {
  readonly node: TSESTree.MemberExpression;
  readonly member: ClassMember | undefined;
  readonly kind: "fill" | "read" | "other";
  /** For fills: the expression that writes the entry (`this.f.set(...)` or `this.f[k] = v`). */
  readonly write: TSESTree.Node | undefined;
}

export default createRule<Options, MessageIds>({
  name: "require-session-restore",
  meta: {
    type: "problem",
    docs: {
      description: "Require per-connection collections to be rebuilt from `getWebSockets()` after a wake",
      recommended: "recommended",
    },
    messages: {
      sessionsLost:
        "`{{name}}` is empty after this Durable Object wakes from hibernation: the constructor runs again and only the sockets survive, so it misses every connection made before. Rebuild it in the constructor from `ctx.getWebSockets()` and `ws.deserializeAttachment()`, or keep the data in the attachment.",
      connectionsLost:
        "`{{name}}` is empty after this Durable Object wakes from hibernation: the object is built again and only the connections survive, so it misses every connection made before. Rebuild it in `onStart()` from `this.getConnections()` and `connection.state`, or keep the data in the connection's state with `connection.setState()`.",
    },
    schema: [],
  },
  create(context) {
    const model = getDurableObjectModel(context);
    if (!model.durableObjects.some((durableObject) => durableObject.hibernates)) {
      return {};
    }

    return {
      "Program:exit"() {
        for (const durableObject of model.durableObjects) {
          if (durableObject.hibernates) {
            checkDurableObject(model, durableObject);
          }
        }
      },
    };

    function checkDurableObject(currentModel: DurableObjectModel, durableObject: DurableObjectClass): void {
      const uses = currentModel.thisMemberUses(durableObject);
      const restoreCalls = {
        getWebSockets: [...currentModel.memberCallsNamed("getWebSockets"), ...currentModel.memberCallsNamed("getConnections")],
        deserializeAttachment: currentModel.memberCallsNamed("deserializeAttachment"),
      };
      for (const field of collectionFields(durableObject, uses)) {
        const fieldUses = (uses.get(field.name) ?? []).map((use) => classifyUse(use, durableObject));
        const fills = fieldUses.filter((use) => use.kind === "fill");
        const isPerConnection = fills.some((use) => isPerConnectionFill(currentModel, durableObject, use));
        const isRead = fieldUses.some(
          (use) => use.kind === "read" && use.member !== durableObject.constructorNode,
        );
        if (!isPerConnection || !isRead) {
          continue;
        }
        if (fills.some((use) => isRestoringFill(use, restoreCalls))) {
          continue;
        }
        context.report({
          node: field.reportNode,
          messageId: durableObject.framework === undefined ? "sessionsLost" : "connectionsLost",
          data: { name: field.name },
        });
      }
    }
  },
});

/** Instance fields created as empty collections, in a field declaration or in the constructor. */
function collectionFields(
  durableObject: DurableObjectClass,
  uses: ReadonlyMap<string, readonly TSESTree.MemberExpression[]>,
): CollectionField[] {
  const fields = new Map<string, CollectionField>();
  for (const member of durableObject.node.body.body) {
    if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static || member.computed || !member.value) {
      continue;
    }
    const name = propertyName(member.key);
    if (name !== undefined && isEmptyCollection(member.value)) {
      fields.set(name, { name, reportNode: member.key });
    }
  }
  const constructorNode = durableObject.constructorNode;
  if (constructorNode) {
    for (const [name, nodes] of uses) {
      if (fields.has(name)) {
        continue;
      }
      const init = nodes.find((node) => {
        const parent = node.parent;
        return (
          isWithin(node, constructorNode) &&
          parent.type === AST_NODE_TYPES.AssignmentExpression &&
          parent.left === node &&
          isEmptyCollection(parent.right)
        );
      });
      if (init) {
        fields.set(name, { name, reportNode: init });
      }
    }
  }
  return [...fields.values()];
}

function isEmptyCollection(node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  switch (value.type) {
    case AST_NODE_TYPES.NewExpression:
      return (
        value.callee.type === AST_NODE_TYPES.Identifier &&
        COLLECTIONS.has(value.callee.name) &&
        value.arguments.length === 0
      );
    case AST_NODE_TYPES.ArrayExpression:
      return value.elements.length === 0;
    case AST_NODE_TYPES.ObjectExpression:
      return value.properties.length === 0;
    default:
      return false;
  }
}

function classifyUse(node: TSESTree.MemberExpression, durableObject: DurableObjectClass): FieldUse {
  const member = classMemberOf(node, durableObject);
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
    // Replacing the whole collection: a fill unless it is emptied again.
    const kind = isEmptyCollection(parent.right) ? "other" : "fill";
    return { node, member, kind, write: parent };
  }
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
    const call = parent.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
      const method = memberName(parent) ?? "";
      if (FILLING_METHODS.has(method)) {
        return { node, member, kind: "fill", write: call };
      }
      return { node, member, kind: EMPTYING_METHODS.has(method) ? "other" : "read", write: undefined };
    }
    if (call.type === AST_NODE_TYPES.AssignmentExpression && call.left === parent) {
      return { node, member, kind: "fill", write: call };
    }
    if (call.type === AST_NODE_TYPES.UnaryExpression && call.operator === "delete") {
      return { node, member, kind: "other", write: undefined };
    }
  }
  return { node, member, kind: "read", write: undefined };
}

/**
 * An entry that belongs to one connection: the socket itself is stored (as a key, a value or
 * inside one), or the entry is written where the object accepts the socket (or a framework's
 * `onConnect()`).
 */
function isPerConnectionFill(model: DurableObjectModel, durableObject: DurableObjectClass, use: FieldUse): boolean {
  const write = use.write;
  if (!write) {
    return false;
  }
  const values: TSESTree.Node[] =
    write.type === AST_NODE_TYPES.CallExpression
      ? write.arguments
      : write.type === AST_NODE_TYPES.AssignmentExpression
        ? [write.right, ...(write.left.type === AST_NODE_TYPES.MemberExpression && write.left.computed ? [write.left.property] : [])]
        : [];
  if (values.some((value) => holdsSocket(model, value))) {
    return true;
  }
  const member = use.member;
  return (
    member !== undefined &&
    member !== durableObject.constructorNode &&
    (durableObject.acceptWebSocketCalls.some((call) => isWithin(call, member)) ||
      // A framework accepts the connection and then calls `onConnect()`.
      member === durableObject.connectionHandlers.get("onConnect"))
  );
}

function holdsSocket(model: DurableObjectModel, node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    return value.properties.some(
      (property) => property.type === AST_NODE_TYPES.Property && isServerSocket(model, property.value),
    );
  }
  if (value.type === AST_NODE_TYPES.ArrayExpression) {
    return value.elements.some((element) => element !== null && isServerSocket(model, element));
  }
  return isServerSocket(model, value);
}

function isServerSocket(model: DurableObjectModel, node: TSESTree.Node): boolean {
  const origin = model.socketOf(node)?.origin;
  return origin === "pairServer" || origin === "hibernatable";
}

/**
 * A fill that rebuilds the collection: inside a loop or callback over `getWebSockets()` (or a
 * framework's `this.getConnections()`), a
 * write whose value comes from `getWebSockets()` or `deserializeAttachment()`, or a write
 * after a `deserializeAttachment()` call in the same member (refilling a lookup miss).
 */
function isRestoringFill(
  use: FieldUse,
  calls: {
    readonly getWebSockets: readonly TSESTree.CallExpression[];
    readonly deserializeAttachment: readonly TSESTree.CallExpression[];
  },
): boolean {
  const write = use.write;
  if (!write) {
    return false;
  }
  if (containsAny(write, calls.getWebSockets) || containsAny(write, calls.deserializeAttachment)) {
    return true;
  }
  for (let ancestor: TSESTree.Node | undefined = write.parent; ancestor && ancestor !== use.member; ancestor = ancestor.parent) {
    if (ancestor.type === AST_NODE_TYPES.ForOfStatement && containsAny(ancestor.right, calls.getWebSockets)) {
      return true;
    }
    if (ancestor.type === AST_NODE_TYPES.CallExpression && containsAny(ancestor.callee, calls.getWebSockets)) {
      return true;
    }
  }
  const member = use.member;
  return (
    member !== undefined &&
    calls.deserializeAttachment.some((call) => isWithin(call, member) && call.range[1] <= write.range[0])
  );
}

function classMemberOf(node: TSESTree.Node, durableObject: DurableObjectClass): ClassMember | undefined {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (current.parent === durableObject.node.body) {
      return current as ClassMember;
    }
  }
  return undefined;
}

function containsAny(outer: TSESTree.Node, nodes: readonly TSESTree.Node[]): boolean {
  return nodes.some((node) => isWithin(node, outer));
}
