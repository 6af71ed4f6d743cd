import { statSync } from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { type Audit, auditFiles } from "./audit.js";
import { type CliEnvironment, EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, type Format, useColor, usageError } from "./cli.js";
import { isLintable, lintableFiles } from "./files.js";
import { formatJson } from "./format-json.js";
import { SARIF_FORMATTER, type SarifFormatter, formatSarif, loadSarifFormatter } from "./format-sarif.js";
import { formatDurableObjects, formatTotal } from "./format-text.js";
import { createProgress } from "./progress.js";

/** Audits `target` (a directory, or one file) and prints the report in `format`; resolves to the exit code. */
export async function runAudit(target: string, format: Format, environment: CliEnvironment): Promise<number> {
  const { stdout, stderr } = environment;
  const resolved = path.resolve(environment.cwd, target);
  const stats = statSync(resolved, { throwIfNoEntry: false });
  if (!stats) {
    return usageError(environment, `no such file or directory: ${resolved}`);
  }
  let root: string;
  let files: string[];
  if (stats.isDirectory()) {
    root = resolved;
    files = lintableFiles(root);
    if (files.length === 0) {
      return usageError(environment, `no JavaScript or TypeScript file to lint in ${resolved}`);
    }
  } else if (isLintable(resolved)) {
    root = path.dirname(resolved);
    files = [resolved];
  } else {
    return usageError(environment, `not a directory, nor a JavaScript or TypeScript file: ${resolved}`);
  }

  let sarifFormatter: SarifFormatter | undefined;
  if (format === "sarif") {
    sarifFormatter = await loadSarifFormatter();
    if (!sarifFormatter) {
      stderr.write(
        `hibernation-audit: --format sarif needs ESLint's SARIF formatter: npm install --save-dev ${SARIF_FORMATTER}\n`,
      );
      return EXIT_USAGE;
    }
  }

  const progress = createProgress(stderr, files.length);
  let audit: Audit;
  try {
    audit = await auditFiles(root, files, () => progress.fileStarted());
  } finally {
    progress.finish();
  }

  if (format === "json") {
    stdout.write(formatJson(audit));
  } else if (sarifFormatter) {
    stdout.write(formatSarif(sarifFormatter, audit));
  } else {
    stdout.write(await formatText(audit, { color: useColor(stdout, environment.env), cwd: environment.cwd }));
  }
  return audit.findings.length > 0 || audit.errors.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** The Durable Objects, the findings in ESLint's stylish format, and the total. */
async function formatText(audit: Audit, options: { color: boolean; cwd: string }): Promise<string> {
  const stylish = await audit.eslint.loadFormatter("stylish");
  const findings = await stylish.format(audit.results, { color: options.color });
  // ESLint 9's stylish formatter colours whenever stdout is a terminal.
  const plainFindings = options.color ? findings : stripVTControlCharacters(findings);
  const sections = [formatDurableObjects(audit, options), plainFindings.trim(), formatTotal(audit, options)];
  return sections
    .filter((section) => section !== "")
    .map((section) => `${section.trimEnd()}\n`)
    .join("\n");
}
