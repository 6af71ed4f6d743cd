// Runs the built `hibernation-audit` command on the Worker project in examples/, as
// `npx hibernation-audit examples/` does, then reads its JSON report to print how many
// findings each recommended rule has there. Exits 1 when a recommended rule found nothing
// (examples/ is written to trigger each of them), when a file could not be parsed, or when
// the audit failed.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import plugin from "../dist/index.mjs";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "dist/audit.mjs");
const EXIT_FINDINGS = 1;

const shown = spawnSync(process.execPath, [bin, "examples/"], { cwd: root, stdio: "inherit" });
if (shown.status !== EXIT_FINDINGS) {
  fail(`\nThe audit of examples/ exited with ${shown.status ?? shown.signal}, not ${EXIT_FINDINGS} (findings).`);
}

const json = spawnSync(process.execPath, [bin, "--format", "json", "examples/"], { cwd: root, encoding: "utf8" });
if (json.status !== EXIT_FINDINGS) {
  fail(`The JSON audit of examples/ exited with ${json.status ?? json.signal}:\n${json.stderr}`);
}
const report = JSON.parse(json.stdout);
if (report.errors.length > 0) {
  fail(
    `Linting failed: ${report.errors.length} file(s) could not be parsed:\n  ${report.errors
      .map((error) => `${error.file}:${error.line}:${error.column} ${error.message}`)
      .join("\n  ")}`,
  );
}

const recommendedRules = Object.keys(plugin.configs.recommended.rules ?? {}).sort();
const counts = new Map(recommendedRules.map((rule) => [rule, 0]));
for (const finding of report.findings) {
  if (counts.has(finding.ruleId)) {
    counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  }
}
const width = Math.max(...recommendedRules.map((rule) => rule.length));
console.log(`\nFindings per recommended rule in examples/:`);
for (const [rule, count] of counts) {
  console.log(`  ${rule.padEnd(width)}  ${count}`);
}

const silent = recommendedRules.filter((rule) => counts.get(rule) === 0);
if (silent.length > 0) {
  fail(`\nThese recommended rules found nothing in examples/, which is written to trigger each of them: ${silent.join(", ")}.`);
}
console.log(`\nEvery recommended rule reported at least one finding in examples/.`);

function fail(message) {
  console.error(message);
  process.exit(1);
}
