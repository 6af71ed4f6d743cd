import rule from "../../src/rules/require-session-restore.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;

/** A chat room that fills `sessions` on connect and broadcasts from it; `restore` goes in the class body from line 4 on. */
function chatRoom(restore: string, field = "sessions = new Map<WebSocket, { name: string }>();"): string {
  return `${IMPORT}
export class ChatRoom extends DurableObject {
  ${field}
${restore}
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ name: "anonymous" });
    this.sessions.set(server, { name: "anonymous" });
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    for (const [socket, session] of this.sessions) socket.send(\`\${session.name}: \${message}\`);
  }
  async webSocketClose(ws: WebSocket) {
    this.sessions.delete(ws);
  }
}`;
}

/** A hibernating room whose class body after the accepting `fetch` is `body`; `field` is on line 3. */
function room(field: string, body: string): string {
  return `${IMPORT}
export class Room extends DurableObject {
  ${field}
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
${body}
}`;
}

function lost(name: string, line: number, column: number, state = "this.ctx") {
  return { messageId: "sessionsLost" as const, data: { name, state }, line, column };
}

/** A partyserver room that fills `names` in onConnect and reads it in onMessage; `members` go in the class body. */
function cursors(members: string, options = "static options = { hibernate: true };"): string {
  return `import { Server } from "partyserver";
export class Cursors extends Server {
  ${options}
  names = new Map();
${members}
  onConnect(connection, ctx) {
    this.names.set(connection.id, new URL(ctx.request.url).searchParams.get("name"));
  }
  onMessage(connection, message) {
    this.broadcast(\`\${this.names.get(connection.id)}: \${message}\`);
  }
}`;
}

ruleTester.run("require-session-restore", rule, {
  valid: [
    // Valid because onStart, which runs again after every wake, rebuilds the map from the connections.
    cursors(`  onStart() {
    for (const connection of this.getConnections()) {
      this.names.set(connection.id, connection.state.name);
    }
  }`),
    // Valid because a Server without hibernate: true never hibernates, so the map is never lost.
    cursors("", ""),
    // Valid because the constructor rebuilds the map from the sockets that survived.
    chatRoom(`  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    for (const ws of this.ctx.getWebSockets()) {
      this.sessions.set(ws, ws.deserializeAttachment());
    }
  }`),
    // Valid because the constructor calls a method that rebuilds it.
    chatRoom(`  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    this.restoreSessions();
  }
  restoreSessions() {
    this.ctx.getWebSockets().forEach((ws) => this.sessions.set(ws, ws.deserializeAttachment()));
  }`),
    // Valid because it is rebuilt inside blockConcurrencyWhile.
    chatRoom(`  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      for (const ws of ctx.getWebSockets()) this.sessions.set(ws, ws.deserializeAttachment());
    });
  }`),
    // Valid because blockConcurrencyWhile runs a method that rebuilds it, skipping sockets without data.
    chatRoom(`  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => this.restore());
  }
  restore() {
    this.ctx.getWebSockets().forEach((ws) => {
      const attachment = ws.deserializeAttachment();
      if (attachment) {
        this.sessions.set(ws, { ...attachment });
      }
    });
  }`),
    // Valid because the collection is built from getWebSockets() in one expression.
    chatRoom(
      `  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    this.sessions = new Map(ctx.getWebSockets().map((ws) => [ws, ws.deserializeAttachment()]));
  }`,
      "sessions: Map<WebSocket, { name: string }>;",
    ),
    // Valid because the field starts out filled from the surviving sockets.
    chatRoom(
      "",
      "sessions = new Map(this.ctx.getWebSockets().map((ws) => [ws, ws.deserializeAttachment() as { name: string }]));",
    ),
    // Valid because the sockets are first kept in a variable, then walked.
    chatRoom(`  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    const open = ctx.getWebSockets();
    open.forEach((ws) => this.sessions.set(ws, ws.deserializeAttachment()));
  }`),
    // Valid because a lookup miss is refilled from the attachment.
    chatRoom(`  sessionOf(ws: WebSocket) {
    let session = this.sessions.get(ws);
    if (!session) {
      session = ws.deserializeAttachment();
      this.sessions.set(ws, session);
    }
    return session;
  }`),
    // Valid because a lookup miss is refilled by a method that reads the attachment.
    chatRoom(`  sessionOf(ws: WebSocket) {
    return this.sessions.get(ws) ?? this.restoreSession(ws);
  }
  restoreSession(ws: WebSocket) {
    const session = ws.deserializeAttachment() as { name: string };
    this.sessions.set(ws, session);
    return session;
  }`),
    // Valid because the refill takes its value from a method that returns the attachment.
    chatRoom(`  readSession(ws: WebSocket) {
    return ws.deserializeAttachment() as { name: string };
  }
  sessionOf(ws: WebSocket) {
    if (!this.sessions.has(ws)) this.sessions.set(ws, this.readSession(ws));
    return this.sessions.get(ws);
  }`),
    // Valid because the refill takes its value from a module function that returns the attachment.
    `${IMPORT}
function readSession(ws: WebSocket) {
  return ws.deserializeAttachment() as { name: string };
}
export class ChatRoom extends DurableObject {
  sessions = new Map<WebSocket, { name: string }>();
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    for (const ws of ctx.getWebSockets()) this.sessions.set(ws, readSession(ws));
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.sessions.set(server, { name: "anonymous" });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    for (const [socket] of this.sessions) socket.send(message);
  }
}`,
    // Valid because the helper that fills the map is also called from the restoring loop.
    `${IMPORT}
export class ChatRoom extends DurableObject {
  sessions = new Map<WebSocket, { name: string }>();
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    for (const ws of ctx.getWebSockets()) this.track(ws, ws.deserializeAttachment());
  }
  track(ws: WebSocket, session: { name: string }) {
    this.sessions.set(ws, session);
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ name: "anonymous" });
    this.track(server, { name: "anonymous" });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    for (const [socket, session] of this.sessions) socket.send(\`\${session.name}: \${message}\`);
  }
}`,
    // Valid because the array is rebuilt with Array.from over the sockets; the filter only removes players.
    `${IMPORT}
interface Player { ws: WebSocket; name: string }
export class Game extends DurableObject {
  players: Player[] = [];
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    this.players = Array.from(ctx.getWebSockets(), (ws) => ({ ws, name: (ws.deserializeAttachment() as Player).name }));
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ name: "anonymous" });
    this.players.push({ ws: server, name: "anonymous" });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    for (const player of this.players) player.ws.send(message);
  }
  webSocketClose(ws: WebSocket) {
    this.players = this.players.filter((player) => player.ws !== ws);
  }
}`,
    // Valid because the rooms are rebuilt from each socket's tags.
    `${IMPORT}
export class Hub extends DurableObject {
  rooms = new Map<string, Set<WebSocket>>();
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    for (const ws of ctx.getWebSockets()) {
      for (const tag of ctx.getTags(ws)) {
        if (!this.rooms.has(tag)) this.rooms.set(tag, new Set());
        this.rooms.get(tag)!.add(ws);
      }
    }
  }
  async fetch(request: Request) {
    const room = new URL(request.url).searchParams.get("room") ?? "lobby";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, [room]);
    if (!this.rooms.has(room)) this.rooms.set(room, new Set());
    this.rooms.get(room)!.add(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    for (const socket of this.rooms.get(this.ctx.getTags(ws)[0] ?? "") ?? []) socket.send(message);
  }
}`,
    // Valid because the members are reloaded from storage, which outlives the wake.
    `${IMPORT}
export class Members extends DurableObject {
  members = new Map<string, { name: string }>();
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      const stored = await ctx.storage.list<{ name: string }>({ prefix: "member:" });
      for (const [key, value] of stored) this.members.set(key.slice(7), value);
    });
  }
  async fetch(request: Request) {
    const name = new URL(request.url).searchParams.get("name") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.members.set(name, { name });
    await this.ctx.storage.put(\`member:\${name}\`, { name });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket) {
    ws.send(JSON.stringify([...this.members.keys()]));
  }
}`,
    // Valid because the members are reloaded by a method that is handed what storage returned.
    `${IMPORT}
export class Members extends DurableObject {
  members = new Map<string, string>();
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => this.load(await ctx.storage.list<string>()));
  }
  load(entries: Map<string, string>) {
    for (const [id, name] of entries) this.members.set(id, name);
  }
  async fetch(request: Request) {
    const id = new URL(request.url).searchParams.get("id") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, [id]);
    this.members.set(id, id);
    await this.ctx.storage.put(id, id);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket) {
    ws.send(JSON.stringify([...this.members.values()]));
  }
}`,
    // Valid because the members are reloaded from SQLite storage.
    `${IMPORT}
export class Members extends DurableObject {
  members = new Map<string, string>();
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    for (const row of ctx.storage.sql.exec<{ id: string; name: string }>("SELECT id, name FROM members")) {
      this.members.set(row.id, row.name);
    }
  }
  async fetch(request: Request) {
    const id = new URL(request.url).searchParams.get("id") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, [id]);
    this.members.set(id, id);
    this.ctx.storage.sql.exec("INSERT INTO members VALUES (?, ?)", id, id);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket) {
    ws.send(JSON.stringify([...this.members.values()]));
  }
}`,
    // Valid because every lookup falls back to the attachment, which survives the wake.
    `${IMPORT}
export class ChatRoom extends DurableObject {
  sessions = new Map<WebSocket, { name: string }>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ name: "anonymous" });
    this.sessions.set(server, { name: "anonymous" });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    const name = this.sessions.get(ws)?.name ?? (ws.deserializeAttachment() as { name: string }).name;
    for (const socket of this.ctx.getWebSockets()) socket.send(\`\${name}: \${message}\`);
  }
}`,
    // Valid because a lookup miss is answered from the attachment (not stored back, but still right).
    `${IMPORT}
export class ChatRoom extends DurableObject {
  names = new Map<WebSocket, string>();
  async fetch(request: Request) {
    const name = new URL(request.url).searchParams.get("name") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ name });
    this.names.set(server, name);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    let name = this.names.get(ws);
    if (name === undefined) name = (ws.deserializeAttachment() as { name: string }).name;
    ws.send(\`\${name}: \${message}\`);
  }
}`,
    // Valid because the private WeakMap is only a cache in front of the attachment.
    `${IMPORT}
interface Session { name: string }
export class ChatRoom extends DurableObject {
  #sessions = new WeakMap<WebSocket, Session>();
  #session(ws: WebSocket): Session {
    let session = this.#sessions.get(ws);
    if (session === undefined) {
      session = ws.deserializeAttachment() as Session;
      this.#sessions.set(ws, session);
    }
    return session;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    const session = { name: "anonymous" };
    server.serializeAttachment(session);
    this.#sessions.set(server, session);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    ws.send(\`\${this.#session(ws).name}: \${message}\`);
  }
}`,
    // Valid because an object that never hibernates keeps its fields.
    `${IMPORT}
export class Lobby extends DurableObject {
  sessions = new Set<WebSocket>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    this.sessions.add(server);
    server.addEventListener("message", (event) => {
      for (const ws of this.sessions) ws.send(String(event.data));
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because room-level scalars and caches keyed by data are not per-connection state.
    room(
      "messages = 0;\n  cache = new Map<string, string>();",
      `  async webSocketMessage(ws: WebSocket, message: string) {
    this.messages++;
    const cached = this.cache.get(message) ?? (await this.ctx.storage.get<string>(message)) ?? "";
    this.cache.set(message, cached);
    ws.send(cached);
  }`,
    ),
    // Valid because the counts are keyed by the kind of message, not by connection.
    room(
      "stats = new Map<string, number>();",
      `  webSocketMessage(ws: WebSocket, raw: string) {
    const message = JSON.parse(raw);
    this.stats.set(message.type, (this.stats.get(message.type) ?? 0) + 1);
    ws.send(JSON.stringify(Object.fromEntries(this.stats)));
  }`,
    ),
    // Valid because documents are cached by id and the cache is emptied when the last socket leaves.
    room(
      "docs = new Map<string, string>();",
      `  async webSocketMessage(ws: WebSocket, raw: string) {
    const { id } = JSON.parse(raw);
    if (!this.docs.has(id)) this.docs.set(id, (await this.ctx.storage.get<string>(id)) ?? "");
    ws.send(this.docs.get(id) ?? "");
  }
  webSocketClose() {
    if (this.ctx.getWebSockets().length === 0) this.docs.clear();
  }`,
    ),
    // Valid because the entry written on connect has a fixed key: the same for every connection.
    `${IMPORT}
export class Doc extends DurableObject {
  cache = new Map<string, string>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.cache.set("greeting", "hello");
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket) {
    ws.send(this.cache.get("greeting") ?? "");
  }
}`,
    // Valid because the list is filled by plain HTTP requests, in a branch that returns before any socket is accepted.
    `${IMPORT}
export class Feed extends DurableObject {
  recent: string[] = [];
  async fetch(request: Request) {
    if (request.method === "POST") {
      this.recent.push(await request.text());
      return new Response("ok");
    }
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket) {
    ws.send(JSON.stringify(this.recent));
  }
}`,
    // Valid because an event log appended on connect is the room's history, not one entry per live connection.
    `${IMPORT}
export class Room extends DurableObject {
  events: { type: string; name: string }[] = [];
  async fetch(request: Request) {
    const name = new URL(request.url).searchParams.get("name") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.events.push({ type: "joined", name });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket) {
    ws.send(JSON.stringify(this.events));
  }
}`,
    // Valid because the map is written but never read back by a handler or broadcast.
    `${IMPORT}
export class Audit extends DurableObject {
  seen = new Map<WebSocket, number>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.seen.set(server, Date.now());
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketClose(ws: WebSocket) { this.seen.delete(ws); }
}`,
    // Valid because filtering players out on close removes entries; nothing reads the array.
    `${IMPORT}
export class Game extends DurableObject {
  players: { ws: WebSocket; score: number }[] = [];
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.players.push({ ws: server, score: 0 });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket) { ws.send("ok"); }
  webSocketClose(ws: WebSocket) { this.players = this.players.filter((player) => player.ws !== ws); }
}`,
    // Valid because the map holds connections the object opened itself, which getWebSockets() never returns.
    `${IMPORT}
export class Bridge extends DurableObject {
  upstreams = new Map<string, WebSocket>();
  async fetch(request: Request) {
    const id = new URL(request.url).searchParams.get("id") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, [id]);
    this.upstreams.set(id, new WebSocket("wss://upstream.example.com"));
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    this.upstreams.get(this.ctx.getTags(ws)[0] ?? "")?.send(message);
  }
}`,
    // Valid because module-level and static collections are not instance fields: a new instance does not reset them.
    `${IMPORT}
const everyone = new Map<WebSocket, string>();
export class Room extends DurableObject {
  static registry = new Map<WebSocket, string>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    everyone.set(server, "anonymous");
    Room.registry.set(server, "anonymous");
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    for (const [socket] of everyone) socket.send(message);
    ws.send(String(Room.registry.size));
  }
}`,
    // Valid because the constructor fills the map with fixed configuration, which it does again on every wake.
    `${IMPORT}
export class Router extends DurableObject {
  routes = new Map<string, string>();
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    this.routes.set("ping", "pong");
    this.routes.set("hello", "world");
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    ws.send(this.routes.get(message) ?? "?");
  }
}`,
    // Valid because Worker code is not a Durable Object.
    `
const sessions = new Map();
export default {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    sessions.set(server, {});
    return new Response(null, { status: 101, webSocket: client });
  },
};`,
    // Valid because syntax the rule does not model (computed keys, class expressions, destructured parameters) is left alone.
    `${IMPORT}
const key = "sessions";
export const Room = class extends DurableObject {
  [key] = new Map<WebSocket, string>();
  async fetch({ url }: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this[key].set(server, url);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    for (const [socket] of this[key]) socket.send(message);
  }
};`,
    {
      // Valid because the classic form rebuilds the set in its constructor.
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    this.sockets = new Set();
    for (const ws of state.getWebSockets()) this.sockets.add(ws);
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    this.sockets.add(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, message) {
    for (const socket of this.sockets) socket.send(message);
  }
}`,
      filename: JS_FILE,
    },
    {
      // Valid because the classic form rebuilds the object keyed by user id from each attachment.
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    this.users = {};
    for (const ws of state.getWebSockets()) {
      const { id } = ws.deserializeAttachment();
      this.users[id] = ws;
    }
  }
  async fetch(request) {
    const id = new URL(request.url).searchParams.get("id");
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    server.serializeAttachment({ id });
    this.users[id] = server;
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, raw) {
    const { to, text } = JSON.parse(raw);
    this.users[to]?.send(text);
  }
}`,
      filename: JS_FILE,
    },
    {
      // Valid because the chat demo's classic form rebuilds its sessions with forEach on this.state.
      code: `
export class ChatRoom {
  constructor(state, env) {
    this.state = state;
    this.sessions = new Map();
    this.state.getWebSockets().forEach((webSocket) => {
      const meta = webSocket.deserializeAttachment();
      this.sessions.set(webSocket, { ...meta, blockedMessages: [] });
    });
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    await this.handleSession(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async handleSession(webSocket) {
    this.state.acceptWebSocket(webSocket);
    webSocket.serializeAttachment({ ...webSocket.deserializeAttachment(), joined: Date.now() });
    this.sessions.set(webSocket, { blockedMessages: [] });
  }
  async webSocketMessage(webSocket, message) {
    this.sessions.forEach((session, socket) => socket.send(message));
  }
}`,
      filename: MJS_FILE,
    },
  ],
  invalid: [
    {
      code: chatRoom(""),
      output: null,
      errors: [lost("sessions", 3, 3)],
    },
    {
      code: chatRoom(
        `  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    this.sessions = new Map();
  }`,
        "sessions: Map<WebSocket, { name: string }>;",
      ),
      output: null,
      errors: [lost("sessions", 6, 5)],
    },
    {
      // Created empty in a method the constructor calls.
      code: chatRoom(
        `  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    this.init();
  }
  init() {
    this.sessions = new Map();
  }`,
        "sessions!: Map<WebSocket, { name: string }>;",
      ),
      output: null,
      errors: [lost("sessions", 9, 5)],
    },
    {
      // Reading the storage for something else does not rebuild the map.
      code: chatRoom(`  count = 0;
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.count = (await ctx.storage.get<number>("count")) ?? 0;
    });
  }`),
      output: null,
      errors: [lost("sessions", 3, 3)],
    },
    {
      // Each socket's entry carries preferences read from storage, but the entries themselves are not reloaded.
      code: `${IMPORT}
export class ChatRoom extends DurableObject {
  sessions = new Map<WebSocket, { name: string; theme: string }>();
  async fetch(request: Request) {
    const name = new URL(request.url).searchParams.get("name") ?? "anonymous";
    const theme = (await this.ctx.storage.get<string>(\`theme:\${name}\`)) ?? "light";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.sessions.set(server, { name, theme });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    for (const [socket, session] of this.sessions) socket.send(\`[\${session.theme}] \${message}\`);
  }
}`,
      output: null,
      errors: [lost("sessions", 3, 3)],
    },
    {
      // Keyed by user id, filled where the socket is accepted.
      code: `${IMPORT}
export class Presence extends DurableObject {
  users: Record<string, { joined: number }> = {};
  async fetch(request: Request) {
    const user = new URL(request.url).searchParams.get("user") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, [user]);
    this.users[user] = { joined: Date.now() };
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket) {
    ws.send(JSON.stringify(Object.keys(this.users)));
  }
}`,
      output: null,
      errors: [lost("users", 3, 3)],
    },
    {
      // Two collections of a game lobby, both filled on connect and read by the handlers.
      code: `
export class GameLobby implements DurableObject {
  private state: DurableObjectState;
  private players = new Map<string, { uid: string; x: number }>();
  private sessions = new Map<WebSocket, string>();
  constructor(state: DurableObjectState, env: unknown) {
    this.state = state;
  }
  async fetch(request: Request): Promise<Response> {
    const uid = new URL(request.url).searchParams.get("uid") || "";
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server, [uid]);
    this.sessions.set(server, uid);
    this.players.set(uid, { uid, x: 0 });
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    const uid = this.sessions.get(ws);
    const player = uid === undefined ? undefined : this.players.get(uid);
    if (player) player.x = Number(message);
  }
  async webSocketClose(ws: WebSocket) {
    const uid = this.sessions.get(ws);
    if (uid) {
      this.sessions.delete(ws);
      this.players.delete(uid);
    }
  }
}`,
      output: null,
      errors: [lost("players", 4, 11, "this.state"), lost("sessions", 5, 11, "this.state")],
    },
    {
      // An array of connections, filled with objects that hold the socket.
      code: `${IMPORT}
export class Game extends DurableObject {
  players: { ws: WebSocket; score: number }[] = [];
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.players.push({ ws: server, score: 0 });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    this.players.forEach((player) => player.ws.send(message));
  }
}`,
      output: null,
      errors: [lost("players", 3, 3)],
    },
    {
      // Sending a reply from a loop over getWebSockets() does not rebuild the map.
      code: room(
        "names = new Map<WebSocket, string>();",
        `  webSocketMessage(ws: WebSocket, message: string) {
    if (!this.names.has(ws)) {
      this.names.set(ws, message);
    }
    for (const socket of this.ctx.getWebSockets()) socket.send(\`\${this.names.get(ws)}: \${message}\`);
  }`,
      ),
      output: null,
      errors: [lost("names", 3, 3)],
    },
    {
      // A "join" message registers the user's socket under the user's id.
      code: room(
        "users = new Map<string, WebSocket>();",
        `  webSocketMessage(ws: WebSocket, raw: string) {
    const message = JSON.parse(raw);
    if (message.type === "join") this.users.set(message.userId, ws);
    if (message.type === "direct") this.users.get(message.to)?.send(message.text);
  }`,
      ),
      output: null,
      errors: [lost("users", 3, 3)],
    },
    {
      // Keyed by data from the message, but removed per connection when its socket closes.
      code: room(
        "online = new Map<string, { name: string }>();",
        `  webSocketMessage(ws: WebSocket, raw: string) {
    const message = JSON.parse(raw);
    if (message.type === "join") {
      this.online.set(message.userId, { name: message.name });
      ws.serializeAttachment({ userId: message.userId });
    }
    ws.send(JSON.stringify([...this.online.values()]));
  }
  webSocketClose(ws: WebSocket) {
    const { userId } = ws.deserializeAttachment();
    this.online.delete(userId);
  }`,
      ),
      output: null,
      errors: [lost("online", 3, 3)],
    },
    {
      // Cursors keyed by the id in each socket's attachment: reading the key is not restoring the entry.
      code: room(
        "cursors: Record<string, { x: number; y: number }> = {};",
        `  webSocketMessage(ws: WebSocket, raw: string) {
    const { x, y } = JSON.parse(raw);
    this.cursors[ws.deserializeAttachment().id] = { x, y };
    for (const socket of this.ctx.getWebSockets()) socket.send(JSON.stringify(this.cursors));
  }`,
      ),
      output: null,
      errors: [lost("cursors", 3, 3)],
    },
    {
      // The attachment is read for something else: the name stored comes from the message.
      code: room(
        "names = new Map<WebSocket, string>();",
        `  webSocketMessage(ws: WebSocket, raw: string) {
    const attachment = ws.deserializeAttachment();
    const message = JSON.parse(raw);
    if (message.type === "join") {
      this.names.set(ws, message.name);
      ws.serializeAttachment({ ...attachment, name: message.name });
      return;
    }
    for (const [socket, name] of this.names) socket.send(\`\${name}: \${message.text}\`);
  }`,
      ),
      output: null,
      errors: [lost("names", 3, 3)],
    },
    {
      // Filled by a helper that receives the socket from the accepting code.
      code: `${IMPORT}
export class Room extends DurableObject {
  sockets = new Map<string, WebSocket>();
  async fetch(request: Request) {
    const name = new URL(request.url).searchParams.get("name") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.register(name, server);
    return new Response(null, { status: 101, webSocket: client });
  }
  register(name: string, socket: WebSocket) {
    this.sockets.set(name, socket);
  }
  webSocketMessage(ws: WebSocket, raw: string) {
    this.sockets.get(JSON.parse(raw).to)?.send(raw);
  }
}`,
      output: null,
      errors: [lost("sockets", 3, 3)],
    },
    {
      // The helper is only called from the accepting code: nothing calls it over getWebSockets().
      code: `${IMPORT}
export class ChatRoom extends DurableObject {
  sessions = new Map<WebSocket, { name: string }>();
  track(ws: WebSocket, session: { name: string }) {
    this.sessions.set(ws, session);
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.track(server, { name: "anonymous" });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    for (const [socket] of this.sessions) socket.send(message);
  }
}`,
      output: null,
      errors: [lost("sessions", 3, 3)],
    },
    {
      // Sockets grouped by topic: an entry is added to the inner set.
      code: `${IMPORT}
export class Hub extends DurableObject {
  topics = new Map<string, Set<WebSocket>>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, raw: string) {
    const message = JSON.parse(raw);
    if (message.type === "subscribe") {
      if (!this.topics.has(message.topic)) this.topics.set(message.topic, new Set());
      this.topics.get(message.topic)!.add(ws);
    } else {
      for (const socket of this.topics.get(message.topic) ?? []) socket.send(message.text);
    }
  }
}`,
      output: null,
      errors: [lost("topics", 3, 3)],
    },
    {
      // Declared in a base class, read by the subclass that handles messages.
      code: `${IMPORT}
export abstract class BaseRoom extends DurableObject {
  protected sessions = new Map<WebSocket, string>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.sessions.set(server, "anonymous");
    return new Response(null, { status: 101, webSocket: client });
  }
}
export class CursorRoom extends BaseRoom {
  webSocketMessage(ws: WebSocket, message: string) {
    for (const [socket] of this.sessions) socket.send(message);
  }
}`,
      output: null,
      errors: [lost("sessions", 3, 13)],
    },
    {
      // A per-connection message count: after a wake every socket starts from zero again.
      code: room(
        "counts = new WeakMap<WebSocket, number>();",
        `  webSocketMessage(ws: WebSocket) {
    const count = (this.counts.get(ws) ?? 0) + 1;
    this.counts.set(ws, count);
    if (count > 100) ws.close(4000, "Too many messages");
  }`,
      ),
      output: null,
      errors: [lost("counts", 3, 3)],
    },
    {
      // Requests waiting for an answer, each with the socket that asked.
      code: room(
        "pending = new Map<string, { ws: WebSocket; at: number }>();",
        `  webSocketMessage(ws: WebSocket, raw: string) {
    const message = JSON.parse(raw);
    if (message.type === "request") this.pending.set(message.id, { ws, at: Date.now() });
    if (message.type === "response") this.pending.get(message.id)?.ws.send(raw);
  }`,
      ),
      output: null,
      errors: [lost("pending", 3, 3)],
    },
    {
      // Signed-in sockets: after a wake, everyone is treated as signed out.
      code: room(
        "signedIn = new Set<WebSocket>();",
        `  webSocketMessage(ws: WebSocket, raw: string) {
    const message = JSON.parse(raw);
    if (message.type === "auth" && message.token === "secret") {
      this.signedIn.add(ws);
      return;
    }
    if (!this.signedIn.has(ws)) ws.close(4001, "Not signed in");
  }`,
      ),
      output: null,
      errors: [lost("signedIn", 3, 3)],
    },
    {
      // A set of user ids, filled on connect and emptied by the attachment's id on close.
      code: `${IMPORT}
export class Presence extends DurableObject {
  online = new Set<string>();
  async fetch(request: Request) {
    const user = new URL(request.url).searchParams.get("user") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ user });
    this.online.add(user);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket) {
    ws.send(JSON.stringify([...this.online]));
  }
  webSocketClose(ws: WebSocket) {
    this.online.delete(ws.deserializeAttachment().user);
  }
}`,
      output: null,
      errors: [lost("online", 3, 3)],
    },
    {
      // A lookup with no fallback to the attachment finds nothing after a wake.
      code: `${IMPORT}
export class ChatRoom extends DurableObject {
  #names = new Map<WebSocket, string>();
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.#names.set(server, new URL(request.url).searchParams.get("name") ?? "anonymous");
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    const name = this.#names.get(ws) ?? "someone";
    for (const socket of this.ctx.getWebSockets()) socket.send(\`\${name}: \${message}\`);
  }
}`,
      output: null,
      errors: [lost("#names", 3, 3)],
    },
    {
      // The lookup falls back to the attachment, but the broadcast walks the map itself.
      code: `${IMPORT}
export class ChatRoom extends DurableObject {
  sessions = new Map<WebSocket, { name: string }>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ name: "anonymous" });
    this.sessions.set(server, { name: "anonymous" });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    const session = this.sessions.get(ws) ?? (ws.deserializeAttachment() as { name: string });
    for (const [socket] of this.sessions) socket.send(\`\${session.name}: \${message}\`);
  }
}`,
      output: null,
      errors: [lost("sessions", 3, 3)],
    },
    {
      // Read only when a socket closes: after a wake, nobody hears who left.
      code: `${IMPORT}
export class ChatRoom extends DurableObject {
  names = new Map<WebSocket, string>();
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.names.set(server, new URL(request.url).searchParams.get("name") ?? "anonymous");
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    for (const socket of this.ctx.getWebSockets()) socket.send(message);
  }
  webSocketClose(ws: WebSocket) {
    const name = this.names.get(ws);
    this.names.delete(ws);
    for (const socket of this.ctx.getWebSockets()) socket.send(\`\${name} left\`);
  }
}`,
      output: null,
      errors: [lost("names", 3, 3)],
    },
    {
      // Optional calls, parentheses and spread arguments in an anonymous default-exported class.
      code: `${IMPORT}
export default class extends DurableObject {
  sessions = new Map<WebSocket, string>();
  list = [] as WebSocket[];
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.list.push(...[server]);
    this.sessions?.set(server, "anonymous");
    (this.sessions).set(server, "anonymous");
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage() {
    for (const [socket] of this.sessions) socket.send("x");
    this.list.forEach(function (socket) { socket.send("y"); });
  }
  webSocketClose({ readyState }: WebSocket, ...rest: unknown[]) {
    this.sessions.delete(rest[0] as WebSocket);
    delete this.list[readyState];
  }
}`,
      output: null,
      errors: [lost("sessions", 3, 3), lost("list", 4, 3)],
    },
    {
      // A TypeScript parameter property holds the state.
      code: `
export class Room implements DurableObject {
  private sockets = new Map<string, WebSocket>();
  constructor(private readonly state: DurableObjectState, private readonly env: unknown) {}
  async fetch() {
    const id = crypto.randomUUID();
    const pair = new WebSocketPair();
    this.state.acceptWebSocket(pair[1], [id]);
    this.sockets.set(id, pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    this.sockets.forEach((socket) => socket.send(message));
  }
}`,
      output: null,
      errors: [lost("sockets", 3, 11, "this.state")],
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    this.sockets = new Set();
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    this.sockets.add(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, message) {
    for (const socket of this.sockets) socket.send(message);
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [lost("sockets", 5, 5, "this.state")],
    },
    {
      // The classic form with a dictionary without prototype, keyed by the id from the request.
      code: `
export class Room {
  constructor(state) {
    this.state = state;
    this.users = Object.create(null);
  }
  async fetch(request) {
    const id = new URL(request.url).searchParams.get("id");
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    this.users[id] = { joined: Date.now() };
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws) {
    ws.send(JSON.stringify(Object.keys(this.users)));
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [lost("users", 5, 5, "this.state")],
    },
    {
      // The chat demo without its restore: reading the attachment while accepting does not refill the map.
      code: `
export class ChatRoom {
  constructor(state, env) {
    this.state = state;
    this.sessions = new Map();
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    await this.handleSession(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
  async handleSession(webSocket) {
    this.state.acceptWebSocket(webSocket);
    webSocket.serializeAttachment({ ...webSocket.deserializeAttachment(), joined: Date.now() });
    this.sessions.set(webSocket, { blockedMessages: [] });
  }
  async webSocketMessage(webSocket, message) {
    this.sessions.forEach((session, socket) => socket.send(message));
  }
}`,
      filename: MJS_FILE,
      output: null,
      errors: [lost("sessions", 5, 5, "this.state")],
    },
    {
      // Subscribers broadcast to from the alarm.
      code: `${IMPORT}
export class Ticker extends DurableObject {
  subscribers = [];
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.subscribers.push(server);
    await this.ctx.storage.setAlarm(Date.now() + 1000);
    return new Response(null, { status: 101, webSocket: client });
  }
  async alarm() {
    for (const ws of this.subscribers) ws.send("tick");
  }
  webSocketClose(ws) {
    this.subscribers.splice(this.subscribers.indexOf(ws), 1);
  }
}`,
      filename: MJS_FILE,
      output: null,
      errors: [lost("subscribers", 3, 3)],
    },
    {
      code: cursors(""),
      filename: JS_FILE,
      output: null,
      errors: [{ messageId: "connectionsLost", line: 4, column: 3, data: { name: "names" } }],
    },
    {
      code: `import { Agent } from "agents";
export class Assistant extends Agent {
  users: Record<string, string> = {};
  onConnect(connection) {
    this.users[connection.id] = "guest";
  }
  onClose(connection) {
    delete this.users[connection.id];
  }
  onMessage(connection, message) {
    connection.send(this.users[connection.id] ?? "unknown");
  }
}`,
      output: null,
      errors: [{ messageId: "connectionsLost", line: 3, column: 3, data: { name: "users" } }],
    },
  ],
});
