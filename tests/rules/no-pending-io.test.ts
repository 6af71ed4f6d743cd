import rule from "../../src/rules/no-pending-io.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;
const SOCKETS = `import { connect } from "cloudflare:sockets";`;

ruleTester.run("no-pending-io", rule, {
  valid: [
    // Valid because a Worker outside any Durable Object never hibernates.
    `${SOCKETS}
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    fetch("https://example.com/log", { method: "POST" });
    ctx.waitUntil(fetch("https://example.com/analytics"));
    connect("db.example.com:5432");
    const { readable } = new TransformStream();
    return new Response(readable);
  },
};`,
    // Valid because the Worker's fetch handler is not part of the Durable Object in the same file.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}
export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(fetch("https://example.com/analytics"));
    fetch("https://example.com/log");
    return env.ROOM.get(env.ROOM.idFromName("lobby")).fetch(request);
  },
};`,
    // Valid because this Durable Object never hibernates: no acceptWebSocket, no webSocket* handler.
    `${IMPORT}
${SOCKETS}
export class Counter extends DurableObject {
  socket = connect("db.example.com:5432");
  async fetch(request: Request) {
    fetch("https://example.com/log");
    this.ctx.waitUntil(fetch("https://example.com/analytics"));
    const { readable } = new TransformStream();
    return new Response(readable);
  }
}`,
    {
      // Valid because this classic Durable Object never accepts sockets for hibernation.
      code: `
export class Counter {
  constructor(state, env) {
    this.state = state;
  }
  async fetch(request) {
    await this.state.storage.put("seen", Date.now());
    this.state.waitUntil(fetch("https://example.com/analytics"));
    fetch("https://example.com/log");
    return new Response("ok");
  }
}`,
      filename: JS_FILE,
    },
    // Valid because every request is awaited, returned or awaited together, so it ends within the event.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    return fetch("https://example.com/upstream");
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    const response = await fetch("https://example.com/translate", { method: "POST", body: message });
    await Promise.all([fetch("https://a.example.com"), fetch("https://b.example.com")]);
    const results = await Promise.allSettled(["a", "b"].map((name) => fetch(\`https://\${name}.example.com\`)));
    const first = await Promise.race([fetch("https://a.example.com"), fetch("https://b.example.com")]);
    const data = await fetch("https://example.com/data").then((r) => r.json());
    await fetch("https://example.com/log").catch(() => undefined);
    ws.send(JSON.stringify({ text: await response.text(), results, first, data }));
  }
  alarm() {
    return Promise.all([fetch("https://a.example.com"), fetch("https://b.example.com")]);
  }
}`,
    // Valid because the promise held in a variable is awaited later in the same handler.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    const profile = fetch("https://example.com/profile");
    const settings = fetch("https://example.com/settings").then((r) => r.json());
    ws.send("loading");
    const both = Promise.all([profile, settings]);
    ws.send(JSON.stringify(await both));
  }
}`,
    // Valid because a field that is read may be awaited in the same event: a promise kept to share one request.
    `${IMPORT}
export class Room extends DurableObject {
  config: Promise<Response> | undefined;
  async webSocketMessage(ws: WebSocket, message: string) {
    this.config = fetch("https://example.com/config");
    ws.send(await (await this.config).text());
  }
}`,
    // Valid because this fetch is the file's own function, not the runtime's.
    `${IMPORT}
function fetch(url: string) {
  return url.length;
}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    fetch("https://example.com/log");
    const local = { fetch: (url: string) => url };
    local.fetch("https://example.com");
  }
}`,
    // Valid because bindings and stubs are awaited, and only the runtime's global fetch is checked.
    `${IMPORT}
export class Room extends DurableObject<Env> {
  async webSocketMessage(ws: WebSocket, message: string) {
    const answer = await this.env.SERVICE.fetch("https://service/answer");
    const stub = this.env.ROOM.get(this.env.ROOM.idFromName("other"));
    await stub.fetch("https://room/notify", { method: "POST", body: message });
    ws.send(await answer.text());
  }
}`,
    // Valid because an outgoing WebSocket is no-outgoing-websocket's finding.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    fetch("https://feed.example.com", { headers: { Upgrade: "websocket" } }).then((response) => {
      response.webSocket?.accept();
    });
  }
}`,
    // Valid because a promise handed to another function is that function's to wait for.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    this.track(fetch("https://example.com/log"));
    const requests = [fetch("https://a.example.com")];
    await this.settle(requests);
  }
  async track(request: Promise<Response>) {
    await request;
  }
  async settle(requests: Promise<Response>[]) {
    await Promise.all(requests);
  }
}`,
    // Valid because this waitUntil belongs to a queue of the file, not to the object's state.
    `${IMPORT}
class Queue {
  waitUntil(promise: Promise<unknown>) {
    return promise;
  }
}
export class Room extends DurableObject {
  queue = new Queue();
  async webSocketMessage(ws: WebSocket, message: string) {
    await this.queue.waitUntil(this.ctx.storage.put("last", message));
    const tasks = { waitUntil: (promise: Promise<unknown>) => promise };
    await tasks.waitUntil(Promise.resolve());
  }
}`,
    // Valid because the socket is closed by the code that opened it.
    `${IMPORT}
${SOCKETS}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    const socket = connect("whois.example.com:43");
    try {
      const writer = socket.writable.getWriter();
      await writer.write(new TextEncoder().encode(message));
      ws.send("sent");
    } finally {
      await socket.close();
    }
  }
}`,
    // Valid because the socket is handed to the caller, or to code this rule cannot follow.
    `${IMPORT}
${SOCKETS}
function open(address: string) {
  return connect(address);
}
const openDefault = () => connect("db.example.com:5432");
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    const socket = open("db.example.com:5432");
    await this.query(connect("db.example.com:5432"), message);
    socket.close();
  }
  async query(socket: Socket, text: string) {
    await socket.close();
  }
}`,
    // Valid because these connect functions are not the one from cloudflare:sockets.
    `${IMPORT}
import { connect } from "./database";
import * as sockets from "./sockets";
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    connect("db.example.com:5432");
    sockets.connect("db.example.com:5432");
  }
}`,
    // Valid because these bodies are complete when fetch returns, or are produced as the client reads them.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const url = new URL(request.url);
    if (url.pathname === "/json") {
      return Response.json({ online: this.ctx.getWebSockets().length });
    }
    if (url.pathname === "/text") {
      return new Response("hello", { headers: { "content-type": "text/plain" } });
    }
    if (url.pathname === "/closed") {
      const { readable, writable } = new TransformStream();
      const writer = writable.getWriter();
      writer.write(new TextEncoder().encode("done"));
      writer.close();
      return new Response(readable);
    }
    if (url.pathname === "/start") {
      return new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("done"));
            controller.close();
          },
        }),
      );
    }
    if (url.pathname === "/pull") {
      let count = 0;
      const body = new ReadableStream({
        pull(controller) {
          if (++count > 3) {
            controller.close();
          } else {
            controller.enqueue(new TextEncoder().encode(String(count)));
          }
        },
      });
      return new Response(body);
    }
    if (url.pathname === "/proxy") {
      const upstream = await fetch("https://example.com/file");
      return new Response(upstream.body, upstream);
    }
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because these streams close once their source ends, which the object does not hold open.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const url = new URL(request.url);
    if (url.pathname === "/upper") {
      const upstream = await fetch("https://example.com/file");
      const { readable, writable } = new TransformStream();
      upstream.body?.pipeTo(writable);
      return new Response(readable);
    }
    if (url.pathname === "/copy") {
      const transform = new TransformStream();
      (await fetch("https://example.com/file")).body?.pipeTo(transform.writable);
      return new Response(transform.readable);
    }
    if (url.pathname === "/async") {
      return new Response(
        new ReadableStream({
          async start(controller) {
            controller.enqueue(new TextEncoder().encode("done"));
            controller.close();
          },
        }),
      );
    }
    if (url.pathname === "/arrow") {
      return new Response(new ReadableStream({ start: (controller) => controller.close() }));
    }
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because a let may be given another promise before it is awaited, which this rule does not follow.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    let request = fetch("https://a.example.com");
    if (message === "b") {
      request = fetch("https://b.example.com");
    }
    ws.send(await (await request).text());
  }
}`,
    // Valid because the stream is returned by a method other than fetch, which this rule does not follow.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
  export(): Response {
    const { readable } = new TransformStream();
    return new Response(readable);
  }
}`,
    {
      // Valid because the classic object awaits its request.
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async webSocketMessage(ws, message) {
    const response = await fetch("https://example.com/translate", { method: "POST", body: message });
    ws.send(await response.text());
  }
}`,
      filename: JS_FILE,
    },
  ],
  invalid: [
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    fetch("https://example.com/log", { method: "POST", body: message });
    ws.send(message);
  }
}`,
      errors: [{ messageId: "floatingFetch", line: 4, column: 5 }],
      output: null,
    },
    {
      // Thrown away with void, through globalThis, behind a type assertion, and at the end of a chain.
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    void fetch("https://example.com/a");
    globalThis.fetch("https://example.com/b");
    fetch("https://example.com/c") as Promise<Response>;
    fetch("https://example.com/d")
      .then((response) => response.json())
      .then((data) => ws.send(JSON.stringify(data)))
      .catch(() => undefined);
  }
}`,
      errors: [
        { messageId: "floatingFetch", line: 4, column: 10 },
        { messageId: "floatingFetch", line: 5, column: 5 },
        { messageId: "floatingFetch", line: 6, column: 5 },
        { messageId: "floatingFetch", line: 7, column: 5 },
      ],
      output: null,
    },
    {
      // Combined with Promise.all, kept in a variable, or chosen by a condition: still nothing waits.
      code: `${IMPORT}
export class Room extends DurableObject {
  enabled = true;
  async webSocketMessage(ws: WebSocket, message: string) {
    Promise.all([fetch("https://a.example.com"), fetch("https://b.example.com")]);
    const pending = fetch("https://example.com/unused");
    const logged = fetch("https://example.com/log");
    logged.then(() => ws.send("logged"));
    this.enabled && fetch("https://example.com/enabled");
  }
}`,
      errors: [
        { messageId: "floatingFetch", line: 5, column: 18 },
        { messageId: "floatingFetch", line: 5, column: 50 },
        { messageId: "floatingFetch", line: 6, column: 21 },
        { messageId: "floatingFetch", line: 7, column: 20 },
        { messageId: "floatingFetch", line: 9, column: 21 },
      ],
      output: null,
    },
    {
      // Stored in a field that nothing reads: the request runs on after the event.
      code: `${IMPORT}
export class Room extends DurableObject {
  pending: Promise<Response> | undefined;
  async webSocketMessage(ws: WebSocket, message: string) {
    this.pending = fetch("https://example.com/log");
    ws.send(message);
  }
}`,
      errors: [{ messageId: "floatingFetch", line: 5, column: 20 }],
      output: null,
    },
    {
      // In the constructor, fetch() and alarm(), and in a module function the object calls.
      code: `${IMPORT}
function notify(text: string) {
  fetch("https://example.com/notify", { method: "POST", body: text });
}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    fetch("https://example.com/woke");
  }
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    fetch("https://example.com/joined");
    return new Response(null, { status: 101, webSocket: client });
  }
  async alarm() {
    fetch("https://example.com/tick");
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    notify(message);
  }
}`,
      errors: [
        { messageId: "floatingFetch", line: 3, column: 3 },
        { messageId: "floatingFetch", line: 8, column: 5 },
        { messageId: "floatingFetch", line: 13, column: 5 },
        { messageId: "floatingFetch", line: 17, column: 5 },
      ],
      output: null,
    },
    {
      // One finding for the waitUntil, none for the fetch it is given.
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    this.ctx.waitUntil(fetch("https://example.com/analytics", { method: "POST", body: message }));
    const { ctx } = this;
    ctx.waitUntil(this.save(message));
    ws.send(message);
  }
  async save(message: string) {
    await this.ctx.storage.put("last", message);
  }
}`,
      errors: [
        { messageId: "waitUntil", line: 4, column: 5 },
        { messageId: "waitUntil", line: 6, column: 5 },
      ],
      output: null,
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.waitUntil(new Promise(() => {}));
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
      errors: [{ messageId: "waitUntil", line: 5, column: 5 }],
      output: null,
    },
    {
      // The classic form: the state as a constructor parameter and as this.state.
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    state.waitUntil(fetch("https://example.com/woke"));
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    this.state.waitUntil(fetch("https://example.com/joined"));
    fetch("https://example.com/log");
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
      errors: [
        { messageId: "waitUntil", line: 5, column: 5 },
        { messageId: "waitUntil", line: 10, column: 5 },
        { messageId: "floatingFetch", line: 11, column: 5 },
      ],
      output: null,
    },
    {
      code: `${IMPORT}
${SOCKETS}
export class Relay extends DurableObject {
  upstream: Socket | undefined;
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.upstream = connect({ hostname: "feed.example.com", port: 7000 });
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    const writer = this.upstream?.writable.getWriter();
    await writer?.write(new TextEncoder().encode(message));
  }
}`,
      errors: [{ messageId: "openSocket", line: 8, column: 21 }],
      output: null,
    },
    {
      // An alias, a namespace import, a socket kept in a collection, one that is never closed.
      code: `${IMPORT}
import { connect as tcp } from "cloudflare:sockets";
import * as sockets from "cloudflare:sockets";
export class Relay extends DurableObject {
  connections = new Set<Socket>();
  async webSocketMessage(ws: WebSocket, message: string) {
    tcp("feed.example.com:7000");
    const socket = sockets.connect("feed.example.com:7000");
    await socket.opened;
    this.connections.add(tcp("feed.example.com:7001"));
  }
}`,
      errors: [
        { messageId: "openSocket", line: 7, column: 5 },
        { messageId: "openSocket", line: 8, column: 20 },
        { messageId: "openSocket", line: 10, column: 26 },
      ],
      output: null,
    },
    {
      // Server-sent events: the writer is kept to write later, so the stream stays open.
      code: `${IMPORT}
export class Feed extends DurableObject {
  writers = new Set<WritableStreamDefaultWriter>();
  async fetch(request: Request) {
    if (request.headers.get("Accept") === "text/event-stream") {
      const { readable, writable } = new TransformStream();
      this.writers.add(writable.getWriter());
      return new Response(readable, { headers: { "content-type": "text/event-stream" } });
    }
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
      errors: [{ messageId: "streamingResponse", line: 8, column: 27 }],
      output: null,
    },
    {
      // Closed later by a callback, and a ReadableStream whose start keeps its controller or waits.
      code: `${IMPORT}
export class Feed extends DurableObject {
  controllers = new Set<ReadableStreamDefaultController>();
  async fetch(request: Request) {
    const url = new URL(request.url);
    if (url.pathname === "/count") {
      const stream = new TransformStream();
      const writer = stream.writable.getWriter();
      (async () => {
        for (let i = 0; i < 10; i++) {
          await writer.write(new TextEncoder().encode(String(i)));
        }
        await writer.close();
      })();
      return new Response(stream.readable);
    }
    if (url.pathname === "/events") {
      return new Response(
        new ReadableStream({
          start: (controller) => {
            this.controllers.add(controller);
          },
        }),
      );
    }
    if (url.pathname === "/slow") {
      const body = new ReadableStream({
        async start(controller) {
          const response = await fetch("https://example.com/slow");
          controller.enqueue(new Uint8Array(await response.arrayBuffer()));
          controller.close();
        },
      });
      return new Response(body);
    }
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      errors: [
        { messageId: "streamingResponse", line: 15, column: 27 },
        { messageId: "streamingResponse", line: 19, column: 9 },
        { messageId: "streamingResponse", line: 34, column: 27 },
      ],
      output: null,
    },
    {
      // A transform whose writable side is kept, or out of reach.
      code: `${IMPORT}
export class Feed extends DurableObject {
  streams = new Set<WritableStream>();
  async fetch(request: Request) {
    if (request.method === "HEAD") {
      const { readable } = new TransformStream();
      return new Response(readable);
    }
    if (request.headers.get("Accept") === "text/event-stream") {
      const { readable: body, writable } = new TransformStream();
      this.streams.add(writable);
      return new Response(body);
    }
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      errors: [
        { messageId: "streamingResponse", line: 7, column: 27 },
        { messageId: "streamingResponse", line: 12, column: 27 },
      ],
      output: null,
    },
    {
      // Through self, chosen by a condition, and in a callback run while the object is constructed.
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      self.fetch("https://example.com/woke");
    });
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    message === "a" ? fetch("https://a.example.com") : fetch("https://b.example.com");
  }
}`,
      errors: [
        { messageId: "floatingFetch", line: 6, column: 7 },
        { messageId: "floatingFetch", line: 10, column: 23 },
        { messageId: "floatingFetch", line: 10, column: 56 },
      ],
      output: null,
    },
    {
      code: `
import { DurableObject } from "cloudflare:workers";
import { connect } from "cloudflare:sockets";
export class Room extends DurableObject {
  async webSocketMessage(ws, message) {
    fetch("https://example.com/log", { method: "POST", body: message });
    this.ctx.waitUntil(this.flush());
    connect("feed.example.com:7000");
  }
  async flush() {
    await this.ctx.storage.put("flushed", Date.now());
  }
}`,
      filename: MJS_FILE,
      errors: [
        { messageId: "floatingFetch", line: 6, column: 5 },
        { messageId: "waitUntil", line: 7, column: 5 },
        { messageId: "openSocket", line: 8, column: 5 },
      ],
      output: null,
    },
  ],
});
