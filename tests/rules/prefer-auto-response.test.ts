import rule from "../../src/rules/prefer-auto-response.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;

function head(pairStatement?: string): string {
  return `${IMPORT}
export class Room extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);${pairStatement === undefined ? "" : `\n    ${pairStatement}`}
  }
  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
`;
}

/** A hibernating Durable Object whose `webSocketMessage` runs `body`, from line 12 (indent it by 4 spaces). */
function room(body: string): string {
  return `${head()}${body}\n  }\n}`;
}

/** `room(body)` with the auto-response set right after `super(ctx, env)`. */
function roomWithPair(body: string, request = `"ping"`, response = `"pong"`): string {
  return `${head(`ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(${request}, ${response}));`)}${body}\n  }\n}`;
}

const PING_PONG = { request: `"ping"`, response: `"pong"` };

/** One finding with its suggestion, for a case built with `room()`. */
function finding(
  line: number,
  column: number,
  body: string,
  texts: { request: string; response: string } = PING_PONG,
  data: { request: string; response: string } = PING_PONG,
) {
  return [
    {
      messageId: "constantReply" as const,
      line,
      column,
      data,
      suggestions: [{ messageId: "useAutoResponse" as const, data, output: roomWithPair(body, texts.request, texts.response) }],
    },
  ];
}

const ECHO = `    ws.send(\`echo: \${String(message)}\`);`;

const IF_RETURN = `    if (message === "ping") {
      ws.send("pong");
      return;
    }
${ECHO}`;
const RETURN_SEND = `    if ("ping" == message) return ws.send("pong");
${ECHO}`;
const SWITCH = `    switch (message) {
      case "ping":
        ws.send("pong");
        break;
      default:
        ws.send("unknown");
    }`;
const JSON_TEXTS = `    if (message === JSON.stringify({ type: "ping" })) {
      ws.send(JSON.stringify({ type: "pong" }));
      return;
    }
${ECHO}`;
const TYPEOF_GUARDED = `    if (typeof message === "string" && message === "ping") {
      ws.send("pong");
      return;
    }
${ECHO}`;
const GUARD_FIRST = `    if (typeof message !== "string") return;
    if (message === "ping") {
      ws.send("pong");
      return;
    }
    ws.send(message.toUpperCase());`;
const ELSE_IF = `    if (message === "join") {
      this.ctx.getWebSockets().forEach((other) => other.send("joined"));
    } else if (message === "ping") {
      ws.send("pong");
    } else {
${ECHO}
    }`;
const EARLIER_IF = `    if (message === "leave") {
      ws.close(1000, "bye");
      return;
    }
    if (message === "ping") return ws.send("pong");
${ECHO}`;
const STRING_CONVERSION = `    if (String(message) === "ping") {
      ws.send("pong");
      return;
    }
${ECHO}`;
const ALIAS_SWITCH = `    const text = String(message);
    switch (text) {
      case "hello":
        ws.send("hi");
        break;
      case "ping":
        return ws.send("pong");
    }
    ws.send(\`echo: \${text}\`);`;
const LOCAL_CONSTANT = `    const reply = "pong";
    if (message === "ping") {
      ws.send(reply);
      return;
    }
${ECHO}`;
const FALL_THROUGH_LABELS = `    switch (message) {
      case "ping":
      case "heartbeat":
        ws.send("pong");
        break;
      case "ready":
        ws.send("ok");
        break;
    }`;
const TWO_BRANCHES = `    if (message === "ping") return ws.send("pong");
    if (message === "hello") return ws.send("hi");
${ECHO}`;

ruleTester.run("prefer-auto-response", rule, {
  valid: [
    // Valid because Worker code outside any Durable Object never hibernates.
    `
export default {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => {
      if (event.data === "ping") server.send("pong");
    });
    return new Response(null, { status: 101, webSocket: client });
  },
};`,
    // Valid because a class that is not a Durable Object has no hibernation handlers.
    `
export class Parser {
  webSocketMessage(ws: WebSocket, message: string) {
    if (message === "ping") return ws.send("pong");
  }
}`,
    // Valid because a Durable Object on the standard API never hibernates, and an auto-response does not apply to its sockets.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => {
      if (event.data === "ping") server.send("pong");
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because the reply holds the time: an auto-response can only send a constant.
    room(`    if (message === "ping") {
      ws.send(JSON.stringify({ type: "pong", at: Date.now() }));
      return;
    }`),
    // Valid because the reply counts the pings.
    room(`    if (message === "ping") {
      ws.send(\`pong \${this.ctx.getWebSockets().length}\`);
      return;
    }`),
    // Valid because the reply echoes the message itself.
    room(`    if (message === "ping") return ws.send(message);`),
    // Valid because the branch also records when the client was last seen, which the auto-response would skip.
    room(`    if (message === "ping") {
      ws.serializeAttachment({ lastSeen: Date.now() });
      ws.send("pong");
      return;
    }`),
    // Valid because the branch logs, which the auto-response would skip.
    room(`    if (message === "ping") {
      console.log("ping");
      ws.send("pong");
      return;
    }`),
    // Valid because the branch sends twice.
    room(`    if (message === "ping") {
      ws.send("pong");
      ws.send("ready");
      return;
    }`),
    // Valid because the branch answers every socket, not only the sender.
    room(`    if (message === "ping") {
      for (const other of this.ctx.getWebSockets()) other.send("pong");
      return;
    }`),
    // Valid because the reply goes to another socket.
    room(`    const [first] = this.ctx.getWebSockets();
    if (message === "ping") return first.send("pong");`),
    // Valid because a parsed message also matches whitespace variants ({ "type": "ping" }) that an auto-response never matches.
    room(`    const data = JSON.parse(message as string);
    if (data.type === "ping") {
      ws.send(JSON.stringify({ type: "pong" }));
      return;
    }`),
    // Valid because the message is compared with a value that is not a constant.
    room(`    if (message === this.ctx.id.toString()) return ws.send("pong");`),
    // Valid because this branch takes binary frames, which an auto-response never answers.
    room(`    if (message instanceof ArrayBuffer) {
      ws.send("binary frames are not supported");
      return;
    }`),
    // Valid because the decoded text also comes from binary frames, which an auto-response never answers.
    room(`    const text = typeof message === "string" ? message : new TextDecoder().decode(message);
    if (text === "ping") return ws.send("pong");`),
    // Valid because String() of a binary frame is "[object ArrayBuffer]": this branch also takes binary frames.
    room(`    if (String(message) === "[object ArrayBuffer]") return ws.send("pong");`),
    // Valid because the branch does not return: the ping also reaches the broadcast below.
    room(`    if (message === "ping") ws.send("pong");
    for (const other of this.ctx.getWebSockets()) other.send(message);`),
    // Valid because every message, the ping too, is recorded before the branch.
    room(`    await this.ctx.storage.put("last", Date.now());
    if (message === "ping") return ws.send("pong");`),
    // Valid because the ping also takes the else branch of the earlier check.
    room(`    if (message === "hello") {
      ws.send("hi");
    } else {
      ws.serializeAttachment({ active: true });
    }
    if (message === "ping") return ws.send("pong");`),
    // Valid because the earlier check may be true for the ping.
    room(`    if (this.ctx.getWebSockets().length > 10) {
      ws.close(1013, "full");
      return;
    }
    if (message === "ping") return ws.send("pong");`),
    // Valid because the case falls through into another that changes state.
    room(`    switch (message) {
      case "ping":
        ws.send("pong");
      case "touch":
        ws.serializeAttachment({ touched: true });
        break;
    }`),
    // Valid because the ping also reaches the statement after the switch.
    room(`    switch (message) {
      case "ping":
        ws.send("pong");
        break;
    }
    ws.serializeAttachment({ seen: true });`),
    // Valid because an earlier case may evaluate to the ping.
    room(`    switch (message) {
      case this.ctx.id.name:
        ws.send("named");
        break;
      case "ping":
        ws.send("pong");
        break;
    }`),
    // Valid because the message is reassigned before the comparison.
    room(`    message = String(message).trim();
    if (message === "ping") return ws.send("pong");`),
    // Valid because only a delegating call is in the handler's own body.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    this.handle(ws, message);
  }
  handle(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
    // Valid because only webSocketMessage receives messages.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }
  async webSocketClose(ws: WebSocket, code: number, reason: string) {
    if (reason === "ping") return ws.send("pong");
  }
  onMessage(ws: WebSocket, message: string) {
    if (message === "ping") return ws.send("pong");
  }
}`,
    // Valid because the class sets an auto-response already, and only one can be set.
    roomWithPair(IF_RETURN, `"hello"`, `"hi"`),
    // Valid because the auto-response is set in another method; only one can be set.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("hello", "hi"));
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
    // Valid because the base class sets the auto-response.
    `${IMPORT}
class Base extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("hello", "hi"));
  }
}
export class Room extends Base {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
    // Valid because the subclass sets the auto-response for the objects that run this handler.
    `${IMPORT}
class Base extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}
export class Room extends Base {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("hello", "hi"));
  }
}`,
    // Valid because the base class comes from another module, which may set an auto-response.
    {
      code: `
import { BaseRoom } from "./base";
export class Room extends BaseRoom {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
      settings: { hibernation: { durableObjects: ["Room"] } },
    },
    // Valid because the reply is over the 2,048 bytes an auto-response can hold.
    room(`    if (message === "motd") return ws.send("Welcome! ".repeat(300));`),
    // Valid because the branch is taken by every message except the ping.
    room(`    if (message !== "ping") {
      ws.send(String(message));
      return;
    }
    ws.send("pong");`),
    // Valid because a number compared loosely also matches other texts ("1.0", " 1").
    room(`    if (message == 1) return ws.send("one");`),
    // Valid because the switch is on a parsed field, not on the message.
    room(`    const data = JSON.parse(String(message));
    switch (data.type) {
      case "ping":
        ws.send("pong");
        break;
    }`),
    // Valid because the socket parameter is replaced before the reply.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
    ws = this.ctx.getWebSockets()[0];
  }
}`,
    // Valid because parameters that are destructured or missing are not modelled.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage({ send }: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return send("pong");
  }
}`,
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage() {
    this.ctx.getWebSockets().forEach((ws) => ws.send("tick"));
  }
}`,
    // Valid because a handler written as an expression has no branch statements.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage = (ws: WebSocket, message: string | ArrayBuffer) => message === "ping" && ws.send("pong");
}`,
    {
      // Valid because the classic object sets its auto-response already.
      filename: JS_FILE,
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    state.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws, message) {
    if (message === "ping") return ws.send("pong");
    ws.send(String(message));
  }
}`,
    },
  ],
  invalid: [
    {
      code: room(IF_RETURN),
      errors: finding(12, 9, IF_RETURN),
      output: null,
    },
    {
      code: room(RETURN_SEND),
      errors: finding(12, 9, RETURN_SEND),
      output: null,
    },
    {
      code: room(SWITCH),
      errors: finding(13, 12, SWITCH),
      output: null,
    },
    {
      code: room(JSON_TEXTS),
      errors: finding(
        12,
        9,
        JSON_TEXTS,
        { request: `JSON.stringify({ type: "ping" })`, response: `JSON.stringify({ type: "pong" })` },
        { request: `"{\\"type\\":\\"ping\\"}"`, response: `"{\\"type\\":\\"pong\\"}"` },
      ),
      output: null,
    },
    {
      code: room(TYPEOF_GUARDED),
      errors: finding(12, 40, TYPEOF_GUARDED),
      output: null,
    },
    {
      code: room(GUARD_FIRST),
      errors: finding(13, 9, GUARD_FIRST),
      output: null,
    },
    {
      code: room(ELSE_IF),
      errors: finding(14, 16, ELSE_IF),
      output: null,
    },
    {
      code: room(EARLIER_IF),
      errors: finding(16, 9, EARLIER_IF),
      output: null,
    },
    {
      code: room(STRING_CONVERSION),
      errors: finding(12, 9, STRING_CONVERSION),
      output: null,
    },
    {
      code: room(ALIAS_SWITCH),
      errors: finding(17, 12, ALIAS_SWITCH),
      output: null,
    },
    {
      // A constant of the handler is out of the constructor's reach: the suggestion writes its text.
      code: room(LOCAL_CONSTANT),
      errors: finding(13, 9, LOCAL_CONSTANT),
      output: null,
    },
    {
      code: room(FALL_THROUGH_LABELS),
      errors: finding(13, 12, FALL_THROUGH_LABELS),
      output: null,
    },
    {
      // Only one auto-response can be set, so only the first candidate is reported.
      code: room(TWO_BRANCHES),
      errors: finding(12, 9, TWO_BRANCHES),
      output: null,
    },
    {
      // Module-level constants mean the same in the constructor: the suggestion names them.
      code: `${IMPORT}
const PING = "ping";
const PONG = JSON.stringify({ type: "pong" });
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env); // sets this.ctx
  }
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === PING) {
      ws.send(PONG);
      return;
    }
    ws.send(String(message));
  }
}`,
      errors: [
        {
          messageId: "constantReply",
          line: 9,
          column: 9,
          data: { request: `"ping"`, response: `"{\\"type\\":\\"pong\\"}"` },
          suggestions: [
            {
              messageId: "useAutoResponse",
              data: { request: `"ping"`, response: `"{\\"type\\":\\"pong\\"}"` },
              output: `${IMPORT}
const PING = "ping";
const PONG = JSON.stringify({ type: "pong" });
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env); // sets this.ctx
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === PING) {
      ws.send(PONG);
      return;
    }
    ws.send(String(message));
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Without a constructor, the suggestion writes one typed with the class's Env.
      code: `${IMPORT}
interface Env {
  ROOMS: DurableObjectNamespace;
}
export class Room extends DurableObject<Env> {
  private readonly started = Date.now();

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
    ws.send(String(message));
  }
}`,
      errors: [
        {
          messageId: "constantReply",
          line: 9,
          column: 9,
          data: PING_PONG,
          suggestions: [
            {
              messageId: "useAutoResponse",
              data: PING_PONG,
              output: `${IMPORT}
interface Env {
  ROOMS: DurableObjectNamespace;
}
export class Room extends DurableObject<Env> {
  private readonly started = Date.now();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
    ws.send(String(message));
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Without a type argument, env is unknown; a module constant named ctx would be shadowed by the new parameter.
      code: `${IMPORT}
const ctx = "ping";
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === ctx) return ws.send("pong");
  }
}`,
      errors: [
        {
          messageId: "constantReply",
          line: 5,
          column: 9,
          data: PING_PONG,
          suggestions: [
            {
              messageId: "useAutoResponse",
              data: PING_PONG,
              output: `${IMPORT}
const ctx = "ping";
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === ctx) return ws.send("pong");
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A handler written as a function-valued field.
      code: `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage = async (ws: WebSocket, message: string | ArrayBuffer) => {
    if (message === "ping") return ws.send("pong");
  };
}`,
      errors: [
        {
          messageId: "constantReply",
          line: 4,
          column: 9,
          data: PING_PONG,
          suggestions: [
            {
              messageId: "useAutoResponse",
              data: PING_PONG,
              output: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  webSocketMessage = async (ws: WebSocket, message: string | ArrayBuffer) => {
    if (message === "ping") return ws.send("pong");
  };
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The constructor names its state parameter differently.
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(state: DurableObjectState, env: unknown) {
    super(state, env);
    this.ctx.blockConcurrencyWhile(async () => {});
  }
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
      errors: [
        {
          messageId: "constantReply",
          line: 8,
          column: 9,
          data: PING_PONG,
          suggestions: [
            {
              messageId: "useAutoResponse",
              data: PING_PONG,
              output: `${IMPORT}
export class Room extends DurableObject {
  constructor(state: DurableObjectState, env: unknown) {
    super(state, env);
    state.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    this.ctx.blockConcurrencyWhile(async () => {});
  }
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A class of the file named WebSocketRequestResponsePair is not the runtime's: no suggestion.
      code: `${IMPORT}
class WebSocketRequestResponsePair {}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
      errors: [{ messageId: "constantReply", line: 5, column: 9, data: PING_PONG, suggestions: [] }],
      output: null,
    },
    {
      // A Durable Object known only from its interface has no constructor to put the call in.
      code: `
export class Room implements DurableObject {
  async fetch() {
    return new Response("ok");
  }
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
      errors: [{ messageId: "constantReply", line: 7, column: 9, data: PING_PONG, suggestions: [] }],
      output: null,
    },
    {
      // The classic form: the state is set from the parameter, before the constructor stores it.
      filename: JS_FILE,
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    this.env = env;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws, message) {
    switch (message) {
      case "ping":
        ws.send("pong");
        break;
      default:
        ws.send(\`echo: \${message}\`);
    }
  }
}`,
      errors: [
        {
          messageId: "constantReply",
          line: 14,
          column: 12,
          data: PING_PONG,
          suggestions: [
            {
              messageId: "useAutoResponse",
              data: PING_PONG,
              output: `
export class Room {
  constructor(state, env) {
    state.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    this.state = state;
    this.env = env;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws, message) {
    switch (message) {
      case "ping":
        ws.send("pong");
        break;
      default:
        ws.send(\`echo: \${message}\`);
    }
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A classic constructor with an empty body, in TypeScript with a parameter property.
      code: `
export class Room {
  constructor(private readonly state: DurableObjectState, env: unknown) {}
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
      errors: [
        {
          messageId: "constantReply",
          line: 5,
          column: 9,
          data: PING_PONG,
          suggestions: [
            {
              messageId: "useAutoResponse",
              data: PING_PONG,
              output: `
export class Room {
  constructor(private readonly state: DurableObjectState, env: unknown) {
    state.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // JavaScript without a constructor: an untyped one.
      filename: MJS_FILE,
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws, message) {
    if (message === "ping") {
      ws.send("pong");
      return;
    }
    ws.send(String(message));
  }
}`,
      errors: [
        {
          messageId: "constantReply",
          line: 9,
          column: 9,
          data: PING_PONG,
          suggestions: [
            {
              messageId: "useAutoResponse",
              data: PING_PONG,
              output: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws, message) {
    if (message === "ping") {
      ws.send("pong");
      return;
    }
    ws.send(String(message));
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // JavaScript subclass of a local Durable Object without a constructor.
      filename: JS_FILE,
      code: `${IMPORT}
class Base extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}
export class Room extends Base {
  async webSocketMessage(ws, message) {
    if (message == "ping") return ws.send("pong");
  }
}`,
      errors: [
        {
          messageId: "constantReply",
          line: 11,
          column: 9,
          data: PING_PONG,
          suggestions: [
            {
              messageId: "useAutoResponse",
              data: PING_PONG,
              output: `${IMPORT}
class Base extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}
export class Room extends Base {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  async webSocketMessage(ws, message) {
    if (message == "ping") return ws.send("pong");
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A guard that drops binary frames first; a long request is shortened in the message.
      code: `${IMPORT}
export default class extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message instanceof ArrayBuffer) return;
    if (message === "are you still there? please answer within five seconds") return ws.send("yes");
  }
}`,
      errors: [
        {
          messageId: "constantReply",
          line: 5,
          column: 9,
          data: { request: `"are you still there? please answer withi…"`, response: `"yes"` },
          suggestions: [
            {
              messageId: "useAutoResponse",
              data: { request: `"are you still there? please answer withi…"`, response: `"yes"` },
              output: `${IMPORT}
export default class extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("are you still there? please answer within five seconds", "yes"));
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message instanceof ArrayBuffer) return;
    if (message === "are you still there? please answer within five seconds") return ws.send("yes");
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A cycle in `extends` (invalid code) must not hang the rule.
      code: `
class A extends B {
  webSocketMessage(ws: WebSocket, message: string) {
    if (message === "ping") return ws.send("pong");
  }
}
class B extends A {}`,
      settings: { hibernation: { durableObjects: ["A", "B"] } },
      errors: [{ messageId: "constantReply", line: 4, column: 9, data: PING_PONG, suggestions: [] }],
      output: null,
    },
    {
      // A TypeScript subclass of a local Durable Object would need that class's constructor types: no suggestion.
      code: `${IMPORT}
class Base extends DurableObject {}
export class Room extends Base {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "ping") return ws.send("pong");
  }
}`,
      errors: [{ messageId: "constantReply", line: 5, column: 9, data: PING_PONG, suggestions: [] }],
      output: null,
    },
  ],
});
