import { readdirSync } from "node:fs";
import path from "node:path";
import { LINTED_EXTENSIONS } from "../configs.js";

/**
 * Directories that hold installed packages or build output, not the project's own code.
 * Hidden directories (`.git`, `.wrangler`, `.next`, ...) are skipped as well.
 */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(["node_modules", "dist", "build", "coverage"]);

const LINTED_SUFFIXES = LINTED_EXTENSIONS.map((extension) => `.${extension}`);

/** Declaration files hold types only, never code that runs. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/**
 * The files the audit lints under `directory`, in a stable order: every JavaScript and
 * TypeScript file outside installed packages, build output and hidden directories.
 * Symbolic links are not followed.
 */
export function lintableFiles(directory: string): string[] {
  const files: string[] = [];
  const visit = (current: string): void => {
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const entryPath = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".") && !SKIPPED_DIRECTORIES.has(entry.name)) {
          visit(entryPath);
        }
      } else if (entry.isFile() && isLintable(entry.name)) {
        files.push(entryPath);
      }
    }
  };
  visit(directory);
  return files;
}

export function isLintable(fileName: string): boolean {
  return LINTED_SUFFIXES.some((suffix) => fileName.endsWith(suffix)) && !DECLARATION_FILE.test(fileName);
}
