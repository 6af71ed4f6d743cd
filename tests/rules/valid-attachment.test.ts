import rule from "../../src/rules/valid-attachment.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;

/** A room whose `webSocketMessage` runs `body` on line 4; `before` goes above the class. */
function onMessage(body: string, before = ""): string {
  return `${IMPORT}${before}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    ${body}
  }
}`;
}

/** A hibernating partyserver room whose `onMessage` runs `body` on line 5. */
function onConnectionMessage(body: string, options = "static options = { hibernate: true };"): string {
  return `import { Server } from "partyserver";
export class Cursors extends Server {
  ${options}
  onMessage(connection, message) {
    ${body}
  }
}`;
}

const SOCKET_ERROR = 'Could not serialize object of type "WebSocket". This type does not support serialization.';

ruleTester.run("valid-attachment", rule, {
  valid: [
    // Valid because the state and the framework's 47 bytes of the shortest id fit in 16,384 bytes.
    onConnectionMessage(`connection.setState("x".repeat(16_332));`),
    // Valid because a Server that does not hibernate keeps the state in memory, where it has no limit.
    onConnectionMessage(`connection.setState({ blob: "x".repeat(20_000), onLeave: () => {} });`, ""),
    // Valid because the state an updater returns is not followed.
    onConnectionMessage(`connection.setState((previous) => ({ ...previous, blob: "x".repeat(20_000) }));`),
    // Valid because the Agent's own state is stored in SQL storage, not in an attachment.
    `import { Agent } from "agents";
export class Assistant extends Agent {
  onMessage(connection, message) {
    this.setState({ blob: "x".repeat(20_000) });
  }
}`,
    // Valid because a value that may be anything is not measured.
    onConnectionMessage(`connection.setState(message);`),
    // Valid because a Worker outside any Durable Object is not checked.
    `
export default {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.serializeAttachment({ onMessage: () => {}, blob: "x".repeat(20_000) });
    return new Response(null, { status: 101, webSocket: client });
  },
};`,
    onMessage(`ws.serializeAttachment({ name: "Ada", joinedAt: Date.now(), rooms: ["lobby"], admin: false });`),
    // Valid because the value is exactly 16,384 bytes of V8 serialization, the runtime's limit.
    onMessage(`ws.serializeAttachment({ data: "x".repeat(16_370) });`),
    // Valid because "€" takes two bytes and 8,185 of them make exactly 16,384.
    onMessage(`ws.serializeAttachment({ data: "€".repeat(8185) });`),
    // Valid because "😀" takes four bytes: 4,092 of them make 16,382.
    onMessage(`ws.serializeAttachment({ data: "😀".repeat(4092) });`),
    // Valid because V8 stores "é" in one byte (it is two in UTF-8): 16,384 bytes.
    onMessage(`ws.serializeAttachment({ data: "é".repeat(16_370) });`),
    // Valid because nothing is known of a parameter.
    onMessage(`ws.serializeAttachment(JSON.parse(message));`),
    // Valid because the unknown parts may be small: 20 known bytes are far below the limit.
    onMessage(`ws.serializeAttachment({ user, note: "x".repeat(100) + message });`),
    // Valid because the repeat count is not known.
    onMessage(`ws.serializeAttachment({ data: "x".repeat(message.length) });`),
    // Valid because the constant is changed before it is stored.
    onMessage(`BIG.data = "";\n    ws.serializeAttachment(BIG);`, `\nconst BIG = { data: "x".repeat(20_000) };`),
    // Valid because the function is deleted before the object is stored.
    onMessage(`delete SESSION.greet;\n    ws.serializeAttachment(SESSION);`, `\nconst SESSION = { name: "Ada", greet() {} };`),
    // Valid because a getter runs while the value is serialized and only its result is stored.
    onMessage(`ws.serializeAttachment({ get label() { return "Ada"; } });`),
    // Valid because a class with fields only comes back with the same data.
    onMessage(
      `ws.serializeAttachment({ at: new Point(1, 2), origin: Point.origin() });`,
      `\nclass Point {\n  constructor(public x: number, public y: number) {}\n  static origin() { return new Point(0, 0); }\n}`,
    ),
    // Valid because the runtime serializes dates, maps, sets, typed arrays, errors, headers and GET requests.
    onMessage(
      `ws.serializeAttachment({ at: new Date(), seen: new Set(["a"]), scores: new Map(), bytes: new Uint8Array(4), error: new Error("x"), headers: new Headers() });`,
    ),
    // Valid because a spread copies the instance's own fields only.
    onMessage(`ws.serializeAttachment({ ...new Session("Ada") });`, `\nclass Session {\n  constructor(public name: string) {}\n  greet() { return this.name; }\n}`),
    // Valid because an env member may be a plain variable or secret.
    onMessage(`ws.serializeAttachment({ region: this.env.REGION });`),
    // Valid because an awaited value is data.
    onMessage(`ws.serializeAttachment({ profile: await this.ctx.storage.get("profile"), page: await fetch("https://example.com") });`),
    // Valid because this is the object's own method of the same name, not the socket's.
    `${IMPORT}
export class Room extends DurableObject {
  serializeAttachment(value: unknown) { return value; }
  async webSocketMessage(ws: WebSocket) {
    this.serializeAttachment({ handler: () => {} });
  }
}`,
    // Valid because `let` may be reassigned before the call.
    onMessage(`let state = { greet() {} };\n    state = { name: "Ada" };\n    ws.serializeAttachment(state);`),
    // Valid because which branch runs is not known.
    onMessage(`ws.serializeAttachment({ reply: message === "fn" ? () => 1 : null });`),
    // Valid because a parameter may hold anything.
    `${IMPORT}
export class Room extends DurableObject {
  remember(ws: WebSocket, callback: () => void) {
    ws.serializeAttachment({ callback, id: this.ctx.id.toString() });
  }
  async webSocketMessage(ws: WebSocket) {}
}`,
    // Valid because a GET request, the one a WebSocket upgrade arrives with, serializes.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ url: request.url, request });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because the upstream socket is null unless the server upgraded.
    onMessage(`const response = await fetch("https://example.com", { headers: { Upgrade: "websocket" } });\n    ws.serializeAttachment({ upstream: response.webSocket });`),
    // Valid because a local `Symbol` is not the global one.
    onMessage(`const Symbol = (name: string) => name;\n    ws.serializeAttachment({ kind: Symbol("user") });`),
    // Valid because a class with private methods only keeps what callers can use: its fields.
    onMessage(
      `ws.serializeAttachment(new Counter());`,
      `\nclass Counter {\n  count = 0;\n  #bump() { this.count++; }\n}`,
    ),
    // Valid because an imported class may be anything.
    onMessage(`ws.serializeAttachment(new Session("Ada"));`, `\nimport { Session } from "./session";`),
    // Valid because the field holds data, not a method.
    `${IMPORT}
export class Room extends DurableObject {
  topic = "general";
  async webSocketMessage(ws: WebSocket) {
    ws.serializeAttachment({ topic: this.topic, [this.topic]: true });
  }
}`,
    // Valid because odd syntax the rule does not model stays silent.
    onMessage(`ws.serializeAttachment(...args);\n    ws.serializeAttachment();\n    ws["serializeAttachment"]?.({ ok: true });\n    ws.serializeAttachment({ [message]: "x", ...(message ? {} : []) });`),
    {
      // Valid because 2,034 characters make 2,048 bytes, the configured limit.
      code: onMessage(`ws.serializeAttachment({ data: "x".repeat(2034) });`),
      options: [{ maxBytes: 2048 }],
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    this.env = env;
  }
  async webSocketMessage(ws, message) {
    ws.serializeAttachment({ name: String(message), region: this.env.REGION });
  }
}`,
      filename: JS_FILE,
    },
  ],
  invalid: [
    {
      code: onMessage(`ws.serializeAttachment({ data: "x".repeat(16_371) });`),
      errors: [{ messageId: "tooLarge", line: 4, column: 28, data: { size: 16_385, limit: 16_384 } }],
      output: null,
    },
    {
      // Two bytes a character: 8,186 of them are two bytes over the limit.
      code: onMessage(`ws.serializeAttachment({ data: "€".repeat(8186) });`),
      errors: [{ messageId: "tooLarge", line: 4, column: 28, data: { size: 16_386, limit: 16_384 } }],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ data: "😀".repeat(4093) });`),
      errors: [{ messageId: "tooLarge", line: 4, column: 28, data: { size: 16_386, limit: 16_384 } }],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment("x".repeat(16_380));`),
      errors: [{ messageId: "tooLarge", line: 4, column: 28, data: { size: 16_385, limit: 16_384 } }],
      output: null,
    },
    {
      // The blob alone is over the limit, whatever `user` holds.
      code: onMessage(`ws.serializeAttachment({ blob: "x".repeat(20_000), user });`),
      errors: [{ messageId: "tooLargeAtLeast", line: 4, column: 28, data: { size: 20_022, limit: 16_384 } }],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ welcome: WELCOME + message });`, `\nconst WELCOME = "Welcome! ".repeat(2000);`),
      errors: [{ messageId: "tooLargeAtLeast", line: 5, column: 28, data: { size: 18_018, limit: 16_384 } }],
      output: null,
    },
    {
      // An integer may be stored as a double (9 bytes), so the size is a lower bound.
      code: onMessage(`ws.serializeAttachment({ id: 1, data: "x".repeat(17_000) });`),
      errors: [{ messageId: "tooLargeAtLeast", line: 4, column: 28, data: { size: 17_021, limit: 16_384 } }],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ data: "x".repeat(3000) });`),
      options: [{ maxBytes: 2048 }],
      errors: [{ messageId: "tooLarge", line: 4, column: 28, data: { size: 3014, limit: 2048 } }],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ data: "x".repeat(2035) });`),
      options: [{ maxBytes: 2048 }],
      errors: [{ messageId: "tooLarge", line: 4, column: 28, data: { size: 2049, limit: 2048 } }],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ name: "Ada", onPing: () => ws.send("pong") });`),
      errors: [
        {
          messageId: "notSerializable",
          line: 4,
          column: 51,
          data: { what: "a function", error: '() => ws.send("pong") could not be cloned.' },
        },
      ],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ greet() { return "hi"; }, format: function format(text: string) { return text; } });`),
      errors: [
        {
          messageId: "notSerializable",
          line: 4,
          column: 30,
          data: { what: "a method", error: 'greet() { return "hi"; } could not be cloned.' },
        },
        {
          messageId: "notSerializable",
          line: 4,
          column: 64,
          data: { what: "a function", error: "function format(text: string) { return … could not be cloned." },
        },
      ],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ kind: Symbol("user"), marker: Symbol.for("m"), iterator: Symbol.iterator });`),
      errors: [
        { messageId: "notSerializable", line: 4, column: 36, data: { what: "a symbol", error: "Symbol(user) could not be cloned." } },
        { messageId: "notSerializable", line: 4, column: 60, data: { what: "a symbol", error: "Symbol(m) could not be cloned." } },
        {
          messageId: "notSerializable",
          line: 4,
          column: 87,
          data: { what: "a symbol", error: "Symbol(Symbol.iterator) could not be cloned." },
        },
      ],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ ws, name: "Ada" });`),
      errors: [{ messageId: "notSerializable", line: 4, column: 30, data: { what: "a WebSocket", error: SOCKET_ERROR } }],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment(ws);`),
      errors: [{ messageId: "notSerializable", line: 4, column: 28, data: { what: "a WebSocket", error: SOCKET_ERROR } }],
      output: null,
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    const upstream = new WebSocket("wss://example.com/feed");
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ peers: [client, upstream] });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      errors: [
        { messageId: "notSerializable", line: 7, column: 42, data: { what: "a WebSocket", error: SOCKET_ERROR } },
        { messageId: "notSerializable", line: 7, column: 50, data: { what: "a WebSocket", error: SOCKET_ERROR } },
      ],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ state: this.ctx, storage: this.ctx.storage, room: this.ctx.id, sql: this.ctx.storage.sql });`),
      errors: [
        {
          messageId: "notSerializable",
          line: 4,
          column: 37,
          data: {
            what: "the state `this.ctx`",
            error: 'Could not serialize object of type "DurableObjectState". This type does not support serialization.',
          },
        },
        {
          messageId: "notSerializable",
          line: 4,
          column: 56,
          data: {
            what: "`this.ctx.storage`",
            error: 'Could not serialize object of type "DurableObjectStorage". This type does not support serialization.',
          },
        },
        {
          messageId: "notSerializable",
          line: 4,
          column: 80,
          data: {
            what: "`this.ctx.id`",
            error: 'Could not serialize object of type "DurableObjectId". This type does not support serialization.',
          },
        },
        {
          messageId: "notSerializable",
          line: 4,
          column: 98,
          data: {
            what: "`this.ctx.storage.sql`",
            error: 'Could not serialize object of type "SqlStorage". This type does not support serialization.',
          },
        },
      ],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ room: this });`),
      errors: [
        {
          messageId: "notSerializable",
          line: 4,
          column: 36,
          data: {
            what: "the Durable Object itself (`this`)",
            error: 'Could not serialize object of type "Room". This type does not support serialization.',
          },
        },
      ],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ env: this.env });`),
      errors: [{ messageId: "environment", line: 4, column: 35, data: { name: "this.env" } }],
      output: null,
    },
    {
      code: onMessage(
        `ws.serializeAttachment({ user: this.ctx.storage.get("user"), page: fetch("https://example.com"), profile: this.loadProfile() });`,
        "",
      ).replace("  async webSocketMessage", "  async loadProfile() { return {}; }\n  async webSocketMessage"),
      errors: [
        { messageId: "promise", line: 5, column: 36 },
        { messageId: "promise", line: 5, column: 72 },
        { messageId: "promise", line: 5, column: 111 },
      ],
      output: null,
    },
    {
      code: onMessage(
        `ws.serializeAttachment(new Session("Ada"));`,
        `\nclass Session {\n  constructor(public name: string) {}\n  greet() { return \`hello \${this.name}\`; }\n}`,
      ),
      errors: [{ messageId: "classInstance", line: 8, column: 28, data: { className: "Session", member: "greet()" } }],
      output: null,
    },
    {
      // Reported where the constant is stored.
      code: onMessage(
        `const session = new Session("Ada");\n    ws.serializeAttachment(session);\n    ws.serializeAttachment({ session, id: "u1" });`,
        `\nclass Session {\n  constructor(public name: string) {}\n  get label() { return this.name.toUpperCase(); }\n}`,
      ),
      errors: [
        { messageId: "classInstance", line: 9, column: 28, data: { className: "Session", member: "label" } },
        { messageId: "classInstance", line: 10, column: 30, data: { className: "Session", member: "label" } },
      ],
      output: null,
    },
    {
      // Methods of a base class of the file are lost too.
      code: onMessage(
        `ws.serializeAttachment({ user: new Member("Ada") });`,
        `\nclass Person {\n  constructor(public name: string) {}\n  greet() { return this.name; }\n}\nclass Member extends Person {}`,
      ),
      errors: [{ messageId: "classInstance", line: 9, column: 36, data: { className: "Member", member: "greet()" } }],
      output: null,
    },
    {
      code: onMessage(
        `ws.serializeAttachment({ session: new Session() });`,
        `\nclass Session {\n  onClose = () => console.log("closed");\n}`,
      ),
      errors: [
        {
          messageId: "notSerializable",
          line: 7,
          column: 39,
          data: { what: "a `Session` (its field `onClose` holds a function)", error: '() => console.log("closed") could not be cloned.' },
        },
      ],
      output: null,
    },
    {
      // Reported on the constant that brings the function in, also through a spread.
      code: onMessage(
        `ws.serializeAttachment({ ...DEFAULTS, handlers: HANDLERS });`,
        `\nconst HANDLERS = { onPing() {} };\nconst DEFAULTS = { theme: "dark", render: (text: string) => text };`,
      ),
      errors: [
        {
          messageId: "notSerializable",
          line: 6,
          column: 33,
          data: { what: "a function", error: "(text: string) => text could not be cloned." },
        },
        { messageId: "notSerializable", line: 6, column: 53, data: { what: "a method", error: "onPing() {} could not be cloned." } },
      ],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ format, Session, handler: this.webSocketMessage });`, `\nfunction format(text: string) { return text; }\nclass Session {}`),
      errors: [
        {
          messageId: "notSerializable",
          line: 6,
          column: 30,
          data: { what: "a function", error: "function format(text: string) { return … could not be cloned." },
        },
        { messageId: "notSerializable", line: 6, column: 38, data: { what: "a class", error: "class Session {} could not be cloned." } },
        {
          messageId: "notSerializable",
          line: 6,
          column: 56,
          data: { what: "the method `webSocketMessage`", error: "async webSocketMessage(ws: WebSocket, m… could not be cloned." },
        },
      ],
      output: null,
    },
    {
      code: onMessage(`ws.serializeAttachment({ url: new URL(message), decoder: new TextDecoder() });`),
      errors: [
        {
          messageId: "notSerializable",
          line: 4,
          column: 35,
          data: { what: "a `URL`", error: 'Could not serialize object of type "URL". This type does not support serialization.' },
        },
        {
          messageId: "notSerializable",
          line: 4,
          column: 62,
          data: {
            what: "a `TextDecoder`",
            error: 'Could not serialize object of type "TextDecoder". This type does not support serialization.',
          },
        },
      ],
      output: null,
    },
    {
      // A class expression bound to a constant, and a computed key.
      code: onMessage(
        `ws.serializeAttachment({ [message]: new Session(), [\`cb-\${message}\`]: () => 1 });`,
        `\nconst Session = class {\n  #secret = 1;\n  describe() { return "session"; }\n};`,
      ),
      errors: [
        { messageId: "classInstance", line: 8, column: 41, data: { className: "Session", member: "describe()" } },
        { messageId: "notSerializable", line: 8, column: 75, data: { what: "a function", error: "() => 1 could not be cloned." } },
      ],
      output: null,
    },
    {
      // A function-valued field of the object and a constant holding its storage.
      code: `${IMPORT}
export class Room extends DurableObject {
  onTick = () => this.ctx.getWebSockets().length;
  async webSocketMessage(ws: WebSocket) {
    const storage = this.ctx.storage;
    ws.serializeAttachment({ tick: this.onTick, storage });
  }
}`,
      errors: [
        {
          messageId: "notSerializable",
          line: 6,
          column: 36,
          data: { what: "the method `onTick`", error: "() => this.ctx.getWebSockets().length could not be cloned." },
        },
        {
          messageId: "notSerializable",
          line: 6,
          column: 49,
          data: {
            what: "`this.ctx.storage`",
            error: 'Could not serialize object of type "DurableObjectStorage". This type does not support serialization.',
          },
        },
      ],
      output: null,
    },
    {
      // A socket from getWebSockets() and an async module function that was not awaited.
      code: onMessage(
        `for (const peer of this.ctx.getWebSockets()) {\n      peer.serializeAttachment({ peer, profile: loadProfile(message) });\n    }`,
        `\nasync function loadProfile(name: string) { return { name }; }`,
      ),
      errors: [
        { messageId: "notSerializable", line: 6, column: 34, data: { what: "a WebSocket", error: SOCKET_ERROR } },
        { messageId: "promise", line: 6, column: 49 },
      ],
      output: null,
    },
    {
      // Too large and holding a function: both are reported.
      code: onMessage(`ws.serializeAttachment({ blob: "x".repeat(20_000), done: () => {} });`),
      errors: [
        { messageId: "tooLargeAtLeast", line: 4, column: 28, data: { size: 20_022, limit: 16_384 } },
        { messageId: "notSerializable", line: 4, column: 62, data: { what: "a function", error: "() => {} could not be cloned." } },
      ],
      output: null,
    },
    {
      // A Durable Object that does not hibernate: the runtime checks attachments of any socket.
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.serializeAttachment({ log: "x".repeat(17_000) });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      errors: [{ messageId: "tooLarge", line: 6, column: 32, data: { size: 17_014, limit: 16_384 } }],
      output: null,
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    this.env = env;
    for (const ws of state.getWebSockets()) {
      ws.serializeAttachment({ env, state });
    }
  }
  async webSocketMessage(ws, message) {
    ws.serializeAttachment({ bindings: this.env, storage: this.state.storage, self: this });
  }
}`,
      filename: JS_FILE,
      errors: [
        { messageId: "environment", line: 7, column: 32, data: { name: "env" } },
        {
          messageId: "notSerializable",
          line: 7,
          column: 37,
          data: {
            what: "the state `state`",
            error: 'Could not serialize object of type "DurableObjectState". This type does not support serialization.',
          },
        },
        { messageId: "environment", line: 11, column: 40, data: { name: "this.env" } },
        {
          messageId: "notSerializable",
          line: 11,
          column: 59,
          data: {
            what: "`this.state.storage`",
            error: 'Could not serialize object of type "DurableObjectStorage". This type does not support serialization.',
          },
        },
        {
          messageId: "notSerializable",
          line: 11,
          column: 85,
          data: {
            what: "the Durable Object itself (`this`)",
            error: 'Could not serialize object of type "Room". This type does not support serialization.',
          },
        },
      ],
      output: null,
    },
    {
      code: `
class Session {
  constructor(name) { this.name = name; }
  greet() { return "hello " + this.name; }
}
export class Room {
  constructor(state, env) { this.state = state; }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    server.serializeAttachment({ session: new Session("Ada"), history: "x".repeat(17_000) });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: MJS_FILE,
      errors: [
        { messageId: "tooLargeAtLeast", line: 11, column: 32, data: { size: 17_028, limit: 16_384 } },
        { messageId: "classInstance", line: 11, column: 43, data: { className: "Session", member: "greet()" } },
      ],
      output: null,
    },
    {
      code: onConnectionMessage(`connection.setState("x".repeat(16_333));`),
      output: null,
      errors: [{ messageId: "stateTooLarge", line: 5, column: 25, data: { size: "16338", overhead: 47, limit: 16_384 } }],
    },
    {
      code: onConnectionMessage(`connection.setState({ cursor: message, onMove: () => {} });`),
      output: null,
      errors: [
        { messageId: "notSerializable", line: 5, column: 52, data: { what: "a function", error: "() => {} could not be cloned." } },
      ],
    },
    {
      code: `import { Agent } from "agents";
const HISTORY = "x".repeat(16_320);
export class Assistant extends Agent {
  onConnect(connection) {
    connection.setState({ history: HISTORY, joined: true });
  }
  onMessage(connection, message) {
    for (const other of this.getConnections()) {
      other.setState({ socket: connection });
    }
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        { messageId: "stateTooLarge", line: 5, column: 25, data: { size: "16346", overhead: 47, limit: 16_384 } },
        { messageId: "notSerializable", line: 9, column: 32, data: { what: "a WebSocket", error: SOCKET_ERROR } },
      ],
    },
    {
      code: onConnectionMessage(`connection.setState({ env: this.env });`),
      output: null,
      errors: [{ messageId: "environment", line: 5, column: 32, data: { name: "this.env" } }],
    },
  ],
});
