import rule from "../../src/rules/require-session-restore.js";
import { JS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;

/** A chat room that fills `sessions` on connect and broadcasts from it; `restore` goes in the class body. */
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
    // Valid because the collection is built from getWebSockets() in one expression.
    chatRoom(
      `  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    this.sessions = new Map(ctx.getWebSockets().map((ws) => [ws, ws.deserializeAttachment()]));
  }`,
      "sessions: Map<WebSocket, { name: string }>;",
    ),
    // Valid because a lookup miss is refilled from the attachment.
    chatRoom(`  sessionOf(ws: WebSocket) {
    let session = this.sessions.get(ws);
    if (!session) {
      session = ws.deserializeAttachment();
      this.sessions.set(ws, session);
    }
    return session;
  }`),
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
    `${IMPORT}
export class Counter extends DurableObject {
  messages = 0;
  cache = new Map<string, string>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    this.messages++;
    const cached = this.cache.get(message) ?? (await this.ctx.storage.get<string>(message)) ?? "";
    this.cache.set(message, cached);
    ws.send(cached);
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
  ],
  invalid: [
    {
      code: chatRoom(""),
      output: null,
      errors: [{ messageId: "sessionsLost", data: { name: "sessions" }, line: 3, column: 3 }],
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
      errors: [{ messageId: "sessionsLost", data: { name: "sessions" }, line: 6, column: 5 }],
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
      errors: [{ messageId: "sessionsLost", data: { name: "users" }, line: 3, column: 3 }],
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
      errors: [{ messageId: "sessionsLost", data: { name: "players" }, line: 3, column: 3 }],
    },
    {
      // Sending a reply from a loop over getWebSockets() does not rebuild the map.
      code: `${IMPORT}
export class Room extends DurableObject {
  names = new Map<WebSocket, string>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    if (!this.names.has(ws)) {
      this.names.set(ws, message);
    }
    for (const socket of this.ctx.getWebSockets()) socket.send(\`\${this.names.get(ws)}: \${message}\`);
  }
}`,
      output: null,
      errors: [{ messageId: "sessionsLost", data: { name: "names" }, line: 3, column: 3 }],
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
      errors: [{ messageId: "sessionsLost", data: { name: "sockets" }, line: 5, column: 5 }],
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
