import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const NODE_MODULES = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../node_modules");

/** True in `npm run test:robustness`, which runs the large corpus and many fuzz runs. */
export const FULL = process.env.HIBERNATION_ROBUSTNESS === "full";

const SOURCE_FILE = /\.(?:js|mjs|cjs|ts|mts|cts)$/;
/**
 * Bundles above this size (TypeScript's compiler, workerd's embedded runtime) take most of
 * the time and memory of the run and hold no code unlike the rest.
 */
const MAX_BYTES = 1_500_000;

export interface CorpusFile {
  /** The path inside node_modules. */
  readonly name: string;
  readonly text: string;
}

/**
 * Every JavaScript and TypeScript file installed in node_modules, in a fixed order, each
 * content once (packages ship the same file under several paths). With `sample`, only every
 * `sample.step`-th file of at most `sample.maxBytes`: the fixed slice `npm test` lints.
 */
export function corpusFiles(sample?: { readonly step: number; readonly maxBytes: number }): CorpusFile[] {
  const limit = sample?.maxBytes ?? MAX_BYTES;
  const paths = readdirSync(NODE_MODULES, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE_FILE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .filter((file) => statSync(file).size <= limit)
    .filter((_, index) => sample === undefined || index % sample.step === 0);
  const seen = new Set<string>();
  const files: CorpusFile[] = [];
  for (const file of paths) {
    const text = readFileSync(file, "utf8");
    const hash = createHash("sha1").update(text).digest("hex");
    if (!seen.has(hash)) {
      seen.add(hash);
      files.push({ name: path.relative(NODE_MODULES, file), text });
    }
  }
  return files;
}

/**
 * The class names a file declares, found by text: enough to name them in
 * `settings.hibernation.durableObjects`, so that the rules treat each as a Durable Object.
 */
export function declaredClassNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\bclass\s+([A-Za-z_$][\w$]*)/g)].map((match) => match[1] ?? ""))].filter(
    (name) => name !== "" && name !== "extends" && name !== "implements",
  );
}
