import rule from "../../src/rules/no-standard-accept.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;

ruleTester.run("no-standard-accept", rule, {
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
      // A pair held in a variable, destructured from Object.values(pair).
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
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.ctx.acceptWebSocket(server)" },
              output: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const webSocketPair = new WebSocketPair();
    const [client, server] = Object.values(webSocketPair);
    this.ctx.acceptWebSocket(server);
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
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
      // Only the refusing branch is closed at once; the other branch keeps the socket open.
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
              messageId: "useAcceptWebSocket",
              data: { replacement: "this.ctx.acceptWebSocket(server)" },
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
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
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
});
