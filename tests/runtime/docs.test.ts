import { describe, expect, inject, it } from "vitest";
import { rules } from "../../src/rules/index.js";
import { docExamples, lintExample } from "../doc-examples.js";
import { runtimeCases } from "./bundle.js";
import { type Observation, RUNTIME_ERRORS, SCENARIOS } from "./scenarios.js";

const { url } = inject("runtime");
const examples = Object.keys(rules).flatMap((rule) => docExamples(rule));
const cases = runtimeCases(examples.filter((example) => example.scenario));

/** Eviction of a pinned object takes the runtime 30 s to give up on. */
const CASE_TIMEOUT_MS = 90_000;

describe("every rule has a ❌ and a ✅ example that run in workerd", () => {
  it.each(Object.keys(rules))("%s", (rule) => {
    const kinds = new Set(cases.filter((runtimeCase) => runtimeCase.example.rule === rule).map(({ example }) => example.kind));
    expect([...kinds].sort(), `docs/rules/${rule}.md needs runnable ❌ and ✅ examples (\`\`\`ts runtime=<scenario>)`).toEqual([
      "correct",
      "incorrect",
    ]);
  });
});

// One concurrent suite, so that the 30 s the runtime takes to give up evicting each pinned
// object are spent side by side.
describe("doc examples in workerd", () => {
  it.concurrent.each(
    cases.map((runtimeCase) => [
      `${runtimeCase.example.rule}: ${runtimeCase.example.kind === "correct" ? "✅" : "❌"} example at docs/rules/${runtimeCase.example.rule}.md:${runtimeCase.example.line} (${runtimeCase.example.scenario ?? ""}${runtimeCase.example.message === undefined ? "" : ` "${runtimeCase.example.message}"`})`,
      runtimeCase,
    ] as const),
  )(
    "%s",
    async (name, { id, example }) => {
      const { rule } = example;
      const scenario = SCENARIOS[example.scenario ?? ""];
      if (!scenario) {
        throw new Error(`${name}: unknown scenario "${example.scenario ?? ""}"; known: ${Object.keys(SCENARIOS).join(", ")}`);
      }
      const reported = (await lintExample(example)).has(`hibernation/${rule}`);
      expect.soft(reported, `${name}: the rule ${example.kind === "incorrect" ? "must report" : "must not report"} it`).toBe(
        example.kind === "incorrect",
      );

      const query = new URLSearchParams({ case: String(id), scenario: example.scenario ?? "" });
      if (example.message !== undefined) {
        query.set("message", example.message);
      }
      if (example.kind === "correct" && example.scenario !== "hibernates") {
        // Every ✅ example is code that hibernates; whatever else it shows.
        query.set("thenEvict", "");
      }
      const response = await fetch(`${url}/case?${query.toString()}`);
      const observation = (await response.json()) as Observation;
      const claim = example.kind === "correct" ? scenario.correct : scenario.incorrect;
      const failure =
        observation.harnessError !== undefined
          ? `the harness could not drive it: ${observation.harnessError}`
          : (claim(observation, RUNTIME_ERRORS[rule] ?? []) ??
            (observation.finalEviction && !observation.finalEviction.evicted
              ? `it must hibernate, but eviction failed: ${observation.finalEviction.error ?? "unknown error"}`
              : undefined));
      if (failure !== undefined) {
        expect.fail(`${name}, when ${scenario.description}: ${failure}`);
      }
    },
    CASE_TIMEOUT_MS,
  );
});
