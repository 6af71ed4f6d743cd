import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";
import ts from "typescript";
import { analyse } from "../analysis/analyse.js";
import type { DocExample } from "../doc-examples.js";

/** The compatibility date the examples run with: the runtime's behaviour as of this workerd release. */
export const COMPATIBILITY_DATE = "2026-11-17";

export interface RuntimeCase {
  readonly id: number;
  readonly example: DocExample;
  /** The exported Durable Object class the case runs. */
  readonly className: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "../..");

/** Modules the runtime provides itself; every other bare import is a package from node_modules. */
const RUNTIME_MODULE = /^(?:cloudflare|workerd|node):/;

/** Numbers the runnable examples and names the Durable Object class each one exports. */
export function runtimeCases(examples: readonly DocExample[]): RuntimeCase[] {
  return examples.map((example, id) => ({ id, example, className: exportedDurableObject(example) }));
}

function exportedDurableObject(example: DocExample): string {
  const { model } = analyse(example.code, { filename: `example.${example.language}` });
  const exported = model.durableObjects.find(
    (durableObject) =>
      durableObject.name !== undefined &&
      durableObject.node.parent?.type === "ExportNamedDeclaration",
  );
  if (!exported?.name) {
    throw new Error(
      `docs/rules/${example.rule}.md:${example.line}: the example exports no Durable Object class, so it cannot run`,
    );
  }
  return exported.name;
}

/**
 * Writes a workerd project to `directory`: every example as a module, an entry module that
 * exports each example's class under its case name, instrumented, and the config that
 * gives each its own Durable Object namespace.
 */
export async function writeBundle(directory: string, cases: readonly RuntimeCase[]): Promise<string> {
  const storageDirectory = path.join(directory, "storage");
  mkdirSync(storageDirectory);
  copyFileSync(path.join(here, "harness.js"), path.join(directory, "harness.js"));
  const entry = ['import { instrument } from "./harness.js";', 'export { default, LimitsProbe } from "./harness.js";'];
  const packages = new Set<string>();
  for (const { id, example, className } of cases) {
    const code = toJavaScript(example);
    for (const specifier of importedPackages(code)) {
      packages.add(specifier);
    }
    writeFileSync(path.join(directory, `case-${id}.js`), code);
    entry.push(`import * as case${id} from "./case-${id}.js";`);
    entry.push(`export const Case${id} = instrument(case${id}.${className}, "${id}");`);
  }
  writeFileSync(path.join(directory, "entry.js"), `${entry.join("\n")}\n`);
  const packageModules = await bundlePackages(directory, [...packages].sort());

  const modules = [
    `(name = "entry.js", esModule = embed "entry.js")`,
    `(name = "harness.js", esModule = embed "harness.js")`,
    ...cases.map(({ id }) => `(name = "case-${id}.js", esModule = embed "case-${id}.js")`),
    ...packageModules,
  ];
  const namespaces = [
    `(className = "LimitsProbe", uniqueKey = "limits-probe")`,
    ...cases.map(({ id }) => `(className = "Case${id}", uniqueKey = "case-${id}", enableSql = true)`),
  ];
  const bindings = [
    `(name = "LIMITS", durableObjectNamespace = "LimitsProbe")`,
    ...cases.map(({ id }) => `(name = "CASE_${id}", durableObjectNamespace = "Case${id}")`),
  ];
  const configFile = path.join(directory, "config.capnp");
  writeFileSync(
    configFile,
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "harness", worker = .harness),
    (name = "storage", disk = (path = "${storageDirectory}", writable = true)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "harness") ],
);

const harness :Workerd.Worker = (
  modules = [
    ${modules.join(",\n    ")}
  ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  compatibilityFlags = ["unsafe_module"],
  durableObjectNamespaces = [
    ${namespaces.join(",\n    ")}
  ],
  # On disk, as in production: in-memory storage is dropped with the object on eviction.
  durableObjectStorage = (localDisk = "storage"),
  bindings = [
    ${bindings.join(",\n    ")}
  ],
  # Outgoing requests and WebSockets of the examples come back to the harness, which
  # plays the outside world.
  globalOutbound = "harness",
);
`,
  );
  return configFile;
}

function toJavaScript(example: DocExample): string {
  if (example.language === "js") {
    return example.code;
  }
  return ts.transpileModule(example.code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: "example.ts",
  }).outputText;
}

/** The packages a module imports by name (`partyserver`), not the runtime's own modules. */
function importedPackages(code: string): string[] {
  const { importedFiles } = ts.preProcessFile(code, true, true);
  return importedFiles
    .map((file) => file.fileName)
    .filter((specifier) => !specifier.startsWith(".") && !specifier.startsWith("/") && !RUNTIME_MODULE.test(specifier));
}

/**
 * Bundles each package an example imports (a framework such as partyserver, a dev
 * dependency of this project) into one module, with the runtime's modules left to the
 * runtime, and names the module after the package so that the example's import finds it.
 */
async function bundlePackages(directory: string, packages: readonly string[]): Promise<string[]> {
  const modules: string[] = [];
  for (const [index, specifier] of packages.entries()) {
    const file = `package-${index}.js`;
    try {
      await build({
        input: specifier,
        cwd: root,
        external: [RUNTIME_MODULE],
        // The Workers runtime has the web platform's APIs (`crypto.getRandomValues`), not Node's.
        platform: "browser",
        logLevel: "silent",
        output: { file: path.join(directory, file), format: "esm" },
      });
    } catch (error) {
      throw new Error(
        `A doc example imports "${specifier}", which cannot be bundled (is it installed? Add it to the devDependencies, pinned exactly): ${String(error)}`,
      );
    }
    modules.push(`(name = "${specifier}", esModule = embed "${file}")`);
  }
  return modules;
}
