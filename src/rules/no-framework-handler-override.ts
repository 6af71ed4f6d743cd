import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import {
  type DurableObjectClass,
  type Framework,
  type MethodLikeNode,
  getDurableObjectModel,
} from "../analysis/index.js";
import { classMemberOf, memberName } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";

export type Options = [];
export type MessageIds =
  | "overriddenAgentAlarm"
  | "overriddenAlarm"
  | "overriddenFetch"
  | "overriddenHandler"
  | "renameToHandler";

/** The runtime's handlers the frameworks define, and the method each hands the event to. */
const FORWARDED_HANDLERS: ReadonlyMap<string, string> = new Map([
  ["webSocketMessage", "onMessage"],
  ["webSocketClose", "onClose"],
  ["webSocketError", "onError"],
]);

const BASE_CLASS: Readonly<Record<Framework, string>> = {
  partyserver: "partyserver's `Server`",
  agents: "`Agent`",
};

export default createRule<Options, MessageIds>({
  name: "no-framework-handler-override",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Disallow overriding the runtime handlers that partyserver and agents define",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      overriddenHandler:
        "This `{{name}}()` replaces the one {{base}} defines to hand the event to `{{handler}}()`, so `{{handler}}()` never runs and the framework's own work for the connection is skipped. Move the code into `{{handler}}()`, or call `super.{{name}}()`.",
      overriddenFetch:
        "This `fetch()` never calls `super.fetch()`, where {{base}} accepts WebSocket connections and routes requests, so no connection reaches the framework and `onConnect()`, `onMessage()` and `onRequest()` never run. Return `super.fetch(request)` for the requests the framework should handle, or move the code into `onRequest()`.",
      overriddenAlarm:
        "This `alarm()` replaces the one in which partyserver's `Server` starts the server (`onStart()`) and runs `onAlarm()`, so `onAlarm()` never runs. Move the code into `onAlarm()`, or call `super.alarm()`.",
      overriddenAgentAlarm:
        "This `alarm()` replaces the one in which `Agent` runs its schedules, queue and retries, so callbacks scheduled with `this.schedule()` never run. Schedule work with `this.schedule()` and remove `alarm()`.",
      renameToHandler: "Rename `{{name}}` to `{{handler}}`.",
    },
    schema: [],
  },
  create(context) {
    const model = getDurableObjectModel(context);
    const frameworkClasses = model.durableObjects.filter((durableObject) => durableObject.framework !== undefined);
    if (frameworkClasses.length === 0) {
      return {};
    }
    /** Class members whose code reads `super.name`, by name. */
    const superUses = new Map<TSESTree.Node, Set<string>>();

    return {
      "MemberExpression[object.type='Super']"(node: TSESTree.MemberExpression) {
        const name = memberName(node);
        const member = name === undefined ? undefined : classMemberOf(node);
        if (name !== undefined && member) {
          let names = superUses.get(member);
          if (!names) {
            names = new Set();
            superUses.set(member, names);
          }
          names.add(name);
        }
      },
      "Program:exit"() {
        for (const durableObject of frameworkClasses) {
          check(durableObject);
        }
      },
    };

    function check(durableObject: DurableObjectClass): void {
      const framework = durableObject.framework;
      if (framework === undefined) {
        return;
      }
      const base = BASE_CLASS[framework];
      for (const [name, member] of durableObject.methods) {
        if (member.static || callsSuper(member, name)) {
          continue;
        }
        const handler = FORWARDED_HANDLERS.get(name);
        if (handler !== undefined) {
          // Without hibernation the framework listens on its sockets, and the runtime never calls these.
          if (!acceptsForHibernation(durableObject)) {
            continue;
          }
          context.report({
            node: member.key,
            messageId: "overriddenHandler",
            data: { base, name, handler },
            suggest: renameSuggestion(durableObject, member, name, handler),
          });
        } else if (name === "fetch") {
          context.report({ node: member.key, messageId: "overriddenFetch", data: { base } });
        } else if (name === "alarm") {
          reportAlarm(durableObject, member, framework);
        }
      }
    }

    function reportAlarm(durableObject: DurableObjectClass, member: MethodLikeNode, framework: Framework): void {
      if (framework === "agents") {
        context.report({ node: member.key, messageId: "overriddenAgentAlarm" });
        return;
      }
      context.report({
        node: member.key,
        messageId: "overriddenAlarm",
        suggest: renameSuggestion(durableObject, member, "alarm", "onAlarm"),
      });
    }

    function acceptsForHibernation(durableObject: DurableObjectClass): boolean {
      return durableObject.framework === "agents" || durableObject.hibernateOption === true;
    }

    /** `super.name` anywhere in the method: the framework's handler still runs. */
    function callsSuper(member: MethodLikeNode, name: string): boolean {
      return superUses.get(member)?.has(name) ?? false;
    }

    /**
     * The framework's method takes the same parameters in the same order, so the body can move
     * as it is, unless the class already defines that method.
     */
    function renameSuggestion(
      durableObject: DurableObjectClass,
      member: MethodLikeNode,
      name: string,
      handler: string,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      if (durableObject.methods.has(handler) || member.key.type === AST_NODE_TYPES.PrivateIdentifier || member.computed) {
        return [];
      }
      const key = member.key;
      return [
        {
          messageId: "renameToHandler",
          data: { name, handler },
          fix: (fixer) => fixer.replaceText(key, key.type === AST_NODE_TYPES.Identifier ? handler : JSON.stringify(handler)),
        },
      ];
    }
  },
});
