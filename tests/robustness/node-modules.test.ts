import { describe, expect, it } from "vitest";
import { FULL, corpusFiles, declaredClassNames } from "./corpus.js";
import { lintWithAllRules } from "./lint.js";

/**
 * Real code the plugin never saw: every rule must lint it without throwing. `npm test` lints
 * a fixed slice; `npm run test:robustness` lints every file. Files the parser rejects are
 * counted apart: they are not crashes of the plugin.
 */
const files = FULL ? corpusFiles() : corpusFiles({ step: 101, maxBytes: 40_000 });

/** A hibernating Durable Object added at the end, so that no rule bails out on the file. */
const PROBE_CLASS = "HibernationRobustnessProbe";
const PROBE = `\n;class ${PROBE_CLASS} { webSocketMessage(ws, message) { ws.send(message); } }\n`;

describe(`linting ${files.length} files of node_modules with every rule`, () => {
  it("crashes no rule on the files as they are", () => {
    const summary = lintAll((file) => ({ text: file.text, settings: {} }));
    expect(summary.crashes).toEqual([]);
    expect(summary.linted).toBeGreaterThan(files.length * 0.9);
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
    expect(summary.linted).toBeGreaterThan(files.length * 0.9);
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
  for (const file of files) {
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
  return summary;
}
