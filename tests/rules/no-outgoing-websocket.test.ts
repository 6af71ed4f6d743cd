import rule from "../../src/rules/no-outgoing-websocket.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

ruleTester.run("no-outgoing-websocket", rule, {
  valid: [
    // Valid because a partyserver Server without hibernate: true never hibernates anyway.
    `import { Server } from "partyserver";
export class Watcher extends Server {
  onStart() {
    this.upstream = new WebSocket("wss://feed.example.com");
  }
}`,
    `
      // Valid because a Worker outside any Durable Object may open sockets freely.
      export default {
        async fetch() {
          const ws = new WebSocket("wss://example.com");
          return new Response("ok");
        },
      };
    `,
    `
      // Valid because Worker code outside the Durable Object never hibernates, even in a file that has one.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        async webSocketMessage(ws: WebSocket, message: string) {
          ws.send(message);
        }
      }
      export default {
        async fetch(request: Request) {
          const upstream = new WebSocket("wss://feed.example.com");
          const resp = await fetch("https://feed.example.com", { headers: { Upgrade: "websocket" } });
          return resp;
        },
      };
    `,
    `
      // Valid because an incoming WebSocketPair accepted for hibernation is what the object is for.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        async fetch() {
          const [client, server] = Object.values(new WebSocketPair());
          this.ctx.acceptWebSocket(server);
          return new Response(null, { status: 101, webSocket: client, headers: { Upgrade: "websocket" } });
        }
        async webSocketMessage(ws: WebSocket, message: string) {}
      }
    `,
    `
      // Valid because a Durable Object that never hibernates (no acceptWebSocket, no handler) loses nothing.
      import { DurableObject } from "cloudflare:workers";
      export class Feed extends DurableObject {
        async fetch() {
          const upstream = new WebSocket("wss://feed.example.com");
          upstream.addEventListener("message", () => {});
          const resp = await fetch("https://feed.example.com", { headers: { Upgrade: "websocket" } });
          resp.webSocket?.accept();
          const [client, server] = Object.values(new WebSocketPair());
          server.accept();
          return new Response(null, { status: 101, webSocket: client });
        }
      }
    `,
    `
      // Valid because plain fetch calls without an Upgrade header end when the response arrives.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        async webSocketMessage(ws: WebSocket, message: string) {
          await fetch("https://api.example.com");
          await fetch("https://api.example.com", { method: "POST", body: message });
          await fetch("https://api.example.com", { headers: { "Content-Type": "application/json" } });
          await fetch("https://api.example.com", { headers: { Upgrade: "h2c" } });
          await fetch("https://api.example.com", { headers: new Headers({ Accept: "text/plain" }) });
          await fetch("https://api.example.com", { headers: [["Connection", "websocket"]] });
          await fetch(new Request("https://api.example.com", { method: "DELETE" }));
          await this.env.OTHER.get(this.env.OTHER.idFromName("a")).fetch("https://other/ping");
        }
      }
    `,
    `
      // Valid because header values that are not constant cannot be known to ask for an upgrade.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        async webSocketMessage(ws: WebSocket, message: string) {
          const protocol = message.trim();
          await fetch("https://api.example.com", { headers: { Upgrade: protocol } });
          await fetch("https://api.example.com", { headers: { Upgrade: String(message) } });
          const Upgrade = "X-Trace";
          await fetch("https://api.example.com", { headers: { [Upgrade]: "websocket" } });
          let init: RequestInit = { headers: { Upgrade: "websocket" } };
          init = { headers: {} };
          await fetch("https://api.example.com", init);
          const headers = this.headersFor(message);
          await fetch("https://api.example.com", { headers });
        }
        headersFor(message: string): HeadersInit {
          return {};
        }
      }
    `,
    `
      // Valid because the Durable Object forwards a request it received; the file does not show its headers.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        async fetch(request: Request) {
          const [client, server] = Object.values(new WebSocketPair());
          this.ctx.acceptWebSocket(server);
          await this.env.OTHER.get(this.env.OTHER.idFromName("a")).fetch(request);
          await fetch("https://api.example.com", { headers: request.headers });
          await fetch(new Request("https://api.example.com", request));
          return new Response(null, { status: 101, webSocket: client });
        }
      }
    `,
    `
      // Valid because a local function named fetch is not the runtime's fetch.
      import { DurableObject } from "cloudflare:workers";
      async function fetch(url: string, init: RequestInit): Promise<Response> {
        return new Response(url);
      }
      export class Room extends DurableObject {
        async webSocketMessage(ws: WebSocket, message: string) {
          await fetch("https://api.example.com", { headers: { Upgrade: "websocket" } });
        }
      }
    `,
    `
      // Valid because WebSocket is used only as a type and in instanceof, and the local WebSocket class is not the runtime's.
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        sockets: WebSocket[] = [];
        async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
          if (ws instanceof WebSocket) ws.send("pong");
          const same = ws as WebSocket;
          const sockets: Array<WebSocket> = this.ctx.getWebSockets();
        }
      }
    `,
    `
      // Valid because this WebSocket is a local class, not the runtime's.
      import { DurableObject } from "cloudflare:workers";
      class WebSocket {
        constructor(readonly url: string) {}
      }
      class Headers {
        constructor(readonly init: unknown) {}
      }
      export class Room extends DurableObject {
        async webSocketMessage(ws: unknown, message: string) {
          const mock = new WebSocket("wss://example.com");
          await fetch("https://api.example.com", { headers: new Headers({ Upgrade: "websocket" }) as never });
        }
      }
    `,
    `
      // Valid because a local class named DurableObject is not the one from cloudflare:workers.
      class DurableObject {}
      export class Feed extends DurableObject {
        async webSocketMessage(ws: WebSocket, message: string) {
          const upstream = new WebSocket("wss://feed.example.com");
          await fetch("https://feed.example.com", { headers: { Upgrade: "websocket" } });
        }
      }
    `,
    {
      code: `
        // Valid because the class named in settings never hibernates.
        export class Feed {
          async fetch() {
            const upstream = new WebSocket("wss://feed.example.com");
            return new Response("ok");
          }
        }
      `,
      filename: JS_FILE,
      settings: { hibernation: { durableObjects: ["Feed"] } },
    },
    {
      code: `
        // Valid because a JavaScript Worker outside any Durable Object may open sockets.
        export default {
          async fetch(request, env) {
            const upstream = new WebSocket("wss://feed.example.com");
            await fetch("https://feed.example.com", { headers: { Upgrade: "websocket" } });
            return new Response("ok");
          },
        };
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
            const upstream = new WebSocket("wss://example.com/feed");
            const [client, server] = Object.values(new WebSocketPair());
            this.ctx.acceptWebSocket(server);
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [{ messageId: "outgoingWebSocket", line: 5, column: 30 }],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          upstream: WebSocket | undefined;
          connect = () => {
            this.upstream = new WebSocket("wss://example.com/feed", ["v1"]);
          };
          open = (url: string) => new globalThis.WebSocket(url);
          async webSocketMessage(ws: WebSocket, message: string) {
            this.ctx.blockConcurrencyWhile(async () => {
              new WebSocket("wss://example.com/other");
            });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "outgoingWebSocket", line: 6, column: 29 },
        { messageId: "outgoingWebSocket", line: 8, column: 35 },
        { messageId: "outgoingWebSocket", line: 11, column: 15 },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        function openFeed(url: string): WebSocket {
          return new WebSocket(url);
        }
        const subscribe = async (url: string) => {
          const resp = await fetch(url, { headers: { Upgrade: "websocket" } });
          return resp.webSocket;
        };
        export class Room extends DurableObject {
          async webSocketMessage(ws: WebSocket, message: string) {
            openFeed("wss://example.com/feed");
            await subscribe("https://example.com/feed");
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "outgoingWebSocket", line: 4, column: 18 },
        { messageId: "upgradeFetch", line: 7, column: 30 },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        export class Room extends DurableObject {
          async webSocketMessage(ws: WebSocket, message: string) {
            await fetch("https://example.com", { headers: { Upgrade: "websocket" } });
            await fetch("https://example.com", { headers: { upgrade: "websocket" } });
            await fetch("https://example.com", { headers: { "UPGRADE": "WEBSOCKET" } });
            await fetch("https://example.com", { method: "GET", headers: { Connection: "Upgrade", Upgrade: "WebSocket" } });
            const resp = await globalThis.fetch("https://example.com", { headers: { Upgrade: \`websocket\` } });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "upgradeFetch", line: 5, column: 19 },
        { messageId: "upgradeFetch", line: 6, column: 19 },
        { messageId: "upgradeFetch", line: 7, column: 19 },
        { messageId: "upgradeFetch", line: 8, column: 19 },
        { messageId: "upgradeFetch", line: 9, column: 32 },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        const HEADER = "Upgrade";
        const WEBSOCKET = "websocket";
        export class Room extends DurableObject {
          async webSocketMessage(ws: WebSocket, message: string) {
            await fetch("https://example.com", { headers: new Headers({ Upgrade: "websocket" }) });
            await fetch("https://example.com", { headers: new Headers([["Upgrade", "websocket"]]) });
            await fetch("https://example.com", { headers: [["upgrade", "websocket"]] });
            await fetch("https://example.com", { headers: { [HEADER]: WEBSOCKET } });
            await fetch("https://example.com", { headers: [[HEADER, WEBSOCKET]] });
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "upgradeFetch", line: 7, column: 19 },
        { messageId: "upgradeFetch", line: 8, column: 19 },
        { messageId: "upgradeFetch", line: 9, column: 19 },
        { messageId: "upgradeFetch", line: 10, column: 19 },
        { messageId: "upgradeFetch", line: 11, column: 19 },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        const init: RequestInit = { headers: { Upgrade: "websocket" } };
        export class Room extends DurableObject {
          async webSocketMessage(ws: WebSocket, message: string) {
            await fetch("https://example.com", init);
            const headers = new Headers({ Upgrade: "websocket" });
            await fetch("https://example.com", { headers });
            await fetch(new Request("https://example.com", init));
            const request = new Request("https://example.com", { headers: { Upgrade: "websocket" } });
            await fetch(request);
            await fetch("https://example.com", init as RequestInit);
          }
        }
      `,
      output: null,
      errors: [
        { messageId: "upgradeFetch", line: 6, column: 19 },
        { messageId: "upgradeFetch", line: 8, column: 19 },
        { messageId: "upgradeFetch", line: 9, column: 19 },
        { messageId: "upgradeFetch", line: 11, column: 19 },
        { messageId: "upgradeFetch", line: 12, column: 19 },
      ],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        interface Env {
          OTHER: DurableObjectNamespace;
        }
        export class Room extends DurableObject<Env> {
          async webSocketMessage(ws: WebSocket, message: string) {
            const id = this.env.OTHER.idFromName("feed");
            const resp = await this.env.OTHER.get(id).fetch("https://other/feed", { headers: { Upgrade: "websocket" } });
            resp.webSocket?.accept();
          }
        }
      `,
      output: null,
      errors: [{ messageId: "upgradeFetch", line: 9, column: 32 }],
    },
    {
      code: `
        import { DurableObject as Base } from "cloudflare:workers";
        export class Room extends Base {
          async webSocketClose(ws: WebSocket, code: number) {
            new WebSocket("wss://example.com");
          }
        }
      `,
      output: null,
      errors: [{ messageId: "outgoingWebSocket", line: 5, column: 13 }],
    },
    {
      code: `
        import * as workers from "cloudflare:workers";
        export class Room extends workers.DurableObject {
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            this.ctx.acceptWebSocket(server);
            await fetch("https://example.com", { headers: { Upgrade: "websocket" } });
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [{ messageId: "upgradeFetch", line: 7, column: 19 }],
    },
    {
      code: `
        import { DurableObject } from "cloudflare:workers";
        class Base extends DurableObject {
          async webSocketMessage(ws: WebSocket, message: string) {}
        }
        class Middle extends Base {}
        export class Room extends Middle {
          async connect() {
            return new WebSocket("wss://example.com");
          }
        }
      `,
      output: null,
      errors: [{ messageId: "outgoingWebSocket", line: 9, column: 20 }],
    },
    {
      code: `
        export class Room implements DurableObject {
          constructor(private readonly state: DurableObjectState) {}
          async fetch() {
            const [client, server] = Object.values(new WebSocketPair());
            this.state.acceptWebSocket(server);
            const upstream = new WebSocket("wss://example.com");
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      output: null,
      errors: [{ messageId: "outgoingWebSocket", line: 7, column: 30 }],
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
            this.upstream = new WebSocket("wss://example.com");
            await fetch("https://example.com", { headers: { Upgrade: "websocket" } });
            return new Response(null, { status: 101, webSocket: client });
          }
        }
      `,
      filename: JS_FILE,
      output: null,
      errors: [
        { messageId: "outgoingWebSocket", line: 10, column: 29 },
        { messageId: "upgradeFetch", line: 11, column: 19 },
      ],
    },
    {
      code: `
        export class Room {
          constructor(state, env) {
            this.sessions = new Map(state.getWebSockets().map((ws) => [ws, ws.deserializeAttachment()]));
            this.env = env;
          }
          webSocketMessage(ws, message) {
            const upstream = new WebSocket("wss://example.com");
          }
        }
      `,
      filename: MJS_FILE,
      output: null,
      errors: [{ messageId: "outgoingWebSocket", line: 8, column: 30 }],
    },
    {
      code: `
        export class Room {
          async webSocketMessage(ws, message) {
            const init = { headers: [["Upgrade", "websocket"]] };
            await fetch("https://example.com", init);
          }
        }
        export class Other {
          async webSocketMessage(ws, message) {
            new WebSocket("wss://example.com");
          }
        }
      `,
      filename: JS_FILE,
      settings: { hibernation: { durableObjects: ["Room"] } },
      output: null,
      errors: [{ messageId: "upgradeFetch", line: 5, column: 19 }],
    },
    {
      code: `import { Agent } from "agents";
export class Watcher extends Agent {
  onStart() {
    this.upstream = new WebSocket("wss://feed.example.com");
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [{ messageId: "outgoingWebSocket", line: 4, column: 21 }],
    },
  ],
});
