import rule from "../../src/rules/no-unguarded-broadcast.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;
const GET_WEB_SOCKETS = { collection: "`getWebSockets()`" };
const CLOSE_HANDLER = { collection: "`getWebSockets()`", handler: "webSocketClose" };

/** A hibernating object whose `webSocketClose()` closes its socket and then runs `body`. */
function leaving(body: string, extra = ""): string {
  return `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
  webSocketClose(ws: WebSocket, code: number) {
    ws.close(1000, "bye");
${body}
  }${extra}
}`;
}

/** A hibernating object that closes sockets in `webSocketMessage()` ("kick") and broadcasts with `body`. */
function kicking(body: string, extra = ""): string {
  return `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    if (message === "kick") {
      for (const other of this.ctx.getWebSockets("muted")) other.close(4000, "kicked");
    }
${body}
  }${extra}
}`;
}

/** A hibernating object whose `fetch()` closes the connection a user had before, and whose `alarm()` runs `body`. */
function replacing(body: string): string {
  return `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const user = new URL(request.url).searchParams.get("user") ?? "";
    this.ctx.getWebSockets(user).forEach((old) => old.close(4001, "replaced"));
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, [user]);
    return new Response(null, { status: 101, webSocket: client });
  }
  async alarm() {
    const sockets = this.ctx.getWebSockets();
${body}
  }
}`;
}

/** The suggestion that puts the send to `socket` under a readyState test, giving `output`. */
function skipClosed(output: string, socket = "socket") {
  return [{ messageId: "skipClosedSocket" as const, data: { socket }, output }];
}

/**
 * An invalid case with one report at `line`:`column`; `suggested` is the whole output of the
 * suggestion (the code with `before` replaced by `after`), or null when none is offered.
 */
function reported(
  code: string,
  line: number,
  column: number,
  messageId: "closedInHandler" | "closedSocket",
  data: Record<string, string>,
  suggested: { before: string; after: string; socket?: string } | null,
  filename?: string,
) {
  if (suggested && !code.includes(suggested.before)) {
    throw new Error(`the case does not contain ${suggested.before}`);
  }
  return {
    code,
    ...(filename === undefined ? {} : { filename }),
    errors: [
      {
        messageId,
        line,
        column,
        data,
        suggestions: suggested
          ? skipClosed(code.replace(suggested.before, suggested.after), suggested.socket)
          : [],
      },
    ],
    output: null,
  };
}

const GUARD = "if (socket.readyState === WebSocket.OPEN) ";

const USERS = `${IMPORT}
export class Room extends DurableObject {
  users = new Map<string, WebSocket>();
  webSocketMessage(ws: WebSocket, message: string) {
    this.users.set(message, ws);
    for (const socket of this.users.values()) socket.send(message);
    for (const [, socket] of this.users) socket.send(message);
  }
  webSocketClose(ws: WebSocket) {
    ws.close(1000);
  }
}`;

ruleTester.run("no-unguarded-broadcast", rule, {
  valid: [
    // Valid because the Worker's fetch handler is outside every Durable Object.
    `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    ws.close(1000);
  }
}
export default {
  async fetch(request: Request, env: { SOCKETS: WebSocket[] }) {
    for (const ws of env.SOCKETS) ws.send("hi");
    return new Response("ok");
  },
};`,
    // Valid because an object that never closes a socket cannot meet one that throws: sockets the client closed accept send().
    `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    for (const socket of this.ctx.getWebSockets()) socket.send(message);
  }
  webSocketClose(ws: WebSocket) {
    this.ctx.getWebSockets().forEach((socket) => socket.send("someone left"));
  }
}`,
    // Valid because the broadcast runs before webSocketClose() closes its socket, and the message handler's loop never meets a socket closed there.
    leaving(
      "",
      `
  broadcast(text: string) {
    for (const socket of this.ctx.getWebSockets()) socket.send(text);
  }
  webSocketError(ws: WebSocket) {
    this.broadcast("error");
  }
  alarm() {
    this.broadcast("tick");
  }`,
    ).replace(`    ws.close(1000, "bye");\n`, `    this.broadcast("left");\n    ws.close(1000, "bye");\n`),
    // Valid because a readyState test guards each send: if, early continue, &&, ||, a ternary, a numeric state.
    leaving(`    for (const socket of this.ctx.getWebSockets()) {
      if (socket.readyState === WebSocket.OPEN) socket.send("a");
    }
    for (const socket of this.ctx.getWebSockets()) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      socket.send("b");
    }
    this.ctx.getWebSockets().forEach((socket) => socket.readyState === 1 && socket.send("c"));
    this.ctx.getWebSockets().forEach((socket) => {
      if (socket.readyState !== 1) return;
      socket.send("d");
    });
    this.ctx.getWebSockets().map((socket) => (socket.readyState !== WebSocket.OPEN || socket.send("e")));
    for (const socket of this.ctx.getWebSockets()) socket.readyState === WebSocket.OPEN ? socket.send("f") : undefined;`),
    // Valid because each send is inside a try with a catch, within the loop.
    leaving(`    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send("a");
      } catch {
        // The socket is closing.
      }
    }
    this.ctx.getWebSockets().forEach((socket) => {
      try { socket.send("b"); } catch (error) { console.warn(error); }
    });`),
    // Valid because the loop filters out sockets that are not OPEN first.
    leaving(`    this.ctx
      .getWebSockets()
      .filter((socket) => socket.readyState === WebSocket.OPEN)
      .forEach((socket) => socket.send("left"));
    const open = this.ctx.getWebSockets().filter(isOpen);
    for (const socket of open) socket.send("left");`).replace(
      `export class Room`,
      `function isOpen(ws: WebSocket): boolean {
  return ws.readyState === WebSocket.OPEN;
}
export class Room`,
    ),
    // Valid because a helper of the file that reads readyState decides whether to send.
    leaving(
      `    for (const socket of this.ctx.getWebSockets()) {
      if (!this.isOpen(socket)) continue;
      socket.send("left");
    }`,
      `
  isOpen(socket: WebSocket) {
    return socket.readyState === WebSocket.OPEN;
  }`,
    ),
    // Valid because an async callback turns the throw into a rejected promise: the loop goes on.
    leaving(`    await Promise.allSettled(this.ctx.getWebSockets().map(async (socket) => socket.send("left")));`).replace(
      "webSocketClose(ws",
      "async webSocketClose(ws",
    ),
    // Valid because the send runs later, in a function the loop only schedules: it cannot stop the loop.
    leaving(`    for (const socket of this.ctx.getWebSockets()) {
      queueMicrotask(() => socket.send("left"));
    }`),
    // Valid because a single send to the handler's own socket is not a broadcast.
    kicking(`    ws.send("done");`),
    // Valid because the loop's try around send() catches the error of the closed socket.
    kicking(`    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(message);
      } catch {
        socket.close(1011, "gone");
      }
    }`),
    // Valid because the loop variable is not the socket: the send goes to the sender each time.
    kicking(`    for (const socket of this.ctx.getWebSockets()) ws.send(String(socket.readyState));`),
    // Valid because an object that does not hibernate is reported by no-standard-accept instead.
    `${IMPORT}
export class Room extends DurableObject {
  sockets = new Set<WebSocket>();
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    this.sockets.add(server);
    server.addEventListener("close", () => {
      server.close(1000);
      for (const socket of this.sockets) socket.send("left");
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because the outgoing sockets the object keeps are not the sockets it closes.
    `${IMPORT}
export class Room extends DurableObject {
  upstreams: WebSocket[] = [];
  webSocketMessage(ws: WebSocket, message: string) {
    const upstream = new WebSocket("wss://example.com");
    this.upstreams.push(upstream);
    for (const socket of this.upstreams) socket.send(message);
  }
  webSocketClose(ws: WebSocket) {
    ws.close(1000);
    for (const socket of this.upstreams) socket.send("left");
  }
}`,
    // Valid because the map loses the socket before webSocketClose() closes it, and the broadcast comes after.
    `${IMPORT}
export class Room extends DurableObject {
  sessions = new Map<WebSocket, string>();
  webSocketMessage(ws: WebSocket, message: string) {
    this.sessions.set(ws, message);
  }
  webSocketClose(ws: WebSocket) {
    this.forget(ws);
    ws.close(1000);
    this.sessions.forEach((name, socket) => socket.send(name + " left"));
  }
  forget(ws: WebSocket) {
    this.sessions.delete(ws);
  }
}`,
    // Valid because webSocketClose() takes the socket out of the map before closing it, so the broadcasts never meet it.
    `${IMPORT}
export class Room extends DurableObject {
  sessions = new Map<WebSocket, string>();
  webSocketMessage(ws: WebSocket, message: string) {
    this.sessions.set(ws, message);
    this.sessions.forEach((name, socket) => socket.send(name));
  }
  webSocketClose(ws: WebSocket) {
    this.sessions.delete(ws);
    ws.close(1000);
    for (const socket of this.sessions.keys()) socket.send("left");
  }
}`,
    // Valid because a Worker-side class that only looks like a broadcaster is not a Durable Object.
    {
      filename: JS_FILE,
      code: `
export class Fanout {
  constructor(sockets) {
    this.sockets = sockets;
  }
  close(ws) {
    ws.close(1000);
    for (const socket of this.sockets) socket.send("left");
  }
}`,
    },
    // Valid because the loop closes the sockets rather than sending to them.
    kicking(`    for (const socket of this.ctx.getWebSockets()) socket.close(1000, "closing");`),
    {
      // Valid because the classic JavaScript form guards its broadcast too.
      filename: JS_FILE,
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async webSocketMessage(ws, message) {
    for (const socket of this.state.getWebSockets()) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      socket.send(message);
    }
  }
  async webSocketClose(ws, code) {
    ws.close(1000, "bye");
    this.state.getWebSockets().forEach((socket) => socket.readyState === WebSocket.OPEN && socket.send("left"));
  }
}`,
    },
    // Valid because code the rule cannot follow stays silent: computed members, destructured loop bindings, a classic for loop.
    leaving(`    const sockets = this.ctx.getWebSockets();
    for (let index = 0; index < sockets.length; index++) sockets[index].send("left");
    for (const { socket } of this.ctx.getWebSockets().map((socket) => ({ socket }))) socket.send("left");
    this["ctx"].getWebSockets().forEach(function (this: unknown) {});`),
  ],
  invalid: [
    {
      code: leaving(`    for (const socket of this.ctx.getWebSockets()) {
      socket.send("left");
    }`),
      errors: [
        {
          messageId: "closedInHandler",
          line: 9,
          column: 7,
          data: CLOSE_HANDLER,
          suggestions: [
            {
              messageId: "skipClosedSocket",
              data: { socket: "socket" },
              output: leaving(`    for (const socket of this.ctx.getWebSockets()) {
      if (socket.readyState === WebSocket.OPEN) socket.send("left");
    }`),
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The classic case: "X left" through a method that webSocketClose() calls after closing.
      code: leaving(
        `    this.broadcast("left");`,
        `
  broadcast(text: string) {
    this.ctx.getWebSockets().forEach((socket) => socket.send(text));
  }`,
      ),
      errors: [
        {
          messageId: "closedInHandler",
          line: 11,
          column: 50,
          data: CLOSE_HANDLER,
          suggestions: [
            {
              messageId: "skipClosedSocket",
              data: { socket: "socket" },
              output: leaving(
                `    this.broadcast("left");`,
                `
  broadcast(text: string) {
    this.ctx.getWebSockets().forEach((socket) => { if (socket.readyState === WebSocket.OPEN) socket.send(text); });
  }`,
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Through a module-level function called from a method called from the handler.
      code: `${IMPORT}
function sendAll(sockets: WebSocket[], text: string) {
  for (const socket of sockets) socket.send(text);
}
function announce(ctx: DurableObjectState, text: string) {
  ctx.getWebSockets().map((socket) => socket.send(text));
}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number) {
    ws.close(1000);
    this.leave();
  }
  leave() {
    announce(this.ctx, "left");
  }
}`,
      errors: [
        {
          messageId: "closedInHandler",
          line: 6,
          column: 39,
          data: CLOSE_HANDLER,
          suggestions: [
            {
              messageId: "skipClosedSocket",
              data: { socket: "socket" },
              output: `${IMPORT}
function sendAll(sockets: WebSocket[], text: string) {
  for (const socket of sockets) socket.send(text);
}
function announce(ctx: DurableObjectState, text: string) {
  ctx.getWebSockets().map((socket) => { if (socket.readyState === WebSocket.OPEN) socket.send(text); });
}
export class Room extends DurableObject {
  webSocketClose(ws: WebSocket, code: number) {
    ws.close(1000);
    this.leave();
  }
  leave() {
    announce(this.ctx, "left");
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // A socket closed outside the handler stays listed until its client answers: every broadcast can meet it.
      code: kicking(`    for (const socket of this.ctx.getWebSockets()) {
      if (socket !== ws) socket.send(message);
    }`),
      errors: [
        {
          messageId: "closedSocket",
          line: 8,
          column: 26,
          data: GET_WEB_SOCKETS,
          suggestions: [
            {
              messageId: "skipClosedSocket",
              data: { socket: "socket" },
              output: kicking(`    for (const socket of this.ctx.getWebSockets()) {
      if (socket !== ws) if (socket.readyState === WebSocket.OPEN) socket.send(message);
    }`),
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Closing in fetch (a replaced connection), broadcasting in alarm(), through a const, a filter that is not on readyState, a spread and Array.from.
      code: replacing(`    for (const socket of sockets.filter((socket) => socket !== undefined)) socket.send("tick");
    for (const socket of [...sockets]) socket.send("tock");
    Array.from(sockets).forEach((socket) => socket.send("tack"));`),
      errors: [
        {
          messageId: "closedSocket",
          line: 12,
          column: 76,
          data: GET_WEB_SOCKETS,
          suggestions: [
            {
              messageId: "skipClosedSocket",
              data: { socket: "socket" },
              output: replacing(`    for (const socket of sockets.filter((socket) => socket !== undefined)) if (socket.readyState === WebSocket.OPEN) socket.send("tick");
    for (const socket of [...sockets]) socket.send("tock");
    Array.from(sockets).forEach((socket) => socket.send("tack"));`),
            },
          ],
        },
        {
          messageId: "closedSocket",
          line: 13,
          column: 40,
          data: GET_WEB_SOCKETS,
          suggestions: [
            {
              messageId: "skipClosedSocket",
              data: { socket: "socket" },
              output: replacing(`    for (const socket of sockets.filter((socket) => socket !== undefined)) socket.send("tick");
    for (const socket of [...sockets]) if (socket.readyState === WebSocket.OPEN) socket.send("tock");
    Array.from(sockets).forEach((socket) => socket.send("tack"));`),
            },
          ],
        },
        {
          messageId: "closedSocket",
          line: 14,
          column: 45,
          data: GET_WEB_SOCKETS,
          suggestions: [
            {
              messageId: "skipClosedSocket",
              data: { socket: "socket" },
              output: replacing(`    for (const socket of sockets.filter((socket) => socket !== undefined)) socket.send("tick");
    for (const socket of [...sockets]) socket.send("tock");
    Array.from(sockets).forEach((socket) => { if (socket.readyState === WebSocket.OPEN) socket.send("tack"); });`),
            },
          ],
        },
      ],
      output: null,
    },
    // A Map of sessions that nothing removes from: a socket webSocketClose() closed stays in it for good.
    ...[
      "this.sessions.forEach((name, socket) => socket.send(message));",
      "for (const [socket, name] of this.sessions) socket.send(name);",
      "for (const socket of this.sessions.keys()) socket.send(message);",
      "for (const [socket] of this.sessions.entries()) socket.send(message);",
    ].map((loop) => {
      const code = `${IMPORT}
export class Room extends DurableObject {
  sessions = new Map<WebSocket, string>();
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    this.sessions.set(server, "guest");
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {
    ${loop}
  }
  webSocketClose(ws: WebSocket) {
    ws.close(1000);
  }
}`;
      const send = loop.slice(loop.indexOf("socket.send"), loop.lastIndexOf(")") + (loop.endsWith("));") ? 0 : 1));
      const after = loop.startsWith("this.sessions.forEach")
        ? loop.replace(send, `{ ${GUARD}${send}; }`)
        : loop.replace(`${send};`, `${GUARD}${send};`);
      return reported(code, 11, 5 + loop.indexOf("socket.send"), "closedSocket", { collection: "`this.sessions`" }, {
        before: loop,
        after,
      });
    }),
    // A Set and an array of sockets, filled when clients connect, never emptied; the object kicks in webSocketMessage().
    reported(
      `${IMPORT}
export class Room extends DurableObject {
  sockets = new Set<WebSocket>();
  list: WebSocket[] = [];
  webSocketMessage(ws: WebSocket, message: string) {
    this.sockets.add(ws);
    this.list.push(ws);
    if (message === "bye") ws.close(1000);
    for (const socket of this.sockets) socket.send(message);
  }
}`,
      9,
      40,
      "closedSocket",
      { collection: "`this.sockets`" },
      { before: "for (const socket of this.sockets) socket.send", after: `for (const socket of this.sockets) ${GUARD}socket.send` },
    ),
    reported(
      `${IMPORT}
export class Room extends DurableObject {
  list: WebSocket[] = [];
  webSocketMessage(ws: WebSocket, message: string) {
    this.list.push(ws);
    if (message === "bye") ws.close(1000);
    this.list.forEach((socket) => {
      socket.send(message);
    });
  }
}`,
      8,
      7,
      "closedSocket",
      { collection: "`this.list`" },
      { before: "      socket.send(message);", after: `      ${GUARD}socket.send(message);` },
    ),
    {
      // A Map from user to socket: its values are the sockets.
      code: USERS,
      errors: [
        {
          messageId: "closedSocket",
          line: 6,
          column: 47,
          data: { collection: "`this.users`" },
          suggestions: skipClosed(USERS.replace("values()) socket.send", `values()) ${GUARD}socket.send`)),
        },
        {
          messageId: "closedSocket",
          line: 7,
          column: 42,
          data: { collection: "`this.users`" },
          suggestions: skipClosed(USERS.replace("this.users) socket.send", `this.users) ${GUARD}socket.send`)),
        },
      ],
      output: null,
    },
    // The broadcast in webSocketClose() comes after the close and before the socket leaves the map.
    reported(
      `${IMPORT}
export class Room extends DurableObject {
  sessions = new Map<WebSocket, string>();
  webSocketMessage(ws: WebSocket, message: string) {
    this.sessions.set(ws, message);
    this.sessions.forEach((name, socket) => socket.send(name));
  }
  webSocketClose(ws: WebSocket) {
    ws.close(1000);
    this.broadcast();
    this.sessions.delete(ws);
  }
  broadcast() {
    for (const socket of this.sessions.keys()) {
      socket.send("left");
    }
  }
}`,
      15,
      7,
      "closedInHandler",
      { collection: "`this.sessions`", handler: "webSocketClose" },
      { before: `      socket.send("left");`, after: `      ${GUARD}socket.send("left");` },
    ),
    // webSocketError() closing its socket then broadcasting, with a try that has no catch.
    reported(
      `${IMPORT}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {}
  webSocketError(ws: WebSocket, error: unknown) {
    ws.close(1011, "error");
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send("error");
      } finally {
        console.log("sent");
      }
    }
  }
}`,
      8,
      9,
      "closedInHandler",
      { collection: "`getWebSockets()`", handler: "webSocketError" },
      { before: `        socket.send("error");`, after: `        ${GUARD}socket.send("error");` },
    ),
    // A try around the whole loop does not keep the loop going.
    reported(
      leaving(`    try {
      for (const socket of this.ctx.getWebSockets()) socket.send("left");
    } catch {}`),
      9,
      54,
      "closedInHandler",
      CLOSE_HANDLER,
      { before: `) socket.send("left")`, after: `) ${GUARD}socket.send("left")` },
    ),
    // A readyState test of another socket, or after the send, does not guard it.
    reported(
      leaving(`    for (const socket of this.ctx.getWebSockets()) {
      if (ws.readyState === WebSocket.CLOSING) socket.send("left");
      console.log(socket.readyState);
    }`),
      9,
      48,
      "closedInHandler",
      CLOSE_HANDLER,
      {
        before: `if (ws.readyState === WebSocket.CLOSING) socket.send("left");`,
        after: `if (ws.readyState === WebSocket.CLOSING) ${GUARD}socket.send("left");`,
      },
    ),
    // A type assertion and an optional call on the loop variable; a send inside an expression gets no suggestion.
    reported(
      leaving(`    this.ctx.getWebSockets().forEach((socket) => (socket as WebSocket).send("left"));`),
      8,
      50,
      "closedInHandler",
      CLOSE_HANDLER,
      {
        before: `(socket as WebSocket).send("left"))`,
        after: `{ ${GUARD}(socket as WebSocket).send("left"); })`,
      },
    ),
    reported(
      leaving(`    for (const socket of this.ctx.getWebSockets()) socket?.send("left");`),
      8,
      52,
      "closedInHandler",
      CLOSE_HANDLER,
      { before: `) socket?.send("left");`, after: `) ${GUARD}socket?.send("left");` },
    ),
    reported(
      leaving(`    for (const socket of this.ctx.getWebSockets()) console.log(socket.send("left"));`),
      8,
      64,
      "closedInHandler",
      CLOSE_HANDLER,
      null,
    ),
    // An if statement with an else, and a switch case.
    reported(
      leaving(`    for (const socket of this.ctx.getWebSockets()) {
      if (socket === ws) console.log("self");
      else socket.send("left");
    }`),
      10,
      12,
      "closedInHandler",
      CLOSE_HANDLER,
      { before: `else socket.send("left");`, after: `else ${GUARD}socket.send("left");` },
    ),
    reported(
      leaving(`    for (const socket of this.ctx.getWebSockets()) {
      if (socket === ws) socket.send("self");
      else console.log("other");
    }`),
      9,
      26,
      "closedInHandler",
      CLOSE_HANDLER,
      null,
    ),
    reported(
      leaving(`    for (const socket of this.ctx.getWebSockets()) {
      switch (code) {
        case 1000:
          socket.send("left");
          break;
      }
    }`),
      11,
      11,
      "closedInHandler",
      CLOSE_HANDLER,
      { before: `          socket.send("left");`, after: `          ${GUARD}socket.send("left");` },
    ),
    // A file that declares its own WebSocket gets no suggestion: WebSocket.OPEN would be that one's.
    reported(
      `${IMPORT}
import { WebSocket } from "./sockets";
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {}
  webSocketClose(ws: WebSocket) {
    ws.close(1000);
    for (const socket of this.ctx.getWebSockets()) socket.send("left");
  }
}`,
      7,
      52,
      "closedInHandler",
      CLOSE_HANDLER,
      null,
    ),
    // A method that closes the socket it is given (declared WebSocket) counts as closing anywhere.
    reported(
      `${IMPORT}
export class Room extends DurableObject {
  kick(target: WebSocket) {
    target.close(4000, "kicked");
  }
  webSocketMessage(ws: WebSocket, message: string) {
    if (message === "kick") this.kick(ws);
    this.ctx.getWebSockets("lobby").forEach((socket) => {
      socket.send(message);
    });
  }
}`,
      9,
      7,
      "closedSocket",
      GET_WEB_SOCKETS,
      { before: `      socket.send(message);`, after: `      ${GUARD}socket.send(message);` },
    ),
    // The base class broadcasts; the subclass closes in webSocketClose() and then calls it.
    reported(
      `${IMPORT}
class Broadcaster extends DurableObject {
  broadcast(text: string) {
    for (const socket of this.ctx.getWebSockets()) socket.send(text);
  }
}
export class Room extends Broadcaster {
  webSocketMessage(ws: WebSocket, message: string) {
    this.broadcast(message);
  }
  webSocketClose(ws: WebSocket) {
    ws.close(1000);
    this.broadcast("left");
  }
}`,
      4,
      52,
      "closedInHandler",
      CLOSE_HANDLER,
      { before: `) socket.send(text);`, after: `) ${GUARD}socket.send(text);` },
    ),
    // A module-level function the object calls closes sockets.
    reported(
      `${IMPORT}
function closeAll(ctx: DurableObjectState) {
  for (const socket of ctx.getWebSockets()) socket.close(1001, "going away");
}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket, message: string) {
    if (message === "end") closeAll(this.ctx);
    for (const other of this.ctx.getWebSockets()) other.send(message);
  }
}`,
      8,
      51,
      "closedSocket",
      GET_WEB_SOCKETS,
      { before: `) other.send(message);`, after: `) if (other.readyState === WebSocket.OPEN) other.send(message);`, socket: "other" },
    ),
    // The classic JavaScript form.
    reported(
      `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async webSocketMessage(ws, message) {
    this.broadcast(message);
  }
  async webSocketClose(ws, code, reason) {
    ws.close(1000, "bye");
    this.broadcast("left");
  }
  broadcast(text) {
    this.state.getWebSockets().forEach((socket) => {
      socket.send(text);
    });
  }
}`,
      15,
      7,
      "closedInHandler",
      CLOSE_HANDLER,
      { before: `      socket.send(text);`, after: `      ${GUARD}socket.send(text);` },
      JS_FILE,
    ),
    reported(
      `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  webSocketMessage(ws, message) {
    if (message === "leave") ws.close(1000);
    for (const socket of this.ctx.getWebSockets()) socket.send(message);
  }
}`,
      5,
      52,
      "closedSocket",
      GET_WEB_SOCKETS,
      { before: `) socket.send(message);`, after: `) ${GUARD}socket.send(message);` },
      MJS_FILE,
    ),
  ],
});
