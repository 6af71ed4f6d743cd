import path from "node:path";
import { ESLint } from "eslint";
import plugin from "../index.js";
import type { DurableObjectMarker } from "../analysis/index.js";
import { type Audit, compareText, ruleDocsUrl } from "./audit.js";
import type { HibernationReason } from "./durable-objects-rule.js";
import { explanation } from "./format-text.js";

/**
 * What `--format json` prints, documented in docs/audit.md. Paths are relative to `root`,
 * with `/` between segments on every system; lines and columns count from 1.
 */
export interface AuditReport {
  /** Changes only when a field is removed or changes meaning. */
  readonly formatVersion: 1;
  readonly tool: { readonly name: string; readonly version: string; readonly eslintVersion: string };
  readonly root: string;
  readonly filesLinted: number;
  readonly durableObjects: readonly DurableObjectReport[];
  readonly findings: readonly FindingReport[];
  /** Files that could not be parsed, so were not checked. */
  readonly errors: readonly ErrorReport[];
}

export interface DurableObjectReport {
  /** Null for an anonymous class (`export default class extends DurableObject {}`). */
  readonly name: string | null;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly recognisedBy: DurableObjectMarker;
  readonly hibernates: boolean;
  readonly reason: HibernationReason;
  readonly explanation: string;
  /** Findings in its code, by rule id. */
  readonly findingCounts: Readonly<Record<string, number>>;
}

export interface FindingReport {
  readonly ruleId: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  readonly message: string;
  /** The rule's documentation. */
  readonly helpUri: string | null;
  /** Indexes into `durableObjects`: the objects whose code the finding is in. */
  readonly durableObjects: readonly number[];
}

export interface ErrorReport {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export const FORMAT_VERSION = 1;

export function auditReport(audit: Audit): AuditReport {
  const relative = (file: string) => path.relative(audit.root, file).split(path.sep).join("/");
  return {
    formatVersion: FORMAT_VERSION,
    tool: { name: "hibernation-audit", version: plugin.meta.version, eslintVersion: ESLint.version },
    root: audit.root,
    filesLinted: audit.files.length,
    durableObjects: audit.durableObjects.map((durableObject) => ({
      name: durableObject.name,
      file: relative(durableObject.file),
      line: durableObject.line,
      column: durableObject.column,
      recognisedBy: durableObject.recognisedBy,
      hibernates: durableObject.hibernates,
      reason: durableObject.reason,
      explanation: explanation(durableObject),
      findingCounts: Object.fromEntries([...durableObject.findingCounts].sort(([a], [b]) => compareText(a, b))),
    })),
    findings: audit.findings.map(({ file, message, durableObjects }) => ({
      ruleId: message.ruleId,
      file: relative(file),
      line: message.line,
      column: message.column,
      endLine: message.endLine ?? null,
      endColumn: message.endColumn ?? null,
      message: message.message,
      helpUri: ruleDocsUrl(message.ruleId) ?? null,
      durableObjects: durableObjects.map((durableObject) => audit.durableObjects.indexOf(durableObject)),
    })),
    errors: audit.errors.map(({ file, message }) => ({
      file: relative(file),
      line: message.line,
      column: message.column,
      message: message.message,
    })),
  };
}

export function formatJson(audit: Audit): string {
  return `${JSON.stringify(auditReport(audit), null, 2)}\n`;
}
