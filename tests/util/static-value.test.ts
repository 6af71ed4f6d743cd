import { serialize } from "node:v8";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import {
  MAX_BUILT_LENGTH,
  type StaticValue,
  constantInitializer,
  isConstantChanged,
  serializedSize,
  serializedSizeOf,
  staticNumber,
  staticString,
  staticValue,
  utf8ByteLength,
} from "../../src/util/static-value.js";
import { analyse } from "../analysis/analyse.js";

/** Folds the argument of the last `check(...)` call in `code`. */
function fold(code: string): StaticValue {
  const analysis = analyse(code);
  const offset = code.lastIndexOf("check(");
  const call = analysis.find(code.slice(offset), AST_NODE_TYPES.CallExpression);
  const [argument] = call.arguments;
  if (!argument) {
    throw new Error("check() needs an argument");
  }
  return staticValue(argument, analysis.sourceCode);
}

describe("staticValue", () => {
  it.each([
    [`check("hi")`, "hi"],
    [`check(42)`, 42],
    [`check(true)`, true],
    [`check(null)`, null],
    [`check(undefined)`, undefined],
    [`check(\`a\${1 + 1}b\`)`, "a2b"],
    [`check("a" + "b" + 1)`, "ab1"],
    [`check(60 * 1000)`, 60_000],
    [`check(-5)`, -5],
    [`check(2 ** 10 - 1)`, 1023],
    [`const A = "x"; const B = A + "y"; check(B)`, "xy"],
    [`check("ab".repeat(3))`, "ababab"],
    [`check("abcdef".slice(1, 3))`, "bc"],
    [`check([1, 2, 3].slice(1))`, [2, 3]],
    [`check(["a", "b"].join("-"))`, "a-b"],
    [`check("Ping".toLowerCase())`, "ping"],
    [`check(JSON.stringify({ type: "ping" }))`, '{"type":"ping"}'],
    [`const BASE = ["a", "b"]; check([...BASE, "c"])`, ["a", "b", "c"]],
    [`const BASE = { a: 1 }; check({ ...BASE, b: 2 })`, { a: 1, b: 2 }],
    [`check({ ["k" + 1]: "v" })`, { k1: "v" }],
    [`check("abc".length)`, 3],
    [`const LIMITS = { tags: 10 }; check(LIMITS.tags)`, 10],
    [`check(true ? "yes" : "no")`, "yes"],
    [`check(null ?? "fallback")`, "fallback"],
    [`check("x" as const)`, "x"],
    [`check(Object.freeze(["a"]))`, ["a"]],
    [`check(new Set(["a", "a", "b"]))`, new Set(["a", "b"])],
    [`check(new Map([["a", 1]]))`, new Map([["a", 1]])],
    [`check(new Date(0))`, new Date(0)],
  ])("folds %s", (code, value) => {
    expect(fold(code)).toEqual({ kind: "exact", value });
  });

  it.each([
    [`check(name)`],
    [`let A = "x"; check(A)`],
    [`check(Math.random())`],
    [`check(cond ? "a" : "b")`],
    [`check(/re/)`],
    [`check(10n)`],
    [`check(a * 2)`],
    [`const JSON = { stringify: () => "" }; check(JSON.stringify({}))`],
    [`function Map() {} check(new Map())`],
    [`const { a } = { a: "x" }; check(a)`],
    [`const TAGS = ["room"]; TAGS.push(user); check(TAGS)`],
    [`const TAGS = ["room"]; TAGS[0] = user; check(TAGS)`],
    [`const STATE = { list: [] }; STATE.list.push(1); check(STATE)`],
    [`const TAGS = ["room"]; addTag(TAGS); check(TAGS)`],
    [`const TAGS = ["room"]; const alias = TAGS; check(TAGS)`],
  ])("knows nothing of %s", (code) => {
    expect(fold(code)).toEqual({ kind: "unknown" });
  });

  it("keeps a constant array that is only read, spread or handed to the runtime", () => {
    expect(
      fold(`const TAGS = ["room", "lobby"];
const count = TAGS.length + TAGS.slice(1).length;
const more = [...TAGS];
ctx.acceptWebSocket(ws, TAGS);
check(TAGS)`),
    ).toEqual({ kind: "exact", value: ["room", "lobby"] });
  });

  describe("lower bounds", () => {
    it("keeps the known text of a concatenation", () => {
      expect(fold(`check("prefix-" + name + "-suffix")`)).toEqual({ kind: "atLeast", value: "prefix--suffix" });
      expect(fold(`check(\`user:\${id}\`)`)).toEqual({ kind: "atLeast", value: "user:" });
      expect(fold(`check("ab".repeat(2) + id)`)).toEqual({ kind: "atLeast", value: "abab" });
    });

    it("keeps unknown entries as null and leaves unknown spreads out", () => {
      expect(fold(`check(["a", id, ...rest])`)).toEqual({ kind: "atLeast", value: ["a", null] });
    });

    it("keeps every key an unknown spread could overwrite, forgetting its value", () => {
      expect(fold(`check({ a: "x", ...other, b: "y" })`)).toEqual({ kind: "atLeast", value: { a: null, b: "y" } });
      expect(fold(`check({ a: "x", [key]: 1 })`)).toEqual({ kind: "atLeast", value: { a: null } });
    });

    it("keeps the keys of methods and getters", () => {
      expect(fold(`check({ f() {}, get g() { return 1; }, n: 1 })`)).toEqual({
        kind: "atLeast",
        value: { f: null, g: null, n: 1 },
      });
    });

    it("measures collections and dates built from unknown values by their smallest size", () => {
      expect(fold(`check(new Map(entries))`)).toEqual({ kind: "atLeast", value: new Map() });
      expect(fold(`check(new Date())`)).toEqual({ kind: "atLeast", value: new Date(0) });
    });

    it("builds huge strings only up to the cap, and marks them as lower bounds", () => {
      const started = performance.now();
      const result = fold(`check("x".repeat(1e9))`);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(result.kind).toBe("atLeast");
      expect((result as { value: string }).value.length).toBeGreaterThan(MAX_BUILT_LENGTH - 1);
    });

    it("caps arrays doubled by spreads", () => {
      const lines = ["const A0 = ['x'];"];
      for (let index = 1; index <= 24; index++) {
        lines.push(`const A${index} = [...A${index - 1}, ...A${index - 1}];`);
      }
      const result = fold(`${lines.join("\n")}\ncheck(A24)`);
      expect(result.kind).toBe("atLeast");
      expect((result as { value: unknown[] }).value.length).toBeLessThanOrEqual(2 * MAX_BUILT_LENGTH);
    });
  });

  it("survives a constant that refers to itself", () => {
    expect(fold(`const A = B; const B = A; check(A)`)).toEqual({ kind: "unknown" });
  });
});

describe("staticNumber and staticString", () => {
  it("give only exact values of their type", () => {
    const analysis = analyse(`const DELAY = 60 * 1000; const NAME = "x"; f(DELAY, NAME, "a" + id);`);
    const call = analysis.find("f(DELAY", AST_NODE_TYPES.CallExpression);
    const [delay, name, partial] = call.arguments;
    if (!delay || !name || !partial) {
      throw new Error("f() needs three arguments");
    }
    expect(staticNumber(delay, analysis.sourceCode)).toBe(60_000);
    expect(staticString(delay, analysis.sourceCode)).toBeUndefined();
    expect(staticString(name, analysis.sourceCode)).toBe("x");
    expect(staticString(partial, analysis.sourceCode)).toBeUndefined();
  });
});

describe("sizes", () => {
  it.each([
    ["ascii", 5],
    ["é", 2],
    ["€", 3],
    ["😀", 4],
    ["", 0],
  ])("counts %j as %i UTF-8 bytes", (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });

  it("measures V8 serialization, header included", () => {
    expect(serializedSize({})).toBe(5);
    expect(serializedSize("x".repeat(100))).toBe(104);
    expect(serializedSize({ f() {} })).toBeUndefined();
    expect(serializedSize(Symbol("s"))).toBeUndefined();
  });

  // Sizes the runtime (workerd 1.20261117.1) reported or accepted at its 16,384-byte limit.
  it.each([
    ["a one-byte string at the limit", "x".repeat(16_379), 16_384],
    ["a one-byte string one byte over", "x".repeat(16_380), 16_385],
    ["Latin-1 text, one byte a character", "é".repeat(16_379), 16_384],
    ["two-byte text after its padding byte", "€".repeat(8189), 16_384],
    ["two-byte text without padding", "€".repeat(8190), 16_386],
    ["text with surrogate pairs", "😀".repeat(4095), 16_386],
    ["an object of text", { data: "x".repeat(16_370) }, 16_384],
    ["an object of text one byte over", { data: "x".repeat(16_371) }, 16_385],
    ["two-byte keys and values", [{ a: "é€" }, "ab€", "x".repeat(17_000)], 17_031],
    ["index keys written as numbers", { 0: "a", 10: "b", x: "c", 4_294_967_295: "d", pad: "x".repeat(17_000) }, 17_045],
    ["a date", new Date(1_700_000_000_000), 11],
    ["a fraction", 1.5, 11],
    ["negative zero", -0, 11],
    ["an integer beyond 31 bits, which the runtime stores as a double", 2 ** 31 - 1, 11],
    ["booleans and null", [true, false, null], 10],
    ["undefined in an object, a map and a set", { a: undefined, m: new Map([["k", undefined]]), s: new Set([undefined]) }, 26],
  ])("measures %s exactly", (_, value, bytes) => {
    expect(serializedSizeOf({ kind: "exact", value })).toEqual({ bytes, exact: true });
  });

  it("agrees with v8.serialize() on freshly built values without integers", () => {
    // A small seeded generator, so that failures reproduce.
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const text = (): string =>
      Array.from({ length: Math.floor(random() * 300) }, () => pick(["a", "z", "é", "ÿ", "€", "😀", " "])).join("");
    const key = (): string => String.fromCharCode(...Array.from({ length: 1 + Math.floor(random() * 6) }, () => 97 + Math.floor(random() * 26)));
    const shared = { shared: "yes" };
    const value = (depth: number): unknown => {
      const kinds = depth > 3 ? ["text", "double", "flag"] : ["text", "double", "flag", "array", "object", "map", "set", "date", "shared"];
      switch (pick(kinds)) {
        case "text":
          return text();
        case "double":
          return pick([0.5, -1.25, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 40]);
        case "flag":
          return pick([true, false, null]);
        case "array":
          return Array.from({ length: Math.floor(random() * 5) }, () => value(depth + 1));
        case "object":
          return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [key(), value(depth + 1)]));
        case "map":
          return new Map(Array.from({ length: Math.floor(random() * 4) }, () => [text(), value(depth + 1)]));
        case "set":
          return new Set(Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1)));
        case "date":
          return new Date(Math.floor(random() * 1e12) + 0.5);
        default:
          return shared;
      }
    };
    for (let round = 0; round < 300; round++) {
      const sample = value(0);
      expect(serializedSizeOf({ kind: "exact", value: sample }), JSON.stringify(sample)?.slice(0, 200)).toEqual({
        bytes: serialize(sample).length,
        exact: true,
      });
    }
  });

  it("writes a second reference to the same object as a back-reference", () => {
    const user = { id: "u" };
    expect(serializedSize([user, user, "x".repeat(17_000)])).toBe(17_023);
  });

  it("gives a lower bound for integers, which the runtime may hold as doubles", () => {
    // `{ a: 1.5 * 2 }` and `{ a: 3 }` serialize to 10 bytes, `const H = 1.5; ({ a: H * 2 })` to 17.
    expect(serializedSizeOf({ kind: "exact", value: { a: 3 } })).toEqual({ bytes: 10, exact: false });
    expect(serializedSizeOf({ kind: "exact", value: [[1, [2, [3]]], []] })).toEqual({ bytes: 33, exact: false });
    expect(serializedSizeOf({ kind: "exact", value: new Map([["a", 1]]) })).toEqual({ bytes: 10, exact: false });
  });

  it("gives a lower bound for arrays holding undefined, which the runtime may write sparse", () => {
    expect(serializedSizeOf({ kind: "exact", value: [undefined] })).toEqual({ bytes: 8, exact: false });
  });

  it("measures text cut out of a file with non-Latin-1 characters in its compact form", () => {
    const text = "hello world, a literal long enough to be sliced";
    const result = fold(`// 😀 €\ncheck({ text: "${text}" })`);
    expect(serializedSizeOf(result)).toEqual({ bytes: 2 + 1 + 6 + 2 + text.length + 2, exact: true });
  });

  it("leaves a padding byte per two-byte string out of a lower bound", () => {
    expect(serializedSizeOf({ kind: "exact", value: ["€"] })).toEqual({ bytes: 11, exact: true });
    expect(serializedSizeOf({ kind: "atLeast", value: ["€"] })).toEqual({ bytes: 10, exact: false });
  });

  it("measures nothing of unknown values, functions, symbols and class instances", () => {
    class Session {
      greet(): string {
        return "hi";
      }
    }
    expect(serializedSizeOf({ kind: "unknown" })).toBeUndefined();
    expect(serializedSizeOf({ kind: "exact", value: { f: () => 1 } })).toBeUndefined();
    expect(serializedSizeOf({ kind: "exact", value: [Symbol("s")] })).toBeUndefined();
    expect(serializedSizeOf({ kind: "exact", value: new Session() })).toBeUndefined();
  });
});

describe("constantInitializer and isConstantChanged", () => {
  function identifierIn(code: string, name: string) {
    const analysis = analyse(code);
    const offset = code.lastIndexOf(`check(${name}`);
    const call = analysis.find(code.slice(offset), AST_NODE_TYPES.CallExpression);
    const [argument] = call.arguments;
    if (argument?.type !== AST_NODE_TYPES.Identifier) {
      throw new Error("check() needs an identifier");
    }
    return { identifier: argument, sourceCode: analysis.sourceCode };
  }

  it("finds the initialiser of a constant", () => {
    const { identifier, sourceCode } = identifierIn(`const A = { a: 1 }; check(A)`, "A");
    expect(constantInitializer(identifier, sourceCode)?.type).toBe(AST_NODE_TYPES.ObjectExpression);
    expect(isConstantChanged(identifier, sourceCode)).toBe(false);
  });

  it.each([[`let A = { a: 1 }; check(A)`], [`const { A } = o; check(A)`], [`function f(A) { check(A) }`], [`check(A)`]])(
    "finds none in %s",
    (code) => {
      const { identifier, sourceCode } = identifierIn(code, "A");
      expect(constantInitializer(identifier, sourceCode)).toBeUndefined();
    },
  );

  it.each([[`const A = { f() {} }; delete A.f; check(A)`], [`const A = []; A.push(f); check(A)`], [`const A = {}; change(A); check(A)`]])(
    "sees the change in %s",
    (code) => {
      const { identifier, sourceCode } = identifierIn(code, "A");
      expect(isConstantChanged(identifier, sourceCode)).toBe(true);
    },
  );
});
