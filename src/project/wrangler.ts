import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { type ParseError, parse as parseJsonc, printParseErrorCode } from "jsonc-parser";
import { parse as parseToml } from "smol-toml";

/** What the plugin reads from a Worker's wrangler config. It never runs config code. */
export interface WranglerConfig {
  readonly file: string;
  /**
   * The Durable Object classes this Worker defines: `class_name` of its
   * `durable_objects.bindings` (top level and per environment, but not bindings to another
   * Worker's objects through `script_name`), and the classes its migrations create or rename.
   */
  readonly durableObjectClasses: ReadonlySet<string>;
  readonly compatibilityDate: string | undefined;
  readonly compatibilityFlags: readonly string[];
}

/** The file names wrangler looks for, in the order it prefers them. */
export const CONFIG_FILE_NAMES = ["wrangler.json", "wrangler.jsonc", "wrangler.toml"] as const;

interface DirectoryEntry {
  /** The directory's modification time: adding or removing a file changes it. */
  readonly mtimeMs: number;
  readonly configFile: string | undefined;
  /** A `package.json` marks a project root: the search stops there. */
  readonly isProjectRoot: boolean;
}

interface ConfigEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly config: WranglerConfig | undefined;
}

// Caches for the lifetime of the process (an editor session lints the same files again and
// again). Each entry is checked against the file system's modification times, so a change
// to a config, or a config added or removed, is seen on a later lint.
const directories = new Map<string, DirectoryEntry>();
const configs = new Map<string, ConfigEntry>();

/**
 * How long the answer for a directory is trusted before the file system is asked again.
 * A lint run visits the same directories file after file, and asking again for each file (a
 * `stat` of every directory up to the project root) cost more than everything else the
 * plugin does on a file with no Durable Object. A config added, removed or changed is seen
 * by the first lint after this time.
 */
export const CONFIG_LOOKUP_TRUSTED_MS = 1000;

interface Lookup {
  readonly checkedAt: number;
  readonly config: WranglerConfig | undefined;
}

/** The last answer for each directory a linted file lay in, and for each config named in the settings. */
const lookups = new Map<string, Lookup>();

/**
 * The wrangler config that applies to `filename`: the nearest `wrangler.json`,
 * `wrangler.jsonc` or `wrangler.toml` in its directory or above, up to the project root
 * (the nearest directory with a `package.json`). Undefined when there is none, or when it
 * cannot be read (then a warning says why, once per version of the file).
 */
export function wranglerConfigFor(filename: string): WranglerConfig | undefined {
  return trusted(path.dirname(path.resolve(filename)), (directory) => {
    const configFile = findConfigFile(directory);
    return configFile === undefined ? undefined : readConfig(configFile);
  });
}

/** Reads the config at `file`, which the user named explicitly. */
export function wranglerConfigAt(file: string): WranglerConfig | undefined {
  return trusted(`${path.resolve(file)}\0`, () => readConfig(path.resolve(file)));
}

function trusted(key: string, look: (key: string) => WranglerConfig | undefined): WranglerConfig | undefined {
  const now = Date.now();
  const cached = lookups.get(key);
  // A clock set back makes the entry look fresh for good: ask again then too.
  if (cached && now >= cached.checkedAt && now - cached.checkedAt < CONFIG_LOOKUP_TRUSTED_MS) {
    return cached.config;
  }
  const config = look(key);
  lookups.set(key, { checkedAt: now, config });
  return config;
}

function findConfigFile(start: string): string | undefined {
  for (let directory = start; ; ) {
    const entry = directoryEntry(directory);
    if (entry?.configFile !== undefined) {
      return entry.configFile;
    }
    const parent = path.dirname(directory);
    if (entry?.isProjectRoot || parent === directory) {
      return undefined;
    }
    directory = parent;
  }
}

function directoryEntry(directory: string): DirectoryEntry | undefined {
  const mtimeMs = statSync(directory, { throwIfNoEntry: false })?.mtimeMs;
  if (mtimeMs === undefined) {
    return undefined;
  }
  const cached = directories.get(directory);
  if (cached?.mtimeMs === mtimeMs) {
    return cached;
  }
  const name = CONFIG_FILE_NAMES.find((candidate) => isFile(path.join(directory, candidate)));
  const entry: DirectoryEntry = {
    mtimeMs,
    configFile: name === undefined ? undefined : path.join(directory, name),
    isProjectRoot: isFile(path.join(directory, "package.json")),
  };
  directories.set(directory, entry);
  return entry;
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function readConfig(file: string): WranglerConfig | undefined {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    warnOnce(file, -1, `cannot read ${file}: ${errorMessage(error)}`);
    return undefined;
  }
  const cached = configs.get(file);
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
    return cached.config;
  }
  let config: WranglerConfig | undefined;
  try {
    config = configFrom(file, parseConfig(file, readFileSync(file, "utf8")));
  } catch (error) {
    warnOnce(file, stats.mtimeMs, `cannot read ${file}: ${errorMessage(error)}`);
  }
  configs.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, config });
  return config;
}

function parseConfig(file: string, text: string): unknown {
  if (file.endsWith(".toml")) {
    return parseToml(text);
  }
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  const [first] = errors;
  if (first) {
    const { line, column } = lineAndColumn(text, first.offset);
    // `CommaExpected` reads as "comma expected".
    const problem = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    throw new Error(`${problem} at line ${line}, column ${column}`);
  }
  return value;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Picks the facts out of a parsed config, ignoring whatever does not have the expected shape. */
function configFrom(file: string, value: unknown): WranglerConfig {
  if (!isRecord(value)) {
    throw new Error("the config is not an object");
  }
  const classes = new Set<string>();
  addBoundClasses(value, classes);
  if (isRecord(value.env)) {
    for (const environment of Object.values(value.env)) {
      if (isRecord(environment)) {
        addBoundClasses(environment, classes);
      }
    }
  }
  for (const migration of arrayOf(value.migrations)) {
    if (!isRecord(migration)) {
      continue;
    }
    for (const name of [...arrayOf(migration.new_classes), ...arrayOf(migration.new_sqlite_classes)]) {
      if (typeof name === "string") {
        classes.add(name);
      }
    }
    for (const renamed of [...arrayOf(migration.renamed_classes), ...arrayOf(migration.transferred_classes)]) {
      if (isRecord(renamed) && typeof renamed.to === "string") {
        classes.add(renamed.to);
      }
    }
  }
  return {
    file,
    durableObjectClasses: classes,
    compatibilityDate: typeof value.compatibility_date === "string" ? value.compatibility_date : undefined,
    compatibilityFlags: arrayOf(value.compatibility_flags).filter((flag): flag is string => typeof flag === "string"),
  };
}

function addBoundClasses(section: Record<string, unknown>, classes: Set<string>): void {
  const durableObjects = section.durable_objects;
  if (!isRecord(durableObjects)) {
    return;
  }
  for (const binding of arrayOf(durableObjects.bindings)) {
    // A binding with `script_name` reaches another Worker's objects: their class is not here.
    if (isRecord(binding) && typeof binding.class_name === "string" && binding.script_name === undefined) {
      classes.add(binding.class_name);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const warned = new Set<string>();

/**
 * One warning per version of a broken config, however many files are linted with it: the
 * plugin goes on without the config.
 */
function warnOnce(file: string, mtimeMs: number, problem: string): void {
  const key = `${file}\n${mtimeMs}`;
  if (warned.has(key)) {
    return;
  }
  warned.add(key);
  console.warn(
    `eslint-plugin-hibernation: ${problem}. Durable Objects named only in this config are not recognised until it is fixed.`,
  );
}
