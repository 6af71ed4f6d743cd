import rule from "../../src/rules/no-constructor-side-effects.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;
/** A handler makes the class hibernate; it goes last so that line numbers above it stay simple. */
const HANDLER = `
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`;
const IN_CONSTRUCTOR = { where: "in the constructor" };
const IN_ON_START = { where: "in `onStart()`, which the framework runs again before the first event after a wake" };

ruleTester.run("no-constructor-side-effects", rule, {
  valid: [
    // Valid because a Server without hibernate: true starts once per instance.
    `import { Server } from "partyserver";
export class Cursors extends Server {
  async onStart() {
    await this.ctx.storage.put("startedAt", Date.now());
  }
}`,
    // Valid because the write only happens when a read shows the key is missing.
    `import { Server } from "partyserver";
export class Cursors extends Server {
  static options = { hibernate: true };
  async onStart() {
    if (!(await this.ctx.storage.get("createdAt"))) {
      await this.ctx.storage.put("createdAt", Date.now());
    }
  }
}`,
    // Valid because a raw Durable Object's onStart is an ordinary method that nothing runs on a wake.
    `${IMPORT}
export class Room extends DurableObject {
  async onStart() {
    await this.ctx.storage.put("startedAt", Date.now());
  }${HANDLER}`,
    // Valid because a Worker outside any Durable Object is not constructed on a wake.
    `
export default {
  async fetch(request: Request, env: Env) {
    await env.STATE.put("startedAt", String(Date.now()));
    await fetch("https://example.com/ping");
    setTimeout(() => console.log("late"), 100);
    return new Response("ok");
  },
};`,
    // Valid because this Durable Object never hibernates: its constructor runs once per instance.
    `${IMPORT}
export class Counter extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.storage.put("startedAt", Date.now());
    void ctx.storage.deleteAll();
    void fetch("https://example.com/started");
  }
  async fetch(request: Request) {
    return new Response(String(await this.ctx.storage.get("startedAt")));
  }
}`,
    {
      // Valid because a classic Durable Object that accepts with the standard accept() never hibernates.
      code: `
export class Counter {
  constructor(state, env) {
    this.state = state;
    state.storage.put("startedAt", Date.now());
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
    },
    // Valid because reads, the auto-response and the event timeout change nothing when they run again.
    `${IMPORT}
export class Room extends DurableObject {
  sessions = new Map<WebSocket, { name: string }>();
  count = 0;
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    ctx.setHibernatableWebSocketEventTimeout(5_000);
    for (const ws of ctx.getWebSockets()) {
      this.sessions.set(ws, ws.deserializeAttachment());
    }
    ctx.blockConcurrencyWhile(async () => {
      this.count = (await ctx.storage.get<number>("count")) ?? 0;
      const all = await ctx.storage.list({ prefix: "user:" });
      const alarm = await ctx.storage.getAlarm();
      const rows = ctx.storage.sql.exec("SELECT * FROM messages ORDER BY id DESC LIMIT 50").toArray();
      ctx.storage.sql.exec("PRAGMA table_info(messages)");
    });
  }
${HANDLER}`,
    // Valid because each write runs only when a read shows it is missing: an initialisation that runs once.
    `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      if ((await ctx.storage.get("createdAt")) === undefined) {
        await ctx.storage.put("createdAt", Date.now());
      }
      if ((await ctx.storage.getAlarm()) === null) await ctx.storage.setAlarm(Date.now() + 60_000);
      const owner = await ctx.storage.get<string>("owner");
      owner ?? (await ctx.storage.put("owner", "nobody"));
      const mode = await ctx.storage.get<string>("mode");
      const done = mode ? true : await ctx.storage.put("mode", "open");
      switch (mode) {
        case "legacy":
          ctx.storage.sql.exec("UPDATE messages SET version = 2");
          break;
        default:
          break;
      }
    });
  }
${HANDLER}`,
    // Valid because the write comes after an early return for the objects that already have the key.
    `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      const startedAt = await ctx.storage.get("startedAt");
      if (startedAt !== undefined) return;
      await ctx.storage.put("startedAt", Date.now());
    });
    void this.migrate();
  }
  private async migrate() {
    if ((await this.ctx.storage.get("version")) === 2) {
      return;
    }
    await this.ctx.storage.put("version", 2);
  }
${HANDLER}`,
    // Valid because a write in a catch handler runs only when the read failed.
    `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      try {
        await ctx.storage.get("state");
      } catch {
        await ctx.storage.deleteAll();
      }
    });
    void ctx.storage.get("config").catch(() => ctx.storage.delete("config"));
  }
${HANDLER}`,
    // Valid because these statements change nothing when they run again.
    `${IMPORT}
export class Room extends DurableObject {
  sql: SqlStorage;
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(\`
      -- the schema, created once
      CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, text TEXT, sentAt INTEGER);
      CREATE UNIQUE INDEX IF NOT EXISTS messages_sent ON messages (sentAt);
      CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(text);
    \`);
    this.sql.exec("INSERT OR IGNORE INTO meta (key, value) VALUES ('createdAt', ?)", Date.now());
    this.sql.exec("INSERT INTO meta (key, value) VALUES ('owner', ?) ON CONFLICT (key) DO NOTHING", "nobody");
    this.sql.exec(
      "CREATE TRIGGER IF NOT EXISTS log_delete AFTER DELETE ON messages BEGIN INSERT INTO deleted VALUES (old.id); END;",
    );
    this.sql.exec("CREATE TEMP TABLE scratch (id INTEGER)");
    this.sql.exec("SELECT 'DELETE FROM messages' AS text");
  }
${HANDLER}`,
    // Valid because a schema statement whose error is caught does no harm when it runs again.
    `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    try {
      ctx.storage.sql.exec("CREATE TABLE messages (id INTEGER PRIMARY KEY, text TEXT)");
      ctx.storage.sql.exec("ALTER TABLE messages ADD COLUMN sentAt INTEGER");
    } catch {
      // The table is already there.
    }
  }
${HANDLER}`,
    // Valid because parts of these queries are not known statically, so what they do is not known either.
    `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env, query: string, conflict: string) {
    super(ctx, env);
    ctx.storage.sql.exec(query);
    ctx.storage.sql.exec(\`INSERT \${conflict} INTO meta VALUES ('a', 1)\`);
    ctx.storage.sql.exec(\`CREATE TABLE \${conflict} messages (id INTEGER)\`);
  }
${HANDLER}`,
    // Valid because the same writes in fetch, a handler or alarm run once per event, not once per wake.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    await this.ctx.storage.put("lastRequest", Date.now());
    this.ctx.storage.sql.exec("DELETE FROM sessions WHERE expires < ?", Date.now());
    await fetch("https://example.com/audit");
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    await this.ctx.storage.put("lastMessage", message);
    for (const other of this.ctx.getWebSockets()) other.send(message);
  }
  async webSocketClose(ws: WebSocket, code: number) {
    ws.close(1000, "bye");
  }
  async alarm() {
    await this.ctx.storage.deleteAll();
    await this.ctx.storage.setAlarm(Date.now() + 60_000);
  }
}`,
    // Valid because functions created in the constructor but not called there run later, once per event.
    `${IMPORT}
export class Room extends DurableObject {
  save: () => Promise<void>;
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.save = () => ctx.storage.put("savedAt", Date.now());
    const reset = async () => {
      await ctx.storage.deleteAll();
    };
    function notify() {
      for (const ws of ctx.getWebSockets()) ws.send("reset");
    }
    this.handlers = { reset, notify };
  }
  handlers: Record<string, () => unknown>;
${HANDLER}`,
    // Valid because put and delete here belong to a KV binding and a Map, not to the object's storage.
    `${IMPORT}
export class Room extends DurableObject<Env> {
  cache = new Map<string, number>();
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void this.env.KV.put("room", "started");
    void env.KV.delete("stale");
    const storage = new Map<string, number>();
    storage.delete("x");
    this.cache.delete("y");
    const { storage: copy } = { storage: new Map() };
    copy.delete("z");
  }
${HANDLER}`,
    // Valid because the method that writes is called only from fetch, and the constructor's call is guarded.
    `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env, fresh: boolean) {
    super(ctx, env);
    if (fresh) {
      void this.reset();
    }
  }
  async fetch(request: Request) {
    await this.record();
    return new Response("ok");
  }
  async record() {
    await this.ctx.storage.put("lastRequest", Date.now());
  }
  async reset() {
    await this.ctx.storage.deleteAll();
  }
${HANDLER}`,
    // Valid because methods that only call each other never run during construction.
    `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
  }
  async ping(): Promise<void> {
    await this.ctx.storage.put("ping", Date.now());
    await this.pong();
  }
  async pong(): Promise<void> {
    await this.ctx.storage.put("pong", Date.now());
    await this.ping();
  }
${HANDLER}`,
    // Valid because no-timers reports setInterval and long or unknown timeouts; an awaited sleep is fine.
    `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env, delay: number) {
    super(ctx, env);
    setInterval(() => this.tick(), 1000);
    setTimeout(() => this.tick(), 60_000);
    setTimeout(() => this.tick(), delay);
    ctx.blockConcurrencyWhile(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
  }
  tick() {}
${HANDLER}`,
    // Valid because no-timers already reports a timeout that re-arms itself.
    `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.tick();
  }
  tick() {
    setTimeout(() => this.tick(), 1000);
  }
${HANDLER}`,
    // Valid because a socket the object opens itself is no-outgoing-websocket's concern, and the handler's socket is not the constructor's.
    `${IMPORT}
export class Room extends DurableObject {
  feed = new WebSocket("wss://feed.example.com");
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.feed.send("hello");
  }
${HANDLER}`,
    // Valid because a class that is not a Durable Object is not constructed on a wake.
    `${IMPORT}
class Journal {
  constructor(storage: DurableObjectStorage) {
    void storage.put("openedAt", Date.now());
    void fetch("https://example.com/journal");
  }
}
export class Room extends DurableObject {
  journal?: Journal;
  async fetch(request: Request) {
    this.journal = new Journal(this.ctx.storage);
    return new Response("ok");
  }
${HANDLER}`,
    // Valid because the fetch and setTimeout here are the file's own functions, not the runtime's.
    `${IMPORT}
function fetch(url: string) {
  return url;
}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const setTimeout = (callback: () => void) => callback();
    fetch("https://example.com");
    setTimeout(() => {});
  }
${HANDLER}`,
    // Valid because a destructured state parameter, a getter, a static method and a computed key are not followed.
    `${IMPORT}
export class Room extends DurableObject {
  constructor({ storage }: DurableObjectState, env: Env) {
    super({ storage } as DurableObjectState, env);
    void storage.put("startedAt", Date.now());
    void this.ready;
    Room.announce();
    const key = "reset";
    void this[key]();
  }
  get ready() {
    return this.ctx.storage.put("readyAt", Date.now());
  }
  static announce() {
    void fetch("https://example.com/announce");
  }
  async [Symbol.for("reset")]() {
    await this.ctx.storage.deleteAll();
  }
${HANDLER}`,
    {
      // Valid because the JavaScript object guards its initialisation and only reads otherwise.
      code: `
export class Counter {
  constructor(state, env) {
    this.state = state;
    this.count = 0;
    state.blockConcurrencyWhile(async () => {
      this.count = (await state.storage.get("count")) ?? 0;
      if ((await this.state.storage.get("createdAt")) === undefined) {
        await this.state.storage.put("createdAt", Date.now());
      }
    });
  }
  async webSocketMessage(ws, message) {
    this.count += 1;
    await this.state.storage.put("count", this.count);
  }
}`,
      filename: JS_FILE,
    },
  ],
  invalid: [
    {
      code: `${IMPORT}
export class Presence extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.storage.put("startedAt", Date.now());
  }
${HANDLER}`,
      output: null,
      errors: [{ messageId: "storagePut", line: 5, column: 10, data: { method: "put", ...IN_CONSTRUCTOR } }],
    },
    {
      // A boot counter counts wakes, not starts.
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.ctx.blockConcurrencyWhile(async () => {
      const boots = (await this.ctx.storage.get<number>("boots")) ?? 0;
      await this.ctx.storage.put("boots", boots + 1);
    });
  }
${HANDLER}`,
      output: null,
      errors: [{ messageId: "storagePut", line: 7, column: 13, data: { method: "put", ...IN_CONSTRUCTOR } }],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.storage.deleteAll();
    void ctx.storage.delete(["draft", "typing"]);
    ctx.storage.kv.put("wokeAt", Date.now());
    ctx.storage.kv.delete("typing");
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "storageDelete", line: 5, column: 10, data: { method: "deleteAll", ...IN_CONSTRUCTOR } },
        { messageId: "storageDelete", line: 6, column: 10, data: { method: "delete", ...IN_CONSTRUCTOR } },
        { messageId: "storagePut", line: 7, column: 5, data: { method: "put", ...IN_CONSTRUCTOR } },
        { messageId: "storageDelete", line: 8, column: 5, data: { method: "delete", ...IN_CONSTRUCTOR } },
      ],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.storage.setAlarm(Date.now() + 60_000);
    void this.ctx.storage.deleteAlarm();
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "setAlarm", line: 5, column: 10, data: IN_CONSTRUCTOR },
        { messageId: "deleteAlarm", line: 6, column: 10, data: IN_CONSTRUCTOR },
      ],
    },
    {
      // The storage reached through aliases: a variable, a destructuring, a field.
      code: `${IMPORT}
export class Room extends DurableObject {
  storage: DurableObjectStorage;
  sql = this.ctx.storage.sql;
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.storage = ctx.storage;
    const storage = ctx.storage;
    const { storage: own } = this.ctx;
    const { sql } = storage;
    void storage.put("a", 1);
    void own.delete("b");
    void this.storage.deleteAll();
    sql.exec("DELETE FROM messages");
    this.sql.exec("DROP TABLE IF EXISTS drafts");
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "storagePut", line: 11, column: 10, data: { method: "put", ...IN_CONSTRUCTOR } },
        { messageId: "storageDelete", line: 12, column: 10, data: { method: "delete", ...IN_CONSTRUCTOR } },
        { messageId: "storageDelete", line: 13, column: 10, data: { method: "deleteAll", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWipe", line: 14, column: 5, data: { statement: "DELETE", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWipe", line: 15, column: 5, data: { statement: "DROP", ...IN_CONSTRUCTOR } },
      ],
    },
    {
      code: `${IMPORT}
const RESET = "/* start clean */ DELETE FROM sessions";
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env, table: string) {
    super(ctx, env);
    const sql = ctx.storage.sql;
    sql.exec("INSERT INTO boots (at) VALUES (?)", Date.now());
    sql.exec("update meta set value = ? where key = 'wokeAt'", Date.now());
    sql.exec("INSERT OR REPLACE INTO meta VALUES ('startedAt', ?)", Date.now());
    sql.exec("REPLACE INTO meta VALUES ('startedAt', ?)", Date.now());
    sql.exec("INSERT INTO meta VALUES ('a', 1) ON CONFLICT (key) DO UPDATE SET value = 1");
    sql.exec(RESET);
    sql.exec(\`  -- clear the table
      DELETE FROM \${table}\`);
    sql.exec("CREATE TABLE IF NOT EXISTS log (at INTEGER); INSERT INTO log VALUES (" + Date.now() + ")");
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "sqlWrite", line: 7, column: 5, data: { statement: "INSERT", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWrite", line: 8, column: 5, data: { statement: "UPDATE", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWrite", line: 9, column: 5, data: { statement: "INSERT OR REPLACE", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWrite", line: 10, column: 5, data: { statement: "REPLACE", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWrite", line: 11, column: 5, data: { statement: "INSERT", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWipe", line: 12, column: 5, data: { statement: "DELETE", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWipe", line: 13, column: 5, data: { statement: "DELETE", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWrite", line: 15, column: 5, data: { statement: "INSERT", ...IN_CONSTRUCTOR } },
      ],
    },
    {
      // Throws "table messages already exists" on the first wake, so the object never starts again.
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE messages (id INTEGER PRIMARY KEY, text TEXT)");
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec("create unique index messages_text on messages (text)");
      ctx.storage.sql.exec("ALTER TABLE messages ADD COLUMN sentAt INTEGER");
    });
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "createWithoutIfNotExists", line: 5, column: 5, data: { statement: "CREATE TABLE", ...IN_CONSTRUCTOR } },
        {
          messageId: "createWithoutIfNotExists",
          line: 7,
          column: 7,
          data: { statement: "CREATE UNIQUE INDEX", ...IN_CONSTRUCTOR },
        },
        { messageId: "alterTable", line: 8, column: 7, data: IN_CONSTRUCTOR },
      ],
    },
    {
      // A try without a catch does not stop the error.
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    try {
      ctx.storage.sql.exec("CREATE TABLE messages (id INTEGER PRIMARY KEY)");
      void ctx.storage.put("startedAt", Date.now());
    } finally {
      void ctx.storage.delete("lock");
    }
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "createWithoutIfNotExists", line: 6, column: 7, data: { statement: "CREATE TABLE", ...IN_CONSTRUCTOR } },
        { messageId: "storagePut", line: 7, column: 12, data: { method: "put", ...IN_CONSTRUCTOR } },
        { messageId: "storageDelete", line: 9, column: 12, data: { method: "delete", ...IN_CONSTRUCTOR } },
      ],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void fetch("https://example.com/room-started");
    ctx.blockConcurrencyWhile(async () => {
      await globalThis.fetch("https://example.com/warm-up");
    });
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "fetch", line: 5, column: 10, data: IN_CONSTRUCTOR },
        { messageId: "fetch", line: 7, column: 13, data: IN_CONSTRUCTOR },
      ],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setTimeout(() => this.broadcastPresence(), 1000);
    globalThis.setTimeout(() => ctx.storage.put("settledAt", Date.now()));
  }
  broadcastPresence() {}
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "timeout", line: 5, column: 5, data: IN_CONSTRUCTOR },
        { messageId: "timeout", line: 6, column: 5, data: IN_CONSTRUCTOR },
      ],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    for (const ws of ctx.getWebSockets()) {
      ws.send(JSON.stringify({ type: "welcome" }));
    }
    ctx.getWebSockets("admin").forEach((ws) => ws.close(1001, "restarting"));
    this.ctx.getWebSockets()[0]?.send("you are first");
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "send", line: 6, column: 7, data: IN_CONSTRUCTOR },
        { messageId: "close", line: 8, column: 48, data: IN_CONSTRUCTOR },
        { messageId: "send", line: 9, column: 5, data: IN_CONSTRUCTOR },
      ],
    },
    {
      // Methods the constructor calls run during construction too, also through each other and blockConcurrencyWhile.
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void this.init();
    ctx.blockConcurrencyWhile(this.load.bind(this));
    ctx.blockConcurrencyWhile(() => this.restore());
  }
  async init() {
    await this.ctx.storage.put("startedAt", Date.now());
    this.announce();
  }
  announce() {
    for (const ws of this.ctx.getWebSockets()) ws.send("back");
  }
  async load() {
    this.ctx.storage.sql.exec("DELETE FROM typing");
  }
  restore = async () => {
    await this.ctx.storage.setAlarm(Date.now() + 1000);
  };
  async fetch(request: Request) {
    this.announce();
    return new Response("ok");
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "storagePut", line: 10, column: 11, data: { method: "put", where: "in `init()`, which runs during construction" } },
        { messageId: "send", line: 14, column: 48, data: { where: "in `announce()`, which runs during construction" } },
        { messageId: "sqlWipe", line: 17, column: 5, data: { statement: "DELETE", where: "in `load()`, which runs during construction" } },
        { messageId: "setAlarm", line: 20, column: 11, data: { where: "in `restore()`, which runs during construction" } },
      ],
    },
    {
      // Methods that call each other are followed once each, whatever order they are met in.
      code: `${IMPORT}
export class Room extends DurableObject {
  async first() {
    await this.ctx.storage.put("first", Date.now());
    await this.second();
  }
  async second() {
    await this.ctx.storage.put("second", Date.now());
    await this.first();
  }
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void this.first();
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "storagePut", line: 4, column: 11, data: { method: "put", where: "in `first()`, which runs during construction" } },
        { messageId: "storagePut", line: 8, column: 11, data: { method: "put", where: "in `second()`, which runs during construction" } },
      ],
    },
    {
      // Functions the constructor runs at once: an immediately invoked one, a local one it calls, promise callbacks.
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void (async () => {
      await ctx.storage.put("a", 1);
    })();
    const reset = () => ctx.storage.deleteAll();
    void reset();
    function ping() {
      return fetch("https://example.com/ping");
    }
    ping();
    void ctx.storage.get("b").then(() => ctx.storage.put("b", 2));
    ctx.storage.transactionSync(() => ctx.storage.sql.exec("UPDATE meta SET value = 0"));
    new Promise<void>((resolve) => {
      void ctx.storage.delete("c");
      resolve();
    });
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "storagePut", line: 6, column: 13, data: { method: "put", ...IN_CONSTRUCTOR } },
        { messageId: "storageDelete", line: 8, column: 25, data: { method: "deleteAll", ...IN_CONSTRUCTOR } },
        { messageId: "fetch", line: 11, column: 14, data: IN_CONSTRUCTOR },
        { messageId: "storagePut", line: 14, column: 42, data: { method: "put", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWrite", line: 15, column: 39, data: { statement: "UPDATE", ...IN_CONSTRUCTOR } },
        { messageId: "storageDelete", line: 17, column: 12, data: { method: "delete", ...IN_CONSTRUCTOR } },
      ],
    },
    {
      // An if that does not return first, or only throws, guards nothing after it.
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    if (!env.SECRET) {
      throw new Error("SECRET is not set");
    }
    if (env.DEBUG) {
      console.log("constructed");
    }
    void ctx.storage.put("startedAt", Date.now());
  }
${HANDLER}`,
      output: null,
      errors: [{ messageId: "storagePut", line: 11, column: 10, data: { method: "put", ...IN_CONSTRUCTOR } }],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  ready = this.ctx.blockConcurrencyWhile(async () => {
    await this.ctx.storage.put("wokeAt", Date.now());
  });
  startedAt = this.ctx.storage.put("startedAt", Date.now());
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "storagePut", line: 4, column: 11, data: { method: "put", where: "in the initialiser of `ready`" } },
        { messageId: "storagePut", line: 6, column: 15, data: { method: "put", where: "in the initialiser of `startedAt`" } },
      ],
    },
    {
      // A private method of an anonymous class, and a local function that calls itself.
      code: `${IMPORT}
export default class extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#boot();
    const poll = async (): Promise<void> => {
      await fetch("https://example.com/poll");
      if (Math.random() < 0.5) await poll();
    };
    void poll();
  }
  #boot() {
    void this.ctx.storage.put("bootedAt", Date.now());
  }
${HANDLER}`,
      output: null,
      errors: [
        { messageId: "fetch", line: 7, column: 13, data: IN_CONSTRUCTOR },
        { messageId: "storagePut", line: 13, column: 10, data: { method: "put", where: "in `#boot()`, which runs during construction" } },
      ],
    },
    {
      // The base class's constructor runs whenever the hibernating subclass is constructed.
      code: `${IMPORT}
class Base extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.storage.put("startedAt", Date.now());
  }
}
export class Room extends Base {
${HANDLER}`,
      output: null,
      errors: [{ messageId: "storagePut", line: 5, column: 10, data: { method: "put", ...IN_CONSTRUCTOR } }],
    },
    {
      code: `
export class Counter {
  constructor(state, env) {
    this.state = state;
    this.env = env;
    state.storage.put("startedAt", Date.now());
    this.state.storage.deleteAll();
    this.state.storage.sql.exec("DELETE FROM sessions");
    for (const ws of this.state.getWebSockets()) ws.send("welcome back");
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        { messageId: "storagePut", line: 6, column: 5, data: { method: "put", ...IN_CONSTRUCTOR } },
        { messageId: "storageDelete", line: 7, column: 5, data: { method: "deleteAll", ...IN_CONSTRUCTOR } },
        { messageId: "sqlWipe", line: 8, column: 5, data: { statement: "DELETE", ...IN_CONSTRUCTOR } },
        { messageId: "send", line: 9, column: 50, data: IN_CONSTRUCTOR },
      ],
    },
    {
      // The classic TypeScript form: a parameter property holds the state.
      code: `
export class Room implements DurableObject {
  constructor(private readonly state: DurableObjectState, env: Env) {
    void state.storage.put("startedAt", Date.now());
    void this.state.storage.setAlarm(Date.now() + 60_000);
  }
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        { messageId: "storagePut", line: 4, column: 10, data: { method: "put", ...IN_CONSTRUCTOR } },
        { messageId: "setAlarm", line: 5, column: 10, data: IN_CONSTRUCTOR },
      ],
    },
    {
      code: `
import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    const { storage } = ctx;
    storage.setAlarm(Date.now() + 30000);
    this.boot();
  }
  boot() {
    return fetch("https://example.com/boot");
  }
  webSocketMessage(ws, message) {
    ws.send(message);
  }
}`,
      filename: MJS_FILE,
      output: null,
      errors: [
        { messageId: "setAlarm", line: 7, column: 5, data: IN_CONSTRUCTOR },
        { messageId: "fetch", line: 11, column: 12, data: { where: "in `boot()`, which runs during construction" } },
      ],
    },
    {
      code: `import { Server } from "partyserver";
export class Cursors extends Server {
  static options = { hibernate: true };
  async onStart() {
    await this.ctx.storage.put("startedAt", Date.now());
    this.announce();
  }
  announce() {
    for (const connection of this.getConnections()) connection.send("the server restarted");
  }
}`,
      output: null,
      errors: [
        { messageId: "storagePut", line: 5, column: 11, data: { method: "put", ...IN_ON_START } },
        { messageId: "send", line: 9, column: 53, data: { where: "in `announce()`, which runs during construction" } },
      ],
    },
    {
      code: `import { Agent } from "agents";
export class Assistant extends Agent {
  onStart = async () => {
    await fetch("https://example.com/started");
  };
}`,
      filename: JS_FILE,
      output: null,
      errors: [{ messageId: "fetch", line: 4, column: 11, data: IN_ON_START }],
    },
  ],
});
