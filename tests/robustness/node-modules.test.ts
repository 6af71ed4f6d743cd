import { describe, expect, it } from "vitest";
import { FULL, corpusFiles, declaredClassNames } from "./corpus.js";
import { lintWithAllRules } from "./lint.js";

/**
 * Real code the plugin never saw: every rule must lint it without throwing. `npm test` lints
 * a fixed slice; `npm run test:robustness` lints every file, in a fixed order, for as long as
 * its time budget allows (about three minutes a pass on an idle two-core machine). Files the
 * parser rejects are counted apart: they are not crashes of the plugin.
 */
const files = FULL ? corpusFiles() : corpusFiles({ step: 101, maxBytes: 40_000 });
const BUDGET_MS = FULL ? 270_000 : Number.POSITIVE_INFINITY;
/** However loaded the machine, a full pass must get this far within its budget. */
const MINIMUM_LINTED = FULL ? 1000 : files.length * 0.9;

/** A hibernating Durable Object added at the end, so that no rule bails out on the file. */
const PROBE_CLASS = "HibernationRobustnessProbe";
const PROBE = `\n;class ${PROBE_CLASS} { webSocketMessage(ws, message) { ws.send(message); } }\n`;

describe(`linting ${files.length} files of node_modules with every rule`, () => {
  it("crashes no rule on the files as they are", () => {
    const summary = lintAll((file) => ({ text: file.text, settings: {} }));
    expect(summary.crashes).toEqual([]);
    expect(summary.linted).toBeGreaterThan(MINIMUM_LINTED);
  });

  it("crashes no rule when every class of the files is taken for a Durable Object", () => {
    // Naming every class in the settings makes the model analyse each one as a Durable
    // Object, and the probe makes the file hibernate, so every rule runs on code it was not
    // written for instead of bailing out.
    const summary = lintAll((file) => ({
      text: file.text + PROBE,
      settings: { hibernation: { durableObjects: [...declaredClassNames(file.text), PROBE_CLASS] } },
    }));
    expect(summary.crashes).toEqual([]);
    expect(summary.linted).toBeGreaterThan(MINIMUM_LINTED);
  });
});

interface Summary {
  linted: number;
  unparsable: number;
  crashes: string[];
}

function lintAll(
  variant: (file: { name: string; text: string }) => { text: string; settings: Record<string, unknown> },
): Summary {
  const summary: Summary = { linted: 0, unparsable: 0, crashes: [] };
  const start = performance.now();
  for (const file of files) {
    if (performance.now() - start > BUDGET_MS) {
      break;
    }
    const { text, settings } = variant(file);
    // Not under node_modules, which ESLint ignores by default.
    const outcome = lintWithAllRules(text, `corpus/${file.name.replaceAll("node_modules", "modules")}`, settings);
    if (outcome.kind === "crashed") {
      summary.crashes.push(`${file.name}: ${outcome.message}`);
    } else if (outcome.kind === "unparsable") {
      summary.unparsable++;
    } else {
      summary.linted++;
    }
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(0);
  console.log(
    `Linted ${summary.linted} of ${files.length} files in ${seconds} s; ${summary.unparsable} did not parse; ${summary.crashes.length} crashed a rule.`,
  );
  return summary;
}
