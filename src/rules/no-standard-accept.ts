import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { importedNameOf } from "../analysis/frameworks.js";
import { type SocketInfo, getDurableObjectModel } from "../analysis/index.js";
import { memberCall, memberName } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";

export type Options = [];
export type MessageIds =
  | "acceptedTwice"
  | "acceptHibernatable"
  | "honoUpgrade"
  | "removeAccept"
  | "standardAccept"
  | "useAcceptWebSocket";

const ACCEPT = new Set(["accept"]);
/**
 * Hono's WebSocket helper for Workers: `hono/cloudflare-workers`, and the package its
 * deprecation notice points to. It accepts the server socket with `accept()` and listens for
 * its events.
 */
const HONO_WORKERS_MODULES = new Set(["hono/cloudflare-workers", "@hono/cloudflare-workers"]);
const HONO_UPGRADE = "upgradeWebSocket";
/** What a socket that is refused at once is used for: an error frame, then close. */
const THROW_AWAY_MEMBERS = new Set(["accept", "send", "close"]);

export default createRule<Options, MessageIds>({
  name: "no-standard-accept",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow the standard `accept()` on server WebSockets in a Durable Object",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      standardAccept:
        "`accept()` keeps this Durable Object in memory for as long as the socket is open, so it never hibernates and is billed for every connected second. Accept the socket with `ctx.acceptWebSocket()` and handle its events in `webSocketMessage()` / `webSocketClose()`.",
      acceptedTwice:
        "This socket is also passed to `acceptWebSocket()`, and the runtime throws when a socket is accepted both ways. Remove this `accept()` call.",
      acceptHibernatable:
        "Sockets from `getWebSockets()` and the hibernation handlers are already accepted, so `accept()` throws \"Can't accept() WebSocket after enabling hibernation.\" Remove the call.",
      honoUpgrade:
        "Hono's `upgradeWebSocket()` accepts the socket with the standard `accept()` and event listeners, so this Durable Object stays in memory while the client is connected and never hibernates. Accept the socket in the object's `fetch()` with `ctx.acceptWebSocket()` and handle its events in `webSocketMessage()` / `webSocketClose()`.",
      useAcceptWebSocket: "Replace with `{{replacement}}`.",
      removeAccept: "Remove the `accept()` call.",
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (model.durableObjects.length === 0) {
      return {};
    }

    return {
      CallExpression(node) {
        if (isHonoUpgrade(node)) {
          if (model.durableObjectAt(node)) {
            context.report({ node: node.callee, messageId: "honoUpgrade" });
          }
          return;
        }
        const call = memberCall(node, ACCEPT);
        if (!call || node.arguments.length > 0) {
          return;
        }
        const owner = model.durableObjectAt(node);
        const socket = owner && model.socketOf(call.object);
        if (!owner || !socket) {
          return;
        }
        if (socket.origin === "hibernatable") {
          context.report({ node, messageId: "acceptHibernatable", suggest: removalSuggestion(node) });
          return;
        }
        if (socket.origin !== "pairServer" || isThrowAway(socket) || isClosedRightAfter(node, call.object)) {
          return;
        }
        if (model.isAcceptedForHibernation(socket)) {
          context.report({ node, messageId: "acceptedTwice", suggest: removalSuggestion(node) });
          return;
        }
        const stateText = model.stateHandleTextAt(owner, node);
        const replacement =
          stateText === undefined ? undefined : `${stateText}.acceptWebSocket(${sourceCode.getText(call.object)})`;
        context.report({
          node,
          messageId: "standardAccept",
          suggest:
            replacement === undefined
              ? []
              : [
                  {
                    messageId: "useAcceptWebSocket",
                    data: { replacement },
                    fix: (fixer) => fixer.replaceText(node, replacement),
                  },
                ],
        });
      },
    };

    /** `upgradeWebSocket(...)` imported from Hono's Workers adapter, under any local name. */
    function isHonoUpgrade(node: TSESTree.CallExpression): boolean {
      const imported = importedNameOf(sourceCode, node.callee);
      return imported !== undefined && imported.imported === HONO_UPGRADE && HONO_WORKERS_MODULES.has(imported.source);
    }

    /**
     * `server.accept(); server.send(reason); server.close(code)` in one block: a refusal that
     * closes the socket before the object could hibernate, even when other branches keep it.
     */
    function isClosedRightAfter(node: TSESTree.CallExpression, socketNode: TSESTree.Expression): boolean {
      const statement = node.parent;
      const statements = statement.type === AST_NODE_TYPES.ExpressionStatement ? siblingStatements(statement) : undefined;
      if (!statements) {
        return false;
      }
      const socketText = sourceCode.getText(socketNode);
      for (const next of statements.slice(statements.indexOf(statement) + 1)) {
        if (next.type === AST_NODE_TYPES.VariableDeclaration) {
          continue;
        }
        const expression = next.type === AST_NODE_TYPES.ExpressionStatement ? next.expression : undefined;
        const call = expression?.type === AST_NODE_TYPES.CallExpression ? memberCall(expression) : undefined;
        if (!call || sourceCode.getText(call.object) !== socketText) {
          return false;
        }
        if (call.name === "close") {
          return true;
        }
        if (call.name !== "send") {
          return false;
        }
      }
      return false;
    }

    function removalSuggestion(
      node: TSESTree.CallExpression,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const statement = node.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) {
        return [];
      }
      return [{ messageId: "removeAccept", fix: (fixer) => fixer.remove(statement) }];
    }
  },
});

/** The statement list `statement` is in: a block, the program, or a `case` of a `switch`. */
function siblingStatements(statement: TSESTree.Statement): readonly TSESTree.Node[] | undefined {
  const parent = statement.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.StaticBlock:
      return parent.body;
    case AST_NODE_TYPES.SwitchCase:
      return parent.consequent;
    default:
      return undefined;
  }
}

/**
 * A socket that is accepted only to send an error and close at once (refusing a client with
 * a reason) is gone before the object could hibernate.
 */
function isThrowAway(socket: SocketInfo): boolean {
  const variable = socket.variable;
  if (!variable) {
    return false;
  }
  let closes = false;
  for (const reference of variable.references) {
    if (reference.init) {
      continue;
    }
    const parent = reference.identifier.parent;
    if (
      parent?.type !== AST_NODE_TYPES.MemberExpression ||
      parent.object !== reference.identifier ||
      parent.parent.type !== AST_NODE_TYPES.CallExpression ||
      parent.parent.callee !== parent
    ) {
      return false;
    }
    const name = memberName(parent);
    if (name === undefined || !THROW_AWAY_MEMBERS.has(name)) {
      return false;
    }
    closes ||= name === "close";
  }
  return closes;
}
