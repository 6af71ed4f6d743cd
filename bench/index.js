// `npm run bench`: what the plugin adds to ESLint's own time.
//
// Two corpora, each linted by ESLint's Linter with no rules (baseline) and with the plugin's
// `all` config: same ESLint, same TypeScript parser, same files.
//   1. ordinary code with no Durable Objects: the .js/.ts files of a few big packages in
//      node_modules, where every rule must bail out at once;
//   2. generated Durable Object modules at 1x, 2x, 4x and 8x size, each size linted as the
//      same number of bytes, so cost that grows linearly with file size shows as a flat row.
// The machine is shared, so the two sides are interleaved file by file (alternating which
// goes first) and each lint is timed in CPU time: whatever else runs slows both sides alike.
// Rounds repeat (at least 5) until the median ratios are stable. Prints a table, writes
// bench/results.md, and exits 1 when a target is missed.
//
//   npm run bench [-- --min-rounds N --max-rounds N]
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as typescriptParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { generateDurableObjectFile } from "./generate.js";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(benchDir, "..");
const nodeModules = path.join(root, "node_modules");

const { values: args } = parseArgs({
  options: {
    "min-rounds": { type: "string", default: "5" },
    "max-rounds": { type: "string", default: "12" },
  },
});
const MIN_ROUNDS = Math.max(5, Number(args["min-rounds"]));
const MAX_ROUNDS = Math.max(MIN_ROUNDS, Number(args["max-rounds"]));

/** Stop repeating once the standard error of every median ratio is below this. */
const STABLE_ERROR = 0.005;
const TARGETS = { ordinary: 0.03, durableObjects: 0.15 };
/** A rule whose cost per byte at 8x is more than this times its cost per byte at 1x grows faster than the file. */
const SUPERLINEAR_FACTOR = 1.35;
/** Rules cheaper than this at every size are below what the timer can judge. */
const MEASURABLE_MS = 5;

const ORDINARY_PACKAGES = ["eslint/lib", "@typescript-eslint/typescript-estree/dist", "@typescript-eslint/scope-manager/dist"];
const SOURCE_FILE = /\.(?:js|mjs|cjs|ts)$/;
const SCALES = [1, 2, 4, 8];
/** Each size is linted as this many copies of the 1x file's bytes. */
const BYTES_IN_UNITS = 32;

const startedAt = new Date();
const loadBefore = os.loadavg();

execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
const importStart = performance.now();
const plugin = (await import("../dist/index.mjs")).default;
const importMs = performance.now() - importStart;

const SIDES = {
  baseline: { files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"], languageOptions: { parser: typescriptParser } },
  plugin: plugin.configs.all,
};
const linter = new Linter({ configType: "flat" });
// The corpus's own eslint-disable comments and inline configs would switch rules on or
// report unknown ones; both sides ignore them.
const LINT_OPTIONS = { allowInlineConfig: false };

const corpora = [ordinaryCorpus(), durableObjectCorpus()];
warmUp();
const rounds = [];
for (let round = 0; round < MAX_ROUNDS; round++) {
  rounds.push(measureRound(round));
  process.stdout.write(`round ${round + 1} done\n`);
  if (rounds.length >= MIN_ROUNDS && isStable()) {
    break;
  }
}
const report = buildReport();
console.log(`\n${report.text}`);
writeFileSync(path.join(benchDir, "results.md"), report.markdown);
console.log(`\nWrote bench/results.md. ${report.passed ? "All targets met." : "A target was missed."}`);
process.exitCode = report.passed ? 0 : 1;

// --- corpora ----------------------------------------------------------------------

function ordinaryCorpus() {
  const files = ORDINARY_PACKAGES.flatMap((dir) => sourceFiles(path.join(nodeModules, dir)));
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
  return {
    name: "ordinary",
    title: "Ordinary code, no Durable Objects",
    description: `${files.length} .js/.ts files (${formatBytes(bytes)}) of ${ORDINARY_PACKAGES.map((dir) => `\`${dir}\``).join(", ")}`,
    groups: [{ name: "ordinary", label: `${files.length} files`, files }],
  };
}

function durableObjectCorpus() {
  const unit = generateDurableObjectFile(1);
  const groups = SCALES.map((scale) => {
    const text = generateDurableObjectFile(scale);
    const copies = BYTES_IN_UNITS / scale;
    const files = Array.from({ length: copies }, (_, copy) => ({ name: `room-${scale}x-${copy}.ts`, text }));
    const lines = text.split("\n").length;
    return { name: `${scale}x`, label: `${scale}x: ${copies} × ${lines} lines`, files };
  });
  return {
    name: "durableObjects",
    title: "Generated Durable Object modules",
    description: `${SCALES.map((scale) => `${scale}x`).join(", ")} size (1x = ${unit.split("\n").length} lines, ${formatBytes(Buffer.byteLength(unit))}; each size step adds a Durable Object class, and a message group to the first class), each size linted as ${BYTES_IN_UNITS} × the 1x bytes`,
    groups,
  };
}

function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE_FILE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => ({ name: path.relative(nodeModules, file).replaceAll("node_modules", "modules"), text: readFileSync(file, "utf8") }));
}

// --- measuring --------------------------------------------------------------------

/** Lints one file on one side and returns its CPU time and, on the plugin side, each rule's time. */
function lintOnce(side, file) {
  const start = process.cpuUsage();
  // `verifyAndFix` (with no fixing) is the call that ESLint itself makes, and the one that keeps stats.
  const { messages } = linter.verifyAndFix(file.text, SIDES[side], {
    filename: file.name,
    ...LINT_OPTIONS,
    fix: false,
    stats: side === "plugin",
  });
  const cpu = process.cpuUsage(start);
  const fatal = messages.find((message) => message.fatal);
  if (fatal) {
    throw new Error(`${file.name} does not parse (${fatal.message}); the benchmark needs a corpus that parses.`);
  }
  const ruleMs = {};
  if (side === "plugin") {
    for (const pass of linter.getTimes().passes) {
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
        ruleMs[ruleId] = (ruleMs[ruleId] ?? 0) + time.total;
      }
    }
  }
  return { cpuMs: (cpu.user + cpu.system) / 1000, ruleMs };
}

/** The first files a process lints pay for compiling the parser and the rules, on each side. */
function warmUp() {
  for (const corpus of corpora) {
    for (const group of corpus.groups) {
      for (const file of group.files.slice(0, 10)) {
        lintOnce("baseline", file);
        lintOnce("plugin", file);
      }
    }
  }
}

function measureRound(round) {
  const result = {};
  for (const corpus of corpora) {
    result[corpus.name] = corpus.groups.map((group) => {
      const totals = { baseline: 0, plugin: 0, ruleMs: {} };
      group.files.forEach((file, index) => {
        const order = (index + round) % 2 === 0 ? ["baseline", "plugin"] : ["plugin", "baseline"];
        for (const side of order) {
          const { cpuMs, ruleMs } = lintOnce(side, file);
          totals[side] += cpuMs;
          for (const [ruleId, ms] of Object.entries(ruleMs)) {
            totals.ruleMs[ruleId] = (totals.ruleMs[ruleId] ?? 0) + ms;
          }
        }
      });
      return totals;
    });
  }
  return result;
}

// --- statistics -------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Standard error of the median, from the interquartile range (robust to the odd outlier). */
function medianError(values) {
  const sigma = (quantile(values, 0.75) - quantile(values, 0.25)) / 1.349;
  return (1.2533 * sigma) / Math.sqrt(values.length);
}

function ratios(corpusName, groupIndex) {
  return rounds.map((round) => round[corpusName][groupIndex].plugin / round[corpusName][groupIndex].baseline);
}

function isStable() {
  return corpora.every((corpus) =>
    corpus.groups.every((_, groupIndex) => medianError(ratios(corpus.name, groupIndex)) < STABLE_ERROR),
  );
}

// --- report -----------------------------------------------------------------------

function buildReport() {
  const lines = [];
  const checks = [];
  const ruleTables = [];

  for (const corpus of corpora) {
    const target = TARGETS[corpus.name];
    lines.push(`### ${corpus.title}`, "", `${corpus.description}.`, "");
    lines.push("| group | ESLint alone (ms CPU) | with the plugin (ms CPU) | added | ± | target |");
    lines.push("| :-- | --: | --: | --: | --: | :-- |");
    corpus.groups.forEach((group, groupIndex) => {
      const baseline = median(rounds.map((round) => round[corpus.name][groupIndex].baseline));
      const withPlugin = median(rounds.map((round) => round[corpus.name][groupIndex].plugin));
      const groupRatios = ratios(corpus.name, groupIndex);
      const added = median(groupRatios) - 1;
      const met = added <= target;
      checks.push({ what: `${corpus.title}, ${group.label}: ${signedPercent(added)} (target ≤ +${percent(target)})`, met });
      lines.push(
        `| ${group.label} | ${baseline.toFixed(0)} | ${withPlugin.toFixed(0)} | ${signedPercent(added)} | ${percent(medianError(groupRatios))} | ≤ +${percent(target)} ${met ? "✅" : "❌"} |`,
      );
    });
    lines.push("");
    ruleTables.push(ruleTable(corpus, checks));
  }

  const body = [
    ...lines,
    `Loading the plugin (once per process, not in the figures above): ${importMs.toFixed(0)} ms.`,
    "",
    ...ruleTables.flat(),
  ];
  const passed = checks.every((check) => check.met);
  const summary = ["## Targets", "", ...checks.map((check) => `- ${check.met ? "✅" : "❌"} ${check.what}`), ""];
  const markdown = [
    "# Benchmark: what eslint-plugin-hibernation adds to ESLint's time",
    "",
    "Written by `npm run bench`; do not edit by hand.",
    "",
    ...summary,
    "## Results",
    "",
    ...body,
    ...methodSection(),
    ...machineSection(),
  ].join("\n");
  return { text: [...summary, ...body].join("\n"), markdown, passed };
}

/**
 * Per-rule cost from ESLint's `stats` timers: the least over the rounds, since anything else
 * running on the machine only ever adds to a timer. For the generated corpus, how it grows
 * with file size.
 */
function ruleTable(corpus, checks) {
  const ruleIds = Object.keys(SIDES.plugin.rules ?? {}).sort();
  const least = (ruleId, groupIndex) =>
    Math.min(...rounds.map((round) => round[corpus.name][groupIndex].ruleMs[ruleId] ?? 0));
  const total = (groupIndex) =>
    Math.min(...rounds.map((round) => Object.values(round[corpus.name][groupIndex].ruleMs).reduce((sum, ms) => sum + ms, 0)));
  const lines = [`#### Per rule: ${corpus.title.toLowerCase()} (ms, least of the rounds, ESLint's stats timers)`, ""];
  if (corpus.name !== "durableObjects") {
    lines.push("| rule | ms |", "| :-- | --: |");
    for (const ruleId of ruleIds) {
      lines.push(`| \`${ruleId}\` | ${least(ruleId, 0).toFixed(1)} |`);
    }
    lines.push(`| **all rules** | ${total(0).toFixed(1)} |`, "");
    return lines;
  }
  const first = corpus.groups[0];
  const last = corpus.groups.at(-1);
  lines.push(
    `Each size is linted as the same number of bytes, so a rule whose cost grows linearly with the file has a flat row (or a falling one: its fixed cost per file is spread over more bytes). The last column is the cost at ${last.name} over the cost at ${first.name}; above ${SUPERLINEAR_FACTOR} a rule grows faster than the file.`,
    "",
    `| rule | ${corpus.groups.map((group) => group.name).join(" | ")} | ${last.name} / ${first.name} |`,
    `| :-- | ${corpus.groups.map(() => "--:").join(" | ")} | --: |`,
  );
  for (const ruleId of [...ruleIds, "all rules"]) {
    const times = corpus.groups.map((_, groupIndex) => (ruleId === "all rules" ? total(groupIndex) : least(ruleId, groupIndex)));
    const growth = times[0] > 0 ? times.at(-1) / times[0] : 0;
    const measurable = Math.max(...times) >= MEASURABLE_MS;
    const linear = !measurable || growth <= SUPERLINEAR_FACTOR;
    if (measurable) {
      checks.push({ what: `\`${ruleId}\` grows linearly with the file: ${last.name} / ${first.name} = ${growth.toFixed(2)} (at most ${SUPERLINEAR_FACTOR})`, met: linear });
    }
    lines.push(
      `| ${ruleId === "all rules" ? "**all rules**" : `\`${ruleId}\``} | ${times.map((ms) => ms.toFixed(1)).join(" | ")} | ${measurable ? `${growth.toFixed(2)} ${linear ? "✅" : "❌"}` : `under ${MEASURABLE_MS} ms`} |`,
    );
  }
  lines.push("");
  return lines;
}

function methodSection() {
  return [
    "## Method",
    "",
    "- Both sides use the same ESLint `Linter`, the same `@typescript-eslint/parser` and the same files; the baseline enables no rule, the other side enables the plugin's `all` config (every rule, read from the plugin, so a new rule is measured without being named). Inline `eslint-disable` comments and configs in the corpus are ignored on both sides.",
    "- One process lints every file on both sides, one after the other, alternating which side goes first from file to file and from round to round, and records the CPU time (user + system, `process.cpuUsage()`) of each `verify` call. The machine is shared (2 cores, other jobs running): interleaving file by file makes both sides share whatever load there is. Before the first round, the first files of every group are linted on both sides, unmeasured, so that neither side pays for compiling the parser or the rules.",
    `- A round lints every group once. Rounds repeat, at least ${MIN_ROUNDS} and at most ${MAX_ROUNDS}, until the standard error of every median ratio is below ${percent(STABLE_ERROR)}; this run took ${rounds.length} rounds.`,
    "- *added* is the median over the rounds of (plugin side's CPU time / baseline's CPU time) − 1; *±* is its standard error, from the interquartile range. The per-rule tables come from ESLint's own `stats` timers (creating each rule and running its listeners); they take the least of the rounds, since other load only adds to a timer.",
    "- Instruction counts (`valgrind --tool=callgrind`) would not depend on the load at all, but on this machine callgrind lints about 8 files a minute, so one round of these corpora would take hours.",
    "",
  ];
}

function machineSection() {
  const packageVersion = (name) => JSON.parse(readFileSync(path.join(nodeModules, name, "package.json"), "utf8")).version;
  const cpus = os.cpus();
  return [
    "## Machine",
    "",
    `- Date: ${startedAt.toISOString()}`,
    `- CPU: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores; memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node.js ${process.version}, ESLint ${packageVersion("eslint")}, @typescript-eslint/parser ${packageVersion("@typescript-eslint/parser")}, TypeScript ${packageVersion("typescript")}`,
    `- Load average (1 min) when the run started: ${loadBefore[0].toFixed(2)}; when it ended: ${os.loadavg()[0].toFixed(2)}`,
    "",
  ];
}

function percent(value) {
  return `${(value * 100).toFixed(1)}%`;
}

function signedPercent(value) {
  return `${value >= 0 ? "+" : "−"}${percent(Math.abs(value))}`;
}

function formatBytes(bytes) {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(0)} KiB`;
}
