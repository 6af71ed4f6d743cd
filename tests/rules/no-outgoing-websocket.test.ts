import rule from "../../src/rules/no-outgoing-websocket.js";
import { ruleTester } from "../rule-tester.js";

ruleTester.run("no-outgoing-websocket", rule, {
  valid: [
    `
      // Valid because a Worker outside any Durable Object may open sockets freely.
      export default {
        async fetch() {
          const ws = new WebSocket("wss://example.com");
          return new Response("ok");
        },
      };
    `,
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
      errors: [{ messageId: "outgoingWebSocket", line: 5, column: 30 }],
    },
  ],
});
