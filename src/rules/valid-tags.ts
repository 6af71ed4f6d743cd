import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { type DurableObjectClass, getDurableObjectModel } from "../analysis/index.js";
import {
  type FunctionNode,
  enclosingFunction,
  isFunctionNode,
  memberCall,
  propertyName,
  resolveVariable,
  skipTypeWrappers,
} from "../util/ast.js";
import { createRule } from "../util/create-rule.js";
import { type StaticValue, staticValue, utf8ByteLength } from "../util/static-value.js";

export type Options = [
  {
    maxTags?: number;
    maxTagBytes?: number;
  },
];
export type MessageIds =
  | "connectionTagTooLong"
  | "emptyConnectionTag"
  | "nestedArrayTag"
  | "nonStringConnectionTag"
  | "nullishTag"
  | "objectTag"
  | "spreadArray"
  | "tagsNotArray"
  | "tagTooLong"
  | "tooManyConnectionTags"
  | "tooManyTags"
  | "unmatchableTag"
  | "wrapInArray";

const TAG_METHODS = new Set(["acceptWebSocket", "getWebSockets"]);
/** The method of a framework class that returns the tags of a new connection. */
const CONNECTION_TAGS = "getConnectionTags";
/** `room.ctx.acceptWebSocket(...)`: a Durable Object's state reached through another object. */
const STATE_MEMBER_NAMES = new Set(["ctx", "state"]);
/** Keys that let an object decide the text it converts to (`__proto__` sets its prototype). */
const CONVERSION_KEYS = new Set(["toString", "valueOf", "__proto__"]);
/** Const arrays spread into each other are followed this deep, which no real tag list reaches. */
const MAX_SPREAD_DEPTH = 8;
/** Entries past this many only confirm a count that is far over any limit. */
const MAX_LISTED_ENTRIES = 1024;

/** One entry of a tags array as far as the source shows it. */
interface TagEntry {
  /** The element, when it is written in the tags argument itself. */
  readonly element: TSESTree.Expression | undefined;
  readonly value: StaticValue;
  /** Entries with the same key are the same tag; the runtime keeps one of them. */
  readonly key: unknown;
}

interface Problem {
  readonly messageId: MessageIds;
  readonly data: Record<string, number | string>;
  readonly suggest?: readonly TSESLint.SuggestionReportDescriptor<MessageIds>[];
}

interface TagList {
  readonly entries: readonly TagEntry[];
  /** False when an unknown spread adds entries the list leaves out. */
  readonly complete: boolean;
}

export default createRule<Options, MessageIds>({
  name: "valid-tags",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Enforce WebSocket tags the runtime accepts",
      recommended: "recommended",
    },
    hasSuggestions: true,
    messages: {
      tooManyTags:
        'This array lists {{count}} tags, so `acceptWebSocket()` throws "a Hibernatable WebSocket cannot have more than {{limit}} tags" and the connection fails. Keep at most {{limit}} tags and store the rest in the socket\'s attachment.',
      tagTooLong:
        'This tag is {{size}} UTF-8 bytes, over the {{limit}}-byte limit, so `acceptWebSocket()` throws "… is longer than the max tag length" and the connection fails. Use a short tag such as an id or a hash, and keep the long value in the attachment.',
      tagsNotArray:
        "`acceptWebSocket()` takes its tags as an array, so passing {{kind}} throws \"parameter 2 is not of type 'Array'.\" and the connection fails. Pass an array of strings, such as `[tag]`.",
      objectTag:
        'Tags are converted to strings, so this object becomes the tag "{{tag}}", the same for every such object, and `getWebSockets()` cannot tell the sockets apart. Use a string, such as an id taken from the object.',
      nullishTag:
        '`{{value}}` is not skipped: it becomes the tag "{{value}}", shared by every socket accepted this way. Leave it out of the array, or use a string.',
      nestedArrayTag:
        'This array inside the tags becomes the single tag "{{tag}}", not one tag per entry. Spread it with `...` to add each entry as a tag.',
      unmatchableTag:
        "This tag is {{size}} UTF-8 bytes, over the {{limit}}-byte limit, so no socket can carry it: `getWebSockets()` returns an empty array without an error. Use the same short tag the socket was accepted with.",
      tooManyConnectionTags:
        '`getConnectionTags()` returns {{count}} tags and the framework adds the connection id as one more, so it throws "A connection can only have {{max}} tags, including the default id tag." and the connection fails. Return at most {{limit}} tags and keep the rest in the connection\'s state.',
      emptyConnectionTag:
        'The framework throws "A connection tag must not be an empty string." for this tag, so the connection fails. Leave empty tags out of the array.',
      nonStringConnectionTag:
        'The framework accepts only strings as tags and throws "A connection tag must be a string. Received: {{value}}" for this one, so the connection fails. Return a string, such as an id.',
      connectionTagTooLong:
        "This tag is {{size}}, over the limit of {{limit}}, so accepting the connection throws and it fails. Use a short tag such as an id or a hash, and keep the long value in the connection's state.",
      wrapInArray: "Wrap the tag in an array: `[{{text}}]`.",
      spreadArray: "Spread the array into the tags.",
    },
    schema: [
      {
        type: "object",
        properties: {
          maxTags: {
            type: "integer",
            minimum: 1,
            description:
              "The most tags the runtime accepts on one socket; `acceptWebSocket()` throws beyond it. Follows the runtime's current limit by default.",
          },
          maxTagBytes: {
            type: "integer",
            minimum: 1,
            description:
              "The longest tag the runtime accepts, in UTF-8 bytes; `acceptWebSocket()` throws beyond it and `getWebSockets()` never matches. Follows the runtime's current limit by default.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxTags: 10, maxTagBytes: 256 }],
  },
  create(context, [{ maxTags = 10, maxTagBytes = 256 }]) {
    const sourceCode = context.sourceCode;
    const model = getDurableObjectModel(context);
    if (model.durableObjects.length === 0) {
      return {};
    }

    /** The `getConnectionTags` methods of framework objects: the framework checks the tags they return. */
    const tagFunctions = new Map<FunctionNode, DurableObjectClass>();
    for (const durableObject of model.durableObjects) {
      const fn = durableObject.framework === undefined ? undefined : durableObject.methods.get(CONNECTION_TAGS)?.value;
      if (fn && isFunctionNode(fn)) {
        tagFunctions.set(fn, durableObject);
        if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
          checkConnectionTags(fn.body, durableObject);
        }
      }
    }

    return {
      ReturnStatement(node) {
        const fn = node.argument && enclosingFunction(node);
        const owner = fn && tagFunctions.get(fn);
        if (node.argument && owner) {
          checkConnectionTags(node.argument, owner);
        }
      },
      Program() {
        for (const node of model.callsNamed(TAG_METHODS)) {
          checkCall(node);
        }
      },
    };

    function checkCall(node: TSESTree.CallExpression): void {
      const call = memberCall(node, TAG_METHODS);
      if (
        !call ||
        !model.durableObjectAt(node) ||
        !isStateReceiver(call.object) ||
        !model.mayBe(call.object, "DurableObjectState")
      ) {
        return;
      }
      if (call.name === "acceptWebSocket") {
        checkAccept(node);
      } else {
        checkLookup(node);
      }
    }

    function checkAccept(node: TSESTree.CallExpression): void {
      const tags = node.arguments[1];
      if (!tags || tags.type === AST_NODE_TYPES.SpreadElement || node.arguments[0]?.type === AST_NODE_TYPES.SpreadElement) {
        return;
      }
      const list = tagList(tags, true, 0, new Set());
      if (!list) {
        reportNotArray(tags);
        return;
      }
      checkCount(tags, list);
      // A constant spread twice repeats its entries: report each problem once per place.
      const reported = new Set<string>();
      for (const entry of list.entries) {
        const problem = entryProblem(entry);
        const node = entry.element ?? tags;
        const key = `${node.range.join(":")} ${problem?.messageId} ${JSON.stringify(problem?.data)}`;
        if (problem && !reported.has(key)) {
          reported.add(key);
          context.report({ node, ...problem });
        }
      }
    }

    /**
     * partyserver and `agents` put the connection id in front of the tags `getConnectionTags()`
     * returns and check them before `acceptWebSocket()` does: at most 10 in all, duplicates
     * included, each a non-empty string of at most 256 UTF-16 code units, which the runtime
     * then checks for 256 UTF-8 bytes when the connection hibernates.
     */
    function checkConnectionTags(returned: TSESTree.Expression, owner: DurableObjectClass): void {
      const list = tagList(returned, true, 0, new Set());
      if (!list) {
        return;
      }
      const limit = maxTags - 1;
      if (list.entries.length > limit) {
        const count = list.complete ? String(list.entries.length) : `at least ${list.entries.length}`;
        context.report({ node: returned, messageId: "tooManyConnectionTags", data: { count, limit, max: maxTags } });
      }
      const reported = new Set<TSESTree.Node>();
      for (const entry of list.entries) {
        const node = entry.element ?? returned;
        const problem = connectionTagProblem(entry, owner);
        if (problem && !reported.has(node)) {
          reported.add(node);
          context.report({ node, ...problem });
        }
      }
    }

    function connectionTagProblem(entry: TagEntry, owner: DurableObjectClass): Problem | undefined {
      const { value } = entry;
      if (value.kind === "unknown") {
        return undefined;
      }
      if (typeof value.value !== "string") {
        return value.kind === "exact" && !(value.value instanceof Map || value.value instanceof Set || value.value instanceof Date)
          ? { messageId: "nonStringConnectionTag", data: { value: abbreviate(tagText(value.value) ?? "[object Object]") } }
          : undefined;
      }
      if (value.value === "" && value.kind === "exact") {
        return { messageId: "emptyConnectionTag", data: {} };
      }
      // Only a hibernating connection reaches the runtime's check of UTF-8 bytes.
      const size = owner.hibernates ? utf8ByteLength(value.value) : value.value.length;
      if (size <= maxTagBytes) {
        return undefined;
      }
      const unit = owner.hibernates ? "UTF-8 bytes" : "characters";
      return {
        messageId: "connectionTagTooLong",
        data: { size: `${value.kind === "exact" ? "" : "at least "}${size} ${unit}`, limit: `${maxTagBytes} ${unit}` },
      };
    }

    function checkLookup(node: TSESTree.CallExpression): void {
      const [tag] = node.arguments;
      if (!tag || tag.type === AST_NODE_TYPES.SpreadElement) {
        return;
      }
      const size = oversizedTag(staticValue(tag, sourceCode));
      if (size !== undefined) {
        context.report({ node: tag, messageId: "unmatchableTag", data: { size, limit: maxTagBytes } });
      }
    }

    /**
     * The runtime drops duplicate tags as it goes, but throws as soon as an entry follows
     * `maxTags` distinct ones, even when that entry is a duplicate. Entries an unknown spread
     * adds only make it throw sooner, so the known entries are a safe lower bound.
     */
    function checkCount(tags: TSESTree.Expression, list: TagList): void {
      const seen = new Set<unknown>();
      const entries = list.entries;
      for (const entry of entries.slice(0, -1)) {
        seen.add(entry.key);
      }
      if (seen.size < maxTags) {
        return;
      }
      const count = list.complete ? String(entries.length) : `at least ${entries.length}`;
      context.report({ node: tags, messageId: "tooManyTags", data: { count, limit: maxTags } });
    }

    /** What is wrong with one entry of a tags array, if anything is known to be. */
    function entryProblem(entry: TagEntry): Problem | undefined {
      const size = oversizedTag(entry.value);
      if (size !== undefined) {
        return { messageId: "tagTooLong", data: { size, limit: maxTagBytes } };
      }
      const literalTag = entry.element && objectLiteralTag(entry.element);
      if (literalTag !== undefined) {
        return { messageId: "objectTag", data: { tag: literalTag } };
      }
      if (entry.value.kind !== "exact") {
        return undefined;
      }
      const value = entry.value.value;
      if (value === null || value === undefined) {
        return { messageId: "nullishTag", data: { value: String(value) } };
      }
      if (typeof value !== "object" || value instanceof Date) {
        return undefined;
      }
      const tag = tagText(value);
      if (tag === undefined) {
        return undefined;
      }
      if (!Array.isArray(value)) {
        return { messageId: "objectTag", data: { tag } };
      }
      return {
        messageId: "nestedArrayTag",
        data: { tag: abbreviate(tag) },
        suggest: entry.element ? [spreadSuggestion(entry.element)] : [],
      };
    }

    function reportNotArray(tags: TSESTree.Expression): void {
      const value = staticValue(tags, sourceCode);
      if (value.kind === "unknown" || value.value === undefined) {
        // `undefined` is the same as passing no tags.
        return;
      }
      const kind = valueKind(value.value);
      const text = sourceCode.getText(tags);
      context.report({
        node: tags,
        messageId: "tagsNotArray",
        data: { kind },
        suggest:
          typeof value.value === "string"
            ? [
                {
                  messageId: "wrapInArray",
                  data: { text: abbreviate(text) },
                  fix: (fixer) =>
                    fixer.replaceText(
                      tags,
                      skipTypeWrappers(tags).type === AST_NODE_TYPES.SequenceExpression ? `[(${text})]` : `[${text}]`,
                    ),
                },
              ]
            : [],
      });
    }

    function spreadSuggestion(element: TSESTree.Expression): TSESLint.SuggestionReportDescriptor<MessageIds> {
      return { messageId: "spreadArray", fix: (fixer) => fixer.insertTextBefore(element, "...") };
    }

    /**
     * What the source shows of the entries of `node` when it is an array: an array literal, a
     * `const` that holds one (and is never changed), spreads of either, or a folded constant.
     * Undefined when `node` is not known to be an array.
     */
    function tagList(
      node: TSESTree.Node,
      inArgument: boolean,
      depth: number,
      enclosing: Set<TSESTree.Node>,
    ): TagList | undefined {
      const expression = skipTypeWrappers(node);
      const literal = expression.type === AST_NODE_TYPES.ArrayExpression ? expression : undefined;
      const array = literal ?? constArrayLiteral(expression);
      // A constant may be spread twice (the same entries again), but not into itself.
      if (array && !enclosing.has(array) && depth <= MAX_SPREAD_DEPTH) {
        enclosing.add(array);
        const list = literalEntries(array, inArgument && array === literal, depth, enclosing);
        enclosing.delete(array);
        return list;
      }
      const value = staticValue(expression, sourceCode);
      if (value.kind === "unknown" || !Array.isArray(value.value)) {
        return undefined;
      }
      const known = value.kind === "exact";
      return {
        entries: value.value.map((item: unknown) => foldedEntry(item, known)),
        complete: known,
      };
    }

    function literalEntries(
      array: TSESTree.ArrayExpression,
      inArgument: boolean,
      depth: number,
      enclosing: Set<TSESTree.Node>,
    ): TagList {
      const entries: TagEntry[] = [];
      let complete = true;
      for (const element of array.elements) {
        if (entries.length >= MAX_LISTED_ENTRIES) {
          return { entries: entries.slice(0, MAX_LISTED_ENTRIES), complete: false };
        }
        if (element === null) {
          // A hole reads as `undefined`, which the runtime turns into the tag "undefined".
          entries.push({ element: undefined, value: { kind: "unknown" }, key: "undefined" });
        } else if (element.type === AST_NODE_TYPES.SpreadElement) {
          const spread = tagList(element.argument, inArgument, depth + 1, enclosing);
          if (spread) {
            entries.push(...spread.entries);
            complete &&= spread.complete;
          } else {
            complete = false;
          }
        } else {
          const value = staticValue(element, sourceCode);
          entries.push({
            element: inArgument ? element : undefined,
            value,
            key: tagKey(value) ?? `source:${sourceCode.getText(element)}`,
          });
        }
      }
      return { entries, complete };
    }

    /** The array literal a `const` is initialised with, when nothing in the file can change it. */
    function constArrayLiteral(node: TSESTree.Node): TSESTree.ArrayExpression | undefined {
      if (node.type !== AST_NODE_TYPES.Identifier || staticValue(node, sourceCode).kind === "unknown") {
        return undefined;
      }
      const definition = resolveVariable(sourceCode, node)?.defs[0];
      const init = definition?.type === "Variable" ? definition.node.init : null;
      const value = init ? skipTypeWrappers(init) : undefined;
      return value?.type === AST_NODE_TYPES.ArrayExpression ? value : undefined;
    }

    /** The size of a tag that is known to be over the limit, as message text. */
    function oversizedTag(value: StaticValue): string | undefined {
      if (value.kind === "unknown" || typeof value.value !== "string") {
        return undefined;
      }
      const bytes = utf8ByteLength(value.value);
      if (bytes <= maxTagBytes) {
        return undefined;
      }
      return value.kind === "exact" ? String(bytes) : `at least ${bytes}`;
    }

    /**
     * The object whose `acceptWebSocket` / `getWebSockets` is called is the Durable Object's
     * state: a known state handle, a parameter (state handed to a helper) unless its type says
     * otherwise, or the `ctx` / `state` of another object. The object's own methods and its
     * other fields (`this.hub.acceptWebSocket(ws, userId)`) are someone else's API.
     */
    function isStateReceiver(node: TSESTree.Expression): boolean {
      if (model.isStateHandle(node)) {
        return true;
      }
      const expression = skipTypeWrappers(node);
      if (expression.type === AST_NODE_TYPES.Identifier) {
        const definition = resolveVariable(sourceCode, expression)?.defs[0];
        return definition?.type === "Parameter" && isStateTypedOrUntyped(definition.name);
      }
      return (
        expression.type === AST_NODE_TYPES.MemberExpression &&
        skipTypeWrappers(expression.object).type !== AST_NODE_TYPES.ThisExpression &&
        !expression.computed &&
        expression.property.type === AST_NODE_TYPES.Identifier &&
        STATE_MEMBER_NAMES.has(expression.property.name)
      );
    }
  },
});

/**
 * An entry of an array the static evaluator folded. Its values are exact only when the whole
 * array is; in a partly known array an unknown entry is `null` and counts as a tag of its
 * own, and a known one may be the start of a longer string, so equal texts are merged, which
 * can only count fewer tags than there are.
 */
function foldedEntry(item: unknown, known: boolean): TagEntry {
  const value: StaticValue = known ? { kind: "exact", value: item } : { kind: "atLeast", value: item };
  const key = known || item !== null ? tagText(item) : undefined;
  return { element: undefined, value, key: key ?? Symbol("unknown tag") };
}

/** The tag the runtime makes of a known value (it converts each entry to a string). */
function tagKey(value: StaticValue): string | undefined {
  return value.kind === "exact" ? tagText(value.value) : undefined;
}

function tagText(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") {
    return String(value);
  }
  if (Array.isArray(value)) {
    const parts = value.map(arrayPartText);
    return parts.every((part) => part !== undefined) ? parts.join(",") : undefined;
  }
  if (value instanceof Map || value instanceof Set || value instanceof Date) {
    return String(value);
  }
  // An own `toString` or `valueOf` would decide the text; other plain objects all read the same.
  return [...CONVERSION_KEYS].some((name) => Object.hasOwn(value, name)) ? undefined : "[object Object]";
}

/** `String(array)` joins the entries, with `null` and `undefined` as empty strings. */
function arrayPartText(value: unknown): string | undefined {
  return value === null || value === undefined ? "" : tagText(value);
}

/**
 * The tag an object literal becomes, whatever its values: "[object Object]", unless a spread
 * or a computed key could give it its own `toString`.
 */
function objectLiteralTag(node: TSESTree.Expression): string | undefined {
  const expression = skipTypeWrappers(node);
  if (expression.type !== AST_NODE_TYPES.ObjectExpression) {
    return undefined;
  }
  const plain = expression.properties.every(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      !CONVERSION_KEYS.has(propertyName(property.key) ?? "toString"),
  );
  return plain ? "[object Object]" : undefined;
}

/** A parameter with no type annotation, or one typed as `DurableObjectState`. */
function isStateTypedOrUntyped(name: TSESTree.Node): boolean {
  if (name.type !== AST_NODE_TYPES.Identifier || !name.typeAnnotation) {
    return true;
  }
  const type = name.typeAnnotation.typeAnnotation;
  return (
    type.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    type.typeName.name === "DurableObjectState"
  );
}

function valueKind(value: unknown): string {
  if (value === null) {
    return "`null`";
  }
  if (value instanceof Map) {
    return "a `Map`";
  }
  if (value instanceof Set) {
    return "a `Set`";
  }
  if (value instanceof Date) {
    return "a `Date`";
  }
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    default:
      return "an object";
  }
}

const MAX_QUOTED_LENGTH = 40;

function abbreviate(text: string): string {
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH - 1)}…` : text;
}
