import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { rules } from "../../src/rules/index.js";
import { docExamples } from "../doc-examples.js";
import { runtimeCases, writeBundle } from "./bundle.js";
import { startWorkerd } from "./workerd.js";

export interface ProvidedRuntime {
  readonly url: string;
  readonly logFile: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    runtime: ProvidedRuntime;
  }
}

/** Starts one workerd process for the whole runtime suite, with every doc example in it. */
export default async function setup(project: TestProject): Promise<() => void> {
  const examples = Object.keys(rules).flatMap((rule) => docExamples(rule));
  const directory = mkdtempSync(path.join(tmpdir(), "hibernation-runtime-"));
  const configFile = await writeBundle(directory, runtimeCases(examples.filter((example) => example.scenario)));
  const workerd = await startWorkerd(configFile, directory);
  project.provide("runtime", { url: workerd.url, logFile: workerd.logFile });
  return () => {
    workerd.stop();
    rmSync(directory, { recursive: true, force: true });
  };
}
