// Lints the Worker project in examples/ with the built plugin's recommended config, prints
// the findings, then how many each rule found. Exits 1 when a recommended rule found
// nothing there, or when linting failed.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import plugin from "../dist/index.mjs";

const examples = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "examples");
const config = plugin.configs.recommended;
const recommendedRules = Object.keys(config.rules ?? {}).sort();

try {
  const eslint = new ESLint({ cwd: examples, overrideConfigFile: true, overrideConfig: [config] });
  const results = await eslint.lintFiles(["."]);
  const formatter = await eslint.loadFormatter("stylish");
  console.log(await formatter.format(results));

  const fatal = results.flatMap((result) =>
    result.messages
      .filter((message) => message.fatal)
      .map((message) => `${path.relative(examples, result.filePath)}:${message.line}:${message.column} ${message.message}`),
  );
  if (fatal.length > 0) {
    fail(`Linting failed: ${fatal.length} file(s) could not be parsed:\n  ${fatal.join("\n  ")}`);
  }

  const counts = new Map(recommendedRules.map((rule) => [rule, 0]));
  for (const message of results.flatMap((result) => result.messages)) {
    if (message.ruleId !== null && counts.has(message.ruleId)) {
      counts.set(message.ruleId, (counts.get(message.ruleId) ?? 0) + 1);
    }
  }
  const width = Math.max(...recommendedRules.map((rule) => rule.length));
  console.log(`Findings per rule in ${results.length} files of examples/:`);
  for (const [rule, count] of counts) {
    console.log(`  ${rule.padEnd(width)}  ${count}`);
  }

  const silent = recommendedRules.filter((rule) => counts.get(rule) === 0);
  if (silent.length > 0) {
    fail(`\nThese recommended rules found nothing in examples/, which is written to trigger each of them: ${silent.join(", ")}.`);
  }
  console.log(`\nEvery recommended rule reported at least one finding in examples/.`);
} catch (error) {
  fail(`Linting failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
