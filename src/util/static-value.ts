import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import { isGlobalReference, memberName, propertyName, referencedName, resolveVariable, skipTypeWrappers, valueParent } from "./ast.js";

/**
 * What the source shows about the value of an expression, without running it.
 *
 * - `exact`: the value is known. Strings, arrays and objects are real values, so they can be
 *   measured as the runtime would measure them.
 * - `atLeast`: part of the value is known. `value` is a lower bound: a string that the real
 *   string contains (unknown parts left out), an array or object with at most the real
 *   entries (unknown values as `null`, unknown spreads left out). Every size measured on it
 *   is at most the real size.
 * - `unknown`: nothing can be said.
 */
export type StaticValue =
  | { readonly kind: "exact"; readonly value: unknown }
  | { readonly kind: "atLeast"; readonly value: unknown }
  | { readonly kind: "unknown" };

type SourceCode = Readonly<TSESLint.SourceCode>;

const UNKNOWN: StaticValue = { kind: "unknown" };

/**
 * Strings and arrays are built up to this many characters or entries, 4× the largest limit
 * the rules check (16,384 bytes), so that `"x".repeat(1e9)` costs nothing and still measures
 * as too large.
 */
export const MAX_BUILT_LENGTH = 65_536;

/** Calls that read a constant array or object without changing it. */
const NON_MUTATING_METHODS = new Set([
  "at",
  "concat",
  "entries",
  "every",
  "filter",
  "find",
  "findIndex",
  "forEach",
  "get",
  "has",
  "includes",
  "indexOf",
  "join",
  "keys",
  "length",
  "map",
  "slice",
  "some",
  "values",
]);

/** Calls that receive a constant without changing it: the runtime APIs the limit rules check, and output. */
const NON_MUTATING_CALLEES = new Set([
  "acceptWebSocket",
  "close",
  "getWebSockets",
  "log",
  "send",
  "serializeAttachment",
  "setWebSocketAutoResponse",
  "stringify",
  "warn",
  "error",
  "WebSocketRequestResponsePair",
]);

const caches = new WeakMap<SourceCode, Map<TSESTree.Node, StaticValue>>();

/** Folds `node` to what is statically known about its value. Memoised per file; never runs user code. */
export function staticValue(node: TSESTree.Node, sourceCode: SourceCode): StaticValue {
  let cache = caches.get(sourceCode);
  if (!cache) {
    cache = new Map();
    caches.set(sourceCode, cache);
  }
  return new Folder(sourceCode, cache).fold(node);
}

/** The value of `node` when it is a number known without running the code (`60_000`, `60 * 1000`, a `const`). */
export function staticNumber(node: TSESTree.Node, sourceCode: SourceCode): number | undefined {
  const result = staticValue(node, sourceCode);
  return result.kind === "exact" && typeof result.value === "number" ? result.value : undefined;
}

/** The value of `node` when it is a string known without running the code. */
export function staticString(node: TSESTree.Node, sourceCode: SourceCode): string | undefined {
  const result = staticValue(node, sourceCode);
  return result.kind === "exact" && typeof result.value === "string" ? result.value : undefined;
}

/** The number of bytes of `text` encoded as UTF-8, as the runtime counts tags, auto-responses and close reasons. */
export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** The size of a value in the V8 serialization format, as the runtime measures attachments. */
export interface SerializedSize {
  readonly bytes: number;
  /** True when `bytes` is the runtime's size byte for byte; false when it is a lower bound. */
  readonly exact: boolean;
}

/**
 * The size of `value` in the V8 serialization format (header included), which is what the
 * runtime measures for attachments; undefined when the value holds something this does not
 * measure (functions, symbols, class instances, host objects).
 */
export function serializedSize(value: unknown): number | undefined {
  return measureSerialized(value, false)?.bytes;
}

/**
 * The serialized size of a folded value: exact when the value is known and its size does not
 * depend on how the runtime happens to store it, else a lower bound; undefined when nothing
 * is known or the value holds something that is not measured.
 */
export function serializedSizeOf(result: StaticValue): SerializedSize | undefined {
  return result.kind === "unknown" ? undefined : measureSerialized(result.value, result.kind === "atLeast");
}

function measureSerialized(value: unknown, lowerBound: boolean): SerializedSize | undefined {
  const counter = new SerializedSizeCounter();
  try {
    if (!counter.add(value)) {
      return undefined;
    }
  } catch {
    // Nesting too deep to measure.
    return undefined;
  }
  if (!lowerBound) {
    return { bytes: counter.bytes, exact: counter.exact };
  }
  // A two-byte string is preceded by a padding byte when it would start at an odd offset. With
  // parts of the value missing, the offsets shift, so each such string may have one padding
  // byte the real value does not have.
  return { bytes: counter.bytes - counter.twoByteStrings, exact: false };
}

/** Integers the runtime stores unboxed, as "small integers" (31 bits with pointer compression). */
const SMALL_INTEGER_MIN = -(2 ** 30);
const SMALL_INTEGER_MAX = 2 ** 30 - 1;
const LARGEST_ARRAY_INDEX = 2 ** 32 - 2;
const ONE_BYTE_TEXT = /^[\u0000-\u00ff]*$/;

/**
 * Counts the bytes V8's `ValueSerializer` (format version 15) writes for plain data, computed
 * from the format instead of calling `v8.serialize()`: inside a long-running process, V8's
 * internal representation of a string or a number depends on the process's history (a string
 * cut out of a source file that contains an emoji is stored as two-byte text, an object field
 * once given a fractional number stores integers as doubles), and `v8.serialize()` writes that
 * representation. The runtime stores literals in their compact form, which is what this counts.
 */
class SerializedSizeCounter {
  /** The header: the version tag and the version. */
  bytes = 2;
  exact = true;
  twoByteStrings = 0;
  readonly #ids = new Map<object, number>();

  /** Adds the bytes of `value`; false when it holds something that is not measured. */
  add(value: unknown): boolean {
    switch (typeof value) {
      case "string":
        this.#string(value);
        return true;
      case "number":
        this.#number(value);
        return true;
      case "boolean":
      case "undefined":
        this.bytes += 1;
        return true;
      case "object":
        return value === null ? this.#tag() : this.#object(value);
      default:
        return false;
    }
  }

  #tag(): boolean {
    this.bytes += 1;
    return true;
  }

  #string(text: string): void {
    if (ONE_BYTE_TEXT.test(text)) {
      this.bytes += 1 + varintLength(text.length) + text.length;
      return;
    }
    const byteLength = 2 * text.length;
    // The runtime aligns two-byte text on an even offset.
    if ((this.bytes + 1 + varintLength(byteLength)) % 2 === 1) {
      this.bytes += 1;
    }
    this.bytes += 1 + varintLength(byteLength) + byteLength;
    this.twoByteStrings++;
  }

  #number(value: number): void {
    if (isSmallInteger(value)) {
      // Stored unboxed it takes a tag and a zigzag varint; but the runtime may also hold it as
      // a double (9 bytes), depending on how it was computed and on what the isolate ran
      // before (field representations, array element kinds). The smaller size is a lower bound.
      this.bytes += 1 + varintLength(zigzag(value));
      this.exact = false;
      return;
    }
    this.bytes += 9;
  }

  #object(value: object): boolean {
    const id = this.#ids.get(value);
    if (id !== undefined) {
      // A second reference to the same object is written as a back-reference.
      this.bytes += 1 + varintLength(id);
      return true;
    }
    this.#ids.set(value, this.#ids.size);
    if (Array.isArray(value)) {
      return this.#array(value);
    }
    if (value instanceof Map) {
      return this.#entries([...value].flat(), value.size * 2);
    }
    if (value instanceof Set) {
      return this.#entries([...value], value.size);
    }
    if (value instanceof Date) {
      this.bytes += 9;
      return true;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null ? this.#plainObject(value) : false;
  }

  #array(array: readonly unknown[]): boolean {
    this.bytes += 1 + varintLength(array.length);
    for (let index = 0; index < array.length; index++) {
      if (!(index in array)) {
        return false;
      }
      const element = array[index];
      if (element === undefined) {
        // The runtime writes some arrays that hold `undefined` in its sparse format, which
        // adds each entry's index.
        this.exact = false;
      }
      if (!this.add(element)) {
        return false;
      }
    }
    // The end tag, the count of non-index properties (none) and the length.
    this.bytes += 1 + 1 + varintLength(array.length);
    return true;
  }

  #entries(values: readonly unknown[], count: number): boolean {
    this.bytes += 1;
    for (const value of values) {
      if (!this.add(value)) {
        return false;
      }
    }
    this.bytes += 1 + varintLength(count);
    return true;
  }

  #plainObject(value: object): boolean {
    this.bytes += 1;
    const keys = Object.keys(value);
    for (const key of keys) {
      const index = arrayIndex(key);
      if (index === undefined) {
        this.#string(key);
      } else {
        // Index keys are written as numbers.
        this.bytes += index <= SMALL_INTEGER_MAX ? 1 + varintLength(zigzag(index)) : 9;
      }
      if (!this.add((value as Record<string, unknown>)[key])) {
        return false;
      }
    }
    this.bytes += 1 + varintLength(keys.length);
    return true;
  }
}

function isSmallInteger(value: number): boolean {
  return Number.isInteger(value) && !Object.is(value, -0) && value >= SMALL_INTEGER_MIN && value <= SMALL_INTEGER_MAX;
}

/** The key as an array index (`"0"`, `"42"`, not `"01"` or `"-1"`), else undefined. */
function arrayIndex(key: string): number | undefined {
  if (!/^(?:0|[1-9]\d*)$/.test(key)) {
    return undefined;
  }
  const index = Number(key);
  return index <= LARGEST_ARRAY_INDEX ? index : undefined;
}

function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function varintLength(value: number): number {
  let length = 1;
  for (let rest = value; rest >= 128; rest = Math.floor(rest / 128)) {
    length++;
  }
  return length;
}

/**
 * The initialiser of the `const` that `identifier` refers to (`const NAME = init`); undefined
 * for anything else (`let`, destructuring, parameters, globals).
 */
export function constantInitializer(identifier: TSESTree.Identifier, sourceCode: SourceCode): TSESTree.Expression | undefined {
  const variable = resolveVariable(sourceCode, identifier);
  return variable ? initializerOfConstant(variable) : undefined;
}

/**
 * True when code other than the use at `identifier` may change the contents of the constant
 * `identifier` refers to (`LIST.push(x)`, `OBJ.key = x`, `delete OBJ.key`, passing it to an
 * unknown function, a second name for it).
 */
export function isConstantChanged(identifier: TSESTree.Identifier, sourceCode: SourceCode): boolean {
  const variable = resolveVariable(sourceCode, identifier);
  return !variable || isChangedElsewhere(variable, identifier);
}

function initializerOfConstant(variable: TSESLint.Scope.Variable): TSESTree.Expression | undefined {
  const definition = variable.defs[0];
  if (
    variable.defs.length !== 1 ||
    definition?.type !== "Variable" ||
    definition.parent.kind !== "const" ||
    definition.node.id.type !== AST_NODE_TYPES.Identifier
  ) {
    return undefined;
  }
  return definition.node.init ?? undefined;
}

function isChangedElsewhere(variable: TSESLint.Scope.Variable, use: TSESTree.Node): boolean {
  return variable.references.some((reference) => reference.identifier !== use && mayMutate(reference.identifier));
}

class Folder {
  readonly #sourceCode: SourceCode;
  readonly #cache: Map<TSESTree.Node, StaticValue>;

  constructor(sourceCode: SourceCode, cache: Map<TSESTree.Node, StaticValue>) {
    this.#sourceCode = sourceCode;
    this.#cache = cache;
  }

  fold(node: TSESTree.Node): StaticValue {
    const cached = this.#cache.get(node);
    if (cached) {
      return cached;
    }
    // A constant that refers to itself (invalid code) folds to unknown instead of recursing.
    this.#cache.set(node, UNKNOWN);
    const result = this.#compute(node);
    this.#cache.set(node, result);
    return result;
  }

  #compute(node: TSESTree.Node): StaticValue {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return isPlainLiteral(node) ? exact(node.value) : UNKNOWN;
      case AST_NODE_TYPES.TemplateLiteral:
        return this.#template(node);
      case AST_NODE_TYPES.Identifier:
        return this.#identifier(node);
      case AST_NODE_TYPES.BinaryExpression:
        return this.#binary(node);
      case AST_NODE_TYPES.UnaryExpression:
        return this.#unary(node);
      case AST_NODE_TYPES.ArrayExpression:
        return this.#array(node);
      case AST_NODE_TYPES.ObjectExpression:
        return this.#object(node);
      case AST_NODE_TYPES.CallExpression:
        return this.#call(node);
      case AST_NODE_TYPES.NewExpression:
        return this.#construct(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.#member(node);
      case AST_NODE_TYPES.ConditionalExpression: {
        const test = this.fold(node.test);
        return test.kind === "exact" ? this.fold(test.value ? node.consequent : node.alternate) : UNKNOWN;
      }
      case AST_NODE_TYPES.LogicalExpression:
        return this.#logical(node);
      case AST_NODE_TYPES.SequenceExpression: {
        const last = node.expressions.at(-1);
        return last ? this.fold(last) : UNKNOWN;
      }
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        return this.fold(skipTypeWrappers(node));
      default:
        return UNKNOWN;
    }
  }

  #template(node: TSESTree.TemplateLiteral): StaticValue {
    let text = node.quasis[0]?.value.cooked ?? "";
    let complete = true;
    for (const [index, expression] of node.expressions.entries()) {
      const part = this.fold(expression);
      if (part.kind === "exact" && isPrimitive(part.value)) {
        text += String(part.value);
      } else if (part.kind === "atLeast" && typeof part.value === "string") {
        text += part.value;
        complete = false;
      } else {
        complete = false;
      }
      const quasi = node.quasis[index + 1]?.value.cooked;
      if (quasi === undefined || quasi === null) {
        return UNKNOWN;
      }
      text += quasi;
    }
    return stringResult(text, complete);
  }

  #identifier(node: TSESTree.Identifier): StaticValue {
    const variable = resolveVariable(this.#sourceCode, node);
    if (!variable || variable.defs.length === 0) {
      return node.name === "undefined" ? exact(undefined) : UNKNOWN;
    }
    const init = initializerOfConstant(variable);
    if (!init) {
      return UNKNOWN;
    }
    const literal = skipTypeWrappers(init).type;
    if (
      (literal === AST_NODE_TYPES.ObjectExpression || literal === AST_NODE_TYPES.ArrayExpression) &&
      isChangedElsewhere(variable, node)
    ) {
      // An object or array literal folds to an object: one that other code may change is not
      // known, so there is no need to build it.
      return UNKNOWN;
    }
    const value = this.fold(init);
    if (value.kind !== "unknown" && typeof value.value === "object" && value.value !== null) {
      // A constant array or object that other code may change is not known. The use being
      // folded only receives the value after it is built.
      return isChangedElsewhere(variable, node) ? UNKNOWN : value;
    }
    return value;
  }

  #binary(node: TSESTree.BinaryExpression): StaticValue {
    if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) {
      return UNKNOWN;
    }
    const left = this.fold(node.left);
    const right = this.fold(node.right);
    if (left.kind === "exact" && right.kind === "exact" && isPrimitive(left.value) && isPrimitive(right.value)) {
      const result = applyBinary(node.operator, left.value, right.value);
      return result.kind === "exact" && typeof result.value === "string" ? stringResult(result.value, true) : result;
    }
    if (node.operator !== "+") {
      return UNKNOWN;
    }
    // One side is a string: the concatenation contains the known parts.
    const leftText = knownText(left);
    const rightText = knownText(right);
    if (leftText === undefined && rightText === undefined) {
      return UNKNOWN;
    }
    if (!isStringLike(left) && !isStringLike(right)) {
      return UNKNOWN;
    }
    return stringResult((leftText ?? "") + (rightText ?? ""), false);
  }

  #unary(node: TSESTree.UnaryExpression): StaticValue {
    if (node.operator === "void") {
      return exact(undefined);
    }
    const argument = this.fold(node.argument);
    if (argument.kind !== "exact") {
      return UNKNOWN;
    }
    switch (node.operator) {
      case "-":
        return typeof argument.value === "number" ? exact(-argument.value) : UNKNOWN;
      case "+":
        return typeof argument.value === "number" ? exact(argument.value) : UNKNOWN;
      case "!":
        return exact(!argument.value);
      default:
        return UNKNOWN;
    }
  }

  #array(node: TSESTree.ArrayExpression): StaticValue {
    const elements: unknown[] = [];
    let complete = true;
    for (const element of node.elements) {
      if (elements.length >= MAX_BUILT_LENGTH) {
        return { kind: "atLeast", value: elements };
      }
      if (element === null) {
        return UNKNOWN;
      }
      if (element.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.fold(element.argument);
        if (spread.kind !== "unknown" && Array.isArray(spread.value)) {
          elements.push(...spread.value.slice(0, MAX_BUILT_LENGTH - elements.length));
          complete &&= spread.kind === "exact";
        } else {
          // An unknown spread adds entries the lower bound leaves out.
          complete = false;
        }
        continue;
      }
      const value = this.fold(element);
      elements.push(value.kind === "unknown" ? null : value.value);
      complete &&= value.kind === "exact";
    }
    return complete ? exact(elements) : { kind: "atLeast", value: elements };
  }

  #object(node: TSESTree.ObjectExpression): StaticValue {
    const result: Record<string, unknown> = {};
    let complete = true;
    for (const property of node.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.fold(property.argument);
        if (spread.kind === "unknown" || typeof spread.value !== "object" || spread.value === null || Array.isArray(spread.value)) {
          // Any key set so far may be overwritten by the spread: keep the keys, forget their values.
          for (const key of Object.keys(result)) {
            defineOwn(result, key, null);
          }
          complete = false;
          continue;
        }
        if (spread.kind === "atLeast") {
          for (const key of Object.keys(result)) {
            defineOwn(result, key, null);
          }
          complete = false;
        }
        for (const [key, value] of Object.entries(spread.value)) {
          defineOwn(result, key, value);
        }
        continue;
      }
      const key = this.#propertyKey(property);
      if (key === undefined) {
        // An unknown key could replace any key set before.
        for (const known of Object.keys(result)) {
          defineOwn(result, known, null);
        }
        complete = false;
        continue;
      }
      if (property.kind !== "init" || property.method) {
        defineOwn(result, key, null);
        complete = false;
        continue;
      }
      const value = this.fold(property.value);
      defineOwn(result, key, value.kind === "unknown" ? null : value.value);
      complete &&= value.kind === "exact";
    }
    return complete ? exact(result) : { kind: "atLeast", value: result };
  }

  #propertyKey(property: TSESTree.Property): string | undefined {
    if (!property.computed) {
      return propertyName(property.key);
    }
    const key = this.fold(property.key);
    return key.kind === "exact" && (typeof key.value === "string" || typeof key.value === "number")
      ? String(key.value)
      : undefined;
  }

  #call(node: TSESTree.CallExpression): StaticValue {
    const callee = skipTypeWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || node.optional) {
      return UNKNOWN;
    }
    const method = memberName(callee);
    const args = node.arguments.map((argument) =>
      argument.type === AST_NODE_TYPES.SpreadElement ? UNKNOWN : this.fold(argument),
    );
    if (isGlobalMember(this.#sourceCode, callee, "JSON", "stringify")) {
      const [value] = args;
      return value?.kind === "exact" && args.length === 1 ? stringify(value.value) : UNKNOWN;
    }
    if (isGlobalMember(this.#sourceCode, callee, "Object", "freeze")) {
      const [value] = args;
      return value && args.length === 1 ? value : UNKNOWN;
    }
    const receiver = this.fold(callee.object);
    if (receiver.kind === "unknown" || !args.every((argument) => argument.kind === "exact")) {
      return UNKNOWN;
    }
    const values = args.map((argument) => (argument as { value: unknown }).value);
    switch (method) {
      case "repeat":
        return repeat(receiver, values);
      case "slice":
        return receiver.kind === "exact" ? slice(receiver.value, values) : UNKNOWN;
      case "join":
        return receiver.kind === "exact" && Array.isArray(receiver.value) && values.every(isPrimitive)
          ? join(receiver.value, values)
          : UNKNOWN;
      case "toLowerCase":
      case "toUpperCase":
        return receiver.kind === "exact" && typeof receiver.value === "string" && values.length === 0
          ? exact(method === "toLowerCase" ? receiver.value.toLowerCase() : receiver.value.toUpperCase())
          : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  #construct(node: TSESTree.NewExpression): StaticValue {
    const callee = skipTypeWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier || !isGlobalReference(this.#sourceCode, callee)) {
      return UNKNOWN;
    }
    const args = node.arguments.map((argument) =>
      argument.type === AST_NODE_TYPES.SpreadElement ? UNKNOWN : this.fold(argument),
    );
    const known = args.every((argument) => argument.kind === "exact");
    const [first] = args;
    switch (callee.name) {
      case "Map":
      case "Set": {
        const build = (entries: unknown[] = []): Map<unknown, unknown> | Set<unknown> =>
          callee.name === "Map" ? new Map(entries as [unknown, unknown][]) : new Set(entries);
        if (first === undefined) {
          return exact(build());
        }
        if (first.kind === "exact" && Array.isArray(first.value) && args.length === 1) {
          if (callee.name === "Map" && !first.value.every((entry) => Array.isArray(entry))) {
            return UNKNOWN;
          }
          return exact(build(first.value));
        }
        // Whatever it is built from, a collection holds at least nothing.
        return { kind: "atLeast", value: build() };
      }
      case "Date": {
        const values = args.map((argument) => (argument.kind === "exact" ? argument.value : undefined));
        if (known && values.length > 0 && values.every((value) => typeof value === "number" || typeof value === "string")) {
          return exact(Reflect.construct(Date, values));
        }
        // Every date serializes to the same size, whatever its time.
        return { kind: "atLeast", value: new Date(0) };
      }
      default:
        return UNKNOWN;
    }
  }

  #member(node: TSESTree.MemberExpression): StaticValue {
    if (node.optional || node.property.type === AST_NODE_TYPES.PrivateIdentifier) {
      return UNKNOWN;
    }
    const object = this.fold(node.object);
    if (object.kind !== "exact") {
      return UNKNOWN;
    }
    const key = node.computed ? this.fold(node.property) : exact(memberName(node));
    if (key.kind !== "exact" || (typeof key.value !== "string" && typeof key.value !== "number")) {
      return UNKNOWN;
    }
    const value = object.value;
    if ((typeof value === "string" || Array.isArray(value)) && key.value === "length") {
      return exact(value.length);
    }
    if (typeof value === "object" && value !== null && !(value instanceof Map) && !(value instanceof Set)) {
      return Object.hasOwn(value, key.value) ? exact((value as Record<string, unknown>)[key.value]) : UNKNOWN;
    }
    return UNKNOWN;
  }

  #logical(node: TSESTree.LogicalExpression): StaticValue {
    const left = this.fold(node.left);
    if (left.kind !== "exact") {
      return UNKNOWN;
    }
    const decided =
      (node.operator === "||" && Boolean(left.value)) ||
      (node.operator === "&&" && !left.value) ||
      (node.operator === "??" && left.value !== null && left.value !== undefined);
    return decided ? left : this.fold(node.right);
  }
}

function exact(value: unknown): StaticValue {
  return { kind: "exact", value };
}

function stringResult(text: string, complete: boolean): StaticValue {
  if (text.length > MAX_BUILT_LENGTH) {
    return { kind: "atLeast", value: text.slice(0, MAX_BUILT_LENGTH) };
  }
  return complete ? exact(text) : { kind: "atLeast", value: text };
}

/** String, number, boolean and `null` literals; regular expressions and bigints are left unknown. */
function isPlainLiteral(node: TSESTree.Literal): boolean {
  return node.value === null || ["string", "number", "boolean"].includes(typeof node.value);
}

function isPrimitive(value: unknown): value is string | number | boolean | null | undefined {
  return value === null || value === undefined || ["string", "number", "boolean"].includes(typeof value);
}

function isStringLike(value: StaticValue): boolean {
  return value.kind !== "unknown" && typeof value.value === "string";
}

/** The known text of a string operand: all of it, or the part a lower bound holds. */
function knownText(value: StaticValue): string | undefined {
  if (value.kind === "unknown") {
    return undefined;
  }
  if (typeof value.value === "string") {
    return value.value;
  }
  return value.kind === "exact" && isPrimitive(value.value) ? String(value.value) : undefined;
}

const ARITHMETIC: Readonly<Record<string, (a: number, b: number) => number>> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
  "%": (a, b) => a % b,
  "**": (a, b) => a ** b,
};

function applyBinary(operator: string, left: unknown, right: unknown): StaticValue {
  if (operator === "+" && (typeof left === "string" || typeof right === "string")) {
    return exact(String(left) + String(right));
  }
  if (operator === "===" || operator === "!==") {
    return exact((left === right) === (operator === "==="));
  }
  const apply = ARITHMETIC[operator];
  return apply && typeof left === "number" && typeof right === "number" ? exact(apply(left, right)) : UNKNOWN;
}

function repeat(receiver: StaticValue, values: unknown[]): StaticValue {
  const [count] = values;
  if (
    receiver.kind === "unknown" ||
    typeof receiver.value !== "string" ||
    values.length !== 1 ||
    typeof count !== "number" ||
    !Number.isInteger(count) ||
    count < 0
  ) {
    return UNKNOWN;
  }
  const text = receiver.value;
  // Build no more than the cap: the rest only makes the string longer.
  const needed = text.length === 0 ? 0 : Math.min(count, Math.ceil((MAX_BUILT_LENGTH + 1) / text.length));
  return stringResult(text.repeat(needed), receiver.kind === "exact" && needed === count);
}

function slice(value: unknown, values: unknown[]): StaticValue {
  if (!values.every((argument) => argument === undefined || typeof argument === "number") || values.length > 2) {
    return UNKNOWN;
  }
  const [start, end] = values as (number | undefined)[];
  if (typeof value === "string") {
    return exact(value.slice(start, end));
  }
  return Array.isArray(value) ? exact(value.slice(start, end)) : UNKNOWN;
}

function join(value: unknown[], values: unknown[]): StaticValue {
  if (values.length > 1 || !value.every(isPrimitive)) {
    return UNKNOWN;
  }
  const [separator] = values;
  return stringResult(value.join(separator === undefined ? "," : String(separator)), true);
}

function stringify(value: unknown): StaticValue {
  try {
    const text = JSON.stringify(value);
    return typeof text === "string" ? stringResult(text, true) : exact(undefined);
  } catch {
    return UNKNOWN;
  }
}

/**
 * Sets an own enumerable property, also for `__proto__`, which assignment would treat as the
 * prototype. Every other key is assigned: `defineProperty` turns the object into a slow
 * dictionary, and the plain objects built here inherit no setter.
 */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function isGlobalMember(sourceCode: SourceCode, callee: TSESTree.MemberExpression, object: string, member: string): boolean {
  const receiver = skipTypeWrappers(callee.object);
  return (
    receiver.type === AST_NODE_TYPES.Identifier &&
    receiver.name === object &&
    memberName(callee) === member &&
    isGlobalReference(sourceCode, receiver)
  );
}

/**
 * True when the use of a constant at `identifier` may change its contents: anything but
 * reading it, spreading it, or handing it to a call that only reads it.
 */
function mayMutate(identifier: TSESTree.Node): boolean {
  const { parent, child } = valueParent(identifier);
  if (!parent) {
    return false;
  }
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      // A second name for the value could be used to change it; destructuring only reads it.
      return parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier;
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.ExpressionStatement:
      return false;
    case AST_NODE_TYPES.ForOfStatement:
      return parent.left === child;
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== child) {
        return false;
      }
      const grand = parent.parent;
      const name = memberName(parent);
      const isCall = grand.type === AST_NODE_TYPES.CallExpression && grand.callee === parent;
      if (isCall) {
        return name === undefined || !NON_MUTATING_METHODS.has(name);
      }
      const isWritten =
        (grand.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent) ||
        grand.type === AST_NODE_TYPES.UpdateExpression ||
        (grand.type === AST_NODE_TYPES.UnaryExpression && grand.operator === "delete");
      // `CONST.nested.push(x)` changes it too.
      return isWritten || mayMutate(parent);
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === child) {
        return false;
      }
      const name = referencedName(parent.callee);
      return name === undefined || !NON_MUTATING_CALLEES.has(name);
    }
    default:
      return true;
  }
}
