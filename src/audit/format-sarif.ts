import type { ESLint } from "eslint";
import type { Audit } from "./audit.js";

export const SARIF_FORMATTER = "@microsoft/eslint-formatter-sarif";

export type SarifFormatter = (
  results: ESLint.LintResult[],
  data: ESLint.LintResultData,
) => string;

/**
 * ESLint's SARIF formatter, or undefined when it is not installed: it is an optional peer
 * dependency, since it brings about a hundred packages (ESLint 8 among them) that only
 * `--format sarif` needs.
 */
export async function loadSarifFormatter(): Promise<SarifFormatter | undefined> {
  try {
    const formatter = await import("@microsoft/eslint-formatter-sarif");
    return formatter.default;
  } catch (error) {
    if (isMissing(error)) {
      return undefined;
    }
    throw error;
  }
}

/** SARIF 2.1.0, each rule with its documentation as `helpUri`, for code scanning. */
export function formatSarif(formatter: SarifFormatter, audit: Audit): string {
  return `${formatter(audit.results, { cwd: audit.root, rulesMeta: audit.eslint.getRulesMetaForResults(audit.results) })}\n`;
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" &&
    error.message.includes(`'${SARIF_FORMATTER}'`)
  );
}
