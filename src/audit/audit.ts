import { ESLint, type Linter } from "eslint";
import { LINTED_FILES } from "../configs.js";
import plugin from "../index.js";
import {
  AUDIT_NAMESPACE,
  AUDIT_RULE_ID,
  AUDIT_RULE_NAME,
  type DurableObjectFacts,
  type SourceRange,
  createDurableObjectsRule,
} from "./durable-objects-rule.js";

const PLUGIN_RULE_PREFIX = `${plugin.meta.namespace}/`;

export interface AuditedDurableObject extends DurableObjectFacts {
  /** Absolute path of its file. */
  readonly file: string;
  /** Where its name is (where the class is, for an anonymous class). */
  readonly line: number;
  readonly column: number;
  /** How many findings the rules report in its code, by rule id. */
  readonly findingCounts: ReadonlyMap<string, number>;
}

export interface Finding {
  /** Absolute path of its file. */
  readonly file: string;
  /** ESLint's message; its `ruleId` is a rule of the plugin. */
  readonly message: Linter.LintMessage & { readonly ruleId: string };
  /** The Durable Objects whose code it is in: the class around it, or every class that runs the module-level function around it. */
  readonly durableObjects: readonly AuditedDurableObject[];
}

/** A file ESLint could not parse: the audit knows nothing about it. */
export interface ParseError {
  readonly file: string;
  readonly message: Linter.LintMessage;
}

export interface Audit {
  /** The directory the audit ran in: paths in reports are relative to it. */
  readonly root: string;
  readonly files: readonly string[];
  readonly durableObjects: readonly AuditedDurableObject[];
  readonly findings: readonly Finding[];
  readonly errors: readonly ParseError[];
  /** ESLint's results holding only the findings and parse errors, for ESLint's formatters. */
  readonly results: ESLint.LintResult[];
  readonly eslint: ESLint;
}

/**
 * Lints `files` under `root` with the plugin's recommended config and nothing else, whatever
 * ESLint config the project has, and gathers each Durable Object with its findings.
 * `onFile` hears of each file as ESLint starts linting it.
 */
export async function auditFiles(
  root: string,
  files: readonly string[],
  onFile: (filename: string) => void = () => undefined,
): Promise<Audit> {
  const auditPlugin = {
    meta: { name: AUDIT_NAMESPACE },
    rules: { [AUDIT_RULE_NAME]: createDurableObjectsRule(onFile) },
  } satisfies ESLint.Plugin;
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        name: "hibernation-audit/linter-options",
        // Directives for rules of the project's own config are not unused: those rules are
        // simply not run here.
        linterOptions: { reportUnusedDisableDirectives: "off" },
      },
      plugin.configs.recommended,
      {
        name: "hibernation-audit/durable-objects",
        files: LINTED_FILES,
        plugins: { [AUDIT_NAMESPACE]: auditPlugin },
        rules: { [AUDIT_RULE_ID]: "warn" },
      },
    ],
  });
  const lintResults = await eslint.lintFiles([...files]);

  const durableObjects: AuditedDurableObject[] = [];
  const findings: Finding[] = [];
  const errors: ParseError[] = [];
  const results: ESLint.LintResult[] = [];
  for (const result of [...lintResults].sort((a, b) => compareText(a.filePath, b.filePath))) {
    const file = result.filePath;
    // A directive that turns every rule off on a line also silences the audit's own report.
    const fileObjects = [...result.messages, ...result.suppressedMessages]
      .filter((message) => message.ruleId === AUDIT_RULE_ID)
      .map((message) => auditedDurableObject(file, message))
      .sort((a, b) => a.line - b.line || a.column - b.column);
    durableObjects.push(...fileObjects);

    const kept = result.messages.filter((message) => message.fatal === true || isPluginFinding(message));
    for (const message of kept) {
      if (isPluginFinding(message)) {
        findings.push({ file, message, durableObjects: ownersOf(message, fileObjects) });
      } else {
        errors.push({ file, message });
      }
    }
    results.push(withMessages(result, kept, result.suppressedMessages.filter(isPluginFinding)));
  }
  return { root, files, durableObjects, findings, errors, results, eslint };
}

/** The documentation of a rule of the plugin, by rule id. */
export function ruleDocsUrl(ruleId: string): string | undefined {
  const name = shortRuleName(ruleId);
  return ruleId.startsWith(PLUGIN_RULE_PREFIX) && Object.hasOwn(plugin.rules, name)
    ? plugin.rules[name as keyof typeof plugin.rules].meta?.docs?.url
    : undefined;
}

export function shortRuleName(ruleId: string): string {
  return ruleId.startsWith(PLUGIN_RULE_PREFIX) ? ruleId.slice(PLUGIN_RULE_PREFIX.length) : ruleId;
}

function isPluginFinding<T extends Linter.LintMessage>(message: T): message is T & { ruleId: string } {
  return message.ruleId?.startsWith(PLUGIN_RULE_PREFIX) === true;
}

type CountedDurableObject = AuditedDurableObject & { readonly findingCounts: Map<string, number> };

function auditedDurableObject(file: string, message: Linter.LintMessage): CountedDurableObject {
  const facts = JSON.parse(message.message) as DurableObjectFacts;
  return { ...facts, file, line: message.line, column: message.column, findingCounts: new Map() };
}

/**
 * The innermost Durable Object class around the finding; else every Durable Object that runs
 * the module-level function around it. Counts the finding for each of them.
 */
function ownersOf(message: Linter.LintMessage & { ruleId: string }, fileObjects: readonly CountedDurableObject[]): AuditedDurableObject[] {
  const position = [message.line, message.column] as const;
  // Classes around one position are nested in each other: the innermost starts last.
  const innermost = fileObjects
    .filter((durableObject) => contains(durableObject.range, position))
    .sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1])[0];
  const owners = innermost
    ? [innermost]
    : fileObjects.filter((durableObject) => durableObject.functionRanges.some((range) => contains(range, position)));
  for (const owner of owners) {
    owner.findingCounts.set(message.ruleId, (owner.findingCounts.get(message.ruleId) ?? 0) + 1);
  }
  return owners;
}

function contains(range: SourceRange, [line, column]: readonly [number, number]): boolean {
  const [startLine, startColumn, endLine, endColumn] = range;
  const afterStart = line > startLine || (line === startLine && column >= startColumn);
  const beforeEnd = line < endLine || (line === endLine && column < endColumn);
  return afterStart && beforeEnd;
}

/** A copy of ESLint's result with other messages and counts to match them. */
function withMessages(
  result: ESLint.LintResult,
  messages: Linter.LintMessage[],
  suppressedMessages: Linter.SuppressedLintMessage[],
): ESLint.LintResult {
  const count = (severity: Linter.Severity) => messages.filter((message) => message.severity === severity).length;
  return {
    ...result,
    messages,
    suppressedMessages,
    errorCount: count(2),
    fatalErrorCount: messages.filter((message) => message.fatal === true).length,
    warningCount: count(1),
    // The audit fixes nothing: ESLint's formatters must not offer `--fix`.
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
