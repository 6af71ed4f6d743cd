import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, type SocketInfo, getDurableObjectModel } from "../analysis/index.js";
import { importedNameOf, memberCall, memberName } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { MIGRATE_TO_HIBERNATION_MESSAGE, MigrationPlanner, isRefusal } from "../util/migration.js";

export type Options = [];
export type MessageIds =
  | "acceptedTwice"
  | "acceptHibernatable"
  | "honoUpgrade"
  | "migrateToHibernation"
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
  onlyInDurableObjects: true,
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

    // Imports sit at the top level of a module: without one from Hono's adapter, no call is its upgrade.
    const importsHono = sourceCode.ast.body.some(
      (statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && HONO_WORKERS_MODULES.has(statement.source.value),
    );
    if (!importsHono && model.callsNamed(ACCEPT).length === 0) {
      return {};
    }
    const planner = new MigrationPlanner(context, model);
    /** Standard accepts, reported once the walk has seen what a migration depends on. */
    const standardAccepts: { node: TSESTree.CallExpression; socketNode: TSESTree.Expression; owner: DurableObjectClass }[] = [];

    return {
      CallExpression(node) {
        planner.noteCall(node);
        if (importsHono && isHonoUpgrade(node)) {
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
        if (socket.origin !== "pairServer" || isThrowAway(socket) || isRefusal(node, sourceCode)) {
          return;
        }
        if (model.isAcceptedForHibernation(socket)) {
          context.report({ node, messageId: "acceptedTwice", suggest: removalSuggestion(node) });
          return;
        }
        standardAccepts.push({ node, socketNode: call.object, owner });
      },
      NewExpression: (node) => planner.noteNew(node),
      ThisExpression: (node) => planner.noteThis(node),
      "Program:exit"() {
        for (const accept of standardAccepts) {
          context.report({ node: accept.node, messageId: "standardAccept", suggest: standardAcceptSuggestions(accept) });
        }
      },
    };

    /** `upgradeWebSocket(...)` imported from Hono's Workers adapter, under any local name. */
    function isHonoUpgrade(node: TSESTree.CallExpression): boolean {
      const imported = importedNameOf(sourceCode, node.callee);
      return imported !== undefined && imported.imported === HONO_UPGRADE && HONO_WORKERS_MODULES.has(imported.source);
    }

    /**
     * The migration to hibernation where it can be done; otherwise the replacement of the
     * accept alone, when the state is in reach.
     */
    function standardAcceptSuggestions(accept: (typeof standardAccepts)[number]): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const migration = planner.forAccept(accept.node);
      if (migration) {
        return [{ messageId: "migrateToHibernation", data: migration.data, fix: migration.fix }];
      }
      const stateText = model.stateHandleTextAt(accept.owner, accept.node);
      if (stateText === undefined) {
        return [];
      }
      const replacement = `${stateText}.acceptWebSocket(${sourceCode.getText(accept.socketNode)})`;
      return [
        {
          messageId: "useAcceptWebSocket",
          data: { replacement },
          fix: (fixer) => fixer.replaceText(accept.node, replacement),
        },
      ];
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
