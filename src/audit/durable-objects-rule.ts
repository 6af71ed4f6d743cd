import { ESLintUtils, type TSESTree } from "@typescript-eslint/utils";
import type { Rule } from "eslint";
import { type DurableObjectClass, type DurableObjectMarker, getDurableObjectModel } from "../analysis/index.js";
import { memberCall } from "../util/ast.js";

/**
 * Why a Durable Object hibernates or not, as far as its code shows:
 * - `acceptWebSocket`: it accepts its sockets with `ctx.acceptWebSocket()`;
 * - `handlers`: it defines hibernation handlers (`webSocketMessage()`, ...) but accepts no socket itself;
 * - `baseClass`: it extends a Durable Object of the same file that hibernates;
 * - `standardAccept`: it accepts its sockets with the standard `accept()`, which never hibernates;
 * - `noAcceptWebSocket`: it never calls `acceptWebSocket()`.
 */
export type HibernationReason =
  | "acceptWebSocket"
  | "agents"
  | "baseClass"
  | "handlers"
  | "hibernateOption"
  | "noAcceptWebSocket"
  | "noHibernateOption"
  | "standardAccept";

/** A range of source, as ESLint's messages count it: lines and columns from 1, the end column exclusive. */
export type SourceRange = readonly [line: number, column: number, endLine: number, endColumn: number];

/** What the audit learns about one Durable Object, carried in the text of the audit rule's message. */
export interface DurableObjectFacts {
  readonly name: string | null;
  readonly recognisedBy: DurableObjectMarker;
  readonly hibernates: boolean;
  readonly reason: HibernationReason;
  /** The handlers it defines (for `handlers`) or the base class (for `baseClass`). */
  readonly details: readonly string[];
  /** The class itself. */
  readonly range: SourceRange;
  /** Module-level functions of the file that run as part of the object. */
  readonly functionRanges: readonly SourceRange[];
}

export const AUDIT_NAMESPACE = "hibernation-audit";
export const AUDIT_RULE_NAME = "durable-objects";
export const AUDIT_RULE_ID = `${AUDIT_NAMESPACE}/${AUDIT_RULE_NAME}`;

const ACCEPT = new Set(["accept"]);

/**
 * The rule that lets the audit list the project's Durable Objects through ESLint itself: one
 * message per Durable Object, at its name, whose text is its facts as JSON. It belongs to the
 * audit command only (it is in no config of the plugin), which takes these messages apart
 * from the findings. `onFile` hears of each file as ESLint starts linting it.
 */
export function createDurableObjectsRule(onFile: (filename: string) => void): Rule.RuleModule {
  const rule = ESLintUtils.RuleCreator.withoutDocs<[], "durableObject">({
    meta: {
      type: "suggestion",
      docs: { description: "Report each Durable Object with what the audit shows about it" },
      messages: { durableObject: "{{facts}}" },
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      onFile(context.physicalFilename);
      const model = getDurableObjectModel(context);
      if (model.durableObjects.length === 0) {
        return {};
      }
      const standardAccepts = new Set<DurableObjectClass>();

      return {
        CallExpression(node) {
          const call = memberCall(node, ACCEPT);
          if (!call || node.arguments.length > 0) {
            return;
          }
          const owner = model.durableObjectAt(node);
          const socket = owner && model.socketOf(call.object);
          if (owner && socket?.origin === "pairServer" && !model.isAcceptedForHibernation(socket)) {
            standardAccepts.add(owner);
          }
        },
        "Program:exit"() {
          for (const durableObject of model.durableObjects) {
            const facts: DurableObjectFacts = {
              name: durableObject.name ?? null,
              recognisedBy: durableObject.marker,
              hibernates: durableObject.hibernates,
              ...hibernation(durableObject, standardAccepts.has(durableObject)),
              range: rangeOf(durableObject.node),
              functionRanges: [...durableObject.moduleFunctions].map(rangeOf),
            };
            context.report({
              node: durableObject.node.id ?? durableObject.node,
              messageId: "durableObject",
              data: { facts: JSON.stringify(facts) },
            });
          }
        },
      };
    },
  });
  return rule as unknown as Rule.RuleModule;
}

function hibernation(
  durableObject: DurableObjectClass,
  acceptsStandard: boolean,
): Pick<DurableObjectFacts, "details" | "reason"> {
  // A framework class hibernates by the framework's rule, whatever methods it overrides.
  if (durableObject.framework === "agents") {
    return { reason: "agents", details: [] };
  }
  if (durableObject.framework === "partyserver") {
    return { reason: durableObject.hibernates ? "hibernateOption" : "noHibernateOption", details: [] };
  }
  if (durableObject.acceptWebSocketCalls.length > 0) {
    return { reason: "acceptWebSocket", details: [] };
  }
  if (durableObject.handlers.size > 0) {
    return { reason: "handlers", details: [...durableObject.handlers.keys()] };
  }
  const base = durableObject.baseClass;
  if (durableObject.hibernates && base) {
    return { reason: "baseClass", details: base.name === undefined ? [] : [base.name] };
  }
  return { reason: acceptsStandard ? "standardAccept" : "noAcceptWebSocket", details: [] };
}

function rangeOf(node: TSESTree.Node): SourceRange {
  const { start, end } = node.loc;
  return [start.line, start.column + 1, end.line, end.column + 1];
}
