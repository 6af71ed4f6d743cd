import type { RunTests } from "@typescript-eslint/rule-tester";
import rule, { type MessageIds, type Options } from "../../src/rules/no-websocket-listeners.js";
import { describeCleanSuggestions } from "../recommended.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const ANY_HANDLER = "webSocketMessage() / webSocketClose() / webSocketError()";
const MESSAGE = { event: "message", handler: "webSocketMessage()" };
const CLOSE = { event: "close", handler: "webSocketClose()" };
const ERROR = { event: "error", handler: "webSocketError()" };
const ECHO_MIGRATED = `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            this.ctx.acceptWebSocket(server);
            return new Response(null, { status: 101, webSocket: client });
          }

          webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
            ws.send(String(message));
          }
        }
      `;
/** The migration of the echo room: empty close and error listeners need no handler. */
const MIGRATE_ECHO = [
  {
    messageId: "migrateToHibernation",
    data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
    output: ECHO_MIGRATED,
  },
] as const;

const tests: RunTests<MessageIds, Options> = {
  valid: [
    // Valid because partyserver listens on the connections of a Server that does not hibernate, and so may the object.
    `
      import { Server } from "partyserver";
      export class Cursors extends Server {
        onConnect(connection) {
          connection.addEventListener("message", (event) => console.log(event.data));
        }
      }
    `,
    `
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        async fetch() {
          const [client, server] = Object.values(new WebSocketPair());
          this.ctx.acceptWebSocket(server);
          return new Response(null, { status: 101, webSocket: client });
        }
        async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
          ws.send(message);
        }
        async webSocketClose(ws: WebSocket, code: number) {
          ws.close(code === 1005 ? 1000 : code);
        }
      }
    `,
    `
      // Valid because Worker code outside any Durable Object never hibernates, even in a file that has one.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        async fetch() {
          const [client, server] = Object.values(new WebSocketPair());
          this.ctx.acceptWebSocket(server);
          return new Response(null, { status: 101, webSocket: client });
        }
      }
      export default {
        async fetch(request: Request) {
          const [client, server] = Object.values(new WebSocketPair());
          server.accept();
          server.addEventListener("message", (event) => server.send(String(event.data)));
          server.onclose = () => console.log("closed");
          return new Response(null, { status: 101, webSocket: client });
        },
      };
    `,
    `
      // Valid because a Worker with no Durable Object at all is out of scope.
      export default {
        async fetch() {
          const pair = new WebSocketPair();
          pair[1].accept();
          pair[1].addEventListener("message", () => {});
          return new Response(null, { status: 101, webSocket: pair[0] });
        },
      };
    `,
    `
      // Valid because listeners on an outgoing \`new WebSocket(url)\` are the only way to read it.
      import { DurableObject } from "cloudflare:workers";
      export class Feed extends DurableObject {
        async webSocketMessage(ws: WebSocket, message: string) {}
        connect() {
          const upstream = new WebSocket("wss://feed.example.com");
          upstream.addEventListener("message", (event) => this.relay(event.data));
          upstream.onclose = () => this.connect();
          upstream.onerror = () => upstream.close();
          new WebSocket("wss://other.example.com").addEventListener("open", () => {});
        }
        relay(data: unknown) {}
      }
    `,
    `
      // Valid because \`resp.webSocket\` of a fetch with \`Upgrade: websocket\` is an outgoing socket.
      import { DurableObject } from "cloudflare:workers";
      export class Feed extends DurableObject {
        async webSocketMessage(ws: WebSocket, message: string) {}
        async connect() {
          const resp = await fetch("https://feed.example.com", { headers: { Upgrade: "websocket" } });
          const upstream = resp.webSocket!;
          upstream.accept();
          upstream.addEventListener("message", () => {});
          upstream.onmessage = () => {};
          resp.webSocket?.addEventListener("close", () => {});
          resp.webSocket!.onerror = () => {};
          this.feed = new WebSocket("wss://feed.example.com");
          this.feed.addEventListener("message", () => {});
        }
        feed: WebSocket | undefined;
      }
    `,
    `
      // Valid because an EventTarget, an AbortSignal and \`request.signal\` are not sockets.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        async fetch(request: Request) {
          const [client, server] = Object.values(new WebSocketPair());
          this.ctx.acceptWebSocket(server);
          const target = new EventTarget();
          target.addEventListener("message", () => {});
          const controller = new AbortController();
          controller.signal.addEventListener("abort", () => {});
          AbortSignal.timeout(1000).addEventListener("abort", () => {});
          request.signal.addEventListener("abort", () => server.close(1000));
          request.signal.onabort = () => {};
          return new Response(null, { status: 101, webSocket: client });
        }
      }
    `,
    `
      // Valid because the client end of the pair, returned in the Response, belongs to the client.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        async fetch() {
          const [client, server] = Object.values(new WebSocketPair());
          this.ctx.acceptWebSocket(server);
          client.addEventListener("message", () => {});
          client.onclose = () => {};
          return new Response(null, { status: 101, webSocket: client });
        }
        other() {
          const pair = new WebSocketPair();
          pair[0].addEventListener("message", () => {});
          const { 0: near, 1: far } = pair;
          near.onmessage = () => {};
          this.ctx.acceptWebSocket(far);
          return new Response(null, { status: 101, webSocket: near });
        }
      }
    `,
    `
      // Valid because a local class named DurableObject is not the one from cloudflare:workers.
      class DurableObject {}
      export class Relay extends DurableObject {
        async fetch() {
          const [client, server] = Object.values(new WebSocketPair());
          server.accept();
          server.addEventListener("message", () => {});
          return new Response(null, { status: 101, webSocket: client });
        }
      }
    `,
    `
      // Valid because DurableObject imported from another module is not the runtime's base class.
      import { DurableObject } from "./base";
      export class Relay extends DurableObject {
        async fetch() {
          const [client, server] = Object.values(new WebSocketPair());
          server.accept();
          server.onmessage = () => {};
          return new Response(null, { status: 101, webSocket: client });
        }
      }
    `,
    `
      // Valid because reading or removing a handler adds no listener.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        async webSocketMessage(ws: WebSocket, message: string) {
          const previous = ws.onmessage;
          if (ws.onclose === null) ws.removeEventListener("message", previous as never);
        }
      }
    `,
    `
      // Valid because an object literal's \`onmessage\` property is not a socket's handler.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        handlers = { onmessage: () => {} };
        async webSocketMessage(ws: WebSocket, message: string) {
          this.handlers.onmessage = () => {};
        }
      }
    `,
    `
      // Valid because a module-level function that only the Worker calls does not run in the Durable Object.
      import { DurableObject } from "cloudflare:workers";
      function relay() {
        const [client, server] = Object.values(new WebSocketPair());
        server.accept();
        server.addEventListener("message", () => {});
        return new Response(null, { status: 101, webSocket: client });
      }
      export class Room extends DurableObject {
        async webSocketMessage(ws: WebSocket, message: string) {}
      }
      export default { fetch: () => relay() };
    `,
    {
      code: `
        // Valid because Worker code in plain JavaScript is out of scope too.
        export default {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            server.addEventListener("message", () => {});
            return new Response(null, { status: 101, webSocket: client });
          },
        };
      `,
      filename: JS_FILE,
    },
    {
      code: `
        // Valid because a JavaScript class whose constructor does not use its parameter as the state is no Durable Object.
        export class Relay {
          constructor(options) {
            this.options = options;
          }
          open() {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            server.addEventListener("message", () => {});
            return client;
          }
        }
      `,
      filename: MJS_FILE,
    },
  ],
  invalid: [
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            server.addEventListener("message", (event) => server.send(String(event.data)));
            server.addEventListener("close", () => {});
            server.addEventListener("error", () => {});
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerPinsObject", line: 7, column: 13, data: MESSAGE, suggestions: MIGRATE_ECHO },
        { messageId: "listenerPinsObject", line: 8, column: 13, data: CLOSE, suggestions: MIGRATE_ECHO },
        { messageId: "listenerPinsObject", line: 9, column: 13, data: ERROR, suggestions: MIGRATE_ECHO },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            server.onmessage = (event) => server.send(String(event.data));
            server.onclose = () => {};
            server.onerror = () => {};
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerPinsObject", line: 7, column: 13, data: MESSAGE, suggestions: MIGRATE_ECHO },
        { messageId: "listenerPinsObject", line: 8, column: 13, data: CLOSE, suggestions: MIGRATE_ECHO },
        { messageId: "listenerPinsObject", line: 9, column: 13, data: ERROR, suggestions: MIGRATE_ECHO },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            this.ctx.acceptWebSocket(server);
            server.addEventListener("message", () => {});
            server.addEventListener("close", () => {});
            server.addEventListener("error", () => {});
            server.onmessage = () => {};
            server.onclose = () => {};
            server.onerror = () => {};
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerNeverFires", line: 7, column: 13, data: MESSAGE },
        { messageId: "listenerNeverFires", line: 8, column: 13, data: CLOSE },
        { messageId: "listenerNeverFires", line: 9, column: 13, data: ERROR },
        { messageId: "listenerNeverFires", line: 10, column: 13, data: MESSAGE },
        { messageId: "listenerNeverFires", line: 11, column: 13, data: CLOSE },
        { messageId: "listenerNeverFires", line: 12, column: 13, data: ERROR },
      ],
    },
    {
      // The listener comes before `acceptWebSocket()`: the order does not change what the runtime does.
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            server.addEventListener("message", () => {});
            this.ctx.acceptWebSocket(server, ["lobby"]);
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [{ messageId: "listenerNeverFires", line: 6, column: 13, data: MESSAGE }],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch() {
            for (const ws of this.ctx.getWebSockets()) {
              ws.addEventListener("message", () => {});
            }
            const sockets = this.ctx.getWebSockets("lobby");
            for (const ws of sockets) ws.onclose = () => {};
            this.ctx.getWebSockets().forEach((ws) => {
              ws.addEventListener("error", () => {});
            });
            this.ctx.getWebSockets()[0].onmessage = () => {};
            return new Response("ok");
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerNeverFires", line: 6, column: 15, data: MESSAGE },
        { messageId: "listenerNeverFires", line: 9, column: 39, data: CLOSE },
        { messageId: "listenerNeverFires", line: 11, column: 15, data: ERROR },
        { messageId: "listenerNeverFires", line: 13, column: 13, data: MESSAGE },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
            ws.addEventListener("close", () => {});
            ws.onmessage = () => {};
          }
          webSocketClose = (socket: WebSocket) => {
            socket.addEventListener("error", () => {});
          };
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerNeverFires", line: 5, column: 13, data: CLOSE },
        { messageId: "listenerNeverFires", line: 6, column: 13, data: MESSAGE },
        { messageId: "listenerNeverFires", line: 9, column: 13, data: ERROR },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        const MESSAGE = "message";
        export class Room extends DurableObject {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            const CLOSE = \`close\`;
            server.accept();
            server.addEventListener(MESSAGE, () => {});
            server.addEventListener(CLOSE, () => {});
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerPinsObject", line: 9, column: 13, data: MESSAGE },
        { messageId: "listenerPinsObject", line: 10, column: 13, data: CLOSE },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch(request: Request) {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            const type = request.headers.get("x-event") ?? "message";
            server.addEventListener(type, () => {});
            server.addEventListener("open", () => {});
            server.onopen = () => {};
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerPinsObject", line: 8, column: 13, data: { event: "event", handler: ANY_HANDLER } },
        { messageId: "listenerPinsObject", line: 9, column: 13, data: { event: "open", handler: ANY_HANDLER } },
        { messageId: "listenerPinsObject", line: 10, column: 13, data: { event: "open", handler: ANY_HANDLER } },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async values() {
            const pair = new WebSocketPair();
            const [client, server] = Object.values(pair);
            server.accept();
            server.addEventListener("message", () => {});
            return new Response(null, { status: 101, webSocket: client });
          }
          async indexed() {
            const pair = new WebSocketPair();
            pair[1].accept();
            pair[1].addEventListener("message", () => {});
            const server = pair[1];
            server.onclose = () => {};
            return new Response(null, { status: 101, webSocket: pair[0] });
          }
          async keyed() {
            const { 0: c, 1: s } = new WebSocketPair();
            s.accept();
            s.onerror = () => {};
            return new Response(null, { status: 101, webSocket: c });
          }
          async swapped() {
            const [server, client] = Object.values(new WebSocketPair());
            server.accept();
            server.addEventListener("close", () => {});
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerPinsObject", line: 8, column: 13, data: MESSAGE },
        { messageId: "listenerPinsObject", line: 14, column: 13, data: MESSAGE },
        { messageId: "listenerPinsObject", line: 16, column: 13, data: CLOSE },
        { messageId: "listenerPinsObject", line: 22, column: 13, data: ERROR },
        { messageId: "listenerPinsObject", line: 28, column: 13, data: CLOSE },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch() {
            const pair = new WebSocketPair();
            this.ctx.acceptWebSocket(pair[1]);
            pair[1].addEventListener("message", () => {});
            const { 0: client, 1: server } = pair;
            this.ctx.acceptWebSocket(server);
            server.onclose = () => {};
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerNeverFires", line: 7, column: 13, data: MESSAGE },
        { messageId: "listenerNeverFires", line: 10, column: 13, data: CLOSE },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          server: WebSocket | undefined;
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            this.ctx.acceptWebSocket(server);
            this.server = server;
            this.server.addEventListener("message", () => {});
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [{ messageId: "listenerNeverFires", line: 9, column: 13, data: MESSAGE }],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            const { ctx } = this;
            ctx.acceptWebSocket(server);
            this.ctx.blockConcurrencyWhile(async () => {
              (server as WebSocket).addEventListener("message", () => {});
            });
            server!.onclose = () => {};
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerNeverFires", line: 9, column: 15, data: MESSAGE },
        { messageId: "listenerNeverFires", line: 11, column: 13, data: CLOSE },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          server: WebSocket | undefined;
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            this.ctx.acceptWebSocket(server);
            const ws = server;
            ws.addEventListener("message", () => {});
            return new Response(null, { status: 101, webSocket: client });
          }
          async attach() {
            const pair = new WebSocketPair();
            this.server = pair[1];
            this.ctx.acceptWebSocket(this.server);
            this.server.onclose = () => {};
            return new Response(null, { status: 101, webSocket: pair[0] });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerNeverFires", line: 9, column: 13, data: MESSAGE },
        { messageId: "listenerNeverFires", line: 16, column: 13, data: CLOSE },
      ],
    },
    {
      // Each method's `pair` is its own: accepting one for hibernation says nothing about the other.
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async hibernating() {
            const pair = new WebSocketPair();
            this.ctx.acceptWebSocket(pair[1]);
            return new Response(null, { status: 101, webSocket: pair[0] });
          }
          async standard() {
            const pair = new WebSocketPair();
            pair[1].accept();
            pair[1].addEventListener("message", () => {});
            return new Response(null, { status: 101, webSocket: pair[0] });
          }
        }
      `,
      output: null,
      errors: [{ messageId: "listenerPinsObject", line: 12, column: 13, data: MESSAGE }],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        function watch(ctx: DurableObjectState) {
          for (const ws of ctx.getWebSockets()) {
            ws.addEventListener("close", () => {});
          }
        }
        export class Room extends DurableObject {
          async webSocketMessage(ws: WebSocket, message: string) {
            watch(this.ctx);
          }
        }
      `,
      output: null,
      errors: [{ messageId: "listenerNeverFires", line: 5, column: 13, data: CLOSE }],
    },
    {
      // Cyclic `const` aliases (a runtime error) must not send the rule into a loop.
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            server.addEventListener("message", () => {});
            const a = b;
            const b = a;
            this.ctx.acceptWebSocket(a);
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [{ messageId: "listenerPinsObject", line: 7, column: 13, data: MESSAGE }],
    },
    {
      // An empty message listener still becomes webSocketMessage(), which a hibernating object needs.
      code: `
        import { DurableObject as Base } from "cloudflare:workers";
        export class Room extends Base {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            server.addEventListener("message", () => {});
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [
        {
          messageId: "listenerPinsObject",
          line: 7,
          column: 13,
          data: MESSAGE,
          suggestions: [
            {
              messageId: "migrateToHibernation",
              data: { accept: "this.ctx.acceptWebSocket(server)", handlers: "`webSocketMessage()`" },
              output: `
        import { DurableObject as Base } from "cloudflare:workers";
        export class Room extends Base {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            this.ctx.acceptWebSocket(server);
            return new Response(null, { status: 101, webSocket: client });
          }

          webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {}
        }
      `,
            },
          ],
        },
      ],
    },
    {
      code: `
        import * as workers from "cloudflare:workers";
        class Base extends workers.DurableObject {}
        export class Room extends Base {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            this.ctx.acceptWebSocket(server);
            server.onmessage = () => {};
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [{ messageId: "listenerNeverFires", line: 8, column: 13, data: MESSAGE }],
    },
    {
      code: `
        export class Room implements DurableObject {
          constructor(private readonly state: DurableObjectState) {}
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            this.state.acceptWebSocket(server);
            server.addEventListener("close", () => {});
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [{ messageId: "listenerNeverFires", line: 7, column: 13, data: CLOSE }],
    },
    {
      code: `
        export class Room {
          constructor(state, env) {
            this.state = state;
            this.env = env;
          }
          async fetch(request) {
            const [client, server] = Object.values(new WebSocketPair());
            this.state.acceptWebSocket(server);
            server.addEventListener("message", () => {});
            return new Response(null, { status: 101, webSocket: client });
          }
          async webSocketMessage(ws, message) {
            ws.onclose = () => {};
          }
        }
      `,
      filename: JS_FILE,
      output: null,
      errors: [
        { messageId: "listenerNeverFires", line: 10, column: 13, data: MESSAGE },
        { messageId: "listenerNeverFires", line: 14, column: 13, data: CLOSE },
      ],
    },
    {
      code: `
        export class Room {
          constructor(state) {
            state.blockConcurrencyWhile(async () => {});
          }
          async fetch() {
            const pair = new WebSocketPair();
            const [client, server] = Object.values(pair);
            server.accept();
            server.onmessage = () => {};
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      filename: MJS_FILE,
      output: null,
      errors: [{ messageId: "listenerPinsObject", line: 10, column: 13, data: MESSAGE }],
    },
    {
      code: `
        export class Room {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            server.addEventListener("error", () => {});
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      filename: JS_FILE,
      settings: { hibernation: { durableObjects: ["Room"] } },
      output: null,
      errors: [{ messageId: "listenerPinsObject", line: 6, column: 13, data: ERROR }],
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
          messageId: "listenerPinsObject",
          line: 6,
          column: 5,
          data: MESSAGE,
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
          messageId: "listenerPinsObject",
          line: 14,
          column: 5,
          data: MESSAGE,
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
        {
          messageId: "listenerPinsObject",
          line: 20,
          column: 5,
          data: CLOSE,
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
        {
          messageId: "listenerPinsObject",
          line: 24,
          column: 5,
          data: ERROR,
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
          messageId: "listenerPinsObject",
          line: 11,
          column: 5,
          data: MESSAGE,
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
        {
          messageId: "listenerPinsObject",
          line: 15,
          column: 5,
          data: CLOSE,
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
          messageId: "listenerPinsObject",
          line: 6,
          column: 5,
          data: MESSAGE,
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
        {
          messageId: "listenerPinsObject",
          line: 7,
          column: 5,
          data: CLOSE,
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
      // Not offered: the listener is registered before accept().
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.addEventListener("message", (event) => server.send(String(event.data)));
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "listenerPinsObject",
          line: 5,
          column: 5,
          data: MESSAGE,
          suggestions: [
          ],
        },
      ],
    },
    {
      // Not offered: `this` in a `function` listener is the socket, not the object.
      code: `import { DurableObject } from "cloudflare:workers";
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
      output: null,
      errors: [
        {
          messageId: "listenerPinsObject",
          line: 6,
          column: 5,
          data: MESSAGE,
          suggestions: [
          ],
        },
      ],
    },
    {
      // Not offered: the listener reads `name`, a local of fetch() that a handler cannot reach.
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    const name = new URL(request.url).searchParams.get("name");
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(\`\${name}: \${String(event.data)}\`));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "listenerPinsObject",
          line: 7,
          column: 5,
          data: MESSAGE,
          suggestions: [
          ],
        },
      ],
    },
    {
      // Not offered: a count kept only in memory would start again from 0 after a wake.
      code: `import { DurableObject } from "cloudflare:workers";
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
      output: null,
      errors: [
        {
          messageId: "listenerPinsObject",
          line: 7,
          column: 5,
          data: MESSAGE,
          suggestions: [
          ],
        },
      ],
    },
    {
      // Not offered: the interval would keep the hibernating object awake.
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    setInterval(() => server.send("ping"), 30_000);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "listenerPinsObject",
          line: 6,
          column: 5,
          data: MESSAGE,
          suggestions: [
          ],
        },
      ],
    },
    {
      // Not offered: two message listeners on one socket.
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    server.addEventListener("message", (event) => console.log(event.data));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "listenerPinsObject",
          line: 6,
          column: 5,
          data: MESSAGE,
          suggestions: [
          ],
        },
        {
          messageId: "listenerPinsObject",
          line: 7,
          column: 5,
          data: MESSAGE,
          suggestions: [
          ],
        },
      ],
    },
    {
      code: `
        import { Server } from "partyserver";
        export class Cursors extends Server {
          static options = { hibernate: true };
          onConnect(connection) {
            connection.addEventListener("message", (event) => this.broadcast(event.data));
            connection.onclose = () => this.broadcast("left");
          }
          onStart() {
            for (const connection of this.getConnections()) {
              connection.addEventListener("error", () => {});
            }
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "listenerNeverFires", line: 6, column: 13, data: { event: "message", handler: "onMessage()" } },
        { messageId: "listenerNeverFires", line: 7, column: 13, data: { event: "close", handler: "onClose()" } },
        { messageId: "listenerNeverFires", line: 11, column: 15, data: { event: "error", handler: "onError()" } },
      ],
    },
    {
      code: `
        import { Agent } from "agents";
        export class Assistant extends Agent {
          onConnect(connection, ctx) {
            connection.addEventListener(ctx.event, () => {});
          }
        }
      `,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "listenerNeverFires",
          line: 5,
          column: 13,
          data: { event: "event", handler: "onMessage() / onClose() / onError()" },
        },
      ],
    },
  ],
};

ruleTester.run("no-websocket-listeners", rule, tests);
describeCleanSuggestions("no-websocket-listeners", "migrateToHibernation", tests.invalid);
