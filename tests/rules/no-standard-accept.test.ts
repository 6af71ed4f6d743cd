import type { InvalidTestCase, RunTests } from "@typescript-eslint/rule-tester";
import rule, { type MessageIds, type Options } from "../../src/rules/no-standard-accept.js";
import { describeCleanSuggestions } from "../recommended.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;

/**
 * A socket the migration to hibernation cannot handle: the suggestion replaces the
 * `server.accept()` on each of `lines` alone.
 */
function acceptOnly(code: string, lines: readonly number[]): InvalidTestCase<MessageIds, Options> {
  return {
    code,
    output: null,
    errors: lines.map((line) => ({
      messageId: "standardAccept",
      line,
      column: 5,
      suggestions: [
        {
          messageId: "useAcceptWebSocket",
          data: { replacement: "this.ctx.acceptWebSocket(server)" },
          output: code
            .split("\n")
            .map((text, index) => (index === line - 1 ? text.replace("server.accept()", "this.ctx.acceptWebSocket(server)") : text))
            .join("\n"),
        },
      ],
    })),
  };
}

const tests: RunTests<MessageIds, Options> = {
  valid: [
    // Valid because a Server without hibernate: true accepts its connections with accept() itself: the connection is not known to be hibernatable.
    `import { Server } from "partyserver";
export class Cursors extends Server {
  onConnect(connection) {
    connection.accept();
  }
}`,
    // Valid because a Worker that upgrades with Hono outside any Durable Object has nothing to hibernate.
    `import { Hono } from "hono";
import { upgradeWebSocket } from "hono/cloudflare-workers";
const app = new Hono();
app.get("/ws", upgradeWebSocket(() => ({ onMessage(event, ws) { ws.send("pong"); } })));
export default app;`,
    // Valid because this upgradeWebSocket is not Hono's Workers adapter.
    `import { DurableObject } from "cloudflare:workers";
import { upgradeWebSocket } from "./websocket";
export class Room extends DurableObject {
  fetch(request: Request) {
    return upgradeWebSocket(this.ctx, request);
  }
}`,
    // Valid because a Worker outside any Durable Object never hibernates.
    `
export default {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  },
};`,
    `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because the socket is refused: it is closed before the object could hibernate.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.send(JSON.stringify({ error: "unauthorised" }));
    server.close(1008, "Unauthorised");
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because the refusing branch closes the socket at once; the other branch hibernates.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    if (this.ctx.getWebSockets().length >= 100) {
      server.accept();
      const reason = JSON.stringify({ error: "full" });
      server.send(reason);
      server.close(1013, "Room is full");
      return new Response(null, { status: 101, webSocket: client });
    }
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because an outgoing socket is accepted with accept(); that is no-outgoing-websocket's business.
    `${IMPORT}
export class Relay extends DurableObject {
  async fetch() {
    const response = await fetch("https://upstream.example", { headers: { Upgrade: "websocket" } });
    const upstream = response.webSocket;
    upstream.accept();
    const socket = new WebSocket("wss://other.example");
    socket.accept();
    return new Response("ok");
  }
}`,
    // Valid because a local class named DurableObject is not the runtime's.
    `
class DurableObject {}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because accept() with arguments is not the WebSocket method.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch(request) {
    const invite = await this.ctx.storage.get("invite");
    invite.accept(request.headers.get("user"));
    return new Response("ok");
  }
}`,
    // Valid because the client end is never accepted by the object.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}`,
    {
      // Valid because a plain JavaScript class with no state parameter is not a Durable Object.
      code: `
export class Proxy {
  constructor(options) { this.options = options; }
  connect() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    return client;
  }
}`,
      filename: JS_FILE,
    },
    // Valid because the Worker's fetch handler is not part of the Durable Object in the same file.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}
export default {
  async fetch(request: Request, env: Env) {
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair);
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  },
};`,
    // Valid because outgoing sockets need accept() and are no-outgoing-websocket's business, whatever the syntax.
    `${IMPORT}
export class Relay extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    const resp = await fetch("https://upstream.example", { headers: { Upgrade: "websocket" } });
    resp.webSocket!.accept();
    resp.webSocket?.accept();
    (await fetch("https://other.example", { headers: { Upgrade: "websocket" } })).webSocket?.accept();
  }
}`,
    {
      // Valid because the JavaScript refusal accepts, sends the reason and closes at once.
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    if (!request.headers.get("Authorization")) {
      server.accept();
      server.send(JSON.stringify({ error: "unauthorised" }));
      server.close(1008, "Unauthorised");
      return new Response(null, { status: 101, webSocket: client });
    }
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: MJS_FILE,
    },
    {
      // Valid because the outgoing JavaScript socket is accepted, not a WebSocketPair server end.
      code: `
export class Relay {
  constructor(state, env) {
    this.state = state;
  }
  async fetch(request) {
    const resp = await fetch("https://upstream.example", { headers: { Upgrade: "websocket" } });
    const upstream = resp.webSocket;
    upstream.accept();
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
    },
    // Valid because each refusing case of the switch closes the socket at once.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    switch (await this.ctx.storage.get<string>("status")) {
      case "closed":
        server.accept();
        server.send(JSON.stringify({ error: "closed" }));
        server.close(1013, "Room closed");
        break;
      default:
        this.ctx.acceptWebSocket(server);
    }
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
  ],
  invalid: [
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.ctx.acceptWebSocket(server)" },
              output: `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { DurableObject as Base } from "cloudflare:workers";
export class Room extends Base {
  async fetch() {
    const pair = new WebSocketPair();
    pair[1].accept();
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.ctx.acceptWebSocket(pair[1])" },
              output: `import { DurableObject as Base } from "cloudflare:workers";
export class Room extends Base {
  async fetch() {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import * as workers from "cloudflare:workers";
export class Room extends workers.DurableObject {
  fetch = async () => {
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  };
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.ctx.acceptWebSocket(server)" },
              output: `import * as workers from "cloudflare:workers";
export class Room extends workers.DurableObject {
  fetch = async () => {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  };
}`,
            },
          ],
        },
      ],
    },
    {
      // The classic form in JavaScript: the state is stored as this.state.
      code: `
export class Counter {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    const count = await this.state.storage.get("count");
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.send(String(count));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 9,
          column: 5,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.state.acceptWebSocket(server)" },
              output: `
export class Counter {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    const count = await this.state.storage.get("count");
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    server.send(String(count));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The state is reachable only inside the constructor, as its parameter.
      code: `
export class Greeter {
  constructor(state, env) {
    state.blockConcurrencyWhile(async () => {
      const [client, server] = Object.values(new WebSocketPair());
      server.accept();
    });
  }
}`,
      filename: MJS_FILE,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 6,
          column: 7,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "state.acceptWebSocket(server)" },
              output: `
export class Greeter {
  constructor(state, env) {
    state.blockConcurrencyWhile(async () => {
      const [client, server] = Object.values(new WebSocketPair());
      state.acceptWebSocket(server);
    });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // In a module-level function no state handle is in reach, so there is no suggestion.
      code: `${IMPORT}
function openSocket() {
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  return client;
}
export class Room extends DurableObject {
  async fetch() {
    return new Response(null, { status: 101, webSocket: openSocket() });
  }
}`,
      output: null,
      errors: [{ messageId: "standardAccept", line: 4, column: 3, suggestions: [] }],
    },
    {
      code: `
export class Room implements DurableObject {
  constructor(private readonly state: DurableObjectState) {}
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.state.acceptWebSocket(server)" },
              output: `
export class Room implements DurableObject {
  constructor(private readonly state: DurableObjectState) {}
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `
export class Lobby {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
      settings: { hibernation: { durableObjects: ["Lobby"] } },
      output: null,
      errors: [{ messageId: "standardAccept", line: 5, column: 5, suggestions: [] }],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "acceptedTwice",
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: "removeAccept",
              output: `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.accept();
    ws.send(message);
  }
  broadcast() {
    for (const socket of this.ctx.getWebSockets()) {
      socket.accept();
    }
  }
}`,
      output: null,
      errors: [
        {
          messageId: "acceptHibernatable",
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: "removeAccept",
              output: `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    
    ws.send(message);
  }
  broadcast() {
    for (const socket of this.ctx.getWebSockets()) {
      socket.accept();
    }
  }
}`,
            },
          ],
        },
        {
          messageId: "acceptHibernatable",
          line: 9,
          column: 7,
          suggestions: [
            {
              messageId: "removeAccept",
              output: `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.accept();
    ws.send(message);
  }
  broadcast() {
    for (const socket of this.ctx.getWebSockets()) {
      
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A pair held in a variable, destructured from Object.values(pair); the listener moves into webSocketMessage().
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const webSocketPair = new WebSocketPair();
    const [client, server] = Object.values(webSocketPair);
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const webSocketPair = new WebSocketPair();
    const [client, server] = Object.values(webSocketPair);
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A pair held in a variable, destructured by index keys.
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const pair = new WebSocketPair();
    const { 0: client, 1: server } = pair;
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.ctx.acceptWebSocket(server)" },
              output: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const pair = new WebSocketPair();
    const { 0: client, 1: server } = pair;
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The server end read by index from Object.values(), and a TypeScript non-null assertion.
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const server = Object.values(new WebSocketPair())[1];
    server.accept();
    const [other, backup] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket | undefined];
    backup!.accept();
    return new Response(null, { status: 101, webSocket: other });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.ctx.acceptWebSocket(server)" },
              output: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const server = Object.values(new WebSocketPair())[1];
    this.ctx.acceptWebSocket(server);
    const [other, backup] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket | undefined];
    backup!.accept();
    return new Response(null, { status: 101, webSocket: other });
  }
}`,
            },
          ],
        },
        {
          messageId: "standardAccept",
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.ctx.acceptWebSocket(backup!)" },
              output: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const server = Object.values(new WebSocketPair())[1];
    server.accept();
    const [other, backup] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket | undefined];
    this.ctx.acceptWebSocket(backup!);
    return new Response(null, { status: 101, webSocket: other });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The server end kept in a field, then accepted through it.
      code: `${IMPORT}
export class Room extends DurableObject {
  server: WebSocket | undefined;
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.server = server;
    this.server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.ctx.acceptWebSocket(this.server)" },
              output: `${IMPORT}
export class Room extends DurableObject {
  server: WebSocket | undefined;
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.server = server;
    this.ctx.acceptWebSocket(this.server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // Only the refusing branch is closed at once; the other branch keeps the socket open and migrates.
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    if (!request.headers.get("Authorization")) {
      server.accept();
      server.close(1008, "Unauthorised");
      return new Response(null, { status: 101, webSocket: client });
    }
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 10,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    if (!request.headers.get("Authorization")) {
      server.accept();
      server.close(1008, "Unauthorised");
      return new Response(null, { status: 101, webSocket: client });
    }
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // Inside a nested function, this is not the object, so no state handle is in reach.
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    return (function () {
      const [client, server] = Object.values(new WebSocketPair());
      server.accept();
      return new Response(null, { status: 101, webSocket: client });
    })();
  }
}`,
      output: null,
      errors: [{ messageId: "standardAccept", line: 6, column: 7, suggestions: [] }],
    },
    {
      // The classic JavaScript form keeping only the storage: no state handle to suggest.
      code: `
export class Counter {
  constructor(state, env) {
    this.storage = state.storage;
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [{ messageId: "standardAccept", line: 8, column: 5, suggestions: [] }],
    },
    {
      // The classic JavaScript form storing the state as this.ctx; the second socket is accepted both ways.
      code: `
export class Chat {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair);
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
  async join() {
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    this.ctx.acceptWebSocket(server);
    return client;
  }
}`,
      filename: MJS_FILE,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 10,
          column: 5,
          suggestions: [
            {
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.ctx.acceptWebSocket(server)" },
              output: `
export class Chat {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair);
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async join() {
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    this.ctx.acceptWebSocket(server);
    return client;
  }
}`,
            },
          ],
        },
        {
          messageId: "acceptedTwice",
          line: 15,
          column: 5,
          suggestions: [
            {
              messageId: "removeAccept",
              output: `
export class Chat {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
  async fetch(request) {
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair);
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
  async join() {
    const { 0: client, 1: server } = new WebSocketPair();
    
    this.ctx.acceptWebSocket(server);
    return client;
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // accept() after acceptWebSocket() through a destructured state handle throws too.
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const { ctx } = this;
    const [client, server] = Object.values(new WebSocketPair());
    ctx.acceptWebSocket(server, ["lobby"]);
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "acceptedTwice",
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: "removeAccept",
              output: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const { ctx } = this;
    const [client, server] = Object.values(new WebSocketPair());
    ctx.acceptWebSocket(server, ["lobby"]);
    
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // Hibernatable sockets in every form the runtime hands them back; an arrow body cannot be removed.
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string) {
    ws.accept();
  }
  resume() {
    this.ctx.getWebSockets().forEach((socket) => socket.accept());
    const sockets = this.ctx.getWebSockets("lobby");
    sockets[0].accept();
  }
}`,
      output: null,
      errors: [
        {
          messageId: "acceptHibernatable",
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: "removeAccept",
              output: `${IMPORT}
export class Room extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string) {
    
  }
  resume() {
    this.ctx.getWebSockets().forEach((socket) => socket.accept());
    const sockets = this.ctx.getWebSockets("lobby");
    sockets[0].accept();
  }
}`,
            },
          ],
        },
        { messageId: "acceptHibernatable", line: 7, column: 50, suggestions: [] },
        {
          messageId: "acceptHibernatable",
          line: 9,
          column: 5,
          suggestions: [
            {
              messageId: "removeAccept",
              output: `${IMPORT}
export class Room extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string) {
    ws.accept();
  }
  resume() {
    this.ctx.getWebSockets().forEach((socket) => socket.accept());
    const sockets = this.ctx.getWebSockets("lobby");
    
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    this.sessions = new Map(state.getWebSockets().map((ws) => [ws, ws.deserializeAttachment()]));
  }
  webSocketMessage(ws, message) {
    ws.accept();
    ws.send(message);
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "acceptHibernatable",
          line: 8,
          column: 5,
          suggestions: [
            {
              messageId: "removeAccept",
              output: `
export class Room {
  constructor(state, env) {
    this.state = state;
    this.sessions = new Map(state.getWebSockets().map((ws) => [ws, ws.deserializeAttachment()]));
  }
  webSocketMessage(ws, message) {
    
    ws.send(message);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The migration: accept for hibernation and move the listener into webSocketMessage().
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A broadcast Set becomes getWebSockets(); the comment moves with the listener, and the handler's
      // message parameter takes another name because the body declares its own `message`.
      code: `import { DurableObject } from "cloudflare:workers";

const GREETING = "welcome";

export class Chat extends DurableObject<Env> {
  private sockets = new Set<WebSocket>();

  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    this.sockets.add(server);
    server.send(GREETING);
    // Relay every message to everyone.
    server.addEventListener("message", (event: MessageEvent) => {
      const message = String(event.data);
      for (const socket of this.sockets) {
        socket.send(message);
      }
    });
    server.addEventListener("close", (event) => {
      this.sockets.delete(server);
      console.log(\`closed with \${event.code}\`);
    });
    server.addEventListener("error", (event) => {
      this.sockets.delete(server);
      console.error(event.error);
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 10,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`, `webSocketClose()` and `webSocketError()`" },
              output: `import { DurableObject } from "cloudflare:workers";

const GREETING = "welcome";

export class Chat extends DurableObject<Env> {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.send(GREETING);
    return new Response(null, { status: 101, webSocket: client });
  }

  // Relay every message to everyone.
  webSocketMessage(ws: WebSocket, data: string | ArrayBuffer) {
    const message = String(data);
    for (const socket of this.ctx.getWebSockets()) {
      socket.send(message);
    }
  }

  webSocketClose(ws: WebSocket, code: number) {
    console.log(\`closed with \${code}\`);
  }

  webSocketError(ws: WebSocket, error: unknown) {
    console.error(error);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The classic JavaScript form: an array of sockets, `onmessage` / `onclose`, and a close listener
      // that only took the socket out of the array, so no webSocketClose() is needed.
      code: `export class Room {
  constructor(state, env) {
    this.state = state;
    this.storage = state.storage;
    this.sockets = [];
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    this.sockets.push(server);
    server.onmessage = async (event) => {
      const text = \`\${event.data}\`;
      this.sockets.forEach((socket) => socket.send(text));
    };
    server.onclose = (event) => {
      this.sockets = this.sockets.filter((socket) => socket !== server);
    };
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 9,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.state.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `export class Room {
  constructor(state, env) {
    this.state = state;
    this.storage = state.storage;
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws, message) {
    const text = \`\${message}\`;
    this.state.getWebSockets().forEach((socket) => socket.send(text));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A `fetch` arrow field with a refusing branch; a `function` listener that does not use `this`;
      // a shorthand `{ server }` keeps its key; a multi-line template keeps its text; splice() removal.
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  sockets: WebSocket[] = [];
  fetch = async (request: Request) => {
    const [client, server] = Object.values(new WebSocketPair());
    if (!request.headers.get("Authorization")) {
      server.accept();
      server.close(1008, "Unauthorised");
      return new Response(null, { status: 101, webSocket: client });
    }
    server.accept();
    this.sockets.push(server);
    server.addEventListener("message", function (event) {
      server.send(JSON.stringify({ server, echo: event.data, at: \`
  line two\` }));
    });
    server.addEventListener("close", () => {
      this.sockets.splice(this.sockets.indexOf(server), 1);
    });
    return new Response(null, { status: 101, webSocket: client });
  };
  broadcast(text: string) {
    this.sockets.forEach((socket) => socket.send(text));
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  fetch = async (request: Request) => {
    const [client, server] = Object.values(new WebSocketPair());
    if (!request.headers.get("Authorization")) {
      server.accept();
      server.close(1008, "Unauthorised");
      return new Response(null, { status: 101, webSocket: client });
    }
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  };

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(JSON.stringify({ server: ws, echo: message, at: \`
  line two\` }));
  }
  broadcast(text: string) {
    this.ctx.getWebSockets().forEach((socket) => socket.send(text));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A field the listener changes, saved to storage where it changes and loaded in the constructor.
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  count = 0;
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.count = (await ctx.storage.get<number>("count")) ?? 0;
    });
  }
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", async () => {
      this.count += 1;
      await this.ctx.storage.put("count", this.count);
      server.send(String(this.count));
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 12,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  count = 0;
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.count = (await ctx.storage.get<number>("count")) ?? 0;
    });
  }
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    this.count += 1;
    await this.ctx.storage.put("count", this.count);
    ws.send(String(this.count));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The close handler receives its parameters by position: the code comes before the reason.
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    server.addEventListener("close", (event) => server.close(1000, event.reason));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()` and `webSocketClose()`" },
              output: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }

  webSocketClose(ws: WebSocket, code: number, reason: string) {
    ws.close(1000, reason);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The JavaScript counter that saves on every increment and broadcasts from a method.
      code: `export class Counter {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
    this.sockets = new Set();
    this.count = 0;
    ctx.blockConcurrencyWhile(async () => {
      this.count = (await ctx.storage.get("count")) ?? 0;
    });
  }

  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    this.sockets.add(server);
    server.addEventListener("message", async (event) => {
      if (event.data === "increment") {
        this.count += 1;
        await this.ctx.storage.put("count", this.count);
        this.broadcast();
      }
    });
    server.addEventListener("close", () => {
      this.sockets.delete(server);
    });
    return new Response(null, { status: 101, webSocket: client });
  }

  broadcast() {
    for (const socket of this.sockets) {
      socket.send(String(this.count));
    }
  }
}`,
      filename: MJS_FILE,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 14,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `export class Counter {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
    this.count = 0;
    ctx.blockConcurrencyWhile(async () => {
      this.count = (await ctx.storage.get("count")) ?? 0;
    });
  }

  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws, message) {
    if (message === "increment") {
      this.count += 1;
      await this.ctx.storage.put("count", this.count);
      this.broadcast();
    }
  }

  broadcast() {
    for (const socket of this.ctx.getWebSockets()) {
      socket.send(String(this.count));
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // `function` listeners in JavaScript, with comments above the first, and an error listener.
      code: `import { DurableObject } from "cloudflare:workers";

export class Echo extends DurableObject {
  async fetch(request) {
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair);
    server.accept();
    // Answer every message.
    // The reply names its length.
    server.addEventListener("message", function (event) {
      const { length } = String(event.data);
      server.send(\`\${length}\`);
    });
    server.addEventListener("error", function (event) {
      console.error("socket failed", event.error);
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()` and `webSocketError()`" },
              output: `import { DurableObject } from "cloudflare:workers";

export class Echo extends DurableObject {
  async fetch(request) {
    const pair = new WebSocketPair();
    const [client, server] = Object.values(pair);
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  // Answer every message.
  // The reply names its length.
  webSocketMessage(ws, message) {
    const { length } = String(message);
    ws.send(\`\${length}\`);
  }

  webSocketError(ws, error) {
    console.error("socket failed", error);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // An empty message listener still gets webSocketMessage(); an empty close listener gets no handler.
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", () => {});
    server.addEventListener("close", () => {});
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {}
}`,
            },
          ],
        },
      ],
    },

    {
      // The listener calls a method of the object with the socket and the data; the method stays as it is.
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => this.onMessage(server, String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
  onMessage(ws: WebSocket, text: string) {
    ws.send(text);
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    this.onMessage(ws, String(message));
  }
  onMessage(ws: WebSocket, text: string) {
    ws.send(text);
  }
}`,
            },
          ],
        },
      ],
    },

    // Not offered: an unused method named like a handler would read as a misspelt one once the object hibernates.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
  websocketClose(ws: WebSocket) {}
}`,
      [5],
    ),
    {
      // A schema created with IF NOT EXISTS may stay in the constructor; the listener's write moves with it.
      code: `import { DurableObject } from "cloudflare:workers";
export class Log extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS lines (text TEXT)");
  }
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => {
      this.ctx.storage.sql.exec("INSERT INTO lines (text) VALUES (?)", String(event.data));
      server.send("saved");
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "standardAccept",
          line: 9,
          column: 5,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `import { DurableObject } from "cloudflare:workers";
export class Log extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS lines (text TEXT)");
  }
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    this.ctx.storage.sql.exec("INSERT INTO lines (text) VALUES (?)", String(message));
    ws.send("saved");
  }
}`,
            },
          ],
        },
      ],
    },

    // Not offered: the constructor calls a method that writes to storage, which would run again on every wake.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.start();
  }
  start() {
    this.ctx.storage.put("started", Date.now());
  }
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [12],
    ),
    // Not offered: the received close code reaches close() through a variable.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    server.addEventListener("close", (event) => { const received = event.code; server.close(received, "bye"); });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: a `function` listener reads `arguments`, which a handler receives differently.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", function (event) {
      server.send(String(arguments.length));
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: the listener is registered before accept().
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.addEventListener("message", (event) => server.send(String(event.data)));
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [6],
    ),
    // Not offered: the listener is registered only when fetch() does not return first.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    if (request.headers.get("X-Read-Only")) {
      return new Response(null, { status: 101, webSocket: client });
    }
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: the constructor writes to storage, which reruns on every wake once the object hibernates.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.put("booted", Date.now());
  }
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [9],
    ),
    // Not offered: webSocketError() receives the error as `unknown`, so `.message` on it does not compile.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    server.addEventListener("error", (event) => console.error(event.error.message));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: `this` is held in a variable, so the object's fields cannot all be followed.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const self = this;
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [6],
    ),
    // Not offered: a field that fetch() sets would be lost when the object wakes.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  lastJoin = 0;
  async fetch(request: Request) {
    this.lastJoin = Date.now();
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", () => server.send(String(this.lastJoin)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [7],
    ),
    // Not offered: forwarding the received close code to close() throws for 1005 and 1006.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    server.addEventListener("close", (event) => server.close(event.code, event.reason));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: `this` in a `function` listener is the socket, not the object.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", function (event) {
      this.send(String(event.data));
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: the object already has a hibernation handler, which would receive this socket's events too.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketClose(ws: WebSocket) {}
}`,
      [5],
    ),
    // Not offered: the listener reads `name`, a local of fetch() that a handler cannot reach.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const name = new URL(request.url).searchParams.get("name");
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(\`\${name}: \${String(event.data)}\`));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [6],
    ),
    // Not offered: a count kept only in memory would start again from 0 after a wake.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  count = 0;
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", () => {
      this.count += 1;
      server.send(String(this.count));
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [6],
    ),
    // Not offered: the listener is a method reference, not a function written in place.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", this.onMessage);
    return new Response(null, { status: 101, webSocket: client });
  }
  onMessage = (event: MessageEvent) => {};
}`,
      [5],
    ),
    // Not offered: a Map of per-connection data would be empty after a wake.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  names = new Map<WebSocket, string>();
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    this.names.set(server, "guest");
    server.addEventListener("message", (event) => server.send(\`\${this.names.get(server)}: \${String(event.data)}\`));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [6],
    ),
    // Not offered: without a message listener there is nothing for webSocketMessage() to do.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("close", () => console.log("closed"));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: a listener with options (`once`) behaves differently from a handler.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)), { once: true });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: hibernatable sockets have no open event.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    server.addEventListener("open", () => server.send("hi"));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: the object also opens an outgoing WebSocket, which would pin it anyway.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const upstream = new WebSocket("wss://upstream.example");
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => upstream.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [6],
    ),
    // Not offered: the socket is passed to a method that may keep it.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    this.track(server);
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
  track(ws: WebSocket) {}
}`,
      [5],
    ),
    // Not offered: the Set of sockets is read (`size`) in a way getWebSockets() does not replace.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  sockets = new Set<WebSocket>();
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    this.sockets.add(server);
    server.addEventListener("message", (event) => server.send(\`\${this.sockets.size} online\`));
    server.addEventListener("close", () => this.sockets.delete(server));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [6],
    ),
    // Not offered: the interval would keep the hibernating object awake.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    setInterval(() => server.send("ping"), 30_000);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: two sockets with listeners would share the same handlers.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
  async join() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send("joined"));
    return client;
  }
}`,
      [5, 11],
    ),
    // Not offered: two message listeners on one socket.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    server.addEventListener("message", (event) => console.log(event.data));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [5],
    ),
    // Not offered: the count is loaded in the constructor but never saved, so a wake loses increments.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  count = 0;
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.count = (await ctx.storage.get<number>("count")) ?? 0;
    });
  }
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", () => {
      this.count += 1;
      server.send(String(this.count));
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      [12],
    ),
    // Not offered: the event is passed on whole, and a handler receives only its data.
    acceptOnly(
      `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => this.handle(event));
    return new Response(null, { status: 101, webSocket: client });
  }
  handle(event: MessageEvent) {}
}`,
      [5],
    ),
    {
      code: `import { DurableObject } from "cloudflare:workers";
import { Hono } from "hono";
import { upgradeWebSocket as upgrade } from "hono/cloudflare-workers";
export class Room extends DurableObject {
  app = new Hono().get(
    "/ws",
    upgrade(() => ({
      onMessage: (event, ws) => ws.send(String(event.data)),
    })),
  );
  fetch(request: Request) {
    return this.app.fetch(request);
  }
}`,
      output: null,
      errors: [{ messageId: "honoUpgrade", line: 7, column: 5 }],
    },
    {
      code: `import * as workers from "@hono/cloudflare-workers";
import { Hono } from "hono";
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch(request) {
    const app = new Hono();
    app.get("/ws", workers.upgradeWebSocket(() => ({})));
    await this.state.storage.put("last", Date.now());
    return app.fetch(request);
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [{ messageId: "honoUpgrade", line: 9, column: 20 }],
    },
    {
      code: `import { Server } from "partyserver";
export class Cursors extends Server {
  static options = { hibernate: true };
  onConnect(connection) {
    connection.accept();
  }
}`,
      output: null,
      errors: [
        {
          messageId: "acceptHibernatable",
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: "removeAccept",
              output: `import { Server } from "partyserver";
export class Cursors extends Server {
  static options = { hibernate: true };
  onConnect(connection) {
    
  }
}`,
            },
          ],
        },
      ],
    },
  ],
};

ruleTester.run("no-standard-accept", rule, tests);
describeCleanSuggestions("no-standard-accept", "migrateToHibernation", tests.invalid);
