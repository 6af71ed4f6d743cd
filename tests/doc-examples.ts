import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import plugin from "../src/index.js";

export const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface DocExample {
  readonly rule: string;
  readonly kind: "correct" | "incorrect";
  /** The line of the doc page where the code starts. */
  readonly line: number;
  readonly language: "js" | "ts";
  /** The runtime scenario named in the fence (```` ```ts runtime=hibernates ````), if any. */
  readonly scenario: string | undefined;
  /** The message the scenario's client sends, when the fence names one: `runtime=throws-on-message(leave)`. */
  readonly message: string | undefined;
  readonly code: string;
}

const FENCE = /^```(ts|js|typescript|javascript)(?:\s+runtime=([a-z-]+)(?:\(([^)]*)\))?)?\s*$/;

/**
 * The code blocks of a rule's doc page that follow a line marked ❌ (incorrect) or ✅
 * (correct) in its `## Examples` section.
 */
export function docExamples(rule: string): DocExample[] {
  const lines = readFileSync(path.join(root, "docs/rules", `${rule}.md`), "utf8").split("\n");
  const examples: DocExample[] = [];
  let kind: DocExample["kind"] | undefined;
  let inExamples = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line.startsWith("## ")) {
      inExamples = line === "## Examples";
      kind = undefined;
      continue;
    }
    if (!inExamples) {
      continue;
    }
    if (line.includes("❌")) {
      kind = "incorrect";
      continue;
    }
    if (line.includes("✅")) {
      kind = "correct";
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence && kind) {
      const start = index + 1;
      const end = lines.indexOf("```", start);
      const language = fence[1] === "js" || fence[1] === "javascript" ? "js" : "ts";
      examples.push({
        rule,
        kind,
        line: start + 1,
        language,
        scenario: fence[2],
        message: fence[3],
        code: lines.slice(start, end).join("\n"),
      });
      index = end;
    }
  }
  return examples;
}

const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [plugin.configs.all as never] });

/**
 * Lints an example with every rule of the plugin and returns the ids of the rules that
 * reported it (`hibernation/no-timers`). Examples must parse: a fatal error fails loudly.
 */
export async function lintExample(example: DocExample): Promise<ReadonlySet<string>> {
  const [result] = await eslint.lintText(example.code, { filePath: path.join(root, `example.${example.language}`) });
  const fatal = result?.messages.find((message) => message.fatal);
  if (fatal) {
    throw new Error(`docs/rules/${example.rule}.md:${example.line}: the example does not parse: ${fatal.message}`);
  }
  return new Set((result?.messages ?? []).flatMap((message) => (message.ruleId === null ? [] : [message.ruleId])));
}
