// Scaffolds a rule: `npm run new-rule <name>` creates src/rules/<name>.ts,
// tests/rules/<name>.test.ts and docs/rules/<name>.md, and adds the rule to the
// alphabetical map in src/rules/index.ts. Every generated file passes as it is (the rule
// reports calls to `todo()` in a hibernating Durable Object) so that the build, the
// tests and the docs check stay green until the TODOs are replaced.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const name = process.argv[2];
if (process.argv.length !== 3 || name === undefined) {
  fail("Usage: npm run new-rule <rule-name>   (kebab-case, e.g. no-pending-io)");
}
if (!KEBAB_CASE.test(name)) {
  fail(`"${name}" is not a kebab-case rule name: use lowercase words joined by "-", e.g. no-pending-io.`);
}

const files = {
  rule: path.join(root, "src/rules", `${name}.ts`),
  test: path.join(root, "tests/rules", `${name}.test.ts`),
  doc: path.join(root, "docs/rules", `${name}.md`),
};
const indexFile = path.join(root, "src/rules/index.ts");
const existing = Object.values(files).filter((file) => existsSync(file));
if (existing.length > 0) {
  fail(`Rule "${name}" already exists: ${existing.map((file) => path.relative(root, file)).join(", ")}.`);
}
const index = readFileSync(indexFile, "utf8");
if (index.includes(`"${name}":`)) {
  fail(`Rule "${name}" is already in src/rules/index.ts.`);
}

const identifier = name.replace(/-([a-z0-9])/g, (_, letter) => letter.toUpperCase());
const updatedIndex = addToIndex(index, name, identifier);

writeFileSync(files.rule, ruleSource(name));
writeFileSync(files.test, testSource(name));
writeFileSync(files.doc, docSource(name));
writeFileSync(indexFile, updatedIndex);

console.log(`Created the rule "${name}":
  ${path.relative(root, files.rule)}
  ${path.relative(root, files.test)}
  ${path.relative(root, files.doc)}
  ${path.relative(root, indexFile)} (added to the map)

Next: replace every TODO (what the rule reports, its message, tests and examples), then run
  npm run build && npm run docs   (fills the doc header and the README rules table)
  npm test
  npm run test:runtime            (runs the doc examples in workerd)`);

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** Inserts the import and the map entry, each in alphabetical order. */
function addToIndex(source, ruleName, importName) {
  const lines = source.split("\n");
  const importPattern = /^import \w+ from "\.\/([a-z0-9-]+)\.js";$/;
  const entryPattern = /^ {2}"([a-z0-9-]+)": \w+,$/;
  const importLines = lines.flatMap((line, lineIndex) => (importPattern.test(line) ? [lineIndex] : []));
  const entryLines = lines.flatMap((line, lineIndex) => (entryPattern.test(line) ? [lineIndex] : []));
  if (importLines.length === 0 || entryLines.length === 0) {
    fail("src/rules/index.ts does not have the expected shape (rule imports, then `export const rules = { ... }`).");
  }
  const insertSorted = (lineIndexes, pattern, newLine) => {
    const before = lineIndexes.find((lineIndex) => (lines[lineIndex].match(pattern)?.[1] ?? "") > ruleName);
    const at = before ?? lineIndexes[lineIndexes.length - 1] + 1;
    lines.splice(at, 0, newLine);
  };
  // Entries come after the imports, so insert them first to keep the import line numbers valid.
  insertSorted(entryLines, entryPattern, `  "${ruleName}": ${importName},`);
  insertSorted(importLines, importPattern, `import ${importName} from "./${ruleName}.js";`);
  return lines.join("\n");
}

function ruleSource(ruleName) {
  return `import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/utils";
import { getDurableObjectModel } from "../analysis/index.js";
import { createRule } from "../util/create-rule.js";

export type Options = [];
export type MessageIds = "todo";

/** TODO: replace with the pattern this rule reports. */
const REPORTED_FUNCTION = "todo";

export default createRule<Options, MessageIds>({
  name: "${ruleName}",
  onlyInDurableObjects: true,
  meta: {
    type: "problem",
    docs: {
      description: "Disallow TODO in a hibernating Durable Object",
      recommended: "recommended",
    },
    messages: {
      todo: "TODO: say what happens at runtime. Say what to do instead.",
    },
    schema: [],
  },
  create(context) {
    const model = getDurableObjectModel(context);
    if (!model.durableObjects.some((durableObject) => durableObject.hibernates)) {
      return {};
    }

    return {
      CallExpression(node) {
        if (isReportedCall(node) && model.durableObjectAt(node)?.hibernates) {
          context.report({ node, messageId: "todo" });
        }
      },
    };

    function isReportedCall(node: TSESTree.CallExpression): boolean {
      return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === REPORTED_FUNCTION;
    }
  },
});
`;
}

function testSource(ruleName) {
  return `import rule from "../../src/rules/${ruleName}.js";
import { JS_FILE, ruleTester } from "../rule-tester.js";

ruleTester.run("${ruleName}", rule, {
  valid: [
    \`
      // Valid because Worker code outside any Durable Object never hibernates.
      export default {
        async fetch() {
          todo();
          return new Response("ok");
        },
      };
    \`,
  ],
  invalid: [
    {
      code: \`
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
            todo();
          }
        }
      \`,
      errors: [{ messageId: "todo", line: 5, column: 13 }],
      output: null,
    },
    {
      filename: JS_FILE,
      code: \`
        export class Room {
          constructor(state, env) {
            this.state = state;
          }
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            this.state.acceptWebSocket(server);
            todo();
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      \`,
      errors: [{ messageId: "todo", line: 9, column: 13 }],
      output: null,
    },
  ],
});
`;
}

function docSource(ruleName) {
  return `# hibernation/${ruleName}

<!-- end auto-generated rule header -->

TODO: one short paragraph on what happens at runtime and what to do instead.

## Examples

❌ Incorrect

\`\`\`ts runtime=hibernates
import { DurableObject } from "cloudflare:workers";

// TODO: replace with the pattern the rule reports, and pick the runtime scenario that
// proves its claim (see CONTRIBUTING.md). Until then the interval pins the object, as the
// "hibernates" scenario expects of an incorrect example.
function todo(): void {
  setInterval(() => {}, 60_000);
}

export class Room extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    todo();
    ws.send(\`echo: \${String(message)}\`);
  }
}
\`\`\`

✅ Correct

\`\`\`ts runtime=hibernates
import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    ws.send(\`echo: \${String(message)}\`);
  }
}
\`\`\`

## Options

This rule has no options.

## When Not To Use It

TODO: when the rule's advice does not apply.
`;
}
