import { readFileSync } from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import { afterEach, describe, expect, it, vi } from "vitest";
import plugin from "../src/index.js";
import { parseSettings, readSettings } from "../src/settings.js";
import { root } from "./doc-examples.js";

/**
 * A mistake in the user's configuration gets one clear message and never a crash of a rule:
 * ESLint checks rule options against each rule's schema, and the plugin checks its settings.
 */
const linter = new Linter({ configType: "flat" });
const chatRoom = readFileSync(path.join(root, "examples/src/chat-room.ts"), "utf8");
const legacyCounter = readFileSync(path.join(root, "examples/src/legacy-counter.js"), "utf8");

/** What the plugin reads when the config sets nothing. */
const DEFAULT_SETTINGS = { durableObjects: new Set(), wranglerConfig: undefined, typeChecked: false };

/** The part of an option's JSON schema that says which values are valid. */
interface PropertySchema {
  readonly type?: string;
  readonly minimum?: number;
}

const rulesWithOptions = Object.entries(plugin.rules).flatMap(([name, rule]) => {
  const schema = Array.isArray(rule.meta?.schema) ? (rule.meta.schema as { properties?: Record<string, PropertySchema> }[]) : [];
  const properties = schema[0]?.properties ?? {};
  return Object.keys(properties).length > 0 ? [{ name, properties }] : [];
});

function cases(
  properties: Readonly<Record<string, PropertySchema>>,
  values: (definition: PropertySchema) => unknown[],
): [string, unknown][] {
  return Object.entries(properties).flatMap(([property, definition]) =>
    values(definition).map((value): [string, unknown] => [property, value]),
  );
}

function lintWithRule(name: string, options: unknown, text = chatRoom, filename = "room.ts"): Linter.LintMessage[] {
  return linter.verify(
    text,
    [plugin.configs.all, { rules: { [`hibernation/${name}`]: ["error", options] as Linter.RuleEntry } }],
    filename,
  );
}

describe.each(rulesWithOptions)("the options of $name", ({ name, properties }) => {
  it("declare a type for every property, so that ESLint checks it", () => {
    for (const [property, definition] of Object.entries(properties)) {
      expect(definition.type, property).toBeDefined();
    }
  });

  it("reject an unknown option with ESLint's message naming the rule and the option", () => {
    expect(() => lintWithRule(name, { notAnOption: 1 })).toThrow(
      new RegExp(`Key "hibernation/${name}":[\\s\\S]*Unexpected property "notAnOption"`),
    );
  });

  it.each(cases(properties, invalidValues))(
    "reject %s: %j with ESLint's message naming the rule",
    (property, value) => {
      expect(() => lintWithRule(name, { [property]: value })).toThrow(new RegExp(`Key "hibernation/${name}":\\n\\tValue `));
    },
  );

  it.each(cases(properties, extremeValues))(
    "accept %s: %j and lint without a crash",
    (property, value) => {
      const messages = [
        ...lintWithRule(name, { [property]: value }),
        ...lintWithRule(name, { [property]: value }, legacyCounter, "counter.js"),
      ];
      expect(messages.filter((message) => message.fatal)).toEqual([]);
    },
  );
});

/** Values of the wrong type, and numbers outside the declared range. */
function invalidValues(definition: PropertySchema): unknown[] {
  const values: unknown[] = [];
  if (definition.type === "number" || definition.type === "integer") {
    values.push("10", null, [1], { value: 1 });
    if (definition.minimum !== undefined) {
      values.push(definition.minimum - 1);
    }
    if (definition.type === "integer") {
      values.push(1.5);
    }
  } else if (definition.type === "boolean") {
    values.push("true", 1);
  } else if (definition.type === "string") {
    values.push(1, false);
  } else if (definition.type === "array") {
    values.push("item", { 0: "item" });
  }
  return values;
}

/** The edges the schema allows: the rules must cope with them. */
function extremeValues(definition: PropertySchema): unknown[] {
  if (definition.type === "number" || definition.type === "integer") {
    const minimum = definition.minimum ?? -Number.MAX_SAFE_INTEGER;
    return [minimum, minimum + 1, Number.MAX_SAFE_INTEGER, ...(definition.type === "number" ? [minimum + 0.5, 1e300] : [])];
  }
  if (definition.type === "boolean") {
    return [true, false];
  }
  if (definition.type === "array") {
    return [[]];
  }
  return [];
}

describe("settings.hibernation", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reads the class names in durableObjects", () => {
    expect(parseSettings({ hibernation: { durableObjects: ["ChatRoom", "Lobby"] } })).toEqual({
      settings: { ...DEFAULT_SETTINGS, durableObjects: new Set(["ChatRoom", "Lobby"]) },
      problems: [],
    });
  });

  it("is optional", () => {
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(parseSettings({ react: { version: "detect" } })).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(parseSettings({ hibernation: {} }).problems).toEqual([]);
  });

  it.each([
    [
      "ChatRoom",
      'settings.hibernation must be an object such as { durableObjects: ["ChatRoom"] }, but it is the string "ChatRoom"; it is ignored.',
    ],
    [["ChatRoom"], 'settings.hibernation must be an object such as { durableObjects: ["ChatRoom"] }, but it is an array; it is ignored.'],
    [null, 'settings.hibernation must be an object such as { durableObjects: ["ChatRoom"] }, but it is null; it is ignored.'],
    [true, 'settings.hibernation must be an object such as { durableObjects: ["ChatRoom"] }, but it is true; it is ignored.'],
  ])("says what is wrong when it is %j", (value, problem) => {
    expect(parseSettings({ hibernation: value })).toEqual({ settings: DEFAULT_SETTINGS, problems: [problem] });
  });

  it("says what is wrong when durableObjects is not an array", () => {
    expect(parseSettings({ hibernation: { durableObjects: "ChatRoom" } }).problems).toEqual([
      'settings.hibernation.durableObjects must be an array of class names, such as ["ChatRoom"], but it is the string "ChatRoom"; it is ignored.',
    ]);
    expect(parseSettings({ hibernation: { durableObjects: { ChatRoom: true } } }).problems).toEqual([
      'settings.hibernation.durableObjects must be an array of class names, such as ["ChatRoom"], but it is an object; it is ignored.',
    ]);
  });

  it("says what is wrong when typeChecked is not a boolean, and keeps it when it is", () => {
    expect(parseSettings({ hibernation: { typeChecked: "yes" } }).problems).toEqual([
      'settings.hibernation.typeChecked must be true or false, but it is the string "yes"; it is ignored.',
    ]);
    expect(parseSettings({ hibernation: { typeChecked: true } })).toEqual({
      settings: { ...DEFAULT_SETTINGS, typeChecked: true },
      problems: [],
    });
  });

  it("keeps the class names of durableObjects and says which entries are not class names", () => {
    expect(parseSettings({ hibernation: { durableObjects: ["ChatRoom", 42, "", "chat-room", null, "$Room_2"] } })).toEqual({
      settings: { ...DEFAULT_SETTINGS, durableObjects: new Set(["ChatRoom", "$Room_2"]) },
      problems: [
        "settings.hibernation.durableObjects[1] must be a class name, but it is the number 42; it is ignored.",
        'settings.hibernation.durableObjects[2] must be a class name, but it is the string ""; it is ignored.',
        'settings.hibernation.durableObjects[3] must be a class name, but it is the string "chat-room"; it is ignored.',
        "settings.hibernation.durableObjects[4] must be a class name, but it is null; it is ignored.",
      ],
    });
  });

  it("names an unknown setting, the known ones, and the one meant", () => {
    expect(parseSettings({ hibernation: { durableObject: ["ChatRoom"], wrangler: "wrangler.toml" } })).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: [
        'settings.hibernation.durableObject is not a setting of this plugin, so it is ignored; the settings are: durableObjects, wranglerConfig, typeChecked. Did you mean "durableObjects"?',
        "settings.hibernation.wrangler is not a setting of this plugin, so it is ignored; the settings are: durableObjects, wranglerConfig, typeChecked.",
      ],
    });
  });

  it("reads wranglerConfig as a path or false, and says what is wrong with anything else", () => {
    expect(parseSettings({ hibernation: { wranglerConfig: "./wrangler.toml" } }).settings.wranglerConfig).toBe("./wrangler.toml");
    expect(parseSettings({ hibernation: { wranglerConfig: false } }).settings.wranglerConfig).toBe(false);
    expect(parseSettings({ hibernation: { wranglerConfig: true } }).problems).toEqual([
      'settings.hibernation.wranglerConfig must be the path of a wrangler config, such as "./wrangler.toml", or false, but it is true; it is ignored.',
    ]);
    expect(parseSettings({ hibernation: { wranglerConfig: "" } }).problems).toHaveLength(1);
  });

  it("does not take keys of Object.prototype for settings", () => {
    expect(parseSettings({ hibernation: JSON.parse('{"__proto__": 1, "toString": 2}') as object }).problems).toHaveLength(2);
  });

  it("prints each problem once, whatever the number of files and rules, and lints on", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const settings = { hibernation: { durableObjects: "GameLobby", unknownOnce: 1 } };
    const results = ["a.ts", "b.ts", "c.ts"].map((filename) =>
      linter.verify(chatRoom, [plugin.configs.all, { settings }], filename),
    );
    expect(warn.mock.calls).toEqual([
      [
        'eslint-plugin-hibernation: settings.hibernation.durableObjects must be an array of class names, such as ["ChatRoom"], but it is the string "GameLobby"; it is ignored.',
      ],
      [
        "eslint-plugin-hibernation: settings.hibernation.unknownOnce is not a setting of this plugin, so it is ignored; the settings are: durableObjects, wranglerConfig, typeChecked.",
      ],
    ]);
    for (const messages of results) {
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      expect(messages.length).toBeGreaterThan(0);
    }
  });

  it("reads the same settings object once", () => {
    const settings = { hibernation: { durableObjects: ["ChatRoom"] } };
    expect(readSettings(settings)).toBe(readSettings(settings));
  });
});
