import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { importOf, isFloatingPromise } from "../../src/util/ast.js";
import { analyse } from "../analysis/analyse.js";

/** Whether the `target()` call in `body` (a function body) is a promise nothing waits for. */
function floating(body: string): boolean {
  const code = `async function handler(other: Promise<void>) {\n${body}\n}`;
  const analysis = analyse(code);
  return isFloatingPromise(analysis.find("target(", AST_NODE_TYPES.CallExpression), analysis.sourceCode);
}

describe("isFloatingPromise", () => {
  it.each([
    ["a statement of its own", "target();"],
    ["void", "void target();"],
    ["a chain thrown away", "target().then(() => 1).catch(() => 2).finally(() => 3);"],
    ["an optional chain thrown away", "target()?.then(() => 1);"],
    ["a type assertion thrown away", "target() as Promise<void>;"],
    ["not the last of a sequence", "const value = (target(), 1);"],
    ["a combinator thrown away", "Promise.all([target(), other]);"],
    ["a combinator chained and thrown away", "Promise.race([other, target()]).then(() => 1);"],
    ["a branch of a condition thrown away", "other ? target() : other;"],
    ["the right side of && thrown away", "other && target();"],
    ["an unused const", "const pending = target();"],
    ["a const whose uses throw it away", "const pending = target();\npending.then(() => 1);\nvoid pending;"],
    ["a const passed to a combinator thrown away", "const pending = target();\nPromise.all([pending]);"],
  ])("is floating: %s", (_, body) => {
    expect(floating(body)).toBe(true);
  });

  it.each([
    ["awaited", "await target();"],
    ["returned", "return target();"],
    ["the body of an arrow function", "const run = () => target();"],
    ["a chain awaited", "await target().then(() => 1);"],
    ["a combinator awaited", "await Promise.all([target(), other]);"],
    ["a combinator returned", "return Promise.allSettled([target()]);"],
    ["a const awaited later", "const pending = target();\nawait pending;"],
    ["a const handed to a call", "const pending = target();\nconsole.log(pending);"],
    ["a let, which may be reassigned", "let pending = target();\npending.then(() => 1);"],
    ["the test of a condition", "const value = target() ? 1 : 2;"],
    ["an argument", "console.log(target());"],
    ["stored in an array", "const all = [target()];\nawait Promise.all(all);"],
    ["a local Promise's combinator", "const Promise = { all: (x: unknown) => x };\nPromise.all([target()]);"],
    ["the last of a sequence that is awaited", "await (other, target());"],
  ])("is not floating: %s", (_, body) => {
    expect(floating(body)).toBe(false);
  });

  it("is not floating: an exported const, which other modules may await", () => {
    const analysis = analyse("async function load() {}\nexport const pending = load();");
    const call = analysis.find("load();", AST_NODE_TYPES.CallExpression);
    expect(isFloatingPromise(call, analysis.sourceCode)).toBe(false);
  });

  it("stops at a const that refers to itself", () => {
    const analysis = analyse("async function run() {\n  const pending = target() || pending;\n}");
    expect(isFloatingPromise(analysis.find("target(", AST_NODE_TYPES.CallExpression), analysis.sourceCode)).toBe(false);
  });
});

describe("importOf", () => {
  it("names the module and the imported name under any local name", () => {
    const analysis = analyse(
      'import { connect as tcp } from "cloudflare:sockets";\nimport * as sockets from "cloudflare:sockets";\nimport db from "./db";\ntcp; sockets; db;',
    );
    const last = (name: string) => analysis.find(`${name};`, AST_NODE_TYPES.Identifier);
    expect(importOf(analysis.sourceCode, last("tcp"))).toEqual({ source: "cloudflare:sockets", imported: "connect" });
    expect(importOf(analysis.sourceCode, last("sockets"))).toEqual({ source: "cloudflare:sockets", imported: "*" });
    expect(importOf(analysis.sourceCode, last("db"))).toEqual({ source: "./db", imported: "default" });
  });

  it("gives undefined for a local binding", () => {
    const analysis = analyse("const connect = () => 1;\nconnect;");
    expect(importOf(analysis.sourceCode, analysis.find("connect;", AST_NODE_TYPES.Identifier))).toBeUndefined();
  });
});
