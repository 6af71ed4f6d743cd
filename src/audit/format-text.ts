import path from "node:path";
import type { Audit, AuditedDurableObject } from "./audit.js";
import { compareText, shortRuleName } from "./audit.js";
import type { DurableObjectFacts } from "./durable-objects-rule.js";

type Style = "bold" | "green" | "red" | "yellow";

const STYLES: Record<Style, readonly [open: number, close: number]> = {
  bold: [1, 22],
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
};

export interface TextOptions {
  readonly color: boolean;
  /** Paths are shown relative to it, so that terminals can open them. */
  readonly cwd: string;
}

/**
 * Each Durable Object: its name and `file:line`, whether it hibernates and why, and how
 * many findings each rule reports in its code. Empty when there is none.
 */
export function formatDurableObjects(audit: Audit, options: TextOptions): string {
  const style = styler(options.color);
  return audit.durableObjects
    .map((durableObject) => {
      const location = `${path.relative(options.cwd, durableObject.file)}:${durableObject.line}`;
      const hibernates = durableObject.hibernates ? style("green", "yes") : style("yellow", "no");
      return [
        `${style("bold", durableObject.name ?? "(anonymous class)")}  ${location}`,
        `  hibernates  ${hibernates}, ${explanation(durableObject)}`,
        `  findings    ${findingCounts(durableObject, style)}`,
        "",
      ].join("\n");
    })
    .join("\n");
}

/** The one line that ends the report. */
export function formatTotal(audit: Audit, options: Pick<TextOptions, "color">): string {
  const style = styler(options.color);
  const objects = audit.durableObjects.length;
  const hibernating = audit.durableObjects.filter((durableObject) => durableObject.hibernates).length;
  const files = plural(audit.files.length, "file");
  const found =
    objects === 0
      ? `No Durable Object in ${files}`
      : `${plural(objects, "Durable Object")}, ${hibernating} hibernating, in ${files}`;
  const findings = audit.findings.length;
  const outside = audit.findings.filter((finding) => finding.durableObjects.length === 0).length;
  let outcome =
    findings === 0
      ? style("green", "no findings")
      : style("red", plural(findings, "finding")) + (outside > 0 ? ` (${outside} outside any Durable Object)` : "");
  if (audit.errors.length > 0) {
    const unparsed = new Set(audit.errors.map((error) => error.file)).size;
    outcome += `; ${style("red", `${plural(unparsed, "file")} could not be parsed`)}`;
  }
  return `${found}: ${outcome}.`;
}

/** Why the Durable Object hibernates or not, in words. */
export function explanation(facts: Pick<DurableObjectFacts, "details" | "reason">): string {
  switch (facts.reason) {
    case "acceptWebSocket":
      return "accepts its sockets with acceptWebSocket()";
    case "handlers":
      return `defines ${listed(facts.details.map((handler) => `${handler}()`))}`;
    case "baseClass":
      return facts.details[0] === undefined
        ? "extends a Durable Object that hibernates"
        : `extends ${facts.details[0]}, which hibernates`;
    case "standardAccept":
      return "accepts its sockets with the standard accept(), which keeps it in memory while any is connected";
    case "noAcceptWebSocket":
      return "never calls acceptWebSocket()";
    case "agents":
      return "extends an agents class, which accepts its connections for hibernation";
    case "hibernateOption":
      return "sets static options = { hibernate: true }, so partyserver accepts its connections for hibernation";
    case "noHibernateOption":
      return "a partyserver Server without static options = { hibernate: true }, which accepts its connections with accept() and stays in memory while any is connected";
  }
}

function findingCounts(durableObject: AuditedDurableObject, style: Styler): string {
  const counts = [...durableObject.findingCounts].sort(([a], [b]) => compareText(a, b));
  if (counts.length === 0) {
    return style("green", "none");
  }
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  return `${style("red", String(total))}: ${counts.map(([ruleId, count]) => `${shortRuleName(ruleId)} ${count}`).join(", ")}`;
}

type Styler = (style: Style, text: string) => string;

function styler(color: boolean): Styler {
  return color
    ? (style, text) => {
        const [open, close] = STYLES[style];
        return `\u001B[${open}m${text}\u001B[${close}m`;
      }
    : (_, text) => text;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
