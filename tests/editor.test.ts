import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import { build } from "tsdown";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import buildConfig from "../tsdown.config.js";
import { root } from "./doc-examples.js";
import { LspClient } from "./lsp-client.js";

/**
 * The ESLint language server that VS Code's ESLint extension runs, and that Neovim, Helix,
 * Zed and Sublime Text run as `vscode-eslint-language-server`, lints a Durable Object of
 * `examples/` in a project set up the way the README says. The server is driven over stdio as
 * an editor drives it, and what it shows must be what ESLint itself reports.
 */

const EXAMPLE = "examples/src/game-lobby.ts";
const FILE = "src/game-lobby.ts";
const TIMEOUT_MS = 15_000;

interface Position {
  readonly line: number;
  readonly character: number;
}
interface Range {
  readonly start: Position;
  readonly end: Position;
}
interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}
interface Diagnostic {
  readonly range: Range;
  readonly message: string;
  readonly severity?: number;
  readonly source?: string;
  readonly code?: string | number;
  readonly codeDescription?: { readonly href: string };
}
interface Command {
  readonly title: string;
  readonly command: string;
  readonly arguments?: unknown[];
}
interface CodeAction {
  readonly title: string;
  readonly kind?: string;
  readonly command?: Command;
}
interface WorkspaceEdit {
  readonly changes?: Record<string, TextEdit[]>;
  readonly documentChanges?: { readonly textDocument: { readonly uri: string }; readonly edits: TextEdit[] }[];
}
interface ConfigurationItem {
  readonly scopeUri?: string;
  readonly section?: string;
}

/** An editor as the server sees it: its answer to each item of `workspace/configuration`. */
interface Editor {
  readonly name: string;
  readonly settings: (item: ConfigurationItem) => unknown;
}

const DIAGNOSTIC_SEVERITY = { error: 1, warning: 2 } as const;
const CODE_ACTION_INVOKED = 1;

let workspace: string;
let uri: string;
let text: string;

beforeAll(async () => {
  workspace = realpathSync(mkdtempSync(path.join(tmpdir(), "hibernation-editor-")));
  await createProject(workspace);
  const file = path.join(workspace, FILE);
  uri = pathToFileURL(file).href;
  text = readFileSync(file, "utf8");
}, TIMEOUT_MS);

afterAll(() => {
  if (workspace !== undefined) {
    rmSync(workspace, { recursive: true, force: true });
  }
});

/**
 * The settings VS Code's ESLint extension sends for a document it syncs, with the
 * extension's defaults: TypeScript is not in `eslint.validate`, so the server probes it.
 */
const VS_CODE: Editor = {
  name: "VS Code",
  settings: (item) => {
    // The server asks with an empty section for the extension's whole settings object.
    if ((item.section ?? "") !== "" || item.scopeUri === undefined) {
      return null;
    }
    return {
      validate: "probe",
      packageManager: "npm",
      useESLintClass: false,
      experimental: { useFlatConfig: false },
      codeActionOnSave: { mode: "all" },
      format: false,
      quiet: false,
      onIgnoredFiles: "off",
      options: {},
      rulesCustomizations: [],
      run: "onType",
      problems: { shortenToSingleLine: false },
      nodePath: null,
      workspaceFolder: { name: path.basename(workspace), uri: pathToFileURL(workspace).href },
      codeAction: {
        disableRuleComment: { enable: true, location: "separateLine", commentStyle: "line" },
        showDocumentation: { enable: true },
      },
    };
  },
};

/** The few settings that Helix's built-in `languages.toml` gives the server, whatever it asks. */
const HELIX: Editor = {
  name: "Helix",
  settings: () => ({
    validate: "on",
    experimental: { useFlatConfig: false },
    rulesCustomizations: [],
    run: "onType",
    problems: { shortenToSingleLine: false },
    nodePath: "",
    codeAction: { disableRuleComment: { enable: true, location: "separateLine" }, showDocumentation: { enable: true } },
    workingDirectory: { mode: "location" },
  }),
};

/** What an editor tells the server it can do, as far as this server looks. */
const CLIENT_CAPABILITIES = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    executeCommand: { dynamicRegistration: true },
    configuration: true,
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: ["", "quickfix", "refactor", "refactor.extract", "refactor.inline", "refactor.rewrite", "source"],
        },
      },
    },
  },
  window: { workDoneProgress: true },
};

describe.each([VS_CODE, HELIX])("the ESLint language server with the settings $name sends", (editor) => {
  const session = new EditorSession(editor);

  beforeAll(() => session.open(), TIMEOUT_MS);

  afterAll(() => session.close(), TIMEOUT_MS);

  it("shows every finding ESLint reports, with the rule id, range, message and doc link", async () => {
    const { diagnostics: expected } = await lintWithNodeApi(text);

    const diagnostics = await session.pullDiagnostics();

    expect(diagnostics, session.serverLog()).toEqual(expected);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(
      expect.arrayContaining(["hibernation/valid-auto-response", "hibernation/valid-tags", "hibernation/valid-close"]),
    );
    expect(diagnostics.every((diagnostic) => String(diagnostic.code).startsWith("hibernation/"))).toBe(true);
    expect(session.unhandledRequests()).toEqual([]);
  });

  it("offers each suggestion as a quick fix whose edit gives the text ESLint's suggestion gives", async () => {
    const { messages } = await lintWithNodeApi(text);
    const diagnostics = await session.pullDiagnostics();
    let suggestionCount = 0;

    for (const message of messages) {
      const diagnostic = diagnostics.find(
        (candidate) => candidate.code === message.ruleId && sameRange(candidate.range, rangeOf(message)),
      );
      expect(diagnostic, `${message.ruleId}:${message.line}:${message.column}`).toBeDefined();
      const actions = await session.suggestionActionsFor(diagnostic as Diagnostic);
      const suggestions = message.suggestions ?? [];
      expect(actions.map((action) => action.title)).toEqual(
        suggestions.map((suggestion) => `${suggestion.desc} (${message.ruleId})`),
      );
      expect(actions.every((action) => action.kind === "quickfix")).toBe(true);

      for (const [index, action] of actions.entries()) {
        const suggestion = suggestions[index] as Linter.LintSuggestion;
        const edits = await session.execute(action.command as Command);
        expect(applyTextEdits(text, edits)).toBe(applyFix(text, suggestion.fix));
        suggestionCount++;
      }
    }
    expect(suggestionCount).toBeGreaterThanOrEqual(3);
  });

  it("clears the squiggle once the quick fix is applied and the editor sends the change", async () => {
    const tags = (await session.pullDiagnostics()).find((diagnostic) => diagnostic.code === "hibernation/valid-tags");
    expect(tags, session.serverLog()).toBeDefined();
    const [action] = await session.suggestionActionsFor(tags as Diagnostic);
    expect(action).toBeDefined();
    const edits = await session.execute((action as CodeAction).command as Command);
    const { diagnostics: expected } = await lintWithNodeApi(applyTextEdits(text, edits));

    session.change(2, edits);
    const diagnostics = await session.pullDiagnostics();

    expect(diagnostics, session.serverLog()).toEqual(expected);
    expect(diagnostics.map((diagnostic) => diagnostic.code)).not.toContain("hibernation/valid-tags");
    expect(diagnostics.length).toBeGreaterThan(0);
  });
});

/** One editor window on the project: the server it started and the document it opened. */
class EditorSession {
  private client: LspClient | undefined;
  /** The edits the server asked the editor to apply (`workspace/applyEdit`), in order. */
  private readonly appliedEdits: WorkspaceEdit[] = [];

  constructor(private readonly editor: Editor) {}

  async open(): Promise<void> {
    const server = createRequire(import.meta.url).resolve(
      "vscode-langservers-extracted/bin/vscode-eslint-language-server",
    );
    const client = new LspClient(process.execPath, [server, "--stdio"], workspace, TIMEOUT_MS);
    this.client = client;
    client.handle("workspace/configuration", (params) =>
      (params as { items: ConfigurationItem[] }).items.map((item) => this.editor.settings(item)),
    );
    client.handle("client/registerCapability", () => null);
    client.handle("client/unregisterCapability", () => null);
    client.handle("window/workDoneProgress/create", () => null);
    client.handle("workspace/diagnostic/refresh", () => null);
    client.handle("workspace/applyEdit", (params) => {
      this.appliedEdits.push((params as { edit: WorkspaceEdit }).edit);
      return { applied: true };
    });
    await client.request("initialize", {
      processId: process.pid,
      clientInfo: { name: this.editor.name },
      locale: "en",
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: path.basename(workspace) }],
      capabilities: CLIENT_CAPABILITIES,
      initializationOptions: {},
    });
    client.notify("initialized", {});
    client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
  }

  async close(): Promise<void> {
    await this.client?.stop();
  }

  /** The document's diagnostics, asked for as editors do: this server answers pulls and publishes none. */
  async pullDiagnostics(): Promise<Diagnostic[]> {
    const report = await this.connection().request<{ kind: string; items: Diagnostic[] }>("textDocument/diagnostic", {
      textDocument: { uri },
    });
    expect(report.kind).toBe("full");
    return report.items;
  }

  /**
   * The code actions that apply a rule's suggestion, among those the editor gets when it asks
   * for the quick fixes of the diagnostic under the cursor (the others disable the rule or open
   * its doc page).
   */
  async suggestionActionsFor(diagnostic: Diagnostic): Promise<CodeAction[]> {
    const actions = await this.connection().request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], triggerKind: CODE_ACTION_INVOKED },
    });
    return actions.filter((action) => action.command?.command === "eslint.applySuggestion");
  }

  /** Runs a code action's command, and returns the edits the server then asks the editor to apply. */
  async execute(command: Command): Promise<TextEdit[]> {
    const before = this.appliedEdits.length;
    await this.connection().request("workspace/executeCommand", {
      command: command.command,
      arguments: command.arguments,
    });
    expect(this.appliedEdits.length, this.serverLog()).toBe(before + 1);
    const edit = this.appliedEdits[before] as WorkspaceEdit;
    const documentEdits = (edit.documentChanges ?? []).filter((change) => change.textDocument.uri === uri);
    return [...documentEdits.flatMap((change) => change.edits), ...(edit.changes?.[uri] ?? [])];
  }

  /** Tells the server that the document changed by `edits`, as the editor does once it applied them. */
  change(version: number, edits: readonly TextEdit[]): void {
    this.connection().notify("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: latestFirst(edits).map((edit) => ({ range: edit.range, text: edit.newText })),
    });
  }

  unhandledRequests(): readonly string[] {
    return this.connection().unhandledRequests;
  }

  /** What the server logged, to go with a failed expectation. */
  serverLog(): string {
    return `The server's log:\n${this.connection().log.join("\n")}`;
  }

  private connection(): LspClient {
    if (this.client === undefined) {
      throw new Error(`The ${this.editor.name} session has no server: open() did not run.`);
    }
    return this.client;
  }
}

/**
 * A project as a user has it after `npm install --save-dev eslint eslint-plugin-hibernation`
 * and the README's `eslint.config.js`: the plugin is this checkout, built into the project's
 * `node_modules` as the package would be installed, and ESLint is the one this checkout uses.
 */
async function createProject(project: string): Promise<void> {
  const modules = path.join(project, "node_modules");
  const installed = path.join(modules, "eslint-plugin-hibernation");
  mkdirSync(installed, { recursive: true });
  // The package's own build, less the type declarations, which only a type checker reads.
  await build({
    ...buildConfig,
    config: false,
    cwd: root,
    dts: false,
    outDir: path.join(installed, "dist"),
    logLevel: "silent",
  });
  cpSync(path.join(root, "package.json"), path.join(installed, "package.json"));
  // The plugin's own dependencies, and ESLint as the project's peer dependency.
  symlinkSync(path.join(root, "node_modules"), path.join(installed, "node_modules"), "junction");
  symlinkSync(path.join(root, "node_modules/eslint"), path.join(modules, "eslint"), "junction");

  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "editor-project", private: true, type: "module" }));
  writeFileSync(
    path.join(project, "eslint.config.js"),
    ['import hibernation from "eslint-plugin-hibernation";', "export default [hibernation.configs.recommended];", ""].join("\n"),
  );
  mkdirSync(path.join(project, path.dirname(FILE)), { recursive: true });
  cpSync(path.join(root, EXAMPLE), path.join(project, FILE));
}

/**
 * What ESLint's Node API reports for `source` as the document's text, and the diagnostics the
 * server should make of it: lines and columns counted from 0, the rule id as the code, and
 * the rule's doc page as its link.
 */
async function lintWithNodeApi(source: string): Promise<{ messages: Linter.LintMessage[]; diagnostics: Diagnostic[] }> {
  const eslint = new ESLint({ cwd: workspace });
  const results = await eslint.lintText(source, { filePath: path.join(workspace, FILE) });
  const rulesMeta = eslint.getRulesMetaForResults(results);
  const messages = results[0]?.messages ?? [];
  const diagnostics = messages.map((message) => ({
    range: rangeOf(message),
    message: message.message,
    severity: message.severity === 2 ? DIAGNOSTIC_SEVERITY.error : DIAGNOSTIC_SEVERITY.warning,
    source: "eslint",
    code: message.ruleId ?? undefined,
    codeDescription: { href: rulesMeta[message.ruleId ?? ""]?.docs?.url ?? "" },
  }));
  return { messages, diagnostics };
}

function rangeOf(message: Linter.LintMessage): Range {
  return {
    start: { line: message.line - 1, character: message.column - 1 },
    end: { line: (message.endLine ?? message.line) - 1, character: (message.endColumn ?? message.column) - 1 },
  };
}

function sameRange(a: Range, b: Range): boolean {
  return compare(a.start, b.start) === 0 && compare(a.end, b.end) === 0;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function applyTextEdits(source: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let index = source.indexOf("\n"); index !== -1; index = source.indexOf("\n", index + 1)) {
    lineStarts.push(index + 1);
  }
  const offset = (position: Position): number => (lineStarts[position.line] ?? source.length) + position.character;
  return latestFirst(edits).reduce(
    (result, edit) => result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end)),
    source,
  );
}

/** Edits in the order that keeps the positions of those still to apply valid. */
function latestFirst(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => compare(b.range.start, a.range.start));
}

function applyFix(source: string, fix: Linter.LintSuggestion["fix"]): string {
  return source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
}
