import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FileFacts, collectFileFacts } from "../../src/analysis/walk.js";
import { root } from "../doc-examples.js";
import { corpusFiles } from "../robustness/corpus.js";
import { durableObjectProgram } from "../robustness/programs.js";
import { analyse } from "./analyse.js";

/** The same source code without `traverse()`, as oxlint's JS plugins see it. */
function withoutTraversal(sourceCode: Readonly<TSESLint.SourceCode>): Readonly<TSESLint.SourceCode> {
  return Object.create(sourceCode, { traverse: { value: undefined } }) as Readonly<TSESLint.SourceCode>;
}

/** The facts with each node named by its type and range, so that two collections compare by value. */
function describeFacts(facts: FileFacts): unknown {
  const name = (node: TSESTree.Node | undefined): string => (node ? `${node.type}@${node.range.join("-")}` : "none");
  const names = (nodes: Iterable<TSESTree.Node>): string[] => [...nodes].map(name);
  const byClass = <V>(map: Map<TSESTree.Node, Map<string, V>>, describe: (value: V) => unknown) =>
    [...map].map(([node, members]) => [name(node), [...members].map(([member, value]) => [member, describe(value)])]);
  return {
    classes: names(facts.classes),
    acceptWebSocketCalls: names(facts.acceptWebSocketCalls),
    thisWrites: byClass(facts.thisWrites, names),
    thisFieldMembers: byClass(facts.thisFieldMembers, (members) => [...members]),
    sendingFunctions: names(facts.sendingFunctions),
    thisMembers: byClass(facts.thisMembers, names),
    memberCalls: [...facts.memberCalls].map(([member, calls]) => [member, names(calls)]),
    callsByName: [...facts.callsByName].map(([name, calls]) => [name, names(calls)]),
  };
}

function expectSameFacts(code: string, filename: string): FileFacts {
  const { sourceCode } = analyse(code, { filename });
  const fromTraversal = collectFileFacts(sourceCode);
  expect(describeFacts(fromTraversal)).toEqual(describeFacts(collectFileFacts(withoutTraversal(sourceCode))));
  return fromTraversal;
}

describe("the facts read off ESLint's traversal are those of the plugin's own walk", () => {
  it("in the bundled examples", () => {
    const directory = path.join(root, "examples/src");
    let classes = 0;
    for (const file of readdirSync(directory)) {
      classes += expectSameFacts(readFileSync(path.join(directory, file), "utf8"), file).classes.length;
    }
    expect(classes).toBeGreaterThan(5);
  });

  it("in `this` of methods, field initialisers, static members, nested functions and arrows", () => {
    const facts = expectSameFacts(
      `class Room {
        count = this.start();
        handler = () => this.count;
        static shared = this.name;
        static { this.ready = true; }
        constructor(ctx: DurableObjectState) { this.ctx = ctx; this.ctx.acceptWebSocket(ws); }
        go(): void {
          const f = function () { this.lost = 1; };
          const g = () => { this.kept = 2; this.sessions.set(ws, 1); };
          class Inner { m() { this.inner = 3; } }
        }
      }
      const outside = this;`,
      "room.ts",
    );
    expect(facts.classes).toHaveLength(2);
    expect(facts.acceptWebSocketCalls).toHaveLength(1);
  });

  it("in generated Durable Object modules", () => {
    fc.assert(
      fc.property(durableObjectProgram(), ({ filename, text }) => {
        expectSameFacts(text, filename);
      }),
      { seed: 20_261_207, numRuns: 40 },
    );
  });

  it("in installed packages", () => {
    const files = corpusFiles({ step: 40, maxBytes: 100_000 })
      .filter((file) => file.text.includes("class"))
      .slice(0, 40);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      try {
        expectSameFacts(file.text, file.name.endsWith(".ts") ? "module.ts" : "module.js");
      } catch (error) {
        if (error instanceof Error && error.message.startsWith("could not analyse")) {
          continue;
        }
        throw error;
      }
    }
  });
});
