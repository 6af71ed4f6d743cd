// `npm run bench`: what the plugin adds to ESLint's own time.
//
// Two corpora, each linted through ESLint's `ESLint` class twice: with the configuration a
// TypeScript Worker usually starts from (`@eslint/js` and `typescript-eslint` recommended,
// the baseline), and with the same plus the plugin's `all` config. Same ESLint, same
// TypeScript parser, same files, each side's config computed once as the CLI does.
//   1. ordinary code with no Durable Objects: the .js/.ts files of a few big packages in
//      node_modules, where every rule must bail out at once;
//   2. generated Durable Object modules at 1x, 2x, 4x and 8x size, each size linted as the
//      same number of bytes, so cost that grows linearly with file size shows as a flat row.
// The measuring runs in several fresh processes, one after the other, so that no one
// process's compiled code or heap decides the result. A process lints a chunk of files on
// one side, one after the other as the CLI does, garbage collection and all, then the same
// chunk on the other side (alternating which goes first), so whatever else runs on the
// machine slows both alike. A chunk's time on a side is the median of its rounds; processes
// are added for a group until its ratio is stable. ESLint's per-rule `stats` timers come
// from a third instance, outside the timed comparison, since the timers themselves cost
// time. Prints a table, writes bench/results.md, and exits 1 when a target is missed.
//
//   npm run bench [-- --min-processes N --max-processes N --rounds N]
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import js from "@eslint/js";
import * as typescriptParser from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { generateDurableObjectFile } from "./generate.js";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(benchDir, "..");
const nodeModules = path.join(root, "node_modules");
/** Where the corpus files are said to be: inside the project, so no ignore pattern applies, and nowhere on disk. */
const corpusDir = path.join(benchDir, "corpus");

const { values: args } = parseArgs({
  options: {
    "min-processes": { type: "string", default: "3" },
    "max-processes": { type: "string", default: "6" },
    rounds: { type: "string", default: "8" },
    // Internal: run as one measuring process, for the groups named, and print the times as JSON.
    measure: { type: "string" },
    "first-round": { type: "string", default: "0" },
  },
});
const MIN_PROCESSES = Math.max(2, Number(args["min-processes"]));
const MAX_PROCESSES = Math.max(MIN_PROCESSES, Number(args["max-processes"]));
const ROUNDS_PER_PROCESS = Math.max(3, Number(args.rounds));
/**
 * A chunk, the files a side lints one after the other before the other side lints them, holds
 * about this many times the 1x file's bytes (or one file, if that is bigger).
 */
const CHUNK_UNITS = 8;

/** A group's rounds stop once the standard error of its ratio is below this... */
const STABLE_ERROR = 0.01;
/** ...and its ratio is this many standard errors away from its target, on either side. */
const DECIDED_ERRORS = 2;
/** Rounds of the first process that also lint on the `stats` side: the per-rule tables take the least of these. */
const STATS_ROUNDS = 6;
const TARGETS = { ordinary: 0.03, durableObjects: 0.15 };
/** A rule whose cost per byte at 8x is more than this times its cost per byte at 1x grows faster than the file. */
const SUPERLINEAR_FACTOR = 1.35;
/** Rules cheaper than this at every size are below what the timer can judge. */
const MEASURABLE_MS = 1;
/** Resamples of the rounds for the standard error of a ratio. */
const BOOTSTRAP_SAMPLES = 200;

const ORDINARY_PACKAGES = ["eslint/lib", "@typescript-eslint/typescript-estree/dist", "@typescript-eslint/scope-manager/dist"];
const SOURCE_FILE = /\.(?:js|mjs|cjs|ts)$/;
const SCALES = [1, 2, 4, 8];
/** Each size is linted as this many copies of the 1x file's bytes. */
const BYTES_IN_UNITS = 32;

const SIDES = ["baseline", "plugin"];
const unitBytes = Buffer.byteLength(generateDurableObjectFile(1));
const corpora = [ordinaryCorpus(), durableObjectCorpus()];

async function runBenchmark() {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  const importStart = performance.now();
  const plugin = (await import("../dist/index.mjs")).default;
  const importMs = performance.now() - importStart;

  /** For each corpus, for each of its groups: every file's times on each side, one entry per round, and the per-rule times of each stats round. */
  const measurements = Object.fromEntries(
    corpora.map((corpus) => [
      corpus.name,
      corpus.groups.map((group) => ({
        rounds: 0,
        processes: 0,
        baseline: group.chunks.map(() => []),
        plugin: group.chunks.map(() => []),
        ruleMs: [],
      })),
    ]),
  );
  const statistics = new Statistics(measurements);
  for (let processIndex = 0; processIndex < MAX_PROCESSES; processIndex++) {
    const pending = corpora.flatMap((corpus) =>
      corpus.groups.filter((_, groupIndex) => processIndex < MIN_PROCESSES || !statistics.isStable(corpus.name, groupIndex)),
    );
    if (pending.length === 0) {
      break;
    }
    process.stdout.write(`process ${processIndex + 1}: ${pending.map((group) => group.name).join(", ")}\n`);
    const output = execFileSync(
      process.execPath,
      [
        "--expose-gc",
        fileURLToPath(import.meta.url),
        "--measure",
        pending.map((group) => group.name).join(","),
        "--first-round",
        String(processIndex * ROUNDS_PER_PROCESS),
        "--rounds",
        String(ROUNDS_PER_PROCESS),
      ],
      { cwd: root, maxBuffer: 256 * 2 ** 20, stdio: ["ignore", "pipe", "inherit"] },
    );
    const measured = JSON.parse(output.toString());
    for (const corpus of corpora) {
      corpus.groups.forEach((group, groupIndex) => {
        const times = measured[group.name];
        if (!times) {
          return;
        }
        const target = measurements[corpus.name][groupIndex];
        for (const side of SIDES) {
          times[side].forEach((chunkTimes, chunk) => target[side][chunk].push(...chunkTimes));
        }
        target.rounds += ROUNDS_PER_PROCESS;
        target.processes++;
        target.ruleMs.push(...times.ruleMs);
      });
    }
  }
  const report = buildReport(plugin, measurements, statistics, importMs);
  console.log(`\n${report.text}`);
  writeFileSync(
    path.join(benchDir, "results.md"),
    [report.markdown, ...methodSection(), ...machineSection(startedAt, loadBefore)].join("\n"),
  );
  console.log(`\nWrote bench/results.md. ${report.passed ? "All targets met." : "A target was missed."}`);
  process.exitCode = report.passed ? 0 : 1;
}

/** One measuring process: warms up, then lints the named groups for the given rounds, and prints the times. */
async function measureInThisProcess(groupNames, firstRound) {
  if (typeof globalThis.gc !== "function") {
    throw new Error("A measuring process collects garbage between lints: it runs with node --expose-gc.");
  }
  const plugin = (await import("../dist/index.mjs")).default;
  const baseline = [
    { files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"], languageOptions: { parser: typescriptParser } },
    js.configs.recommended,
    ...tseslint.configs.recommended,
  ];
  const withPlugin = [...baseline, plugin.configs.all];
  /** The sides being compared, and `stats`: the plugin side again with ESLint's timers on. */
  const eslints = {
    baseline: createESLint(baseline, false),
    plugin: createESLint(withPlugin, false),
    stats: createESLint(withPlugin, true),
    pluginRuleIds: new Set(Object.keys(plugin.configs.all.rules ?? {})),
  };
  const groups = corpora.flatMap((corpus) => corpus.groups).filter((group) => groupNames.includes(group.name));
  await warmUp(eslints, groups);
  const result = Object.fromEntries(
    groups.map((group) => [group.name, { baseline: group.chunks.map(() => []), plugin: group.chunks.map(() => []), ruleMs: [] }]),
  );
  for (let round = firstRound; round < firstRound + ROUNDS_PER_PROCESS; round++) {
    for (const group of groups) {
      await measureGroup(eslints, group, result[group.name], round, round < STATS_ROUNDS);
    }
  }
  process.stdout.write(JSON.stringify(result));
}

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
    groups: [{ name: "ordinary", label: `${files.length} files`, files, chunks: chunked(files, unitBytes) }],
  };
}

function durableObjectCorpus() {
  const unit = generateDurableObjectFile(1);
  const groups = SCALES.map((scale) => {
    const text = generateDurableObjectFile(scale);
    const copies = BYTES_IN_UNITS / scale;
    const files = Array.from({ length: copies }, (_, copy) => ({ name: `room-${scale}x-${copy}.ts`, text }));
    const lines = text.split("\n").length;
    return { name: `${scale}x`, label: `${scale}x: ${copies} × ${lines} lines`, files, chunks: chunked(files, unitBytes) };
  });
  return {
    name: "durableObjects",
    title: "Generated Durable Object modules",
    description: `${SCALES.map((scale) => `${scale}x`).join(", ")} size (1x = ${unit.split("\n").length} lines, ${formatBytes(Buffer.byteLength(unit))}; each size step adds a Durable Object class, and a message group to the first class), each size linted as ${BYTES_IN_UNITS} × the 1x bytes`,
    groups,
  };
}

/** Consecutive files, split where a chunk reaches `CHUNK_UNITS` times the 1x file's bytes. */
function chunked(files, unitBytes) {
  const chunks = [[]];
  let bytes = 0;
  for (const file of files) {
    if (bytes >= CHUNK_UNITS * unitBytes) {
      chunks.push([]);
      bytes = 0;
    }
    chunks.at(-1).push(file);
    bytes += Buffer.byteLength(file.text);
  }
  return chunks;
}

function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE_FILE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => ({ name: path.relative(nodeModules, file).replaceAll("node_modules", "modules"), text: readFileSync(file, "utf8") }));
}

// --- measuring --------------------------------------------------------------------

/** Lints one file on one side, and on the `stats` side returns the time of each of the plugin's rules. */
async function lintOnce(eslints, side, file) {
  const [result] = await eslints[side].lintText(file.text, { filePath: path.join(corpusDir, file.name) });
  const fatal = result.messages.find((message) => message.fatal);
  if (fatal) {
    throw new Error(`${file.name} does not parse (${fatal.message}); the benchmark needs a corpus that parses.`);
  }
  const ruleMs = {};
  for (const pass of result.stats?.times.passes ?? []) {
    for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
      if (eslints.pluginRuleIds.has(ruleId)) {
        ruleMs[ruleId] = (ruleMs[ruleId] ?? 0) + time.total;
      }
    }
  }
  return ruleMs;
}

/**
 * Lints a chunk's files on one side, one after the other, and returns the wall-clock time.
 * An untimed minor garbage collection first empties the young generation, so that the chunk
 * pays for the collections its own allocations cause and not for the other side's garbage.
 */
async function lintChunk(eslints, side, chunk) {
  globalThis.gc({ type: "minor" });
  const start = performance.now();
  for (const file of chunk) {
    await lintOnce(eslints, side, file);
  }
  return performance.now() - start;
}

/** The first rounds a process lints pay for compiling the parser and the rules, on each side. */
async function warmUp(eslints, groups) {
  for (let pass = 0; pass < 2; pass++) {
    for (const group of groups) {
      for (const side of [...SIDES, "stats"]) {
        await lintChunk(eslints, side, group.chunks[0]);
      }
    }
  }
}

/** One round of a group: every chunk on both sides, and in the stats rounds each file on the `stats` side too. */
async function measureGroup(eslints, group, measured, round, withStats) {
  for (const [index, chunk] of group.chunks.entries()) {
    const order = (index + round) % 2 === 0 ? SIDES : [...SIDES].reverse();
    for (const side of order) {
      measured[side][index].push(await lintChunk(eslints, side, chunk));
    }
  }
  if (withStats) {
    const filesRuleMs = [];
    for (const file of group.files) {
      filesRuleMs.push(await lintOnce(eslints, "stats", file));
    }
    measured.ruleMs.push(filesRuleMs);
  }
}

// --- statistics -------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The figures of the measurements so far: a group's time on each side, the ratio and its error. */
class Statistics {
  #measurements;

  constructor(measurements) {
    this.#measurements = measurements;
  }

  /**
   * A group's time on one side over the given rounds: the sum over its chunks of each chunk's
   * median time (a chunk that the machine happened to slow counts no more than its round's
   * other chunks).
   */
  groupTime(corpusName, groupIndex, side, roundIndexes = this.#allRounds(corpusName, groupIndex)) {
    let total = 0;
    for (const times of this.#measurements[corpusName][groupIndex][side]) {
      total += median(roundIndexes.map((round) => times[round]));
    }
    return total;
  }

  addedTime(corpusName, groupIndex, roundIndexes) {
    return (
      this.groupTime(corpusName, groupIndex, "plugin", roundIndexes) / this.groupTime(corpusName, groupIndex, "baseline", roundIndexes) - 1
    );
  }

  /**
   * Standard error of a group's added time, by resampling its measuring processes, each with
   * all its rounds: a process's compiled code and heap weigh on all of its rounds alike.
   * Deterministic: the resampling's random numbers come from a fixed seed.
   */
  addedTimeError(corpusName, groupIndex) {
    const { processes } = this.#measurements[corpusName][groupIndex];
    if (processes < 2) {
      return Number.POSITIVE_INFINITY;
    }
    let seed = 0x9e3779b9;
    const random = () => {
      seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
      return seed / 2 ** 32;
    };
    const samples = [];
    for (let sample = 0; sample < BOOTSTRAP_SAMPLES; sample++) {
      const roundIndexes = Array.from({ length: processes }, () => Math.floor(random() * processes)).flatMap((chosen) =>
        Array.from({ length: ROUNDS_PER_PROCESS }, (_, round) => chosen * ROUNDS_PER_PROCESS + round),
      );
      samples.push(this.addedTime(corpusName, groupIndex, roundIndexes));
    }
    const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
    return Math.sqrt(samples.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (samples.length - 1));
  }

  /** Whether a group's ratio is known well enough to say whether it meets its target. */
  isStable(corpusName, groupIndex) {
    const error = this.addedTimeError(corpusName, groupIndex);
    const distance = Math.abs(this.addedTime(corpusName, groupIndex) - TARGETS[corpusName]);
    return error < STABLE_ERROR && distance > DECIDED_ERRORS * error;
  }

  rounds(corpusName, groupIndex) {
    return this.#measurements[corpusName][groupIndex].rounds;
  }

  processes(corpusName, groupIndex) {
    return this.#measurements[corpusName][groupIndex].processes;
  }

  /** For each stats round, each file's per-rule times. */
  ruleMs(corpusName, groupIndex) {
    return this.#measurements[corpusName][groupIndex].ruleMs;
  }

  #allRounds(corpusName, groupIndex) {
    return Array.from({ length: this.rounds(corpusName, groupIndex) }, (_, index) => index);
  }
}

// --- report -----------------------------------------------------------------------

function buildReport(plugin, measurements, statistics, importMs) {
  const lines = [];
  const checks = [];
  const ruleTables = [];

  for (const corpus of corpora) {
    const target = TARGETS[corpus.name];
    lines.push(`### ${corpus.title}`, "", `${corpus.description}.`, "");
    lines.push("| group | baseline (ms) | with the plugin (ms) | added per file (ms) | added | ± | processes × rounds | target |");
    lines.push("| :-- | --: | --: | --: | --: | --: | --: | :-- |");
    corpus.groups.forEach((group, groupIndex) => {
      const baseline = statistics.groupTime(corpus.name, groupIndex, "baseline");
      const withPlugin = statistics.groupTime(corpus.name, groupIndex, "plugin");
      const added = withPlugin / baseline - 1;
      const met = added <= target;
      checks.push({ what: `${corpus.title}, ${group.label}: ${signedPercent(added)} (target ≤ +${percent(target)})`, met });
      lines.push(
        `| ${group.label} | ${baseline.toFixed(0)} | ${withPlugin.toFixed(0)} | ${((withPlugin - baseline) / group.files.length).toFixed(2)} | ${signedPercent(added)} | ${percent(statistics.addedTimeError(corpus.name, groupIndex))} | ${statistics.processes(corpus.name, groupIndex)} × ${ROUNDS_PER_PROCESS} | ≤ +${percent(target)} ${met ? "✅" : "❌"} |`,
      );
    });
    lines.push("");
    ruleTables.push(ruleTable(plugin, corpus, statistics, checks));
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
  ].join("\n");
  return { text: [...summary, ...body].join("\n"), markdown, passed };
}

/**
 * Per-rule cost from ESLint's `stats` timers: for each file the least over the stats rounds,
 * since anything else running on the machine only ever adds to a timer, summed over the
 * group's files. For the generated corpus, how it grows with file size.
 */
function ruleTable(plugin, corpus, statistics, checks) {
  const ruleIds = Object.keys(plugin.configs.all.rules ?? {}).sort();
  /** The sum over a group's files of each file's least time over the stats rounds, by `msOf` a file's per-rule times. */
  const leastSum = (groupIndex, msOf) => {
    const rounds = statistics.ruleMs(corpus.name, groupIndex);
    return corpus.groups[groupIndex].files.reduce((sum, _, file) => sum + Math.min(...rounds.map((files) => msOf(files[file]))), 0);
  };
  const least = (ruleId, groupIndex) => leastSum(groupIndex, (ruleMs) => ruleMs[ruleId] ?? 0);
  const total = (groupIndex) => leastSum(groupIndex, (ruleMs) => ruleIds.reduce((sum, ruleId) => sum + (ruleMs[ruleId] ?? 0), 0));
  const lines = [
    `#### Per rule: ${corpus.title.toLowerCase()} (ms, each file's least of ${STATS_ROUNDS} rounds, ESLint's stats timers)`,
    "",
    "The first rule ESLint runs on a file also pays for the analysis that all rules share.",
    "",
  ];
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
    "- Both sides go through ESLint's `ESLint` class (`lintText`, each side's config computed once, as the CLI does) with the same `@typescript-eslint/parser` and the same files. The baseline is the configuration a TypeScript Worker usually starts from: `@eslint/js` recommended and `typescript-eslint` recommended (without type information); the other side adds the plugin's `all` config (every rule, read from the plugin, so a new rule is measured without being named). The baseline is not ESLint with no rules at all: with even one rule enabled, ESLint does work for each file that it skips with none, and keeps more of the file alive while it collects garbage, so a rule-less baseline would charge ESLint's own cost of running rules to the plugin. *added per file* is the plugin's cost in milliseconds, whatever the baseline. Inline `eslint-disable` comments and configs in the corpus are ignored on both sides. The files are linted as if they lay in `bench/corpus/` of this project, so the plugin looks for a wrangler config as it does in a real project (and finds none).",
    `- The measuring runs in fresh processes, one after the other, each of ${ROUNDS_PER_PROCESS} rounds: how one process happens to compile the code and lay out its heap moves both sides' times by several percent, and differently from process to process. A process splits each group into chunks of consecutive files of about ${CHUNK_UNITS} times the 1x file's bytes each and lints a chunk on one side, one file after the other as the CLI does, then on the other side, alternating which side goes first from chunk to chunk and from round to round; it times each chunk on the wall clock, garbage collection included, since the plugin's allocations cost ESLint collections as well as the plugin's own time. The machine is shared (2 cores, other virtual machines on the host), and interleaving chunk by chunk makes both sides share whatever load there is. Before each timed chunk, an untimed minor garbage collection empties the young generation, so that each chunk pays for the collections its own allocations cause and not for the garbage the other side left. Before its first round, a process lints the first chunk of every group twice on each side, untimed, so that neither side pays for compiling the parser or the rules.`,
    `- A chunk's time on a side is the median of its times over all rounds; a group's time is the sum of its chunks' times. Processes are added for a group, at least ${MIN_PROCESSES} and at most ${MAX_PROCESSES}, until the standard error of its ratio is below ${percent(STABLE_ERROR)} and the ratio is more than ${DECIDED_ERRORS} standard errors from its target, above or below (the *processes × rounds* column).`,
    `- *added* is the plugin side's time over the baseline's, minus one; *±* is its standard error, from ${BOOTSTRAP_SAMPLES} resamples of the processes (each with all its rounds). The per-rule tables come from ESLint's own \`stats\` timers (creating each rule and running its listeners), taken on a third \`ESLint\` instance with the plugin side's config that lints each file after the timed chunks, since the timers add to the time they measure; they take each file's least time over the first process's first ${STATS_ROUNDS} rounds, since other load only adds to a timer. They show the plugin's rules alone: the collections its allocations cause are in the timed figures, not in these.`,
    "- Instruction counts (`valgrind --tool=callgrind`) would not depend on the load at all, but on this machine callgrind lints about 8 files a minute, so one round of these corpora would take hours; the machine's hardware counters are not available to `perf`.",
    "",
  ];
}

function machineSection(startedAt, loadBefore) {
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

// Last, once every declaration above is initialised.
if (args.measure === undefined) {
  await runBenchmark();
} else {
  await measureInThisProcess(args.measure.split(","), Number(args["first-round"]));
}
