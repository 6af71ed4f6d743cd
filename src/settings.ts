/**
 * `settings.hibernation` in the user's ESLint config. ESLint validates rule options against
 * their schemas but has no schema for settings, so the plugin checks them itself: a setting
 * it cannot use is ignored, and said once, in one sentence, on the console (as
 * eslint-plugin-react does for `settings.react`), never with an exception, which ESLint would
 * print with a stack trace and which would stop the whole run.
 */
export interface HibernationSettings {
  /** Class names to treat as Durable Objects, from `settings.hibernation.durableObjects`. */
  readonly durableObjects: ReadonlySet<string>;
  /**
   * The wrangler config to read instead of the nearest one above each file, or `false` to
   * read none; undefined to look for the nearest.
   */
  readonly wranglerConfig: string | false | undefined;
  /**
   * Use the type checker where it adds precision; the type-checked configs set it, together
   * with the parser options that give each file its types.
   */
  readonly typeChecked: boolean;
}

export interface ParsedSettings {
  readonly settings: HibernationSettings;
  /** One sentence per setting that was ignored, saying what is wrong and what is expected. */
  readonly problems: readonly string[];
}

interface SettingDefinition {
  /** What the setting holds, in the words of the problem messages. */
  readonly expected: string;
  readonly read: (value: unknown, path: string, problems: string[]) => Partial<HibernationSettings>;
}

/** Every setting the plugin reads; a key not listed here is reported as unknown. */
const SETTINGS: Readonly<Record<string, SettingDefinition>> = {
  durableObjects: {
    expected: 'an array of class names, such as ["ChatRoom"]',
    read: readDurableObjects,
  },
  wranglerConfig: {
    expected: 'the path of a wrangler config, such as "./wrangler.toml", or false',
    read: readWranglerConfig,
  },
  typeChecked: {
    expected: "true or false",
    read: readTypeChecked,
  },
};

const PREFIX = "eslint-plugin-hibernation: ";
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;
const EMPTY_SETTINGS: HibernationSettings = { durableObjects: new Set(), wranglerConfig: undefined, typeChecked: false };

/** Reads `settings.hibernation` and lists what is wrong with it. Pure. */
export function parseSettings(shared: Readonly<Record<string, unknown>> | undefined): ParsedSettings {
  const value = shared?.hibernation;
  if (value === undefined) {
    return { settings: EMPTY_SETTINGS, problems: [] };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      settings: EMPTY_SETTINGS,
      problems: [
        `settings.hibernation must be an object such as { durableObjects: ["ChatRoom"] }, but it is ${describe(value)}; it is ignored.`,
      ],
    };
  }
  const problems: string[] = [];
  let settings: HibernationSettings = EMPTY_SETTINGS;
  for (const [key, setting] of Object.entries(value)) {
    const definition = Object.hasOwn(SETTINGS, key) ? SETTINGS[key] : undefined;
    if (definition === undefined) {
      problems.push(unknownSetting(key));
      continue;
    }
    settings = { ...settings, ...definition.read(setting, `settings.hibernation.${key}`, problems) };
  }
  return { settings, problems };
}

const parsed = new WeakMap<object, HibernationSettings>();
const reported = new Set<string>();

/**
 * The plugin's settings for the file being linted. Parsed once per settings object (ESLint
 * hands the same one to every file a config applies to); each problem is printed once per
 * process, however many files and rules read the settings.
 */
export function readSettings(shared: Readonly<Record<string, unknown>> | undefined): HibernationSettings {
  if (shared?.hibernation === undefined) {
    return EMPTY_SETTINGS;
  }
  const cached = parsed.get(shared);
  if (cached) {
    return cached;
  }
  const { settings, problems } = parseSettings(shared);
  for (const problem of problems) {
    if (!reported.has(problem)) {
      reported.add(problem);
      console.warn(PREFIX + problem);
    }
  }
  parsed.set(shared, settings);
  return settings;
}

function readDurableObjects(value: unknown, path: string, problems: string[]): Partial<HibernationSettings> {
  if (!Array.isArray(value)) {
    problems.push(`${path} must be ${SETTINGS.durableObjects?.expected}, but it is ${describe(value)}; it is ignored.`);
    return {};
  }
  const names = new Set<string>();
  value.forEach((name: unknown, index) => {
    if (typeof name === "string" && IDENTIFIER.test(name)) {
      names.add(name);
    } else {
      problems.push(`${path}[${index}] must be a class name, but it is ${describe(name)}; it is ignored.`);
    }
  });
  return { durableObjects: names };
}

function readWranglerConfig(value: unknown, path: string, problems: string[]): Partial<HibernationSettings> {
  if (value === false || (typeof value === "string" && value.trim() !== "")) {
    return { wranglerConfig: value };
  }
  problems.push(`${path} must be ${SETTINGS.wranglerConfig?.expected}, but it is ${describe(value)}; it is ignored.`);
  return {};
}

function readTypeChecked(value: unknown, path: string, problems: string[]): Partial<HibernationSettings> {
  if (typeof value === "boolean") {
    return { typeChecked: value };
  }
  problems.push(`${path} must be ${SETTINGS.typeChecked?.expected}, but it is ${describe(value)}; it is ignored.`);
  return {};
}

function unknownSetting(key: string): string {
  const known = Object.keys(SETTINGS);
  const near = known.find((name) => name.toLowerCase() === key.toLowerCase() || editDistance(name, key) <= 2);
  const hint = near === undefined ? "" : ` Did you mean "${near}"?`;
  return `settings.hibernation.${key} is not a setting of this plugin, so it is ignored; the settings are: ${known.join(", ")}.${hint}`;
}

function describe(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "an array";
  }
  switch (typeof value) {
    case "string":
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case "number":
    case "boolean":
    case "bigint":
      return `${typeof value === "boolean" ? "" : "the number "}${String(value)}`;
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
