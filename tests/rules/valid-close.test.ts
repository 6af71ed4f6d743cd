import { describe, expect, it } from "vitest";
import rule, { closeCodeError } from "../../src/rules/valid-close.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;
const CODE_ERROR = (code: number): string => `Invalid WebSocket close code: ${code}.`;

ruleTester.run("valid-close", rule, {
  valid: [
    // Valid because the code is checked before it is passed on.
    `import { Server } from "partyserver";
export class Cursors extends Server {
  onClose(connection, code, reason) {
    if (code === 1000) connection.close(code, reason);
  }
}`,
    // Valid because onClose of a raw Durable Object is not called by the runtime with a close code.
    `${IMPORT}
export class Room extends DurableObject {
  onClose(ws: WebSocket, code: number) {
    ws.close(code);
  }
}`,
    // Valid because the Worker's fetch handler is outside every Durable Object.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}
export default {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.close(1005, "x".repeat(200));
    return new Response(null, { status: 101, webSocket: client });
  },
};`,
    // Valid because every code here is one the runtime accepts, at each edge of the rejected ones.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(1000);
    ws.close(1003);
    ws.close(1007);
    ws.close(1014);
    ws.close(1016);
    ws.close(2999);
    ws.close(3000, "bye");
    ws.close(4999, "bye");
  }
}`,
    // Valid because the runtime drops the fraction and converts numeric strings: these are 1000 and 4999.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(1000.5);
    ws.close(4999.9);
    ws.close("1000" as unknown as number);
  }
}`,
    // Valid because without a code the runtime sends a Close frame with none.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close();
    ws.close(undefined);
  }
}`,
    // Valid because each reason is exactly 123 UTF-8 bytes: ASCII, 3-byte and 4-byte characters.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(1000, "x".repeat(123));
    ws.close(1000, "€".repeat(41));
    ws.close(1000, "😀".repeat(30) + "xxx");
    ws.close(1000, "é".repeat(61) + "x");
  }
}`,
    // Valid because the code and reason are not known before the code runs.
    `${IMPORT}
export class Room extends DurableObject {
  code = 1000;
  webSocketMessage(ws: WebSocket, message: string) {
    const parsed = JSON.parse(message);
    ws.close(parsed.code, parsed.reason);
    ws.close(this.code, message);
  }
}`,
    // Valid because a \`let\` may hold another value by the time it is used.
    `${IMPORT}
let closeCode = 1005;
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    closeCode = 1000;
    ws.close(closeCode);
  }
}`,
    // Valid because streams, writers and databases have their own close().
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    const { writable } = new TransformStream();
    const writer = writable.getWriter();
    await writer.close(5000);
    this.env.DB.close(1005, "x".repeat(200));
    this.database.close(0);
  }
}`,
    // Valid because the received code is replaced when the runtime would reject it.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number, reason: string) {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  }
}`,
    // Valid because a range check decides whether the received code is passed on.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number, reason: string) {
    if (code >= 3000 && code <= 4999) {
      ws.close(code, reason);
    } else {
      ws.close(1000, reason);
    }
  }
}`,
    // Valid because the handler returns before the call for the codes close() rejects.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number, reason: string) {
    if (code === 1005 || code === 1006) {
      ws.close();
      return;
    }
    ws.close(code, reason);
  }
}`,
    // Valid because the code is checked by a helper before it is passed on.
    `${IMPORT}
const ACCEPTED = new Set([1000, 1001, 4000]);
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number, reason: string) {
    const accepted = ACCEPTED.has(code);
    if (!accepted) return;
    ws.close(code, reason);
  }
}`,
    // Valid because a switch on the code handles the codes it knows.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number, reason: string) {
    switch (code) {
      case 1005:
      case 1006:
        ws.close(1000);
        break;
      default:
        ws.close(code, reason);
    }
  }
}`,
    // Valid because the try catches the error close() throws.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number, reason: string) {
    try {
      ws.close(code, reason);
    } catch {
      ws.close(1000);
    }
  }
}`,
    // Valid because the socket is CLOSING while the handler runs, so this call may never run.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number, reason: string) {
    if (ws.readyState === WebSocket.OPEN) {
      ws.close(code, reason);
    }
  }
}`,
    // Valid because the handler replaces the code before it passes it on.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number, reason: string) {
    code = code === 1005 ? 1000 : code;
    ws.close(code, reason);
  }
}`,
    // Valid because only webSocketClose() receives codes from the runtime.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, code: number) {
    ws.close(code);
  }
  webSocketError(ws: WebSocket, error: unknown) {
    ws.close(1011, "Internal error");
  }
}`,
    // Valid because the method that closes is not a handler: the code it receives is not followed.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number, reason: string) {
    this.finish(ws, code, reason);
  }
  finish(ws: WebSocket, code: number, reason: string) {
    ws.close(code, reason);
  }
}`,
    // Valid because a handler with destructured or rest parameters is not modelled.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(...args: [WebSocket, number, string]) {
    args[0].close(args[1], args[2]);
  }
}`,
    // Valid because a class that is not a Durable Object has no sockets the model knows.
    `
export class Handler {
  webSocketClose(ws: WebSocket, code: number) {
    ws.close(code);
    ws.close(1005);
  }
}`,
    // Valid because the reason fits the larger limit set in the options.
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(1000, "x".repeat(150));
  }
}`,
      options: [{ maxReasonBytes: 150 }],
    },
    // Valid because the outgoing socket closes with a code the runtime accepts.
    `${IMPORT}
export class Relay extends DurableObject {
  async fetch() {
    const upstream = new WebSocket("wss://upstream.example");
    upstream.addEventListener("open", () => upstream.close(4000, "done"));
    return new Response("ok");
  }
}`,
    // Valid because odd class shapes are skipped, not guessed.
    `${IMPORT}
const key = "webSocketClose";
export default class extends DurableObject {
  [key](ws: WebSocket, code: number) {
    ws.close(code);
  }
  #close(ws: WebSocket) {
    ws.close(1000);
  }
  webSocketClose = undefined;
}`,
    // Valid because the logical and conditional operators test the code before it is passed on.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number, reason: string) {
    code >= 3000 && ws.close(code, reason);
    code === 1005 ? ws.close() : ws.close(code);
  }
}`,
    // Valid because the callback's own parameter shadows the received code.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number) {
    [4000, 4001].forEach((code) => ws.close(code));
  }
}`,
    // Valid because a \`let\` copy may be changed before the call.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number) {
    let status = code;
    ws.close(status);
  }
}`,
    // Valid because the constant object is changed before it is read.
    `${IMPORT}
const CODES = { bye: 1005 };
CODES.bye = 1000;
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(CODES.bye);
  }
}`,
    {
      // Valid because the JavaScript handler closes with 1000 when the code is not an application code.
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketClose(ws, code, reason) {
    ws.close(code >= 3000 && code <= 4999 ? code : 1000, reason);
  }
}`,
      filename: JS_FILE,
    },
  ],
  invalid: [
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(999);
    ws.close(1004);
    ws.close(1005);
    ws.close(1006);
    ws.close(1015);
    ws.close(5000);
  }
}`,
      output: null,
      errors: [
        { messageId: "invalidCode", line: 4, column: 14, data: { error: CODE_ERROR(999) } },
        { messageId: "invalidCode", line: 5, column: 14, data: { error: CODE_ERROR(1004) } },
        { messageId: "invalidCode", line: 6, column: 14, data: { error: CODE_ERROR(1005) } },
        { messageId: "invalidCode", line: 7, column: 14, data: { error: CODE_ERROR(1006) } },
        { messageId: "invalidCode", line: 8, column: 14, data: { error: CODE_ERROR(1015) } },
        { messageId: "invalidCode", line: 9, column: 14, data: { error: CODE_ERROR(5000) } },
      ],
    },
    {
      // The runtime converts the code to an integer first: 999.9 is 999, non-numeric text is 0.
      code: `${IMPORT}
const NO_STATUS = 1005;
const CODES = { goingAway: 1001, abnormal: 1006 };
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(NO_STATUS);
    ws.close(CODES.abnormal);
    ws.close(999.9);
    ws.close(0);
    ws.close(-1);
    ws.close(65535);
    ws.close("abc" as unknown as number);
    ws.close(2 ** 31);
  }
}`,
      output: null,
      errors: [
        { messageId: "invalidCode", line: 6, column: 14, data: { error: CODE_ERROR(1005) } },
        { messageId: "invalidCode", line: 7, column: 14, data: { error: CODE_ERROR(1006) } },
        { messageId: "invalidCode", line: 8, column: 14, data: { error: CODE_ERROR(999) } },
        { messageId: "invalidCode", line: 9, column: 14, data: { error: CODE_ERROR(0) } },
        { messageId: "invalidCode", line: 10, column: 14, data: { error: CODE_ERROR(-1) } },
        { messageId: "invalidCode", line: 11, column: 14, data: { error: CODE_ERROR(65535) } },
        { messageId: "invalidCode", line: 12, column: 14, data: { error: CODE_ERROR(0) } },
        {
          messageId: "invalidCode",
          line: 13,
          column: 14,
          data: { error: "Value out of range. Must be between -2147483648 and 2147483647 (inclusive)." },
        },
      ],
    },
    {
      // One byte over the limit: ASCII, 3-byte, 4-byte and 2-byte characters.
      code: `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(1000, "x".repeat(124));
    ws.close(1000, "€".repeat(41) + "x");
    ws.close(1000, "😀".repeat(31));
    ws.close(1000, "é".repeat(62));
  }
}`,
      output: null,
      errors: [
        { messageId: "reasonTooLong", line: 4, column: 20, data: { size: "124", limit: 123 } },
        { messageId: "reasonTooLong", line: 5, column: 20, data: { size: "124", limit: 123 } },
        { messageId: "reasonTooLong", line: 6, column: 20, data: { size: "124", limit: 123 } },
        { messageId: "reasonTooLong", line: 7, column: 20, data: { size: "124", limit: 123 } },
      ],
    },
    {
      // Only part of each reason is known, and that part is already too long.
      code: `${IMPORT}
const PREFIX = "The room was closed by its owner because ";
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(4000, "x".repeat(300) + message);
    ws.close(4001, \`\${PREFIX}\${message} \${"and then some more text to explain the situation in full detail, ".repeat(2)}\`);
  }
}`,
      output: null,
      errors: [
        { messageId: "reasonTooLong", line: 5, column: 20, data: { size: "at least 300", limit: 123 } },
        { messageId: "reasonTooLong", line: 6, column: 20, data: { size: "at least 172", limit: 123 } },
      ],
    },
    {
      // A smaller limit in the options reports what the default allows.
      code: `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(1000, "goodbye");
    ws.close(1000, "goodbye, friend");
  }
}`,
      options: [{ maxReasonBytes: 10 }],
      output: null,
      errors: [{ messageId: "reasonTooLong", line: 5, column: 20, data: { size: "15", limit: 10 } }],
    },
    {
      // A bad code and a long reason in one call are both reported.
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.close(1005, "x".repeat(124));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        { messageId: "invalidCode", line: 6, column: 18, data: { error: CODE_ERROR(1005) } },
        { messageId: "reasonTooLong", line: 6, column: 24, data: { size: "124", limit: 123 } },
      ],
    },
    {
      // Sockets from getWebSockets(), outgoing sockets and the accepted end of a pair in an object that never hibernates.
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    for (const ws of this.ctx.getWebSockets()) {
      ws.close(1006);
    }
    this.ctx.getWebSockets("room").forEach((ws) => ws.close(1015));
    const upstream = new WebSocket("wss://upstream.example");
    upstream.addEventListener("open", () => upstream.close(1004));
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", () => server.close(5000));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        { messageId: "invalidCode", line: 5, column: 16, data: { error: CODE_ERROR(1006) } },
        { messageId: "invalidCode", line: 7, column: 61, data: { error: CODE_ERROR(1015) } },
        { messageId: "invalidCode", line: 9, column: 60, data: { error: CODE_ERROR(1004) } },
        { messageId: "invalidCode", line: 12, column: 59, data: { error: CODE_ERROR(5000) } },
      ],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean) {
    ws.close(code, reason);
  }
}`,
      output: null,
      errors: [
        {
          messageId: "forwardedCode",
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: "guardCloseCode",
              data: { guard: "code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000" },
              output: `${IMPORT}
export class Room extends DurableObject {
  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean) {
    ws.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000, reason);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // wasClean is true for a client that closed without a code, and logging the code does not check it.
      code: `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, closeCode: number, reason: string, wasClean: boolean) {
    console.log(\`closed with \${closeCode}\`, closeCode);
    if (wasClean) {
      ws.close(closeCode as number, reason);
    }
  }
}`,
      output: null,
      errors: [
        {
          messageId: "forwardedCode",
          line: 6,
          column: 16,
          suggestions: [
            {
              messageId: "guardCloseCode",
              data: { guard: "closeCode === 1000 || (closeCode >= 3000 && closeCode <= 4999) ? closeCode : 1000" },
              output: `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, closeCode: number, reason: string, wasClean: boolean) {
    console.log(\`closed with \${closeCode}\`, closeCode);
    if (wasClean) {
      ws.close(closeCode === 1000 || (closeCode >= 3000 && closeCode <= 4999) ? closeCode : 1000, reason);
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The received code passed on to every other socket, through a const alias.
      code: `${IMPORT}
export class Room extends DurableObject {
  webSocketClose = (ws: WebSocket, code: number, reason: string) => {
    const status = code;
    for (const other of this.ctx.getWebSockets()) {
      other.close(status, "The host left");
    }
  };
}`,
      output: null,
      errors: [
        {
          messageId: "forwardedCode",
          line: 6,
          column: 19,
          suggestions: [
            {
              messageId: "guardCloseCode",
              data: { guard: "status === 1000 || (status >= 3000 && status <= 4999) ? status : 1000" },
              output: `${IMPORT}
export class Room extends DurableObject {
  webSocketClose = (ws: WebSocket, code: number, reason: string) => {
    const status = code;
    for (const other of this.ctx.getWebSockets()) {
      other.close(status === 1000 || (status >= 3000 && status <= 4999) ? status : 1000, "The host left");
    }
  };
}`,
            },
          ],
        },
      ],
    },
    {
      // A check after the call does not guard it; a callback over getWebSockets() receives the same code.
      code: `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number) {
    this.ctx.getWebSockets().forEach((other) => other.close(code));
    if (code !== 1000) console.warn("unusual close");
  }
}`,
      output: null,
      errors: [
        {
          messageId: "forwardedCode",
          line: 4,
          column: 61,
          suggestions: [
            {
              messageId: "guardCloseCode",
              data: { guard: "code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000" },
              output: `${IMPORT}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number) {
    this.ctx.getWebSockets().forEach((other) => other.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000));
    if (code !== 1000) console.warn("unusual close");
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // An arrow-function field with an expression body.
      code: `${IMPORT}
export class Room extends DurableObject {
  webSocketClose = (ws: WebSocket, code: number) => ws.close(code);
}`,
      output: null,
      errors: [
        {
          messageId: "forwardedCode",
          line: 3,
          column: 62,
          suggestions: [
            {
              messageId: "guardCloseCode",
              data: { guard: "code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000" },
              output: `${IMPORT}
export class Room extends DurableObject {
  webSocketClose = (ws: WebSocket, code: number) => ws.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000);
}`,
            },
          ],
        },
      ],
    },
    {
      // An anonymous class expression, and sockets held in fields or read from a response.
      code: `${IMPORT}
export const Room = class extends DurableObject {
  upstream = new WebSocket("wss://upstream.example");
  async webSocketMessage(ws: WebSocket, message: string) {
    this.upstream.close(1005);
    const response = await fetch("https://other.example", { headers: { Upgrade: "websocket" } });
    response.webSocket?.close(1006);
    ws?.close(1015);
  }
};`,
      output: null,
      errors: [
        { messageId: "invalidCode", line: 5, column: 25, data: { error: CODE_ERROR(1005) } },
        { messageId: "invalidCode", line: 7, column: 31, data: { error: CODE_ERROR(1006) } },
        { messageId: "invalidCode", line: 8, column: 15, data: { error: CODE_ERROR(1015) } },
      ],
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketClose(ws, code, reason, wasClean) {
    ws.close(code, "Durable Object is closing WebSocket");
  }
  webSocketMessage(ws, message) {
    if (message === "quit") ws.close(1005);
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "forwardedCode",
          line: 12,
          column: 14,
          suggestions: [
            {
              messageId: "guardCloseCode",
              data: { guard: "code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000" },
              output: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketClose(ws, code, reason, wasClean) {
    ws.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000, "Durable Object is closing WebSocket");
  }
  webSocketMessage(ws, message) {
    if (message === "quit") ws.close(1005);
  }
}`,
            },
          ],
        },
        { messageId: "invalidCode", line: 15, column: 38, data: { error: CODE_ERROR(1005) } },
      ],
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, message) {
    ws.close(4000, "y".repeat(100) + "€".repeat(10));
  }
}`,
      filename: MJS_FILE,
      output: null,
      errors: [{ messageId: "reasonTooLong", line: 12, column: 20, data: { size: "130", limit: 123 } }],
    },
    {
      code: `import { Server } from "partyserver";
export class Cursors extends Server {
  static options = { hibernate: true };
  onClose(connection, code, reason) {
    connection.close(code, reason);
  }
}`,
      output: null,
      errors: [
        {
          messageId: "forwardedCode",
          line: 5,
          column: 22,
          data: { handler: "onClose" },
          suggestions: [
            {
              messageId: "guardCloseCode",
              data: { guard: "code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000" },
              output: `import { Server } from "partyserver";
export class Cursors extends Server {
  static options = { hibernate: true };
  onClose(connection, code, reason) {
    connection.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000, reason);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Agent } from "agents";
export class Assistant extends Agent {
  onConnect(connection) {
    connection.close(1005);
  }
  webSocketClose(ws, code) {
    ws.close(code);
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        { messageId: "invalidCode", line: 4, column: 22, data: { error: "Invalid WebSocket close code: 1005." } },
        {
          messageId: "forwardedCode",
          line: 7,
          column: 14,
          data: { handler: "webSocketClose" },
          suggestions: [
            {
              messageId: "guardCloseCode",
              data: { guard: "code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000" },
              output: `import { Agent } from "agents";
export class Assistant extends Agent {
  onConnect(connection) {
    connection.close(1005);
  }
  webSocketClose(ws, code) {
    ws.close(code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000);
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});

describe("closeCodeError", () => {
  /** The codes workerd accepts, swept from 0 to 5100: 1000–1003, 1007–1014, 1016–4999. */
  const acceptedInWorkerd = (code: number): boolean =>
    (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 1016 && code <= 4999);

  it("rejects exactly the integer codes workerd rejects", () => {
    const mismatches: number[] = [];
    for (let code = 0; code <= 5100; code++) {
      if ((closeCodeError(code) === undefined) !== acceptedInWorkerd(code)) {
        mismatches.push(code);
      }
    }
    expect(mismatches).toEqual([]);
    expect(closeCodeError(1005)).toBe("Invalid WebSocket close code: 1005.");
  });

  it.each([
    [65_535, "Invalid WebSocket close code: 65535."],
    [-1, "Invalid WebSocket close code: -1."],
    [999.9, "Invalid WebSocket close code: 999."],
    [Number.NaN, "Invalid WebSocket close code: 0."],
    [Number.POSITIVE_INFINITY, "Invalid WebSocket close code: 0."],
    ["abc", "Invalid WebSocket close code: 0."],
    ["", "Invalid WebSocket close code: 0."],
    [null, "Invalid WebSocket close code: 0."],
    [true, "Invalid WebSocket close code: 1."],
    [2 ** 31 - 1, "Invalid WebSocket close code: 2147483647."],
    [-(2 ** 31), "Invalid WebSocket close code: -2147483648."],
    [2 ** 31, "Value out of range. Must be between -2147483648 and 2147483647 (inclusive)."],
    [-(2 ** 31) - 1, "Value out of range. Must be between -2147483648 and 2147483647 (inclusive)."],
    [2 ** 32 + 1000, "Value out of range. Must be between -2147483648 and 2147483647 (inclusive)."],
  ])("converts %s as workerd does", (code, error) => {
    expect(closeCodeError(code)).toBe(error);
  });

  it.each([[1000.5], [4999.9], ["1000"], ["1000.5"], [undefined], [[1000]], [{}]])(
    "accepts %s, or leaves it to the runtime",
    (code) => {
      expect(closeCodeError(code)).toBeUndefined();
    },
  );
});
