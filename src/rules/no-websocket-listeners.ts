import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, type SocketInfo, getDurableObjectModel } from "../analysis/index.js";
import { thisClassAt } from "../analysis/walk.js";
import { memberCall, memberName, resolveVariable, skipTypeWrappers } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { MIGRATE_TO_HIBERNATION_MESSAGE, MigrationPlanner } from "../util/migration.js";
import { staticString } from "../util/static-value.js";

export type Options = [];
export type MessageIds = "listenerNeverFires" | "listenerPinsObject" | "migrateToHibernation";

const ADD_EVENT_LISTENER = new Set(["addEventListener"]);
const HANDLER_PROPERTIES = new Map([
  ["onmessage", "message"],
  ["onclose", "close"],
  ["onerror", "error"],
  ["onopen", "open"],
]);
/** Text that every assignment to one of `HANDLER_PROPERTIES` contains. */
const HANDLER_PROPERTY_TEXT = new RegExp([...HANDLER_PROPERTIES.keys()].join("|"));
const HANDLER_FOR_EVENT = new Map([
  ["message", "webSocketMessage()"],
  ["close", "webSocketClose()"],
  ["error", "webSocketError()"],
]);
const ANY_HANDLER = "webSocketMessage() / webSocketClose() / webSocketError()";
/** partyserver and `agents` hand a connection's events to these methods instead. */
const CONNECTION_HANDLER_FOR_EVENT = new Map([
  ["message", "onMessage()"],
  ["close", "onClose()"],
  ["error", "onError()"],
]);
const ANY_CONNECTION_HANDLER = "onMessage() / onClose() / onError()";

export default createRule<Options, MessageIds>({
  name: "no-websocket-listeners",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Disallow event listeners on server WebSockets in a Durable Object",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      listenerNeverFires:
        "This socket is accepted with `acceptWebSocket()`, so the runtime delivers its events to the object's handlers and this `{{event}}` listener never fires. Move its body into `{{handler}}`.",
      listenerPinsObject:
        "A `{{event}}` listener on a socket accepted with `accept()` keeps this Durable Object in memory while the socket is open, so it never hibernates. Accept the socket with `ctx.acceptWebSocket()` and move the body into `{{handler}}`.",
      migrateToHibernation: MIGRATE_TO_HIBERNATION_MESSAGE,
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (model.durableObjects.length === 0) {
      return {};
    }

    if (model.callsNamed(ADD_EVENT_LISTENER).length === 0 && !HANDLER_PROPERTY_TEXT.test(sourceCode.text)) {
      return {};
    }
    const planner = new MigrationPlanner(context, model);
    /** Listeners on sockets accepted with `accept()`, reported once the walk has seen what a migration depends on. */
    const pinning: { node: TSESTree.Node; socketNode: TSESTree.Expression; data: Record<string, string> }[] = [];

    return {
      CallExpression(node) {
        planner.noteCall(node);
        const call = memberCall(node, ADD_EVENT_LISTENER);
        const eventArgument = node.arguments[0];
        if (!call) {
          return;
        }
        const event = eventArgument && staticString(eventArgument, sourceCode);
        check(node, call.object, event);
      },
      AssignmentExpression(node) {
        const target = skipTypeWrappers(node.left);
        if (target.type !== AST_NODE_TYPES.MemberExpression) {
          return;
        }
        const event = HANDLER_PROPERTIES.get(memberName(target) ?? "");
        if (event !== undefined) {
          check(node, target.object, event);
        }
      },
      NewExpression: (node) => planner.noteNew(node),
      ThisExpression: (node) => planner.noteThis(node),
      "Program:exit"() {
        for (const { node, socketNode, data } of pinning) {
          const migration = planner.forSocket(socketNode);
          context.report({
            node,
            messageId: "listenerPinsObject",
            data,
            suggest: migration ? [{ messageId: "migrateToHibernation", data: migration.data, fix: migration.fix }] : [],
          });
        }
      },
    };

    function check(node: TSESTree.Node, socketNode: TSESTree.Expression, event: string | undefined): void {
      const owner = model.durableObjectAt(node);
      const socket = owner && model.socketOf(socketNode);
      if (!owner || !socket || (socket.origin !== "pairServer" && socket.origin !== "hibernatable")) {
        return;
      }
      const accepted = isAccepted(owner, socketNode, socket);
      // A framework hands the events of the sockets it accepted for hibernation to its own methods.
      const handler =
        accepted && owner.framework !== undefined
          ? (CONNECTION_HANDLER_FOR_EVENT.get(event ?? "") ?? ANY_CONNECTION_HANDLER)
          : (HANDLER_FOR_EVENT.get(event ?? "") ?? ANY_HANDLER);
      const data = { event: event ?? "event", handler };
      if (accepted) {
        context.report({ node, messageId: "listenerNeverFires", data });
      } else {
        pinning.push({ node, socketNode, data });
      }
    }

    /**
     * The model knows the sockets whose own variable is passed to `acceptWebSocket()`; this also
     * matches the same `pair[1]`, `this.field` or `const` alias passed there.
     */
    function isAccepted(owner: DurableObjectClass, socketNode: TSESTree.Node, socket: SocketInfo): boolean {
      if (model.isAcceptedForHibernation(socket)) {
        return true;
      }
      const path = accessPath(socketNode);
      return (
        path !== undefined &&
        owner.acceptWebSocketCalls.some((call) => {
          const argument = call.arguments[0];
          const accepted = argument && accessPath(argument);
          return accepted !== undefined && accepted.root === path.root && accepted.members === path.members;
        })
      );
    }

    /** What an expression reads, as a root (a variable or the instance) and the member names after it. */
    function accessPath(
      node: TSESTree.Node,
      followed = new Set<TSESLint.Scope.Variable>(),
    ): { root: object; members: string } | undefined {
      const expression = skipTypeWrappers(node);
      if (expression.type === AST_NODE_TYPES.ThisExpression) {
        const classNode = thisClassAt(expression);
        return classNode && { root: classNode, members: "" };
      }
      if (expression.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(expression);
        const object = name === undefined ? undefined : accessPath(expression.object, followed);
        return object && { root: object.root, members: `${object.members}[${JSON.stringify(name)}]` };
      }
      if (expression.type !== AST_NODE_TYPES.Identifier) {
        return undefined;
      }
      const variable = resolveVariable(sourceCode, expression);
      if (!variable || followed.has(variable)) {
        return undefined;
      }
      followed.add(variable);
      const alias = constAliasOf(variable);
      return (alias && accessPath(alias, followed)) ?? { root: variable, members: "" };
    }

    /** `const ws = server` or `const server = pair[1]`: the expression the variable always holds. */
    function constAliasOf(variable: TSESLint.Scope.Variable): TSESTree.Node | undefined {
      const definition = variable.defs[0];
      if (
        variable.defs.length !== 1 ||
        definition?.type !== "Variable" ||
        definition.parent.kind !== "const" ||
        definition.node.id !== definition.name ||
        !definition.node.init
      ) {
        return undefined;
      }
      const init = skipTypeWrappers(definition.node.init);
      return init.type === AST_NODE_TYPES.Identifier || init.type === AST_NODE_TYPES.MemberExpression ? init : undefined;
    }
  },
});
