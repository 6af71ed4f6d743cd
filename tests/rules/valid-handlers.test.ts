import rule from "../../src/rules/valid-handlers.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;

/** Accepts a hibernatable socket on lines 3–7; `acceptWebSocket` is at line 5, column 5. */
const FETCH = `  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }`;

/** Like FETCH, and listens for messages on the socket (lines 3–8): the object expects messages. */
const LISTENING_FETCH = `  async fetch(): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }`;

/** A hibernating Durable Object whose `members` start on line 8. */
function room(members: string): string {
  return `${IMPORT}
export class Room extends DurableObject {
${FETCH}
${members}
}`;
}

const MESSAGE_HANDLER = `  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }`;

/** A partyserver room whose `members` start on line 4. */
function cursors(members: string, options = "static options = { hibernate: true };"): string {
  return `import { Server, type Connection, type ConnectionContext } from "partyserver";
export class Cursors extends Server {
  ${options}
${members}
}`;
}

ruleTester.run("valid-handlers", rule, {
  valid: [
    // Valid because partyserver's Server defines webSocketMessage and hands the messages to onMessage.
    cursors(`  onConnect(connection: Connection, ctx: ConnectionContext) {}
  onMessage(connection: Connection<{ name: string }>, message: string) {}
  onClose(connection: Connection, code: number, reason: string, wasClean: boolean) {}
  onError(connection: Connection, error: unknown) {}`),
    // Valid because agents also calls onError with an error alone.
    `import { Agent } from "agents";
export class Assistant extends Agent {
  onError(error: string) {}
  onMessage(connection, message) {}
}`,
    // Valid because a method that takes no connection is not a misspelt handler.
    cursors(`  onMessages(messages: string[]) {}
  onOpen() {}`),
    // Valid because the misspelling is called as a helper.
    cursors(`  onMessage(connection: Connection, message: string) {
    this.onMesage(connection, message);
  }
  onMesage(connection: Connection, message: string) {}`),
    // Valid because Worker code outside any Durable Object is never called by the hibernation API.
    `
export default {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    return new Response(null, { status: 101, webSocket: client });
  },
  websocketMessage(ws: WebSocket, message: string) {},
  onMessage(ws: WebSocket, message: string) {},
};`,
    // Valid because a Durable Object that accepts with accept() does not hibernate: its listener calls onMessage.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => this.onMessage(server, event.data));
    return new Response(null, { status: 101, webSocket: client });
  }
  onMessage(ws: WebSocket, data: unknown) {
    ws.send(String(data));
  }
}`,
    // Valid because a Durable Object that accepts no hibernatable socket receives no handler calls.
    `${IMPORT}
export class Counter extends DurableObject {
  async fetch() {
    const count = ((await this.ctx.storage.get<number>("count")) ?? 0) + 1;
    await this.ctx.storage.put("count", count);
    return Response.json({ count });
  }
  onMessage(ws: WebSocket, message: string) {}
  websocketMessage(ws: WebSocket, message: string) {}
}`,
    room(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    ws.send(typeof message === "string" ? message : "binary");
  }
  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean): Promise<void> {
    ws.close(1000, "Goodbye");
  }
  async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.error(error);
  }`),
    // Valid because an object that only pushes to its clients never reads their messages: dropping them loses nothing.
    room(""),
    `${IMPORT}
export class Ticker extends DurableObject {
${FETCH}
  async alarm(): Promise<void> {
    for (const ws of this.ctx.getWebSockets()) ws.send(String(Date.now()));
    await this.ctx.storage.setAlarm(Date.now() + 60_000);
  }
  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean) {}
}`,
    // Valid because the message listener is on an outgoing socket, whose messages it does receive.
    `${IMPORT}
export class Relay extends DurableObject {
${FETCH}
  connect() {
    const feed = new WebSocket("wss://feed.example.com");
    feed.addEventListener("message", (event) => {
      for (const ws of this.ctx.getWebSockets()) ws.send(String(event.data));
    });
  }
}`,
    // Valid because the handler is inherited from a base class of the same file.
    `${IMPORT}
class EchoBase extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }
}
export class Room extends EchoBase {
${LISTENING_FETCH}
}`,
    // Valid because the runtime calls a handler stored in an arrow-function field.
    room(`  webSocketMessage = async (ws: WebSocket, message: string | ArrayBuffer) => {
    ws.send(String(message));
  };
  webSocketClose = function (ws: WebSocket, code: number) {};`),
    // Valid because onMessage is a helper that webSocketMessage calls.
    room(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    await this.onMessage(ws, String(message));
  }
  async onMessage(ws: WebSocket, text: string) {
    ws.send(text);
  }`),
    // Valid because the helper is passed on as a callback, so it does run.
    room(`${MESSAGE_HANDLER}
  async webSocketClose(ws: WebSocket, code: number) {
    this.ctx.getWebSockets().forEach(this.onClose);
  }
  onClose = (ws: WebSocket) => ws.send("someone left");`),
    // Valid because the helper is called through a type assertion on this.
    room(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === "bye") (this as Room).onClose(ws);
  }
  onClose(ws: WebSocket) {}`),
    // Valid because a private helper that webSocketMessage calls is not meant as a handler.
    room(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    this.#webSocketMesage(ws, String(message));
  }
  #webSocketMesage(ws: WebSocket, text: string) {}`),
    // Valid because the helper is taken out of this by destructuring.
    room(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    const { onMessage } = this;
    onMessage(ws, message);
  }
  onMessage(ws: WebSocket, message: string | ArrayBuffer) {}`),
    // Valid because a correctly named handler is defined too: the look-alike is a helper.
    room(`${MESSAGE_HANDLER}
  websocketMessage(ws: WebSocket, message: string) {}
  webSocketMessages(ws: WebSocket, messages: string[]) {}`),
    {
      // Valid because the imported base class may define webSocketMessage and call onMessage.
      code: `
import { Server } from "./server.js";
export class Room extends Server {
  constructor(state, env) {
    super(state, env);
    this.state = state;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
  onMessage(ws, message) {}
}`,
      filename: JS_FILE,
    },
    // Valid because a mixin may add the handler.
    `${IMPORT}
import { withEcho } from "./mixins";
export class Room extends withEcho(DurableObject) {
${LISTENING_FETCH}
}`,
    // Valid because a decorator may add the handler.
    `${IMPORT}
import { echo } from "./decorators";
@echo
export class Room extends DurableObject {
${LISTENING_FETCH}
}`,
    // Valid because a member with a computed name may be the handler.
    `${IMPORT}
const HANDLER = "webSocket" + "Message";
export class Room extends DurableObject {
${LISTENING_FETCH}
  [HANDLER](ws: WebSocket, message: string) {}
}`,
    // Valid because a computed string key names the handler exactly, and computed look-alikes are not judged.
    room(`  ["webSocketMessage"](ws: WebSocket, message: string) {}
  ["websocketClose"](ws: WebSocket) {}`),
    // Valid because the handler is installed on the instance in the constructor.
    `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    this.webSocketMessage = (ws: WebSocket, message: string | ArrayBuffer) => ws.send(String(message));
  }
${LISTENING_FETCH}
}`,
    // Valid because the handler is installed on the prototype.
    `${IMPORT}
export class Room extends DurableObject {
${LISTENING_FETCH}
}
Object.defineProperty(Room, "name", { value: "Room" });
(Room.prototype as any).webSocketMessage = function (ws: WebSocket) {};`,
    // Valid because the runtime's argument types are declared in the runtime's order.
    room(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {}
  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean) {}
  async webSocketError(ws: WebSocket, error: Error) {}`),
    // Valid because partial, loose and absent annotations do not contradict the runtime.
    room(`  async webSocketMessage(ws: any, message: string) {}
  async webSocketClose(ws: WebSocket, code: number | string, reason?: unknown, wasClean?: boolean | undefined) {}
  async webSocketError(ws: WebSocket, error: string) {}`),
    room(`  async webSocketMessage(ws: WebSocket, message: ArrayBuffer | string) {}
  async webSocketClose(ws: WebSocket, code: 1000 | 1001, reason: \`\${string}\`) {}`),
    // Valid because a rest parameter takes whatever the runtime passes.
    room(`  async webSocketMessage(...args: [WebSocket, string | ArrayBuffer]) {}
  async webSocketClose(ws: WebSocket, ...details: unknown[]) {}`),
    // Valid because TypeScript's this parameter is not an argument, and a defaulted extra parameter is harmless.
    room(`  async webSocketMessage(this: Room, ws: WebSocket, message: string | ArrayBuffer, receivedAt = Date.now()) {}`),
    // Valid because getters and setters are not methods the runtime would call by mistake.
    room(`${MESSAGE_HANDLER}
  get websocketClose() { return 1; }
  set onError(value: string) {}`),
    // Valid because a plain class that is not a Durable Object is never called by the runtime.
    `
export class Client {
  websocketMessage(ws: WebSocket, message: string) {}
  onMessage(ws: WebSocket, message: string) {}
  static webSocketMessage(ws: WebSocket) {}
  webSocketClose(ws: WebSocket, reason: string, code: number) {}
}`,
    // Valid because event-style names without a socket parameter are RPC methods other Workers call.
    room(`${MESSAGE_HANDLER}
  async onMessage(text: string) {
    for (const ws of this.ctx.getWebSockets()) ws.send(text);
  }
  async onConnect(userId: string) {}
  async onError(report: { message: string }) {}`),
    // Valid because handlers looked up by a computed name may be any of them.
    room(`  async webSocketMessage(ws: WebSocket, message: string) {
    const { type } = JSON.parse(message);
    (this as any)[\`on\${type}\`](ws);
  }
  onOpen(ws: WebSocket) {}
  onclose(ws: WebSocket) {}`),
    // Valid because the method is called from outside the class, over RPC from the same file.
    `${IMPORT}
export class Room extends DurableObject {
${FETCH}
${MESSAGE_HANDLER}
  async onClose(ws: WebSocket) {}
}
export default {
  async fetch(request: Request, env: { ROOM: DurableObjectNamespace<Room> }) {
    await env.ROOM.get(env.ROOM.idFromName("a")).onClose(null as never);
    return new Response("ok");
  },
};`,
    // Valid because an abstract base class is never instantiated; the subclass defines the handler.
    `${IMPORT}
abstract class SocketRoom extends DurableObject {
${LISTENING_FETCH}
}
export class Room extends SocketRoom {
${MESSAGE_HANDLER}
}`,
    // Valid because the local base class is checked through its subclass, which defines the handler.
    `${IMPORT}
export class SocketRoom extends DurableObject {
${LISTENING_FETCH}
}
export class Room extends SocketRoom {
${MESSAGE_HANDLER}
}`,
    // Valid because sockets accepted with accept() are not delivered to handlers; webSocketClose is dead code there.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketClose(ws: WebSocket) {}
}`,
    // Valid because a static method is fine when the instance handler of the same name exists.
    room(`${MESSAGE_HANDLER}
  static webSocketClose() {}
  webSocketClose(ws: WebSocket) {}`),
    // Valid because a static helper called by name is not meant as a handler.
    room(`${MESSAGE_HANDLER}
  static webSocketError(error: unknown) {}
  webSocketClose(ws: WebSocket) {
    Room.webSocketError(new Error("closed"));
  }`),
    {
      // Valid because the classic JavaScript form defines every handler, unannotated.
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
  webSocketMessage(ws, message) {}
  webSocketClose(ws, code, reason, wasClean) {}
  webSocketError(ws, error) {}
}`,
      filename: JS_FILE,
    },
    {
      // Valid because a misspelt handler alone does not make a Durable Object hibernate: it accepts no socket.
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    return new Response(String(await this.state.storage.get("count")));
  }
  websocketMessage(ws, message) {}
}`,
      filename: MJS_FILE,
    },
  ],
  invalid: [
    {
      // The chat room shape: a message listener on a hibernatable socket and no handler.
      code: `${IMPORT}
export class ChatRoom extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, ["chat"]);
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean) {}
}`,
      output: null,
      errors: [{ messageId: "missingMessageHandler", line: 5, column: 5 }],
    },
    {
      // The first of several accept calls.
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    const [client, server] = Object.values(new WebSocketPair());
    if (request.headers.has("x-admin")) {
      this.ctx.acceptWebSocket(server, ["admin"]);
    } else {
      this.ctx.acceptWebSocket(server);
    }
    server.onmessage = (event) => server.send(String(event.data));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [{ messageId: "missingMessageHandler", line: 6, column: 7 }],
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
    server.addEventListener("message", (event) => server.send(String(event.data)));
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketClose(ws, code, reason, wasClean) {}
}`,
      filename: JS_FILE,
      output: null,
      errors: [{ messageId: "missingMessageHandler", line: 8, column: 5 }],
    },
    {
      // The state parameter itself, inside the constructor.
      code: `
export class Room {
  constructor(state, env) {
    state.blockConcurrencyWhile(async () => {
      for (const ws of state.getWebSockets()) {
        ws.addEventListener("message", (event) => ws.send(String(event.data)));
      }
    });
    const [client, server] = Object.values(new WebSocketPair());
    state.acceptWebSocket(server);
  }
}`,
      filename: MJS_FILE,
      output: null,
      errors: [{ messageId: "missingMessageHandler", line: 10, column: 5 }],
    },
    {
      // A subclass that accepts through its local base class is reported on its name.
      code: `${IMPORT}
class SocketRoom extends DurableObject {
${LISTENING_FETCH}
}
export class Room extends SocketRoom {
  async webSocketClose(ws: WebSocket) {}
}`,
      output: null,
      errors: [{ messageId: "missingMessageHandler", line: 10, column: 14 }],
    },
    {
      code: `${IMPORT}
class SocketRoom extends DurableObject {
${LISTENING_FETCH}
}
export default class extends SocketRoom {}`,
      output: null,
      errors: [{ messageId: "missingMessageHandler", line: 10, column: 16 }],
    },
    {
      code: `
export class Room implements DurableObject {
  constructor(private readonly state: DurableObjectState) {}
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    server.onmessage = (event) => server.send(String(event.data));
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [{ messageId: "missingMessageHandler", line: 6, column: 5 }],
    },
    {
      // A case-only typo of webSocketMessage: the message handler is reported once, as misspelt.
      code: room(`  async websocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }`),
      output: null,
      errors: [
        {
          messageId: "misspeltHandler",
          data: { name: "websocketMessage", handler: "webSocketMessage" },
          line: 8,
          column: 9,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "websocketMessage", handler: "webSocketMessage" },
              output: room(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }`),
            },
          ],
        },
      ],
    },
    {
      code: room(`${MESSAGE_HANDLER}
  WebSocketClose(ws: WebSocket, code: number) {}
  webSocketErrors(ws: WebSocket, error: unknown) {}`),
      output: null,
      errors: [
        {
          messageId: "misspeltHandler",
          data: { name: "WebSocketClose", handler: "webSocketClose" },
          line: 11,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "WebSocketClose", handler: "webSocketClose" },
              output: room(`${MESSAGE_HANDLER}
  webSocketClose(ws: WebSocket, code: number) {}
  webSocketErrors(ws: WebSocket, error: unknown) {}`),
            },
          ],
        },
        {
          messageId: "misspeltHandler",
          data: { name: "webSocketErrors", handler: "webSocketError" },
          line: 12,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "webSocketErrors", handler: "webSocketError" },
              output: room(`${MESSAGE_HANDLER}
  WebSocketClose(ws: WebSocket, code: number) {}
  webSocketError(ws: WebSocket, error: unknown) {}`),
            },
          ],
        },
      ],
    },
    {
      // Typos within two edits: a missing letter, a swap, an extra letter.
      code: room(`  webSocketMesage(ws: WebSocket, message: string) {}
  webSocketCloes(ws: WebSocket) {}
  webSocketClosed(ws: WebSocket) {}`),
      output: null,
      errors: [
        {
          messageId: "misspeltHandler",
          data: { name: "webSocketMesage", handler: "webSocketMessage" },
          line: 8,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "webSocketMesage", handler: "webSocketMessage" },
              output: room(`  webSocketMessage(ws: WebSocket, message: string) {}
  webSocketCloes(ws: WebSocket) {}
  webSocketClosed(ws: WebSocket) {}`),
            },
          ],
        },
        {
          messageId: "misspeltHandler",
          data: { name: "webSocketCloes", handler: "webSocketClose" },
          line: 9,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "webSocketCloes", handler: "webSocketClose" },
              output: room(`  webSocketMesage(ws: WebSocket, message: string) {}
  webSocketClose(ws: WebSocket) {}
  webSocketClosed(ws: WebSocket) {}`),
            },
          ],
        },
        {
          messageId: "misspeltHandler",
          data: { name: "webSocketClosed", handler: "webSocketClose" },
          line: 10,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "webSocketClosed", handler: "webSocketClose" },
              output: room(`  webSocketMesage(ws: WebSocket, message: string) {}
  webSocketCloes(ws: WebSocket) {}
  webSocketClose(ws: WebSocket) {}`),
            },
          ],
        },
      ],
    },
    {
      // Event-style names of other APIs, with a socket as the first parameter.
      code: room(`  onMessage(ws: WebSocket, message: string | ArrayBuffer) {}
  onclose(connection, code: number) {}`),
      output: null,
      errors: [
        {
          messageId: "misspeltHandler",
          data: { name: "onMessage", handler: "webSocketMessage" },
          line: 8,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "onMessage", handler: "webSocketMessage" },
              output: room(`  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {}
  onclose(connection, code: number) {}`),
            },
          ],
        },
        {
          messageId: "misspeltHandler",
          data: { name: "onclose", handler: "webSocketClose" },
          line: 9,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "onclose", handler: "webSocketClose" },
              output: room(`  onMessage(ws: WebSocket, message: string | ArrayBuffer) {}
  webSocketClose(connection, code: number) {}`),
            },
          ],
        },
      ],
    },
    {
      // An arrow-function field and a quoted key.
      code: room(`  websocketMessage = (ws: WebSocket, message: string) => ws.send(message);
  "onError"(ws: WebSocket, error: unknown) {}`),
      output: null,
      errors: [
        {
          messageId: "misspeltHandler",
          data: { name: "websocketMessage", handler: "webSocketMessage" },
          line: 8,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "websocketMessage", handler: "webSocketMessage" },
              output: room(`  webSocketMessage = (ws: WebSocket, message: string) => ws.send(message);
  "onError"(ws: WebSocket, error: unknown) {}`),
            },
          ],
        },
        {
          messageId: "misspeltHandler",
          data: { name: "onError", handler: "webSocketError" },
          line: 9,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "onError", handler: "webSocketError" },
              output: room(`  websocketMessage = (ws: WebSocket, message: string) => ws.send(message);
  "webSocketError"(ws: WebSocket, error: unknown) {}`),
            },
          ],
        },
      ],
    },
    {
      // A private method is not a property of the object, so the runtime cannot call it.
      code: room(`  async #webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {}`),
      output: null,
      errors: [
        {
          messageId: "misspeltHandler",
          data: { name: "#webSocketMessage", handler: "webSocketMessage" },
          line: 8,
          column: 9,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "#webSocketMessage", handler: "webSocketMessage" },
              output: room(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {}`),
            },
          ],
        },
      ],
    },
    {
      // Overloads share one name, so renaming a single declaration is not offered.
      code: room(`  websocketMessage(ws: WebSocket, message: string): void;
  websocketMessage(ws: WebSocket, message: ArrayBuffer): void;
  websocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {}`),
      output: null,
      errors: [
        {
          messageId: "misspeltHandler",
          data: { name: "websocketMessage", handler: "webSocketMessage" },
          line: 8,
          column: 3,
          suggestions: [],
        },
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
  websocketMessage(ws, message) {}
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "misspeltHandler",
          data: { name: "websocketMessage", handler: "webSocketMessage" },
          line: 11,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "websocketMessage", handler: "webSocketMessage" },
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
  webSocketMessage(ws, message) {}
}`,
            },
          ],
        },
      ],
    },
    {
      // A look-alike in a subclass whose local base class accepts.
      code: `${IMPORT}
class SocketRoom extends DurableObject {
${FETCH}
}
export class Room extends SocketRoom {
  onMessage(ws: WebSocket, message: string) {}
}`,
      output: null,
      errors: [
        {
          messageId: "misspeltHandler",
          data: { name: "onMessage", handler: "webSocketMessage" },
          line: 10,
          column: 3,
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "onMessage", handler: "webSocketMessage" },
              output: `${IMPORT}
class SocketRoom extends DurableObject {
${FETCH}
}
export class Room extends SocketRoom {
  webSocketMessage(ws: WebSocket, message: string) {}
}`,
            },
          ],
        },
      ],
    },
    {
      // There is no open event: the connection is made in fetch().
      code: room(`${MESSAGE_HANDLER}
  webSocketOpen(ws: WebSocket) {
    ws.send("welcome");
  }
  onConnect(connection) {}`),
      output: null,
      errors: [
        { messageId: "noOpenEvent", data: { name: "webSocketOpen" }, line: 11, column: 3 },
        { messageId: "noOpenEvent", data: { name: "onConnect" }, line: 14, column: 3 },
      ],
    },
    {
      // A static handler: the message handler is reported once, as static.
      code: room(`  static async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {}`),
      output: null,
      errors: [
        {
          messageId: "staticHandler",
          data: { name: "webSocketMessage" },
          line: 8,
          column: 16,
          suggestions: [
            {
              messageId: "makeInstanceMethod",
              data: { name: "webSocketMessage" },
              output: room(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {}`),
            },
          ],
        },
      ],
    },
    {
      code: room(`${MESSAGE_HANDLER}
  public static webSocketClose = (ws: WebSocket) => {};`),
      output: null,
      errors: [
        {
          messageId: "staticHandler",
          data: { name: "webSocketClose" },
          line: 11,
          column: 17,
          suggestions: [
            {
              messageId: "makeInstanceMethod",
              data: { name: "webSocketClose" },
              output: room(`${MESSAGE_HANDLER}
  public webSocketClose = (ws: WebSocket) => {};`),
            },
          ],
        },
      ],
    },
    {
      code: room(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer, sender: string) {}`),
      output: null,
      errors: [
        {
          messageId: "tooManyParameters",
          data: { handler: "webSocketMessage", signature: "(ws, message)", parameter: "sender" },
          line: 8,
          column: 72,
        },
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
  webSocketMessage(ws, message) {}
  webSocketClose(ws, code, reason, wasClean, { id }) {}
  webSocketError(ws, error, context) {}
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "tooManyParameters",
          data: { handler: "webSocketClose", signature: "(ws, code, reason, wasClean)", parameter: "parameter 5" },
          line: 12,
          column: 46,
        },
        {
          messageId: "tooManyParameters",
          data: { handler: "webSocketError", signature: "(ws, error)", parameter: "context" },
          line: 13,
          column: 29,
        },
      ],
    },
    {
      // Reason and code swapped.
      code: room(`${MESSAGE_HANDLER}
  async webSocketClose(ws: WebSocket, reason: string, code: number) {}`),
      output: null,
      errors: [
        {
          messageId: "wrongParameterType",
          data: {
            handler: "webSocketClose",
            signature: "(ws, code, reason, wasClean)",
            parameter: "reason",
            value: "close code",
            expected: "number",
            declared: "string",
          },
          line: 11,
          column: 39,
        },
      ],
    },
    {
      // The socket comes first.
      code: room(`  async webSocketMessage(message: string, ws: WebSocket) {}`),
      output: null,
      errors: [
        {
          messageId: "wrongParameterType",
          data: {
            handler: "webSocketMessage",
            signature: "(ws, message)",
            parameter: "message",
            value: "socket",
            expected: "WebSocket",
            declared: "string",
          },
          line: 8,
          column: 26,
        },
      ],
    },
    {
      code: room(`${MESSAGE_HANDLER}
  webSocketClose = async (ws: WebSocket, code: string | boolean) => {};
  async webSocketError(error: Error, ws: WebSocket) {}`),
      output: null,
      errors: [
        {
          messageId: "wrongParameterType",
          data: {
            handler: "webSocketClose",
            signature: "(ws, code, reason, wasClean)",
            parameter: "code",
            value: "close code",
            expected: "number",
            declared: "string | boolean",
          },
          line: 11,
          column: 42,
        },
        {
          messageId: "wrongParameterType",
          data: {
            handler: "webSocketError",
            signature: "(ws, error)",
            parameter: "ws",
            value: "error",
            expected: "unknown",
            declared: "WebSocket",
          },
          line: 12,
          column: 38,
        },
      ],
    },
    {
      code: room(`${MESSAGE_HANDLER}
  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: number = 0) {}`),
      output: null,
      errors: [
        {
          messageId: "wrongParameterType",
          data: {
            handler: "webSocketClose",
            signature: "(ws, code, reason, wasClean)",
            parameter: "wasClean",
            value: "clean-close flag",
            expected: "boolean",
            declared: "number",
          },
          line: 11,
          column: 69,
        },
      ],
    },
    {
      code: cursors(`  onMesage(connection: Connection, message: string) {}
  onopen(connection) {}
  "onclose"(conn, code) {}`),
      output: null,
      errors: [
        {
          messageId: "misspeltConnectionHandler",
          line: 4,
          column: 3,
          data: { framework: "partyserver", name: "onMesage", handler: "onMessage" },
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "onMesage", handler: "onMessage" },
              output: cursors(`  onMessage(connection: Connection, message: string) {}
  onopen(connection) {}
  "onclose"(conn, code) {}`),
            },
          ],
        },
        {
          messageId: "misspeltConnectionHandler",
          line: 5,
          column: 3,
          data: { framework: "partyserver", name: "onopen", handler: "onConnect" },
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "onopen", handler: "onConnect" },
              output: cursors(`  onMesage(connection: Connection, message: string) {}
  onConnect(connection) {}
  "onclose"(conn, code) {}`),
            },
          ],
        },
        {
          messageId: "misspeltConnectionHandler",
          line: 6,
          column: 3,
          data: { framework: "partyserver", name: "onclose", handler: "onClose" },
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "onclose", handler: "onClose" },
              output: cursors(`  onMesage(connection: Connection, message: string) {}
  onopen(connection) {}
  "onClose"(conn, code) {}`),
            },
          ],
        },
      ],
    },
    {
      code: cursors(
        `  onMessage(message: string, connection: Connection) {}
  onClose(connection: Connection, reason: string) {}
  onConnect(connection: Connection, ctx: ConnectionContext, extra: string) {}`,
        "",
      ),
      output: null,
      errors: [
        {
          messageId: "wrongParameterType",
          line: 4,
          column: 13,
          data: {
            handler: "onMessage",
            signature: "(connection, message)",
            parameter: "message",
            value: "connection",
            expected: "Connection",
            declared: "string",
          },
        },
        {
          messageId: "wrongParameterType",
          line: 5,
          column: 35,
          data: {
            handler: "onClose",
            signature: "(connection, code, reason, wasClean)",
            parameter: "reason",
            value: "close code",
            expected: "number",
            declared: "string",
          },
        },
        {
          messageId: "tooManyParameters",
          line: 6,
          column: 61,
          data: { handler: "onConnect", signature: "(connection, ctx)", parameter: "extra" },
        },
      ],
    },
    {
      code: `import { Agent } from "agents";
export class Assistant extends Agent {
  onMessage(connection, message, extra) {}
}
export class Helper extends Agent {
  onMesage(connection, message) {}
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "tooManyParameters",
          line: 3,
          column: 34,
          data: { handler: "onMessage", signature: "(connection, message)", parameter: "extra" },
        },
        {
          messageId: "misspeltConnectionHandler",
          line: 6,
          column: 3,
          data: { framework: "`agents`", name: "onMesage", handler: "onMessage" },
          suggestions: [
            {
              messageId: "renameHandler",
              data: { name: "onMesage", handler: "onMessage" },
              output: `import { Agent } from "agents";
export class Assistant extends Agent {
  onMessage(connection, message, extra) {}
}
export class Helper extends Agent {
  onMessage(connection, message) {}
}`,
            },
          ],
        },
      ],
    },
  ],
});
