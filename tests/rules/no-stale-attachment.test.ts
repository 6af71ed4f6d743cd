import rule from "../../src/rules/no-stale-attachment.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;

/** A hibernating room whose `webSocketMessage` body is `handler` (it starts on line 10, indented by four spaces). */
function room(handler: string): string {
  return `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ name: "guest", count: 0, list: [], stats: { n: 0 } });
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket, message: string) {
${handler}
  }
}`;
}

const copy = (name: string, save: string) => ({ messageId: "mutatedCopy" as const, data: { name, save } });
const part = (name: string, save = "`ws.serializeAttachment()`") => ({
  messageId: "mutatedPartOfCopy" as const,
  data: { name, save },
});

ruleTester.run("no-stale-attachment", rule, {
  valid: [
    // Valid because the new state is saved with setState().
    `import { Server } from "partyserver";
export class Cursors extends Server {
  static options = { hibernate: true };
  onMessage(connection, message) {
    const state = connection.state;
    state.count += 1;
    connection.setState(state);
  }
}`,
    // Valid because the updater builds a new state and setState() saves it.
    `import { Agent } from "agents";
export class Assistant extends Agent {
  onMessage(connection, message) {
    connection.setState((previous) => ({ ...previous, count: previous.count + 1 }));
    this.state.count = 1;
  }
}`,
    // Valid because a Server without hibernate: true keeps the state in memory for good.
    `import { Server } from "partyserver";
export class Cursors extends Server {
  onMessage(connection, message) {
    connection.state.count += 1;
  }
}`,
    room(`    const session = ws.deserializeAttachment();
    session.count++;
    ws.serializeAttachment(session);`),
    room(`    const session = ws.deserializeAttachment();
    session.count += 1;
    ws.serializeAttachment({ ...session, seen: Date.now() });`),
    // Valid because the copy is saved inside a wrapper object.
    room(`    const session = ws.deserializeAttachment();
    session.list.push(message);
    ws.serializeAttachment({ data: session });`),
    // Valid because the save may run after the change in a later turn of the loop.
    room(`    const session = ws.deserializeAttachment();
    for (const word of message.split(" ")) {
      if (session.count > 0) ws.serializeAttachment(session);
      session.count++;
    }`),
    room(`    const session = ws.deserializeAttachment() as { name: string };
    ws.send(\`\${session.name}: \${message}\`);
    ws.send(JSON.stringify(session));`),
    // Valid because the spread makes a new object and the copy itself is never changed.
    room(`    const session = ws.deserializeAttachment();
    const next = { ...session, count: session.count + 1 };
    ws.serializeAttachment(next);`),
    // Valid because the changed copy is spread into the object that is saved.
    room(`    const session = ws.deserializeAttachment();
    session.count++;
    const next = { ...session };
    ws.serializeAttachment(next);`),
    room(`    const session = structuredClone(ws.deserializeAttachment());
    session.count++;
    ws.serializeAttachment(session);`),
    // Valid because the clone, not the copy, is changed, and it is saved.
    room(`    const session = ws.deserializeAttachment();
    const clone = structuredClone(session);
    clone.count++;
    ws.serializeAttachment(clone);`),
    room(`    ws.serializeAttachment({ ...ws.deserializeAttachment(), count: 1 });
    ws.serializeAttachment(Object.assign(ws.deserializeAttachment(), { seen: Date.now() }));`),
    // Valid because reassigning the variable changes nothing in the copy.
    room(`    let session = ws.deserializeAttachment();
    session = { ...session, count: session.count + 1 };
    session.list.push(message);
    ws.send(JSON.stringify(session));`),
    // Valid because reassigning a destructured number changes nothing in the copy.
    room(`    let { count } = ws.deserializeAttachment();
    count++;
    ws.send(String(count));`),
    // Valid because the copy is stored in the instance, where later code may save it.
    room(`    const session = ws.deserializeAttachment();
    session.count++;
    this.sessions.set(ws, session);`),
    room(`    const session = ws.deserializeAttachment();
    session.count++;
    this.current = session;`),
    // Valid because the helper it is passed to may save it.
    room(`    const session = ws.deserializeAttachment();
    session.count++;
    this.save(ws, session);`),
    room(`    const session = ws.deserializeAttachment();
    session.count++;
    await this.ctx.storage.put("last", session);`),
    // Valid because a nested object of the copy is passed on.
    room(`    const session = ws.deserializeAttachment();
    session.stats.n++;
    this.record(session.stats);`),
    // Valid because Object.assign returns the copy, and it goes on to a variable.
    room(`    const session = ws.deserializeAttachment();
    const updated = Object.assign(session, { count: 1 });
    ws.serializeAttachment(updated);`),
    // Valid because an alias of the copy is saved.
    room(`    const session = ws.deserializeAttachment();
    const same = session;
    session.count++;
    ws.serializeAttachment(same);`),
    // Valid because a function declared in the handler saves it.
    room(`    const session = ws.deserializeAttachment();
    session.count++;
    function save() {
      ws.serializeAttachment(session);
    }
    save();`),
    // Valid because the changed value is returned to the caller, which may save it.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    const session = this.touch(ws);
    session.count++;
    ws.serializeAttachment(session);
  }
  touch(ws: WebSocket) {
    const session = ws.deserializeAttachment();
    session.seen = Date.now();
    return session;
  }
  getSession(ws: WebSocket) {
    return ws.deserializeAttachment();
  }
  async webSocketClose(ws: WebSocket) {
    const session = this.getSession(ws);
    session.closed = true;
  }
}`,
    room(`    const session = ws.deserializeAttachment();
    const names = session.list.map((entry) => entry.name);
    if (session.list.includes(session.name) && names.length > 0) ws.send(names.join(","));`),
    // Valid because `session` here is a new object, not the copy of the other method.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    const session = { name: "guest", count: 0 };
    session.count++;
    server.serializeAttachment(session);
    return new Response(null, { status: 101, webSocket: client });
  }
  async webSocketMessage(ws: WebSocket) {
    const session = ws.deserializeAttachment();
    ws.send(session.name);
  }
}`,
    // Valid because Worker code outside any Durable Object is not checked.
    `
export default {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.serializeAttachment({ count: 0 });
    server.addEventListener("message", () => {
      const session = server.deserializeAttachment();
      session.count++;
    });
    return new Response(null, { status: 101, webSocket: client });
  },
};`,
    // Valid because a queue's send keeps what it is given, unlike a socket's.
    room(`    const session = ws.deserializeAttachment();
    session.count++;
    await this.env.QUEUE.send(session);`),
    // Valid because the tag function receives the copy itself and may save it.
    room(`    const session = ws.deserializeAttachment();
    session.count++;
    this.log\`\${session}\`;`),
    // Valid because a function declared inside may run at any time, with the copy saved by its caller.
    room(`    const session = ws.deserializeAttachment();
    const bump = function () {
      session.count++;
    };
    this.later(bump);`),
    // Valid because Worker code outside any Durable Object is not checked, also for the method used as a value.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket) {
    ws.send(JSON.stringify(ws.deserializeAttachment()));
  }
}
export default {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    const data = { ...server.deserializeAttachment };
    const copy = server.deserializeAttachment();
    copy.count = Object.keys(data).length;
    return new Response(null, { status: 101, webSocket: client });
  },
};`,
    // Valid because a method of the object itself with the same name may not return a copy.
    `${IMPORT}
export class Room extends DurableObject {
  state = { count: 0 };
  deserializeAttachment() {
    return this.state;
  }
  async webSocketMessage(ws: WebSocket) {
    this.deserializeAttachment().count++;
    const read = this.deserializeAttachment;
    ws.send(String(read.call(this).count));
  }
}`,
    // Valid because a call with arguments is some other API.
    room(`    const session = this.codec.deserializeAttachment(message);
    session.count++;`),
    room(`    if (typeof ws.deserializeAttachment === "function") {
      const read = ws.deserializeAttachment.bind(ws);
      ws.send(JSON.stringify(read()));
      ws.send(JSON.stringify(ws.deserializeAttachment.call(ws)));
      ws.send(JSON.stringify(ws.deserializeAttachment.apply(ws, [])));
      ws.send(JSON.stringify(ws?.deserializeAttachment()));
    }`),
    // Valid because these test whether the method exists before calling it.
    room(`    const session = ws.deserializeAttachment ? (ws.deserializeAttachment() ?? {}) : {};
    if (ws.deserializeAttachment !== undefined) ws.send(JSON.stringify(ws.deserializeAttachment()));
    const name = ws.deserializeAttachment && ws.deserializeAttachment().name;
    ws.send(String(session.name ?? name));`),
    // Valid because replacing the method (a test double) does not read it.
    room(`    ws.deserializeAttachment = () => ({ name: "test" });
    delete ws.deserializeAttachment;`),
    // Valid because the copy made in a field initialiser is kept in the field.
    `${IMPORT}
export class Room extends DurableObject {
  socket = this.ctx.getWebSockets()[0];
  session = this.socket.deserializeAttachment();
  async webSocketMessage(ws: WebSocket) {
    this.session.count++;
  }
}`,
    {
      // Valid because the classic form saves the changed copy.
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    server.serializeAttachment({ count: 0 });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, message) {
    const session = ws.deserializeAttachment();
    session.count++;
    ws.serializeAttachment(session);
  }
}`,
      filename: JS_FILE,
    },
  ],
  invalid: [
    {
      code: room(`    const viewer = ws.deserializeAttachment() as { lastSeen: number };
    viewer.lastSeen = Date.now();
    ws.send("ok");`),
      output: null,
      errors: [
        {
          ...copy("viewer", "`ws.serializeAttachment(viewer)`"),
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(viewer);" },
              output: room(`    const viewer = ws.deserializeAttachment() as { lastSeen: number };
    viewer.lastSeen = Date.now();
    ws.serializeAttachment(viewer);
    ws.send("ok");`),
            },
          ],
        },
      ],
    },
    {
      // Every change is saved at once, after the last one; the report is on the first.
      code: room(`    let session = ws.deserializeAttachment()!;
    session.count += 1;
    session[message] = true;
    ++session.stats.n;
    delete session.name;
    ws.send(JSON.stringify(session));`),
      output: null,
      errors: [
        {
          ...copy("session", "`ws.serializeAttachment(session)`"),
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(session);" },
              output: room(`    let session = ws.deserializeAttachment()!;
    session.count += 1;
    session[message] = true;
    ++session.stats.n;
    delete session.name;
    ws.serializeAttachment(session);
    ws.send(JSON.stringify(session));`),
            },
          ],
        },
      ],
    },
    {
      code: room(`    const session = ws.deserializeAttachment() satisfies unknown;
    session.list.push(message); // remember it
    this.total += session.count;`),
      output: null,
      errors: [
        {
          ...copy("session", "`ws.serializeAttachment(session)`"),
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(session);" },
              output: room(`    const session = ws.deserializeAttachment() satisfies unknown;
    session.list.push(message); // remember it
    ws.serializeAttachment(session);
    this.total += session.count;`),
            },
          ],
        },
      ],
    },
    ...["list.sort()", "list.reverse()", "list.splice(0, 1)", "tags.add(message)", "scores.set(message, 1)", "since.setTime(0)", "nested.stats.clear()"].map(
      (change) => ({
        code: room(`    const session = ws.deserializeAttachment();
    session.${change};`),
        output: null,
        errors: [
          {
            ...copy("session", "`ws.serializeAttachment(session)`"),
            line: 11,
            column: 5,
            suggestions: [
              {
                messageId: "serializeAfterChange" as const,
                data: { call: "ws.serializeAttachment(session);" },
                output: room(`    const session = ws.deserializeAttachment();
    session.${change};
    ws.serializeAttachment(session);`),
              },
            ],
          },
        ],
      }),
    ),
    {
      // An attachment that is an array.
      code: room(`    const history = ws.deserializeAttachment() as string[];
    history.push(message);
    Object.assign(history, { 0: "first" });`),
      output: null,
      errors: [
        {
          ...copy("history", "`ws.serializeAttachment(history)`"),
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(history);" },
              output: room(`    const history = ws.deserializeAttachment() as string[];
    history.push(message);
    Object.assign(history, { 0: "first" });
    ws.serializeAttachment(history);`),
            },
          ],
        },
      ],
    },
    {
      code: room(`    const session = (ws.deserializeAttachment() ?? { count: 0 }) as { count: number; stats: object };
    Object.assign(session.stats, { n: 1 });`),
      output: null,
      errors: [
        {
          ...copy("session", "`ws.serializeAttachment(session)`"),
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(session);" },
              output: room(`    const session = (ws.deserializeAttachment() ?? { count: 0 }) as { count: number; stats: object };
    Object.assign(session.stats, { n: 1 });
    ws.serializeAttachment(session);`),
            },
          ],
        },
      ],
    },
    {
      // A change inside a branch: the save would belong there too, so no suggestion.
      code: room(`    const session = ws.deserializeAttachment();
    if (message === "reset") {
      session.count = 0;
    }`),
      output: null,
      errors: [{ ...copy("session", "`ws.serializeAttachment(session)`"), line: 12, column: 7, suggestions: [] }],
    },
    {
      // A change inside a callback of the same handler.
      code: room(`    const session = ws.deserializeAttachment();
    message.split(" ").forEach((word) => {
      session.count += word.length;
    });
    ws.send(String(session.count));`),
      output: null,
      errors: [{ ...copy("session", "`ws.serializeAttachment(session)`"), line: 12, column: 7, suggestions: [] }],
    },
    {
      code: room(`    ws.deserializeAttachment().count++;
    ws.deserializeAttachment().name = message;
    ws.deserializeAttachment().list.push(message);
    Object.assign(ws.deserializeAttachment(), { seen: true });`),
      output: null,
      errors: [
        { messageId: "mutatedCall", data: { save: "`ws.serializeAttachment()`" }, line: 10, column: 5 },
        { messageId: "mutatedCall", data: { save: "`ws.serializeAttachment()`" }, line: 11, column: 5 },
        { messageId: "mutatedCall", data: { save: "`ws.serializeAttachment()`" }, line: 12, column: 5 },
        { messageId: "mutatedCall", data: { save: "`ws.serializeAttachment()`" }, line: 13, column: 5 },
      ],
    },
    {
      code: room(`    const { stats } = ws.deserializeAttachment();
    stats.n++;`),
      output: null,
      errors: [{ ...part("stats"), line: 11, column: 5 }],
    },
    {
      // A nested object taken from the copy is still part of the copy.
      code: room(`    const session = ws.deserializeAttachment();
    const list = session.list as string[];
    list.push(message);
    const stats = ws.deserializeAttachment().stats;
    stats.n = 1;`),
      output: null,
      errors: [
        { ...part("list", "`ws.serializeAttachment(session)`"), line: 12, column: 5 },
        { ...part("stats"), line: 14, column: 5 },
      ],
    },
    {
      // Saving a different copy does not save this one.
      code: room(`    const before = ws.deserializeAttachment();
    before.count++;
    const after = ws.deserializeAttachment();
    ws.serializeAttachment(after);`),
      output: null,
      errors: [
        {
          ...copy("before", "`ws.serializeAttachment(before)`"),
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(before);" },
              output: room(`    const before = ws.deserializeAttachment();
    before.count++;
    ws.serializeAttachment(before);
    const after = ws.deserializeAttachment();
    ws.serializeAttachment(after);`),
            },
          ],
        },
      ],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async alarm() {
    for (const socket of this.ctx.getWebSockets()) {
      const session = socket.deserializeAttachment();
      session.idle = true;
    }
  }
}`,
      output: null,
      errors: [
        {
          ...copy("session", "`socket.serializeAttachment(session)`"),
          line: 6,
          column: 7,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "socket.serializeAttachment(session);" },
              output: `${IMPORT}
export class Room extends DurableObject {
  async alarm() {
    for (const socket of this.ctx.getWebSockets()) {
      const session = socket.deserializeAttachment();
      session.idle = true;
      socket.serializeAttachment(session);
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The socket kept in a field.
      code: `${IMPORT}
export class Room extends DurableObject {
  socket: WebSocket | undefined;
  async webSocketMessage(ws: WebSocket) {
    this.socket = ws;
    this.touch();
  }
  touch() {
    const session = this.socket!.deserializeAttachment();
    session.seen = Date.now();
  }
}`,
      output: null,
      errors: [
        {
          ...copy("session", "`this.socket!.serializeAttachment(session)`"),
          line: 10,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "this.socket!.serializeAttachment(session);" },
              output: `${IMPORT}
export class Room extends DurableObject {
  socket: WebSocket | undefined;
  async webSocketMessage(ws: WebSocket) {
    this.socket = ws;
    this.touch();
  }
  touch() {
    const session = this.socket!.deserializeAttachment();
    session.seen = Date.now();
    this.socket!.serializeAttachment(session);
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
  socket: WebSocket | undefined;
  async webSocketMessage(ws: WebSocket) {
    this.socket = ws;
    this.touch();
  }
  touch() {
    const session = this.socket.deserializeAttachment();
    session.seen = Date.now();
  }
}`,
      output: null,
      errors: [
        {
          ...copy("session", "`this.socket.serializeAttachment(session)`"),
          line: 10,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "this.socket.serializeAttachment(session);" },
              output: `${IMPORT}
export class Room extends DurableObject {
  socket: WebSocket | undefined;
  async webSocketMessage(ws: WebSocket) {
    this.socket = ws;
    this.touch();
  }
  touch() {
    const session = this.socket.deserializeAttachment();
    session.seen = Date.now();
    this.socket.serializeAttachment(session);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // The socket field is replaced in the same method, so the save could go to another socket.
      code: `${IMPORT}
export class Room extends DurableObject {
  socket: WebSocket | undefined;
  async webSocketMessage(ws: WebSocket) {
    const session = this.socket.deserializeAttachment();
    this.socket = ws;
    session.seen = Date.now();
  }
}`,
      output: null,
      errors: [{ ...copy("session", "`this.socket.serializeAttachment(session)`"), line: 7, column: 5, suggestions: [] }],
    },
    {
      // Other events may run at the await and replace the socket field.
      code: `${IMPORT}
export class Room extends DurableObject {
  socket: WebSocket | undefined;
  async webSocketMessage(ws: WebSocket) {
    this.socket = ws;
  }
  async touch() {
    const session = this.socket!.deserializeAttachment();
    session.name = await this.ctx.storage.get("name");
  }
}`,
      output: null,
      errors: [{ ...copy("session", "`this.socket!.serializeAttachment(session)`"), line: 9, column: 5, suggestions: [] }],
    },
    {
      // The socket variable is reassigned.
      code: room(`    let socket = ws;
    const session = socket.deserializeAttachment();
    session.count++;
    socket = this.ctx.getWebSockets()[0];`),
      output: null,
      errors: [{ ...copy("session", "`socket.serializeAttachment(session)`"), line: 12, column: 5, suggestions: [] }],
    },
    {
      code: room(`    const first = this.ctx.getWebSockets()[0].deserializeAttachment();
    first.count = 0;`),
      output: null,
      errors: [{ ...copy("first", "`serializeAttachment(first)` on the same socket"), line: 11, column: 5, suggestions: [] }],
    },
    {
      // Changed, then only read: logged, sent and compared.
      code: room(`    const session = ws.deserializeAttachment();
    session.count++;
    console.log(session, Object.keys(session));
    for (const socket of this.ctx.getWebSockets()) socket.send(JSON.stringify({ ...session, type: "update" }));
    if (session.count > 10 && Array.isArray(session.list)) ws.close(1000, "Too many messages");`),
      output: null,
      errors: [
        {
          ...copy("session", "`ws.serializeAttachment(session)`"),
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(session);" },
              output: room(`    const session = ws.deserializeAttachment();
    session.count++;
    ws.serializeAttachment(session);
    console.log(session, Object.keys(session));
    for (const socket of this.ctx.getWebSockets()) socket.send(JSON.stringify({ ...session, type: "update" }));
    if (session.count > 10 && Array.isArray(session.list)) ws.close(1000, "Too many messages");`),
            },
          ],
        },
      ],
    },
    {
      // The copy semantics do not depend on hibernation: a socket accepted with accept() loses the change too.
      code: `${IMPORT}
export class Lobby extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.serializeAttachment({ count: 0 });
    server.addEventListener("message", () => {
      const session = server.deserializeAttachment();
      session.count++;
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [
        {
          ...copy("session", "`server.serializeAttachment(session)`"),
          line: 9,
          column: 7,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "server.serializeAttachment(session);" },
              output: `${IMPORT}
export class Lobby extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.serializeAttachment({ count: 0 });
    server.addEventListener("message", () => {
      const session = server.deserializeAttachment();
      session.count++;
      server.serializeAttachment(session);
    });
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // A module-level helper that the object calls runs as part of it.
      code: `${IMPORT}
function touch(ws: WebSocket) {
  const session = ws.deserializeAttachment();
  session.seen = Date.now();
}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket) {
    touch(ws);
  }
}`,
      output: null,
      errors: [
        {
          ...copy("session", "`ws.serializeAttachment(session)`"),
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(session);" },
              output: `${IMPORT}
function touch(ws: WebSocket) {
  const session = ws.deserializeAttachment();
  session.seen = Date.now();
  ws.serializeAttachment(session);
}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket) {
    touch(ws);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      filename: JS_FILE,
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    server.serializeAttachment({ count: 0 });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, message) {
    const session = ws.deserializeAttachment();
    session.count++;
    ws.send(String(session.count));
  }
}`,
      output: null,
      errors: [
        {
          ...copy("session", "`ws.serializeAttachment(session)`"),
          line: 14,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(session);" },
              output: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    server.serializeAttachment({ count: 0 });
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, message) {
    const session = ws.deserializeAttachment();
    session.count++;
    ws.serializeAttachment(session);
    ws.send(String(session.count));
  }
}`,
            },
          ],
        },
      ],
    },
    {
      filename: MJS_FILE,
      code: `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  webSocketMessage(ws) {
    const { stats } = ws.deserializeAttachment();
    stats.messages.push(Date.now());
  }
}`,
      output: null,
      errors: [{ ...part("stats"), line: 5, column: 5 }],
    },
    {
      // Building a new list from the old one and storing it in the copy is still a change to the copy.
      code: room(`    const session = ws.deserializeAttachment();
    session.list = [...session.list, message];
    session.stats = { ...session.stats, n: session.stats.n + 1 };`),
      output: null,
      errors: [
        {
          ...copy("session", "`ws.serializeAttachment(session)`"),
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(session);" },
              output: room(`    const session = ws.deserializeAttachment();
    session.list = [...session.list, message];
    session.stats = { ...session.stats, n: session.stats.n + 1 };
    ws.serializeAttachment(session);`),
            },
          ],
        },
      ],
    },
    {
      // An optional call is not a statement of its own, so no suggestion.
      code: room(`    const session = ws.deserializeAttachment();
    session?.list.push(message);`),
      output: null,
      errors: [{ ...copy("session", "`ws.serializeAttachment(session)`"), line: 11, column: 5, suggestions: [] }],
    },
    {
      // Callbacks stored for later change the copy too, whenever they run.
      code: room(`    const session = ws.deserializeAttachment();
    this.pending.push(() => session.count++);`),
      output: null,
      errors: [{ ...copy("session", "`ws.serializeAttachment(session)`"), line: 11, column: 29, suggestions: [] }],
    },
    {
      // An anonymous class whose socket is a private field: the message names no socket text.
      code: `${IMPORT}
export default class extends DurableObject {
  #socket = this.ctx.getWebSockets()[0];
  [Symbol.iterator]() {}
  async webSocketMessage({ length }: string[]) {
    const session = this.#socket.deserializeAttachment();
    session.count = length;
  }
}`,
      output: null,
      errors: [{ ...copy("session", "`serializeAttachment(session)` on the same socket"), line: 7, column: 5, suggestions: [] }],
    },
    {
      // The inserted line keeps the file's line endings.
      code: room(`    const session = ws.deserializeAttachment();\r\n    session.count++;`),
      output: null,
      errors: [
        {
          ...copy("session", "`ws.serializeAttachment(session)`"),
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: "serializeAfterChange",
              data: { call: "ws.serializeAttachment(session);" },
              output: room(`    const session = ws.deserializeAttachment();\r\n    session.count++;\r\n    ws.serializeAttachment(session);`),
            },
          ],
        },
      ],
    },
    {
      code: room(`    const session = { ...ws.deserializeAttachment };
    ws.send(session.name);`),
      output: null,
      errors: [
        {
          messageId: "methodNotCalled",
          line: 10,
          column: 26,
          suggestions: [
            {
              messageId: "callDeserializeAttachment",
              output: room(`    const session = { ...ws.deserializeAttachment() };
    ws.send(session.name);`),
            },
          ],
        },
      ],
    },
    ...[
      ["const data = ws.deserializeAttachment;", 18],
      ["this.send(ws.deserializeAttachment);", 15],
      ["if (ws.deserializeAttachment) ws.send(\"known\");", 9],
      ["const named = !!ws.deserializeAttachment && this.ws.deserializeAttachment().name;", 21],
      ["ws.send(ws.deserializeAttachment.name);", 13],
      ["const data = ws[\"deserializeAttachment\"] as unknown;", 18],
      ["const data = ws?.deserializeAttachment;", 18],
    ].map(([line, column]) => {
      const text = String(line);
      const at = Number(column) - 5;
      const member = /ws(\?)?(\.deserializeAttachment|\["deserializeAttachment"\])/.exec(text)?.[0] ?? "";
      return {
        code: room(`    ${text}`),
        output: null,
        errors: [
          {
            messageId: "methodNotCalled" as const,
            line: 10,
            column: Number(column),
            suggestions: [
              {
                messageId: "callDeserializeAttachment" as const,
                output: room(`    ${text.slice(0, at + member.length)}()${text.slice(at + member.length)}`),
              },
            ],
          },
        ],
      };
    }),
    {
      filename: JS_FILE,
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    state.blockConcurrencyWhile(async () => {});
  }
  webSocketMessage(ws, message) {
    const { name } = ws.deserializeAttachment;
    ws.send(name);
  }
}`,
      output: null,
      errors: [
        {
          messageId: "methodNotCalled",
          line: 8,
          column: 22,
          suggestions: [
            {
              messageId: "callDeserializeAttachment",
              output: `
export class Room {
  constructor(state, env) {
    this.state = state;
    state.blockConcurrencyWhile(async () => {});
  }
  webSocketMessage(ws, message) {
    const { name } = ws.deserializeAttachment();
    ws.send(name);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Server } from "partyserver";
export class Cursors extends Server {
  static options = { hibernate: true };
  onMessage(connection, message) {
    connection.state.count += 1;
    connection.send(String(connection.state.count));
  }
}`,
      output: null,
      errors: [
        {
          messageId: "mutatedConnectionState",
          line: 5,
          column: 5,
          data: { name: "connection.state", save: "connection.setState(…)" },
        },
      ],
    },
    {
      code: `import { Agent } from "agents";
export class Assistant extends Agent {
  onMessage(sender, message) {
    for (const connection of this.getConnections()) {
      const state = connection.state;
      state.seen.push(message);
    }
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "mutatedConnectionState",
          line: 6,
          column: 7,
          data: { name: "state", save: "connection.setState(state)" },
        },
      ],
    },
  ],
});
