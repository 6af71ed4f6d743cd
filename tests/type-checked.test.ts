import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { ESLint as ESLint10, Linter } from "eslint";
import { afterAll, describe, expect, it, vi } from "vitest";
import plugin from "../src/index.js";
import noConstructorSideEffects from "../src/rules/no-constructor-side-effects.js";
import noTimers from "../src/rules/no-timers.js";
import requireHibernateOption from "../src/rules/require-hibernate-option.js";
import validAttachment from "../src/rules/valid-attachment.js";
import validAutoResponse from "../src/rules/valid-auto-response.js";
import validClose from "../src/rules/valid-close.js";
import validTags from "../src/rules/valid-tags.js";
import { root } from "./doc-examples.js";
import { ESLINT_VERSIONS } from "./eslint-versions.js";
import { HibernationRuleTester } from "./rule-tester.js";

/**
 * The type-checked configs: with the project's types, the rules see Durable Objects whose base
 * class lives in another module, sockets and states whatever their name, and what an
 * attachment's type holds. The fixture project types its code with `@cloudflare/workers-types`.
 */
const project = path.join(root, "tests/fixtures/typed/workers-types");

const typedRuleTester = new HibernationRuleTester({
  languageOptions: {
    parserOptions: { ecmaVersion: "latest", sourceType: "module", projectService: true, tsconfigRootDir: project },
  },
  settings: { hibernation: { typeChecked: true } },
});

const CLOSE_CODE_ERROR = "Invalid WebSocket close code: 1005.";

describe("Durable Objects through other modules", () => {
  typedRuleTester.run("no-timers", noTimers, {
    valid: [
      // Valid because the imported base class is not a Durable Object.
      `import { Session } from "./session";
export class Greeter extends Session {
  start() {
    setInterval(() => this.greeting(), 1000);
  }
}`,
      // Valid because the registry of the project is not the runtime's state: the object does not hibernate.
      `import { DurableObject } from "cloudflare:workers";
class Registry {
  acceptWebSocket(ws: WebSocket): void {
    ws.accept();
  }
}
export class Room extends DurableObject {
  registry = new Registry();
  async fetch() {
    const { 0: client, 1: server } = new WebSocketPair();
    this.registry.acceptWebSocket(server);
    setInterval(() => server.send("tick"), 1000);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      // Valid because EventTarget is not a Durable Object, whatever its methods are called.
      `export class Ticker extends EventTarget {
  webSocketMessage() {}
  start() {
    setInterval(() => this.dispatchEvent(new Event("tick")), 1000);
  }
}`,
    ],
    invalid: [
      {
        // Its base class extends DurableObject in another module.
        code: `import { RoomBase } from "./room-base";
export class Chat extends RoomBase {
  async fetch() {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    setInterval(() => this.broadcast("tick"), 1000);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
        errors: [{ messageId: "pingTimer", line: 6, column: 5 }],
      },
      {
        // DurableObject re-exported under another name.
        code: `import { RuntimeObject } from "./runtime";
export class Chat extends RuntimeObject {
  webSocketMessage(ws: WebSocket) {
    setInterval(() => ws.send("tick"), 1000);
  }
}`,
        errors: [{ messageId: "pingTimer", line: 4, column: 5 }],
      },
    ],
  });

  typedRuleTester.run("require-hibernate-option", requireHibernateOption, {
    valid: [
      `import { PartyServer } from "./party";
export class Cursors extends PartyServer {
  static options = { hibernate: true };
  onConnect() {}
}`,
      // Valid because a class between this one and Server, in another module, may set the option.
      `import { PartyServer } from "./party";
import { Hibernating } from "./hibernating";
export class Cursors extends Hibernating {
  onConnect() {}
}`,
    ],
    invalid: [
      {
        // partyserver's Server re-exported under another name.
        code: `import { PartyServer } from "./party";
export class Cursors extends PartyServer {
  onConnect() {}
}`,
        errors: [
          {
            messageId: "missingHibernateOption",
            line: 2,
            column: 14,
            suggestions: [
              {
                messageId: "addHibernateOption",
                output: `import { PartyServer } from "./party";
export class Cursors extends PartyServer {
  static options = { hibernate: true };
  onConnect() {}
}`,
              },
            ],
          },
        ],
      },
    ],
  });

  typedRuleTester.run("no-constructor-side-effects", noConstructorSideEffects, {
    valid: [
      // Valid because the first parameter's type is not DurableObjectState, so this is no Durable Object.
      `interface StoreOptions {
  storage: Map<string, string>;
}
export class Store {
  constructor(private readonly options: StoreOptions) {
    options.storage.delete("draft");
  }
  webSocketMessage(ws: WebSocket, message: string) {
    this.options.storage.set("last", message);
  }
}`,
    ],
    invalid: [
      {
        code: `type State = DurableObjectState;
export class Counter {
  constructor(private readonly state: State) {
    state.storage.delete("draft");
  }
  webSocketMessage(ws: WebSocket, message: string) {}
}`,
        errors: [{ messageId: "storageDelete", line: 4, column: 5 }],
      },
    ],
  });
});

describe("sockets and states whatever their name", () => {
  typedRuleTester.run("valid-close", validClose, {
    valid: [
      // Valid because a file handle is not a WebSocket.
      `import { DurableObject } from "cloudflare:workers";
interface Channel {
  close(code: number): void;
}
export class Room extends DurableObject {
  channels = new Map<string, Channel>();
  webSocketMessage(ws: WebSocket, message: string) {
    this.channels.get(message)?.close(1005);
  }
}`,
      // Valid because nothing is known about an untyped value.
      `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  peers: any = {};
  webSocketMessage(ws: WebSocket, message: string) {
    this.peers[message].close(1005);
  }
}`,
    ],
    invalid: [
      {
        code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  sockets = new Map<string, WebSocket>();
  webSocketMessage(ws: WebSocket, message: string) {
    this.sockets.get(message)?.close(1005);
  }
}`,
        errors: [
          { messageId: "invalidCode", line: 5, column: 38, data: { code: "1005", error: CLOSE_CODE_ERROR }, suggestions: null },
        ],
      },
      {
        // A helper of the module, called from the object, with its socket typed.
        code: `import { DurableObject } from "cloudflare:workers";
function kick(socket: WebSocket): void {
  socket.close(1005);
}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    kick(ws);
  }
}`,
        errors: [
          { messageId: "invalidCode", line: 3, column: 16, data: { code: "1005", error: CLOSE_CODE_ERROR }, suggestions: null },
        ],
      },
    ],
  });

  typedRuleTester.run("valid-tags", validTags, {
    valid: [
      // Valid because a registry of the project is not the runtime's state.
      `import { DurableObject } from "cloudflare:workers";
interface Registry {
  acceptWebSocket(ws: WebSocket, tags: string): void;
}
function register(registry: Registry, ws: WebSocket) {
  registry.acceptWebSocket(ws, "lobby");
}
export class Room extends DurableObject {
  registry!: Registry;
  async fetch() {
    const { 0: client, 1: server } = new WebSocketPair();
    register(this.registry, server);
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    ],
    invalid: [
      {
        code: `import { DurableObject } from "cloudflare:workers";
function join(state: DurableObjectState, ws: WebSocket) {
  state.acceptWebSocket(ws, "lobby");
}
export class Room extends DurableObject {
  async fetch() {
    const { 0: client, 1: server } = new WebSocketPair();
    join(this.ctx, server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
        errors: [
          {
            messageId: "tagsNotArray",
            line: 3,
            column: 29,
            data: { kind: "a string" },
            suggestions: [
              {
                messageId: "wrapInArray",
                output: `import { DurableObject } from "cloudflare:workers";
function join(state: DurableObjectState, ws: WebSocket) {
  state.acceptWebSocket(ws, ["lobby"]);
}
export class Room extends DurableObject {
  async fetch() {
    const { 0: client, 1: server } = new WebSocketPair();
    join(this.ctx, server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
              },
            ],
          },
        ],
      },
    ],
  });
});

describe("methods of the project named like the runtime's", () => {
  typedRuleTester.run("valid-auto-response", validAutoResponse, {
    valid: [
      // Valid because the replies of the project are not the runtime's state.
      `import { DurableObject } from "cloudflare:workers";
class Replies {
  setWebSocketAutoResponse(request: string, response: string): void {}
}
export class Room extends DurableObject {
  replies = new Replies();
  webSocketMessage(ws: WebSocket, message: string) {
    this.replies.setWebSocketAutoResponse("ping", "pong");
  }
}`,
    ],
    invalid: [
      {
        code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  state: DurableObjectState = this.ctx;
  webSocketMessage(ws: WebSocket, message: string) {
    this.state.setWebSocketAutoResponse("ping" as never);
  }
}`,
        errors: [{ messageId: "notAPair", line: 5, column: 41, data: { kind: "a string" } }],
      },
    ],
  });
});

describe("attachments by their type", () => {
  const room = (body: string): string => `import { DurableObject } from "cloudflare:workers";
import { Session, type Handle, type SessionData } from "./session";
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
${body}
  }
}`;

  typedRuleTester.run("valid-attachment", validAttachment, {
    valid: [
      room(`    const data: SessionData = { id: message, name: "guest", joinedAt: Date.now() };
    ws.serializeAttachment(data);`),
      // Valid because Maps, Sets, Dates and arrays of plain data serialize.
      room(`    const seen: Map<string, SessionData[]> = new Map();
    ws.serializeAttachment({ seen, at: new Date(), tags: new Set(["a"]) });`),
      // Valid because an optional callback may be absent, and a union may be plain data.
      room(`    const data = {} as { id: string; onLeave?: () => void; label: string | (() => string) };
    ws.serializeAttachment(data);`),
      // Valid because the outbox of the project is not a WebSocket.
      `import { DurableObject } from "cloudflare:workers";
class Outbox {
  serializeAttachment(value: unknown): string {
    return String(value);
  }
}
export class Room extends DurableObject {
  outbox = new Outbox();
  webSocketMessage(ws: WebSocket, message: string) {
    this.outbox.serializeAttachment({ message, reply: () => ws.send(message) });
  }
}`,
      // Valid because nothing is known about values typed any or unknown.
      room(`    ws.serializeAttachment(JSON.parse(message));
    ws.serializeAttachment(message as unknown);`),
    ],
    invalid: [
      {
        code: room(`    ws.serializeAttachment(new Session(message, "guest") as Session);`),
        errors: [{ messageId: "classInstance", line: 5, column: 28, data: { className: "Session", member: "greeting()" } }],
      },
      {
        code: room(`    const handle: Handle = { id: message, socket: ws };
    this.remember(handle);
  }
  remember(handle: Handle) {
    this.ctx.getWebSockets()[0]?.serializeAttachment(handle);`),
        errors: [
          {
            messageId: "notSerializable",
            line: 9,
            column: 54,
            data: {
              what: "`handle.socket`, a `WebSocket`",
              error: 'Could not serialize object of type "WebSocket". This type does not support serialization.',
            },
          },
        ],
      },
      {
        code: room(`    this.join(ws, message, () => ws.close());
  }
  join(ws: WebSocket, id: string, onLeave: () => void) {
    ws.serializeAttachment({ id, onLeave });`),
        errors: [
          {
            messageId: "notSerializable",
            line: 8,
            column: 28,
            data: { what: "`onLeave` of the attachment, which its type says is a function", error: "… could not be cloned." },
          },
        ],
      },
      {
        // An entry of an array, followed into its type.
        code: room(`    this.save(ws, [new Session(message, "guest")]);
  }
  save(ws: WebSocket, sessions: readonly Session[]) {
    ws.serializeAttachment(sessions);`),
        errors: [{ messageId: "classInstance", line: 8, column: 28, data: { className: "Session", member: "greeting()" } }],
      },
      {
        code: room(`    const pending = this.ctx.storage.get<string>(message);
    ws.serializeAttachment(pending);`),
        errors: [{ messageId: "promise", line: 6, column: 28 }],
      },
    ],
  });
});

describe("the type-checked configs", () => {
  /** `file:line:column rule` for every finding of `configs` in the fixture project. */
  async function findings(directory: string, configs: readonly Linter.Config[], ESLint = ESLint10): Promise<string[]> {
    const eslint = new ESLint({ cwd: directory, overrideConfigFile: true, overrideConfig: [...configs] });
    const results = await eslint.lintFiles(["chat.ts", "legacy.js"]);
    return results.flatMap((result) =>
      result.messages.map(
        (message) => `${path.basename(result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? message.message}`,
      ),
    );
  }

  it.each(ESLINT_VERSIONS)("find what the syntax alone cannot see, and lint JavaScript files as before, with ESLint %s", async (_version, ESLint) => {
    expect(await findings(project, [plugin.configs.recommended], ESLint)).toEqual(["legacy.js:9:41 hibernation/valid-tags"]);
    expect(await findings(project, [plugin.configs.recommended, plugin.configs["recommended-type-checked"]], ESLint)).toEqual([
      "chat.ts:9:20 hibernation/require-session-restore",
      "chat.ts:16:32 hibernation/valid-attachment",
      "chat.ts:27:27 hibernation/valid-close",
      "legacy.js:9:41 hibernation/valid-tags",
    ]);
  });

  it("hold the same rules as the configs without type checking, for TypeScript files", () => {
    for (const level of ["recommended", "strict"] as const) {
      const typed = plugin.configs[`${level}-type-checked`];
      expect(typed.rules).toEqual(plugin.configs[level].rules);
      expect(typed.files).toEqual(["**/*.{ts,tsx,mts,cts}"]);
      expect(typed.settings).toEqual({ hibernation: { typeChecked: true } });
      expect(typed.languageOptions?.parserOptions).toEqual({ projectService: true });
      expect(plugin.configs[level].settings).toBeUndefined();
      expect(plugin.configs[level].languageOptions?.parserOptions).toBeUndefined();
    }
  });

  describe("with the types that `wrangler types` generates", () => {
    // `wrangler types` writes the project's Env and the runtime's types for its compatibility
    // date into one file, here under the name it picks by default.
    const generated = mkdtempSync(path.join(os.tmpdir(), "hibernation-generated-types-"));
    const runtimeTypes = createRequire(import.meta.url).resolve("@cloudflare/workers-types/index.d.ts");
    writeFileSync(
      path.join(generated, "worker-configuration.d.ts"),
      `// Generated by Wrangler\ndeclare namespace Cloudflare {\n  interface Env {\n    ROOMS: DurableObjectNamespace;\n  }\n}\ninterface Env extends Cloudflare.Env {}\n\n${readFileSync(runtimeTypes, "utf8")}`,
    );
    for (const file of ["tsconfig.json", "room-base.ts", "session.ts", "chat.ts", "legacy.js"]) {
      const from = file === "tsconfig.json" ? path.join(root, "tests/fixtures/typed/generated", file) : path.join(project, file);
      copyFileSync(from, path.join(generated, file));
    }
    afterAll(() => rmSync(generated, { recursive: true, force: true }));

    it("recognise the runtime's classes there too", async () => {
      expect(await findings(generated, [plugin.configs.recommended, plugin.configs["recommended-type-checked"]])).toEqual([
        "chat.ts:9:20 hibernation/require-session-restore",
        "chat.ts:16:32 hibernation/valid-attachment",
        "chat.ts:27:27 hibernation/valid-close",
        "legacy.js:9:41 hibernation/valid-tags",
      ]);
    });
  });

  it("lint a file given no types on its syntax, and say once how to give it types", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const linter = new Linter({ configType: "flat" });
      const code = readFileSync(path.join(project, "legacy.js"), "utf8");
      const config: Linter.Config[] = [{ ...plugin.configs.recommended, settings: { hibernation: { typeChecked: true } } }];
      for (const filename of ["first.js", "second.js"]) {
        expect(linter.verify(code, config, { filename }).map((message) => message.ruleId)).toEqual(["hibernation/valid-tags"]);
      }
      expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
        expect.stringMatching(
          /^eslint-plugin-hibernation: settings\.hibernation\.typeChecked is on, but .*first\.js \(and maybe more files\) was parsed without type information/,
        ),
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
