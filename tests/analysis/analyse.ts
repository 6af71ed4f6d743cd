import * as parser from "@typescript-eslint/parser";
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { Linter } from "eslint";
import { type DurableObjectModel, getDurableObjectModel } from "../../src/analysis/index.js";

export interface Analysis {
  readonly model: DurableObjectModel;
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** The innermost node of `type` whose text starts at the first occurrence of `text`. */
  find<T extends TSESTree.Node["type"]>(text: string, type: T): Extract<TSESTree.Node, { type: T }>;
}

/** Lints `code` with a probe rule that captures the Durable Object model ESLint's own SourceCode yields. */
export function analyse(
  code: string,
  { filename = "room.ts", settings = {} }: { filename?: string; settings?: Record<string, unknown> } = {},
): Analysis {
  let captured: { model: DurableObjectModel; sourceCode: Readonly<TSESLint.SourceCode> } | undefined;
  const probe: TSESLint.RuleModule<"never"> = {
    defaultOptions: [],
    meta: { type: "problem", messages: { never: "never" }, schema: [] },
    create(context) {
      captured = { model: getDurableObjectModel(context), sourceCode: context.sourceCode };
      return {};
    },
  };
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(
    code,
    [
      {
        files: ["**/*.{js,mjs,cjs,ts,mts,cts}"],
        languageOptions: { parser: parser as Linter.Parser, sourceType: "module" },
        plugins: { probe: { rules: { model: probe as never } } },
        rules: { "probe/model": "error" },
        settings,
      },
    ],
    filename,
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal || !captured) {
    throw new Error(`could not analyse the code: ${fatal?.message ?? "the probe did not run"}`);
  }
  const { model, sourceCode } = captured;
  return {
    model,
    sourceCode,
    find(text, type) {
      const offset = sourceCode.text.indexOf(text);
      if (offset < 0) {
        throw new Error(`text not found: ${text}`);
      }
      let match: TSESTree.Node | undefined;
      const visit = (node: TSESTree.Node): void => {
        if (node.range[0] > offset || node.range[1] <= offset) {
          return;
        }
        if (node.type === type && node.range[0] === offset) {
          match = node;
        }
        for (const key of sourceCode.visitorKeys[node.type] ?? []) {
          const value = (node as unknown as Record<string, unknown>)[key];
          for (const child of Array.isArray(value) ? value : [value]) {
            if (child && typeof (child as TSESTree.Node).type === "string") {
              visit(child as TSESTree.Node);
            }
          }
        }
      };
      visit(sourceCode.ast);
      if (!match) {
        throw new Error(`no ${type} at: ${text}`);
      }
      return match as Extract<TSESTree.Node, { type: typeof type }>;
    },
  };
}
