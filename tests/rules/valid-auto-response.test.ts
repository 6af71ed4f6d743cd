import rule from "../../src/rules/valid-auto-response.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;
/** 34 characters: an argument written right after it on line 5 starts at column 39. */
const SET = "this.ctx.setWebSocketAutoResponse(";
/** 33 characters: after `SET`, the pair's first argument starts at column 72. */
const PAIR = "new WebSocketRequestResponsePair(";

/** A hibernating Durable Object whose constructor runs `statement`, on line 5 from column 5. */
function room(statement: string): string {
  return `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ${statement}
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`;
}

ruleTester.run("valid-auto-response", rule, {
  valid: [
    room(`${SET}${PAIR}"ping", "pong"));`),
    room(`${SET}${PAIR}JSON.stringify({ type: "ping" }), JSON.stringify({ type: "pong" })));`),
    // Valid because 2,048 bytes is the largest request and response the runtime accepts.
    room(`${SET}${PAIR}"x".repeat(2048), "y".repeat(2048)));`),
    // Valid because é is 2 bytes in UTF-8: 1,024 of them are exactly 2,048 bytes.
    room(`${SET}${PAIR}"é".repeat(1024), "é".repeat(1024)));`),
    // Valid because € is 3 bytes in UTF-8: 682 of them and two letters are exactly 2,048 bytes.
    room(`${SET}${PAIR}"€".repeat(682) + "xx", "€".repeat(682) + "xx"));`),
    // Valid because 😀 is 4 bytes in UTF-8: 512 of them are exactly 2,048 bytes.
    room(`${SET}${PAIR}"😀".repeat(512), "😀".repeat(512)));`),
    // Valid because the known part of the response is under the limit; the rest cannot be known.
    room(`${SET}${PAIR}"ping", "x".repeat(100) + this.ctx.id.toString()));`),
    // Valid because the repeat count cannot be known.
    room(`${SET}${PAIR}"ping", "x".repeat(Number(env))));`),
    // Valid because calling it with no argument, or with undefined, removes the auto-response.
    room(`${SET});`),
    room(`${SET}undefined);`),
    room(`${SET}void 0);`),
    // Valid because the constant holds a pair.
    `${IMPORT}
const AUTO_RESPONSE = new WebSocketRequestResponsePair("ping", "pong");
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(AUTO_RESPONSE);
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
    // Valid because parameters, variables and call results may hold a pair.
    `${IMPORT}
export class Room extends DurableObject {
  configure(pair: WebSocketRequestResponsePair, request: string, response: string) {
    this.ctx.setWebSocketAutoResponse(pair);
    let next = pair;
    this.ctx.setWebSocketAutoResponse(next);
    this.ctx.setWebSocketAutoResponse(makePair());
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(request, response));
    this.ctx.setWebSocketAutoResponse(...this.pairArguments);
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
    // Valid because the value is a pair or undefined, and undefined removes the auto-response.
    room(`${SET}this.ctx.id.name ? ${PAIR}"ping", "pong") : undefined);`),
    // Valid because a subclass of the pair is accepted by the runtime.
    `${IMPORT}
class PingPair extends WebSocketRequestResponsePair {}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new PingPair("ping", "pong"));
    ctx.setWebSocketAutoResponse(new CustomPair("ping", "pong"));
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
    // Valid because a constant array that is changed later is not known when the pair is built.
    `${IMPORT}
const PARTS = ["x".repeat(1500)];
PARTS.push("y".repeat(1500));
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", PARTS.join("")));
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
    // Valid because the constant object gets a toString() that may give the text clients send.
    `${IMPORT}
const PING = { type: "ping" };
PING.toString = () => JSON.stringify({ type: "ping" });
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, "pong"));
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
    // Valid because these objects may convert to any text: a toString(), a spread, a computed key.
    room(`${SET}${PAIR}{ toString: () => "ping" }, { valueOf() { return "pong"; } }));`),
    room(`${SET}${PAIR}{ ...this.ping }, { [Symbol.toPrimitive]: () => "pong" }));`),
    // Valid because numbers and booleans convert to the text a client sends for them.
    room(`${SET}${PAIR}1, true));`),
    // Valid because the arguments after a spread cannot be placed.
    room(`${SET}${PAIR}...["ping", "x".repeat(3000)]));`),
    // Valid because this WebSocketRequestResponsePair is the file's own, not the runtime's.
    `${IMPORT}
import { WebSocketRequestResponsePair } from "./test-doubles";
export const PAIR = new WebSocketRequestResponsePair("x".repeat(3000), { type: "pong" });
export const INCOMPLETE = new WebSocketRequestResponsePair();`,
    // Valid because Worker code outside any Durable Object has no auto-response to set.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}
export default {
  async fetch(request: Request, env: unknown, ctx: { setWebSocketAutoResponse(value: unknown): void }) {
    ctx.setWebSocketAutoResponse("ping");
    return new Response("ok");
  },
};`,
    // Valid because a file without a Durable Object has no state to set an auto-response on.
    `
export class FakeState {
  setWebSocketAutoResponse(value) {
    this.autoResponse = value;
  }
}
new FakeState().setWebSocketAutoResponse({ request: "ping", response: "pong" });`,
    {
      // Valid because the option raises the limits.
      code: room(`${SET}${PAIR}"x".repeat(3000), "y".repeat(4096)));`),
      options: [{ maxRequestBytes: 4096, maxResponseBytes: 4096 }],
    },
    {
      // Valid because "ping" is exactly the lowered limit of 4 bytes.
      code: room(`${SET}${PAIR}"ping", "pong"));`),
      options: [{ maxRequestBytes: 4, maxResponseBytes: 4 }],
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    this.state.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
    },
  ],
  invalid: [
    {
      code: room(`${SET}${PAIR}"x".repeat(2049), "pong"));`),
      errors: [{ messageId: "requestTooLarge", line: 5, column: 72, data: { size: "2049", limit: 2048 } }],
      output: null,
    },
    {
      code: room(`${SET}${PAIR}"ping", "x".repeat(2049)));`),
      errors: [{ messageId: "responseTooLarge", line: 5, column: 80, data: { size: "2049", limit: 2048 } }],
      output: null,
    },
    {
      // é is 2 bytes: 1,024 of them and one letter are 2,049 bytes.
      code: room(`${SET}${PAIR}"é".repeat(1024) + "x", "pong"));`),
      errors: [{ messageId: "requestTooLarge", line: 5, column: 72, data: { size: "2049", limit: 2048 } }],
      output: null,
    },
    {
      // € is 3 bytes: 683 of them are 2,049 bytes, though only 683 characters.
      code: room(`${SET}${PAIR}"ping", "€".repeat(683)));`),
      errors: [{ messageId: "responseTooLarge", line: 5, column: 80, data: { size: "2049", limit: 2048 } }],
      output: null,
    },
    {
      // 😀 is 4 bytes (2 UTF-16 units): 512 of them and "!" are 2,049 bytes; 513 of them are 2,052.
      code: room(`${SET}${PAIR}"😀".repeat(512) + "!", "😀".repeat(513)));`),
      errors: [
        { messageId: "requestTooLarge", line: 5, column: 72, data: { size: "2049", limit: 2048 } },
        { messageId: "responseTooLarge", line: 5, column: 96, data: { size: "2052", limit: 2048 } },
      ],
      output: null,
    },
    {
      // The known part alone is over the limit.
      code: room(`${SET}${PAIR}"ping", "x".repeat(3000) + this.ctx.id.toString()));`),
      errors: [{ messageId: "responseTooLarge", line: 5, column: 80, data: { size: "at least 3000", limit: 2048 } }],
      output: null,
    },
    {
      code: `${IMPORT}
const WELCOME = { type: "pong", motd: "x".repeat(3000) };
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", JSON.stringify(WELCOME)));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      errors: [{ messageId: "responseTooLarge", line: 7, column: 80, data: { size: "3025", limit: 2048 } }],
      output: null,
    },
    {
      // A module-level pair is reported where it is built.
      code: `${IMPORT}
const AUTO_RESPONSE = new WebSocketRequestResponsePair("ping", "p".repeat(4096));
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(AUTO_RESPONSE);
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
      errors: [{ messageId: "responseTooLarge", line: 2, column: 64, data: { size: "4096", limit: 2048 } }],
      output: null,
    },
    {
      // A pair is only ever handed to setWebSocketAutoResponse(), so one built in a shared module is reported too.
      code: `
const PING = "ping";
export const PING_PONG = new globalThis.WebSocketRequestResponsePair(PING, "é".repeat(1025));`,
      filename: MJS_FILE,
      errors: [{ messageId: "responseTooLarge", line: 3, column: 76, data: { size: "2050", limit: 2048 } }],
      output: null,
    },
    {
      code: room(`${SET}${PAIR}"x".repeat(3000), "y".repeat(3000)));`),
      errors: [
        { messageId: "requestTooLarge", line: 5, column: 72, data: { size: "3000", limit: 2048 } },
        { messageId: "responseTooLarge", line: 5, column: 90, data: { size: "3000", limit: 2048 } },
      ],
      output: null,
    },
    {
      code: room(`${SET}${PAIR}"ping!", "€".repeat(6)));`),
      options: [{ maxRequestBytes: 4, maxResponseBytes: 16 }],
      errors: [
        { messageId: "requestTooLarge", line: 5, column: 72, data: { size: "5", limit: 4 } },
        { messageId: "responseTooLarge", line: 5, column: 81, data: { size: "18", limit: 16 } },
      ],
      output: null,
    },
    {
      // Only the request limit is lowered: the response keeps the default.
      code: room(`${SET}${PAIR}"heartbeat", "x".repeat(2048)));`),
      options: [{ maxRequestBytes: 8 }],
      errors: [{ messageId: "requestTooLarge", line: 5, column: 72, data: { size: "9", limit: 8 } }],
      output: null,
    },
    {
      code: room(`${SET}${PAIR}{ type: "ping" }, "pong"));`),
      errors: [
        {
          messageId: "nonStringRequest",
          line: 5,
          column: 72,
          data: { kind: "object", text: "[object Object]" },
          suggestions: [
            {
              messageId: "useJsonStringify",
              output: room(`${SET}${PAIR}JSON.stringify({ type: "ping" }), "pong"));`),
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: room(`${SET}${PAIR}"ping", { type: "pong", at: Date.now() }));`),
      errors: [
        {
          messageId: "nonStringResponse",
          line: 5,
          column: 80,
          data: { kind: "object", text: "[object Object]" },
          suggestions: [
            {
              messageId: "useJsonStringify",
              output: room(`${SET}${PAIR}"ping", JSON.stringify({ type: "pong", at: Date.now() })));`),
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: `${IMPORT}
const PING = { type: "ping" } as const;
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, "pong"));
  }
}`,
      errors: [
        {
          messageId: "nonStringRequest",
          line: 5,
          column: 72,
          data: { kind: "object", text: "[object Object]" },
          suggestions: [
            {
              messageId: "useJsonStringify",
              output: `${IMPORT}
const PING = { type: "ping" } as const;
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(JSON.stringify(PING), "pong"));
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: room(`${SET}${PAIR}["ping", "heartbeat"], "pong"));`),
      errors: [
        {
          messageId: "nonStringRequest",
          line: 5,
          column: 72,
          data: { kind: "array", text: "ping,heartbeat" },
          suggestions: [
            {
              messageId: "useJsonStringify",
              output: room(`${SET}${PAIR}JSON.stringify(["ping", "heartbeat"]), "pong"));`),
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: room(`${SET}${PAIR}"ping", null));`),
      errors: [
        {
          messageId: "nonStringResponse",
          line: 5,
          column: 80,
          data: { kind: "`null` value", text: "null" },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      code: room(`${SET}${PAIR}undefined, "pong"));`),
      errors: [
        {
          messageId: "nonStringRequest",
          line: 5,
          column: 72,
          data: { kind: "`undefined` value", text: "undefined" },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      code: room(`${SET}${PAIR}"ping"));`),
      errors: [{ messageId: "missingArgument", line: 5, column: 39, data: { argument: "response", position: 2 } }],
      output: null,
    },
    {
      code: room(`${SET}${PAIR}));`),
      errors: [{ messageId: "missingArgument", line: 5, column: 39, data: { argument: "request", position: 1 } }],
      output: null,
    },
    {
      code: room(`${SET}"ping");`),
      errors: [{ messageId: "notAPair", line: 5, column: 39, data: { kind: "a string" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`${SET}"ping", "pong");`),
      errors: [
        {
          messageId: "notAPair",
          line: 5,
          column: 39,
          data: { kind: "a string" },
          suggestions: [{ messageId: "usePair", output: room(`${SET}${PAIR}"ping", "pong"));`) }],
        },
      ],
      output: null,
    },
    {
      code: room(`${SET}{ request: "ping", response: "pong" });`),
      errors: [
        {
          messageId: "notAPair",
          line: 5,
          column: 39,
          data: { kind: "an object literal" },
          suggestions: [{ messageId: "usePair", output: room(`${SET}${PAIR}"ping", "pong"));`) }],
        },
      ],
      output: null,
    },
    {
      code: room(`${SET}["ping", JSON.stringify({ type: "pong" })]);`),
      errors: [
        {
          messageId: "notAPair",
          line: 5,
          column: 39,
          data: { kind: "an array" },
          suggestions: [
            { messageId: "usePair", output: room(`${SET}${PAIR}"ping", JSON.stringify({ type: "pong" })));`) },
          ],
        },
      ],
      output: null,
    },
    {
      code: room(`${SET}new Response("pong"));`),
      errors: [{ messageId: "notAPair", line: 5, column: 39, data: { kind: "a `Response` object" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`${SET}\`ping\`);`),
      errors: [{ messageId: "notAPair", line: 5, column: 39, data: { kind: "a string" }, suggestions: [] }],
      output: null,
    },
    {
      // The known start of a concatenation makes it a string.
      code: room(`${SET}"ping:" + String(env));`),
      errors: [{ messageId: "notAPair", line: 5, column: 39, data: { kind: "a string" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`${SET}null);`),
      errors: [{ messageId: "notAPair", line: 5, column: 39, data: { kind: "`null`" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`${SET}30_000);`),
      errors: [{ messageId: "notAPair", line: 5, column: 39, data: { kind: "a number" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`${SET}/^ping$/);`),
      errors: [{ messageId: "notAPair", line: 5, column: 39, data: { kind: "a regular expression" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`${SET}new Map([["ping", "pong"]]));`),
      errors: [{ messageId: "notAPair", line: 5, column: 39, data: { kind: "a `Map` object" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`${SET}() => new WebSocketRequestResponsePair("ping", "pong"));`),
      errors: [{ messageId: "notAPair", line: 5, column: 39, data: { kind: "a function" }, suggestions: [] }],
      output: null,
    },
    {
      code: `${IMPORT}
const AUTO_RESPONSE = { request: "ping", response: "pong" };
class Heartbeat {
  request = "ping";
  response = "pong";
}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(AUTO_RESPONSE);
    ctx.setWebSocketAutoResponse(new Heartbeat());
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
      errors: [
        { messageId: "notAPair", line: 10, column: 34, data: { kind: "an object literal" }, suggestions: [] },
        { messageId: "notAPair", line: 11, column: 34, data: { kind: "a `Heartbeat` object" }, suggestions: [] },
      ],
      output: null,
    },
    {
      // A module-level function the object calls runs as part of it.
      code: `${IMPORT}
function enablePings(state: DurableObjectState) {
  state.setWebSocketAutoResponse({ request: "ping", response: "pong" });
}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    enablePings(ctx);
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
      errors: [
        {
          messageId: "notAPair",
          line: 3,
          column: 34,
          data: { kind: "an object literal" },
          suggestions: [
            {
              messageId: "usePair",
              output: `${IMPORT}
function enablePings(state: DurableObjectState) {
  state.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    enablePings(ctx);
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // No suggestion when the file has its own WebSocketRequestResponsePair.
      code: `${IMPORT}
import { WebSocketRequestResponsePair } from "./test-doubles";
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    this.ctx.setWebSocketAutoResponse("ping", "pong");
  }
}`,
      errors: [{ messageId: "notAPair", line: 5, column: 39, data: { kind: "a string" }, suggestions: [] }],
      output: null,
    },
    {
      code: `${IMPORT}
export default class extends DurableObject {
  #pings = 0;
  async webSocketMessage(ws: WebSocket, message: string) {
    this.#pings++;
    this.ctx["setWebSocketAutoResponse"]?.(["ping", \`pong \${this.#pings}\`]);
  }
}`,
      errors: [
        {
          messageId: "notAPair",
          line: 6,
          column: 44,
          data: { kind: "an array" },
          suggestions: [
            {
              messageId: "usePair",
              output: `${IMPORT}
export default class extends DurableObject {
  #pings = 0;
  async webSocketMessage(ws: WebSocket, message: string) {
    this.#pings++;
    this.ctx["setWebSocketAutoResponse"]?.(new WebSocketRequestResponsePair("ping", \`pong \${this.#pings}\`));
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The runtime throws whether or not the file shows the object accepting hibernatable sockets.
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse("ping");
  }
}`,
      errors: [{ messageId: "notAPair", line: 5, column: 34, data: { kind: "a string" }, suggestions: [] }],
      output: null,
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    state.setWebSocketAutoResponse({ request: "ping", response: "pong" });
    state.setWebSocketAutoResponse(new WebSocketRequestResponsePair({ type: "ping" }, "x".repeat(2049)));
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
      errors: [
        {
          messageId: "notAPair",
          line: 5,
          column: 36,
          data: { kind: "an object literal" },
          suggestions: [
            {
              messageId: "usePair",
              output: `
export class Room {
  constructor(state, env) {
    this.state = state;
    state.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    state.setWebSocketAutoResponse(new WebSocketRequestResponsePair({ type: "ping" }, "x".repeat(2049)));
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
        {
          messageId: "nonStringRequest",
          line: 6,
          column: 69,
          data: { kind: "object", text: "[object Object]" },
          suggestions: [
            {
              messageId: "useJsonStringify",
              output: `
export class Room {
  constructor(state, env) {
    this.state = state;
    state.setWebSocketAutoResponse({ request: "ping", response: "pong" });
    state.setWebSocketAutoResponse(new WebSocketRequestResponsePair(JSON.stringify({ type: "ping" }), "x".repeat(2049)));
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
        { messageId: "responseTooLarge", line: 6, column: 87, data: { size: "2049", limit: 2048 } },
      ],
      output: null,
    },
  ],
});
