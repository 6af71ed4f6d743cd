import fc from "fast-check";

/**
 * Random Durable Object modules built from realistic fragments: the shapes the rules look
 * for (state handles, sockets, handlers, timers, attachments, tags, close, storage) mixed
 * with syntax they do not model (computed keys, optional chaining, destructuring, class
 * expressions, private members, accessors, static blocks, labels, generators, async
 * iterators, decorators). Every program is valid; the fuzz test checks that first.
 */
export interface GeneratedProgram {
  readonly filename: string;
  readonly text: string;
}

type Language = "ts" | "js";

const SOCKETS = ["ws", "server", "this.socket", "sockets[0]", "this.ctx.getWebSockets()[0]", "pair[1]", "(ws as WebSocket)"];
const STATES = ["this.ctx", "this.state", "state", "ctx", "this.ctx?", "self.ctx"];
const NAMES = ["ChatRoom", "Lobby", "Counter", "GameRoom", "Presence"];

const text = fc.oneof(
  fc.constantFrom("ping", "pong", "", "room", "ünïcödé 🎉", "a".repeat(300), "x".repeat(2049), "${x}", "'\"`"),
  fc.string({ maxLength: 12 }),
);
const number = fc.oneof(
  fc.constantFrom(0, 1000, 1005, 1006, 4000, 4999, 5000, -1, 1.5, 2 ** 31, 60_000, 10_000),
  fc.integer({ min: -5, max: 70_000 }),
);
const literal = fc.oneof(
  text.map((value) => JSON.stringify(value)),
  number.map(String),
  fc.constantFrom("undefined", "null", "true", "[]", "{}", "Symbol('s')", "() => 1", "new Map()", "10n", "`t${1}`"),
);
const value = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    literal,
    fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
    fc
      .array(fc.tuple(fc.constantFrom("id", "name", "count", "[key]", '"quoted"', "0", "ws", "...rest"), tie("value")), {
        maxLength: 4,
      })
      .map(
        (entries) =>
          `{ ${entries.map(([key, item]) => (key.startsWith("...") ? `...${item}` : `${key}: ${item}`)).join(", ")} }`,
      ),
    fc.constantFrom("this.sessions", "session", "ws", "message", "attachment", "this.#secret", "self", "this"),
  ),
})).value;

function statement(language: Language): fc.Arbitrary<string> {
  const socket = fc.constantFrom(...SOCKETS.filter((item) => language === "ts" || !item.includes(" as ")));
  const state = fc.constantFrom(...STATES);
  const fragments: fc.Arbitrary<string>[] = [
    fc.tuple(socket, value).map(([ws, item]) => `${ws}.send(JSON.stringify(${item}));`),
    fc.tuple(socket, value).map(([ws, item]) => `${ws}.serializeAttachment(${item});`),
    socket.map((ws) => `const attachment = ${ws}.deserializeAttachment(); attachment.count++;`),
    socket.map((ws) => `const { count = 0, ...rest } = ${ws}.deserializeAttachment() ?? {};`),
    fc.tuple(socket, number, text).map(([ws, code, reason]) => `${ws}.close(${code}, ${JSON.stringify(reason)});`),
    fc.tuple(socket, number).map(([ws, code]) => `${ws}?.close?.(code ?? ${code});`),
    socket.map((ws) => `${ws}.accept();`),
    fc.tuple(socket, fc.constantFrom("message", "close", "error")).map(
      ([ws, event]) => `${ws}.addEventListener("${event}", (event) => { this.last = event; });`,
    ),
    socket.map((ws) => `${ws}.onmessage = function (event) { this.last = event.data; };`),
    fc.tuple(state, socket, fc.array(text, { maxLength: 12 })).map(
      ([ctx, ws, tags]) => `${ctx}.acceptWebSocket(${ws}, ${JSON.stringify(tags)});`,
    ),
    fc.tuple(state, socket, value).map(([ctx, ws, tags]) => `${ctx}.acceptWebSocket(${ws}, ${tags});`),
    fc.tuple(state, text).map(([ctx, tag]) => `for (const peer of ${ctx}.getWebSockets(${JSON.stringify(tag)})) { peer.send("x"); }`),
    state.map((ctx) => `${ctx}.getWebSockets().forEach((peer, index) => { if (peer.readyState === 1) peer.send(String(index)); });`),
    fc.tuple(state, text, text).map(
      ([ctx, request, response]) =>
        `${ctx}.setWebSocketAutoResponse(new WebSocketRequestResponsePair(${JSON.stringify(request)}, ${JSON.stringify(response)}));`,
    ),
    fc.tuple(state, value).map(([ctx, pair]) => `${ctx}.setWebSocketAutoResponse(${pair});`),
    number.map((delay) => `this.timer = setTimeout(() => this.tick(), ${delay});`),
    number.map((delay) => `setInterval(() => { for (const peer of this.ctx.getWebSockets()) peer.send("ping"); }, ${delay});`),
    number.map((delay) => `await new Promise((resolve) => setTimeout(resolve, ${delay}));`),
    number.map((delay) => `scheduler.wait(${delay});`),
    number.map((delay) => `globalThis.setTimeout?.(function again() { setTimeout(again, ${delay}); }, 1);`),
    fc.tuple(state, value).map(([ctx, item]) => `await ${ctx}.storage.put("key", ${item});`),
    state.map((ctx) => `${ctx}.storage.setAlarm(Date.now() + 1000);`),
    state.map((ctx) => `${ctx}.storage.sql.exec("CREATE TABLE IF NOT EXISTS t (id TEXT)");`),
    state.map((ctx) => `${ctx}.waitUntil(fetch("https://example.com"));`),
    fc.constant(`fetch("https://example.com/hook", { method: "POST" });`),
    fc.constant(`const upstream = new WebSocket("wss://example.com/feed"); upstream.accept?.();`),
    fc.constant(
      `const response = await fetch("https://example.com", { headers: { Upgrade: "websocket" } }); response.webSocket?.accept();`,
    ),
    fc.constant(
      `const pair = new WebSocketPair(); const [client, server] = Object.values(pair); this.ctx.acceptWebSocket(server); server.send("hi"); return new Response(null, { status: 101, webSocket: client });`,
    ),
    fc.constant(`const { 0: client, 1: server } = new WebSocketPair(); server.accept(); server.addEventListener("message", () => {}); return new Response(null, { webSocket: client });`),
    fc.constant(`const pair = new WebSocketPair(); pair[1].accept(); this.socket = pair[1];`),
    fc.constant(`this.sessions.set(ws, { id: crypto.randomUUID() });`),
    fc.constant(`for (const [peer, session] of this.sessions) { peer.send(session.id); }`),
    fc.constant(`outer: for (const peer of this.sessions.keys()) { for (;;) { if (peer) break outer; continue outer; } }`),
    fc.constant(`const { ctx: { storage }, env } = this; void storage?.get?.("k"); void env;`),
    fc.constant(`this[Symbol.for("x")]?.(); this["webSocket" + "Message"]?.call(this, ws, "m");`),
    fc.constant(`const Inner = class extends Object { method() { return this.ctx; } }; new Inner();`),
    fc.constant(`function nested() { return this?.ctx?.acceptWebSocket; } nested.call(this);`),
    fc.constant(`const helper = async function* () { yield* [1, 2]; }; for await (const item of helper()) { void item; }`),
    fc.constant(`try { JSON.parse(message); } catch { return; } finally { this.count = (this.count ?? 0) + 1; }`),
    fc.constant(`switch (typeof message) { case "string": break; default: return; }`),
    fc.constant(`void (async () => { await this.ctx.blockConcurrencyWhile(async () => {}); })();`),
    fc.constant(`delete this.sessions; this.sessions ??= new Map(); this.sessions ||= new Map();`),
    fc.constant(`({ a: this.first, b: [this.second] } = { a: 1, b: [2] });`),
    fc.constant(`new Response(null, { status: 101, webSocket: client });`),
  ];
  return fc.oneof(...fragments);
}

interface BodyContext {
  /** `await` is allowed (an async function). */
  readonly async: boolean;
  /** `return` is allowed (not a static block). */
  readonly returns: boolean;
}

const ASYNC: BodyContext = { async: true, returns: true };
const SYNC: BodyContext = { async: false, returns: true };
const STATIC_BLOCK: BodyContext = { async: false, returns: false };

function body(language: Language, context: BodyContext): fc.Arbitrary<string> {
  return fc.array(statement(language), { maxLength: 5 }).map((statements) =>
    statements
      .filter((line) => context.returns || !/\breturn\b/.test(line))
      .map((line) => (context.async ? line : line.replaceAll("await ", "")))
      // Each declaration in its own block, so that two of them never declare the same name.
      .map((line) => `    ${line.startsWith("const ") ? `{ ${line} }` : line}`)
      .join("\n"),
  );
}

/** A member of a Durable Object class: handlers (well and badly named), methods, fields, odd syntax. */
function member(language: Language): fc.Arbitrary<string> {
  const ts = language === "ts";
  const block = body(language, ASYNC);
  const syncBlock = body(language, SYNC);
  const members: fc.Arbitrary<string>[] = [
    block.map((code) => `  async fetch(request${ts ? ": Request" : ""}) {\n    const ws = server;\n${code}\n    return new Response(null, { status: 101, webSocket: client });\n  }`),
    fc
      .tuple(fc.constantFrom("webSocketMessage", "webSocketClose", "webSocketError", "websocketMessage", "webSocketClosed", "onMessage"), fc.constantFrom("ws, message", "ws, code, reason, wasClean", "", "{ send }, ...rest", "message, ws", "ws = undefined"), block)
      .map(([name, parameters, code]) => `  async ${name}(${parameters}) {\n${code}\n  }`),
    syncBlock.map((code) => `  webSocketClose(ws, code, reason) {\n${code}\n    ws.close(code, reason);\n  }`),
    block.map((code) => `  async alarm() {\n${code}\n  }`),
    syncBlock.map((code) => `  [\`dynamic\${1}\`]() {\n${code}\n  }`),
    block.map((code) => `  async #privateMethod() {\n${code}\n  }`),
    syncBlock.map((code) => `  get size() {\n${code}\n    return this.sessions?.size ?? 0;\n  }`),
    fc.constant(`  set size(value) { this.count = value; }`),
    body(language, STATIC_BLOCK).map((code) => `  static {\n${code}\n  }`),
    block.map((code) => `  *generate() {\n    yield 1;\n  }\n  async *stream() {\n${code}\n    yield* [];\n  }`),
    block.map((code) => `  handler = async (ws, message) => {\n${code}\n  };`),
    fc.constantFrom(
      `  sessions = new Map();`,
      `  history = [];`,
      `  static count = 0;`,
      `  ["computed"] = 1;`,
      `  timer;`,
      `  socket = null;`,
      `  self = this;`,
      `  ping = () => this.ctx.getWebSockets().forEach((peer) => peer.send("ping"));`,
    ),
  ];
  if (ts) {
    members.push(
      fc.constantFrom(
        `  private readonly sessions: Map<WebSocket, { id: string }> = new Map();`,
        `  declare tags: string[];`,
        `  accessor counter = 0;`,
        `  private timer!: ReturnType<typeof setTimeout>;`,
        `  @logged\n  decorated(): void { this.ctx.storage.put("k", 1); }`,
        `  override toString(): string { return "room"; }`,
        `  public async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> { ws.send(message as string); }`,
      ),
    );
  }
  return fc.oneof(...members);
}

function constructorMember(language: Language): fc.Arbitrary<string> {
  const ts = language === "ts";
  return fc
    .tuple(fc.constantFrom("modern", "classic", "destructured", "none"), body(language, SYNC))
    .map(([form, code]) => {
      switch (form) {
        case "modern":
          return `  constructor(ctx${ts ? ": DurableObjectState" : ""}, env${ts ? ": Env" : ""}) {\n    super(ctx, env);\n${code}\n  }`;
        case "classic":
          return `  constructor(state${ts ? ": DurableObjectState" : ""}, env) {\n    super(state, env);\n    this.state = state;\n${code}\n  }`;
        case "destructured":
          return `  constructor({ storage, ...rest }, env) {\n    super(rest, env);\n    this.storage = storage;\n${code}\n  }`;
        default:
          return "";
      }
    });
}

function durableObjectClass(language: Language): fc.Arbitrary<string> {
  const ts = language === "ts";
  return fc
    .tuple(
      fc.constantFrom(...NAMES),
      fc.constantFrom("export class", "class", "const = class", "export default class", "export class extends DO"),
      constructorMember(language),
      // Unique by what each member declares: a private name declared twice would not parse.
      fc.uniqueArray(member(language), { maxLength: 7, selector: (code) => /^\s*([^(=;{]*)/.exec(code)?.[1]?.trim() ?? code }),
    )
    .map(([name, form, constructorCode, members]) => {
      const base = form.endsWith("extends DO") ? "DO" : "DurableObject";
      const generic = ts ? "<Env>" : "";
      const classBody = `{\n  #secret = 1;\n${[constructorCode, ...members].filter(Boolean).join("\n")}\n}`;
      switch (form) {
        case "const = class":
          return `const ${name} = class extends ${base}${generic} ${classBody};\nexport { ${name} };`;
        case "export default class":
          return `export default class extends ${base}${generic} ${classBody}`;
        case "export class extends DO":
          return `export class ${name} extends DO${generic} ${classBody}`;
        default:
          return `${form} ${name} extends ${base}${generic} ${classBody}`;
      }
    });
}

const HEADER_JS = `import { DurableObject, DurableObject as DO } from "cloudflare:workers";
const sockets = [];
const server = sockets[0];
const client = sockets[1];
const code = 1000;
const key = "dynamic";
function logged() {}
`;

const HEADER_TS = `import { DurableObject, DurableObject as DO } from "cloudflare:workers";
interface Env { ROOM: DurableObjectNamespace }
const sockets: WebSocket[] = [];
const server = sockets[0]!;
const client = sockets[1]!;
const code: number | undefined = 1000;
const key = "dynamic";
function logged(target: unknown, context: ClassMethodDecoratorContext): void { void target; void context; }
`;

/** A module with one or two Durable Objects and, sometimes, a Worker that routes to them. */
export function durableObjectProgram(): fc.Arbitrary<GeneratedProgram> {
  return fc.constantFrom<Language>("ts", "js").chain((language) =>
    fc
      .tuple(
        fc.array(durableObjectClass(language), { minLength: 1, maxLength: 2 }),
        fc.boolean(),
        fc.constantFrom(...(language === "ts" ? ["room.ts", "room.mts"] : ["room.js", "room.mjs"])),
      )
      .map(([classes, withWorker, filename]) => {
        // A second default export or a repeated class name would not parse.
        const seenNames = new Set<string>();
        let defaultExported = false;
        const unique = classes.filter((declaration) => {
          const name = /(?:class|const) (\w+)/.exec(declaration)?.[1] ?? "";
          const isDefault = declaration.startsWith("export default");
          if ((isDefault && (defaultExported || withWorker)) || (!isDefault && seenNames.has(name))) {
            return false;
          }
          defaultExported ||= isDefault;
          seenNames.add(name);
          return true;
        });
        const worker = withWorker
          ? `export default {\n  async fetch(request, env) {\n    return env.ROOM.get(env.ROOM.idFromName("a")).fetch(request);\n  },\n};\n`
          : "";
        const header = language === "ts" ? HEADER_TS : HEADER_JS;
        return { filename, text: `${header}\n${unique.join("\n\n")}\n\n${worker}` };
      }),
  );
}
