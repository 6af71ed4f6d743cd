import { parseArgs } from "node:util";
import packageJson from "../../package.json" with { type: "json" };
import { REPOSITORY_URL } from "../util/repository.js";
import type { ProgressStream } from "./progress.js";

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export const FORMATS = ["text", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export const DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/audit.md`;

const HELP = `Usage: hibernation-audit [options] [dir]

Lints the JavaScript and TypeScript files in dir (by default the current directory) with
the recommended rules of eslint-plugin-hibernation, whatever ESLint config the project has.
Prints each Durable Object (where it is, whether it hibernates and why, what the rules found
in it), then the findings.

Options:
  -f, --format <format>  text (the default), json or sarif
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 no findings, 1 findings, 2 a usage error or a crash.
More: ${DOCS_URL}
`;

export type CliStream = ProgressStream;

export interface CliEnvironment {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Runs `hibernation-audit` with `args` (without the program name); resolves to the exit code. */
export async function runCli(args: readonly string[], environment: CliEnvironment): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", short: "f" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    return usageError(environment, argumentProblem(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    environment.stdout.write(HELP);
    return EXIT_CLEAN;
  }
  if (values.version === true) {
    environment.stdout.write(`${packageJson.version}\n`);
    return EXIT_CLEAN;
  }
  const format = values.format ?? "text";
  if (!isFormat(format)) {
    return usageError(environment, `unknown format "${format}" (use text, json or sarif)`);
  }
  if (positionals.length > 1) {
    return usageError(environment, `expected one directory, got ${positionals.length}: ${positionals.join(" ")}`);
  }
  // ESLint and the rules load only now, so that a usage error is told at once.
  const { runAudit } = await import("./run.js");
  return runAudit(positionals[0] ?? ".", format, environment);
}

export function usageError(environment: CliEnvironment, problem: string): number {
  environment.stderr.write(`hibernation-audit: ${problem}\nRun "hibernation-audit --help" for usage.\n`);
  return EXIT_USAGE;
}

/** Colours on a terminal, unless NO_COLOR asks otherwise (https://no-color.org); FORCE_COLOR forces them. */
export function useColor(stream: CliStream, env: CliEnvironment["env"]): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") {
    return false;
  }
  if (env.FORCE_COLOR !== undefined) {
    return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  }
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** What was wrong with the arguments, said more shortly than `parseArgs()` says it. */
function argumentProblem(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const option = /^Unknown option '([^']+)'/.exec(error.message)?.[1];
  return (error as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option !== undefined
    ? `unknown option ${option}`
    : error.message;
}

function isFormat(format: string): format is Format {
  return (FORMATS as readonly string[]).includes(format);
}
