// `npm run bench`: what the plugin adds to ESLint's own time.
//
// Two corpora, each linted through ESLint's `ESLint` class with no rules (baseline) and with
// the plugin's `all` config: same ESLint, same TypeScript parser, same files, the config
// computed once per side as the CLI does.
//   1. ordinary code with no Durable Objects: the .js/.ts files of a few big packages in
//      node_modules, where every rule must bail out at once;
//   2. generated Durable Object modules at 1x, 2x, 4x and 8x size, each size linted as the
//      same number of bytes, so cost that grows linearly with file size shows as a flat row.
// One process lints every file on both sides in turn (alternating which goes first), so
// whatever else runs on the machine slows both alike. Before each timed lint a minor garbage
// collection (untimed) empties the young generation: a lint pays for the collections its own
// allocations cause, never for another lint's garbage. A file's time on a side is the median
// of its rounds; rounds repeat (at least 5) until the ratios are stable. ESLint's per-rule
// `stats` timers come from a third instance, outside the timed comparison, since the timers
// themselves cost time. Prints a table, writes bench/results.md, and exits 1 when a target
// is missed.
//
//   npm run bench [-- --min-rounds N --max-rounds N]
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as typescriptParser from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import { generateDurableObjectFile } from "./generate.js";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(benchDir, "..");
const nodeModules = path.join(root, "node_modules");
/** Where the corpus files are said to be: inside the project, so no ignore pattern applies, and nowhere on disk. */
const corpusDir = path.join(benchDir, "corpus");

if (typeof globalThis.gc !== "function") {
  console.error("The benchmark collects garbage between lints: run it as `npm run bench` (node --expose-gc bench/index.js).");
  process.exit(2);
}

const { values: args } = parseArgs({
  options: {
    "min-rounds": { type: "string", default: "5" },
    "max-rounds": { type: "string", default: "15" },
  },
});
const MIN_ROUNDS = Math.max(5, Number(args["min-rounds"]));
const MAX_ROUNDS = Math.max(MIN_ROUNDS, Number(args["max-rounds"]));

/** Stop repeating once the standard error of every ratio is below this. */
const STABLE_ERROR = 0.004;
const TARGETS = { ordinary: 0.03, durableObjects: 0.15 };
/** A rule whose cost per byte at 8x is more than this times its cost per byte at 1x grows faster than the file. */
const SUPERLINEAR_FACTOR = 1.35;
/** Rules cheaper than this at every size are below what the timer can judge. */
const MEASURABLE_MS = 5;
/** Resamples of the rounds for the standard error of a ratio. */
const BOOTSTRAP_SAMPLES = 200;

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

const SIDE_CONFIGS = {
  baseline: { files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"], languageOptions: { parser: typescriptParser } },
  plugin: plugin.configs.all,
};
/** The sides being compared; `stats` is the plugin side again with ESLint's timers on. */
const SIDES = ["baseline", "plugin"];
const eslints = {
  baseline: createESLint(SIDE_CONFIGS.baseline, false),
  plugin: createESLint(SIDE_CONFIGS.plugin, false),
  stats: createESLint(SIDE_CONFIGS.plugin, true),
};

const corpora = [ordinaryCorpus(), durableObjectCorpus()];
await warmUp();
const rounds = [];
for (let round = 0; round < MAX_ROUNDS; round++) {
  rounds.push(await measureRound(round));
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

/**
 * The corpus's own eslint-disable comments and inline configs would switch rules on or
 * report unknown ones; both sides ignore them.
 */
function createESLint(config, stats) {
  return new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config, allowInlineConfig: false, stats });
}

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

/** Lints one file on one side and returns its wall-clock time, or on the `stats` side each rule's time. */
async function lintOnce(side, file) {
  // Empties the young generation, so that the collections during this lint are the ones its own allocations cause.
  globalThis.gc({ type: "minor" });
  const start = performance.now();
  const [result] = await eslints[side].lintText(file.text, { filePath: path.join(corpusDir, file.name) });
  const ms = performance.now() - start;
  const fatal = result.messages.find((message) => message.fatal);
  if (fatal) {
    throw new Error(`${file.name} does not parse (${fatal.message}); the benchmark needs a corpus that parses.`);
  }
  const ruleMs = {};
  for (const pass of result.stats?.times.passes ?? []) {
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
      ruleMs[ruleId] = (ruleMs[ruleId] ?? 0) + time.total;
    }
  }
  return { ms, ruleMs };
}

/** The first rounds a process lints pay for compiling the parser and the rules, on each side. */
async function warmUp() {
  for (let pass = 0; pass < 2; pass++) {
    for (const corpus of corpora) {
      for (const group of corpus.groups) {
        for (const file of group.files.slice(0, 20)) {
          for (const side of [...SIDES, "stats"]) {
            await lintOnce(side, file);
          }
        }
      }
    }
  }
}

/** One round: every file of every group on both sides, then on the `stats` side. */
async function measureRound(round) {
  const result = {};
  for (const corpus of corpora) {
    result[corpus.name] = [];
    for (const group of corpus.groups) {
      const times = { baseline: [], plugin: [], ruleMs: {} };
      for (const [index, file] of group.files.entries()) {
        const order = (index + round) % 2 === 0 ? SIDES : [...SIDES].reverse();
        for (const side of order) {
          times[side].push((await lintOnce(side, file)).ms);
        }
        for (const [ruleId, ms] of Object.entries((await lintOnce("stats", file)).ruleMs)) {
          times.ruleMs[ruleId] = (times.ruleMs[ruleId] ?? 0) + ms;
        }
      }
      result[corpus.name].push(times);
    }
  }
  return result;
}

// --- statistics -------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * A group's time on one side over the given rounds: the sum over its files of each file's
 * median time (a lint that the machine or a major collection happened to slow counts no
 * more than its round's other lints).
 */
function groupTime(corpusName, groupIndex, side, roundIndexes = rounds.map((_, index) => index)) {
  const fileCount = rounds[0][corpusName][groupIndex][side].length;
  let total = 0;
  for (let file = 0; file < fileCount; file++) {
    total += median(roundIndexes.map((round) => rounds[round][corpusName][groupIndex][side][file]));
  }
  return total;
}

function addedTime(corpusName, groupIndex, roundIndexes) {
  return groupTime(corpusName, groupIndex, "plugin", roundIndexes) / groupTime(corpusName, groupIndex, "baseline", roundIndexes) - 1;
}

/**
 * Standard error of a group's added time, by resampling the rounds (deterministic: the
 * resampling's random numbers come from a fixed seed).
 */
function addedTimeError(corpusName, groupIndex) {
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return seed / 2 ** 32;
  };
  const samples = [];
  for (let sample = 0; sample < BOOTSTRAP_SAMPLES; sample++) {
    const roundIndexes = rounds.map(() => Math.floor(random() * rounds.length));
    samples.push(addedTime(corpusName, groupIndex, roundIndexes));
  }
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return Math.sqrt(samples.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (samples.length - 1));
}

function isStable() {
  return corpora.every((corpus) =>
    corpus.groups.every((_, groupIndex) => addedTimeError(corpus.name, groupIndex) < STABLE_ERROR),
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
    lines.push("| group | ESLint alone (ms) | with the plugin (ms) | added | ± | target |");
    lines.push("| :-- | --: | --: | --: | --: | :-- |");
    corpus.groups.forEach((group, groupIndex) => {
      const baseline = groupTime(corpus.name, groupIndex, "baseline");
      const withPlugin = groupTime(corpus.name, groupIndex, "plugin");
      const added = withPlugin / baseline - 1;
      const met = added <= target;
      checks.push({ what: `${corpus.title}, ${group.label}: ${signedPercent(added)} (target ≤ +${percent(target)})`, met });
      lines.push(
        `| ${group.label} | ${baseline.toFixed(0)} | ${withPlugin.toFixed(0)} | ${signedPercent(added)} | ${percent(addedTimeError(corpus.name, groupIndex))} | ≤ +${percent(target)} ${met ? "✅" : "❌"} |`,
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
  const ruleIds = Object.keys(SIDE_CONFIGS.plugin.rules ?? {}).sort();
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
    "- Both sides go through ESLint's `ESLint` class (`lintText`, each side's config computed once, as the CLI does) with the same `@typescript-eslint/parser` and the same files; the baseline enables no rule, the other side enables the plugin's `all` config (every rule, read from the plugin, so a new rule is measured without being named). Inline `eslint-disable` comments and configs in the corpus are ignored on both sides. The files are linted as if they lay in `bench/corpus/` of this project, so the plugin looks for a wrangler config as it does in a real project (and finds none).",
    "- One process lints every file on both sides, one right after the other, alternating which side goes first from file to file and from round to round, and times each `lintText` call on the wall clock: the machine is shared (2 cores), and interleaving file by file makes both sides share whatever load there is. Before each timed lint, an untimed minor garbage collection empties the young generation, so each lint pays for the collections its own allocations cause and not for the garbage another lint left. Before the first round, the first files of every group are linted twice on both sides, untimed, so that neither side pays for compiling the parser or the rules.",
    `- A file's time on a side is the median of its times over the rounds; a group's time is the sum of its files' times. Rounds repeat, at least ${MIN_ROUNDS} and at most ${MAX_ROUNDS}, until the standard error of every ratio is below ${percent(STABLE_ERROR)}; this run took ${rounds.length} rounds.`,
    `- *added* is the plugin side's time over the baseline's, minus one; *±* is its standard error, from ${BOOTSTRAP_SAMPLES} resamples of the rounds. The per-rule tables come from ESLint's own \`stats\` timers (creating each rule and running its listeners), taken on a third \`ESLint\` instance that lints each file after the timed pair, since the timers add to the time they measure; they take the least of the rounds, since other load only adds to a timer.`,
    "- Instruction counts (`valgrind --tool=callgrind`) would not depend on the load at all, but on this machine callgrind lints about 8 files a minute, so one round of these corpora would take hours; the machine's hardware counters are not available to `perf`.",
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
