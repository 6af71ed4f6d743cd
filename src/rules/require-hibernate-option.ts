import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, type DurableObjectModel, getDurableObjectModel } from "../analysis/index.js";
import { isYjsServer, ownHibernateOption } from "../analysis/frameworks.js";
import { classMemberOf, keyName, memberName, skipTypeWrappers } from "../util/ast.js";
import { createRule } from "../util/create-rule.js";

export type Options = [];
export type MessageIds = "addHibernateOption" | "missingHibernateOption";

/** What a class that uses its connections defines or calls. */
const CONNECTION_MEMBERS = new Set([
  "onConnect",
  "onMessage",
  "onClose",
  "onError",
  "getConnectionTags",
  "broadcast",
  "getConnections",
  "getConnection",
]);
const OPTION = "static options = { hibernate: true };";

export default createRule<Options, MessageIds>({
  name: "require-hibernate-option",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Require `static options = { hibernate: true }` on partyserver servers that accept connections",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      missingHibernateOption:
        "Without `static options = { hibernate: true }`, partyserver accepts this server's WebSockets with `accept()` and event listeners, so the Durable Object never hibernates and is billed for every second a client stays connected. Add `static options = { hibernate: true };` to the class.",
      addHibernateOption: "Add `hibernate: true` to the class's static options.",
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    const servers = model.durableObjects.filter(
      (durableObject) => durableObject.framework === "partyserver" && durableObject.hibernateOption === false,
    );
    if (servers.length === 0) {
      return {};
    }

    /** Class members whose code reads `super.fetch`. */
    const superFetchCallers = new Set<TSESTree.Node>();

    return {
      "MemberExpression[object.type='Super']"(node: TSESTree.MemberExpression) {
        const member = memberName(node) === "fetch" ? classMemberOf(node) : undefined;
        if (member) {
          superFetchCallers.add(member);
        }
      },
      "Program:exit"() {
        for (const server of servers) {
          if (
            isExtended(model, server) ||
            !(usesConnections(model, server, superFetchCallers) || extendsYjsServer(server)) ||
            !isOptionLeftOut(server)
          ) {
            continue;
          }
          const classNode = server.node;
          const loc = classNode.id?.loc ?? sourceCode.getFirstToken(classNode)?.loc ?? classNode.loc;
          const fix = optionFix(classNode);
          context.report({
            loc,
            messageId: "missingHibernateOption",
            suggest: fix ? [{ messageId: "addHibernateOption", fix }] : [],
          });
        }
      },
    };

    /**
     * No class up the chain sets `hibernate` at all: `Server`'s default applies. A chain that
     * says `hibernate: false` chose to stay awake.
     */
    function isOptionLeftOut(server: DurableObjectClass): boolean {
      return chain(server).every((current) => ownHibernateOption(sourceCode, current.node).kind === "inherited");
    }

    function extendsYjsServer(server: DurableObjectClass): boolean {
      const superClass = chain(server).at(-1)?.node.superClass;
      return superClass !== null && superClass !== undefined && isYjsServer(sourceCode, superClass);
    }

    /** Adds `hibernate: true` to the class's `static options` literal, or the whole option to the class. */
    function optionFix(classNode: DurableObjectClass["node"]): TSESLint.ReportFixFunction | undefined {
      const options = classNode.body.body.find(
        (member): member is TSESTree.PropertyDefinition =>
          member.type === AST_NODE_TYPES.PropertyDefinition && member.static && keyName(member) === "options",
      );
      if (options) {
        const value = options.value && skipTypeWrappers(options.value);
        if (value?.type !== AST_NODE_TYPES.ObjectExpression) {
          return undefined;
        }
        const openBrace = sourceCode.getFirstToken(value);
        if (!openBrace) {
          return undefined;
        }
        const text = value.properties.length === 0 ? " hibernate: true " : " hibernate: true,";
        return (fixer) => fixer.insertTextAfter(openBrace, text);
      }
      const [first] = classNode.body.body;
      if (first) {
        const indent = " ".repeat(first.loc.start.column);
        return (fixer) => fixer.insertTextBefore(first, `${OPTION}\n${indent}`);
      }
      const indent = /^\s*/.exec(sourceCode.lines[classNode.loc.start.line - 1] ?? "")?.[0] ?? "";
      return (fixer) => fixer.replaceText(classNode.body, `{\n${indent}  ${OPTION}\n${indent}}`);
    }
  },
});

/** A class of the file extends it: the option belongs on the class that is used. */
function isExtended(model: DurableObjectModel, server: DurableObjectClass): boolean {
  return model.durableObjects.some((other) => other.baseClass === server);
}

/**
 * The class, or a local base class, defines a connection handler or `getConnectionTags()`, or
 * uses its connections (`this.broadcast()`, `this.getConnections()`), and lets `Server.fetch()`
 * accept them: a `fetch()` of its own that never calls `super.fetch()` accepts none.
 */
function usesConnections(
  model: DurableObjectModel,
  server: DurableObjectClass,
  superFetchCallers: ReadonlySet<TSESTree.Node>,
): boolean {
  const classes = chain(server);
  const fetch = classes.map((current) => current.methods.get("fetch")).find((member) => member !== undefined);
  if (fetch && !superFetchCallers.has(fetch)) {
    return false;
  }
  return classes.some(
    (current) =>
      [...current.methods.keys()].some((name) => CONNECTION_MEMBERS.has(name)) ||
      [...model.thisMemberUses(current).keys()].some((name) => CONNECTION_MEMBERS.has(name)),
  );
}

/** The class and its local base classes, nearest first. */
function chain(durableObject: DurableObjectClass): DurableObjectClass[] {
  const classes: DurableObjectClass[] = [];
  for (let current: DurableObjectClass | undefined = durableObject; current; current = current.baseClass) {
    if (classes.includes(current)) {
      break;
    }
    classes.push(current);
  }
  return classes;
}
