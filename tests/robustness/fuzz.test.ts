import fc from "fast-check";
import type { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { FULL } from "./corpus.js";
import { type LintOutcome, lintWithAllRules } from "./lint.js";
import { durableObjectProgram } from "./programs.js";

/**
 * Random Durable Object modules: every rule must lint them without throwing, and every fix
 * and suggestion must leave a program that still parses. `npm test` runs a fixed seed;
 * `npm run test:robustness` runs many more programs, for at most its time budget.
 */
const RUNS = FULL ? 1500 : 100;
const SEED = 20_261_117;
const BUDGET_MS = FULL ? 240_000 : undefined;
/** However loaded the machine, the fuzzer must get this far within its budget. */
const MINIMUM_RUNS = FULL ? 300 : RUNS;

describe(`fuzzing every rule with ${RUNS} generated Durable Object modules`, () => {
  it("generates programs that parse, lints them without a crash, and fixes and suggests only code that parses", () => {
    let runs = 0;
    let findings = 0;
    let edits = 0;
    fc.assert(
      fc.property(durableObjectProgram(), ({ filename, text }) => {
        runs++;
        const outcome = lintWithAllRules(text, filename);
        assertLinted(outcome, "the generated program");
        const messages = (outcome as Extract<LintOutcome, { kind: "linted" }>).messages;
        findings += messages.length;
        for (const message of messages) {
          for (const [what, fix] of editsOf(message)) {
            edits++;
            const output = applyFix(text, fix);
            assertLinted(lintWithAllRules(output, filename), `the ${what} of ${message.ruleId}`);
          }
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: false },
    );
    console.log(`Fuzzed ${runs} programs: ${findings} findings, ${edits} fixes and suggestions applied and parsed.`);
    expect(runs).toBeGreaterThanOrEqual(MINIMUM_RUNS);
    // The generator must reach the rules, or the test proves nothing.
    expect(findings).toBeGreaterThan(runs);
    expect(edits).toBeGreaterThan(runs / 10);
  });
});

function assertLinted(outcome: LintOutcome, what: string): void {
  if (outcome.kind !== "linted") {
    throw new Error(`${what} ${outcome.kind === "crashed" ? "crashed a rule" : "does not parse"}: ${outcome.message}`);
  }
}

function editsOf(message: Linter.LintMessage): [string, Linter.LintMessage["fix"] & object][] {
  const edits: [string, Linter.LintMessage["fix"] & object][] = [];
  if (message.fix) {
    edits.push(["fix", message.fix]);
  }
  for (const suggestion of message.suggestions ?? []) {
    edits.push([`suggestion "${suggestion.desc}"`, suggestion.fix]);
  }
  return edits;
}

function applyFix(text: string, fix: { range: readonly [number, number]; text: string }): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}
