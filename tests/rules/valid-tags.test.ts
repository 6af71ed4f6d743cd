import rule from "../../src/rules/valid-tags.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;

/** `"t0", "t1", …`: `count` distinct string tags. */
function tags(count: number, prefix = "t"): string {
  return Array.from({ length: count }, (_, index) => `"${prefix}${index}"`).join(", ");
}

/**
 * A Durable Object that accepts a socket in `fetch`, with `statement` on line 5, column 5,
 * so `this.ctx.acceptWebSocket(server, ` puts the tags argument at column 38.
 */
function room(statement: string, before = ""): string {
  return `${IMPORT}${before}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    ${statement}
    return new Response(null, { status: 101, webSocket: client });
  }
}`;
}

/** A Durable Object whose `webSocketMessage` runs `statement` on line 5, column 5. */
function handler(statement: string, before = ""): string {
  return `${IMPORT}${before}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    const id = String(message);
    ${statement}
  }
}`;
}

/**
 * A partyserver room whose `getConnectionTags` returns `tags` on line 5, column 12; `options`
 * makes it hibernate unless it is given.
 */
function connectionTags(returned: string, options = "static options = { hibernate: true };"): string {
  return `import { Server } from "partyserver";
export class Cursors extends Server {
  ${options}
  getConnectionTags(connection, ctx) {
    return ${returned};
  }
}`;
}

ruleTester.run("valid-tags", rule, {
  valid: [
    // Valid because nine tags and the connection id make the ten the framework allows.
    connectionTags(`[${tags(9)}]`),
    // Valid because tags the file does not know are not judged.
    connectionTags(`[new URL(ctx.request.url).searchParams.get("room"), connection.id]`),
    // Valid because a tag of 200 two-byte letters is 400 UTF-8 bytes, but only 200 characters, the framework's limit for a Server that does not hibernate.
    connectionTags(`["é".repeat(200)]`, ""),
    // Valid because getConnectionTags of a raw Durable Object is nobody's API.
    `${IMPORT}
export class Room extends DurableObject {
  getConnectionTags() {
    return ["", 1, ${tags(12)}];
  }
}`,
    // Valid because only what getConnectionTags itself returns becomes the tags.
    connectionTags(`[helper()]`).replace("return [helper()];", `const helper = () => { return ""; };\n    return ["ok"];`),
    // Valid because Worker code outside any Durable Object has no state to accept sockets on.
    `
export default {
  async fetch(request: Request, env: Env) {
    const hub = env.HUB;
    hub.acceptWebSocket(request, "lobby");
    return new Response("ok");
  },
};`,
    room(`this.ctx.acceptWebSocket(server);`),
    room(`this.ctx.acceptWebSocket(server, []);`),
    room(`this.ctx.acceptWebSocket(server, [${tags(10)}]);`),
    // Valid because the runtime drops duplicates as it goes: 11 copies of one tag are one tag.
    room(`this.ctx.acceptWebSocket(server, [${Array(11).fill(`"room"`).join(", ")}]);`),
    // Valid because the duplicate comes before the tenth distinct tag, so no entry follows ten distinct ones.
    room(`this.ctx.acceptWebSocket(server, ["t0", ${tags(10)}]);`),
    // Valid because the same variable twice is the same tag.
    room(`this.ctx.acceptWebSocket(server, [${Array(11).fill("id").join(", ")}]);`, `\nconst id = crypto.randomUUID();`),
    // Valid because a constant spread twice repeats the same six tags, which the runtime drops.
    room(
      `this.ctx.acceptWebSocket(server, [...CHANNELS, ...CHANNELS]);`,
      `\nconst CHANNELS = [user, "general", "random", "help", "jobs", "events"];\ndeclare const user: string;`,
    ),
    // Valid because the unknown spread may be empty, and ten entries alone are accepted.
    room(`this.ctx.acceptWebSocket(server, [${tags(10)}, ...request.headers.keys()]);`),
    room(`this.ctx.acceptWebSocket(server, ["a".repeat(256)]);`),
    // Valid because 128 × "é" is 256 UTF-8 bytes, exactly the limit.
    room(`this.ctx.acceptWebSocket(server, ["é".repeat(128)]);`),
    // Valid because 85 × "€" + "a" is 256 UTF-8 bytes.
    room(`this.ctx.acceptWebSocket(server, ["€".repeat(85) + "a"]);`),
    // Valid because 64 × "😀" is 256 UTF-8 bytes.
    room(`this.ctx.acceptWebSocket(server, ["😀".repeat(64)]);`),
    room(`this.ctx.acceptWebSocket(server, [TAG]);`, `\nconst TAG = "x".repeat(200) + "y".repeat(56);`),
    // Valid because `undefined` is the same as passing no tags.
    room(`this.ctx.acceptWebSocket(server, undefined);`),
    room(`this.ctx.acceptWebSocket(server, [request.headers.get("user") ?? "anonymous", \`room:\${request.url}\`]);`),
    // Valid because nothing tells whether a value of unknown origin is an array.
    room(`this.ctx.acceptWebSocket(server, request.headers.get("tags")?.split(","));`),
    // Valid because numbers and booleans are converted to the tags "42" and "true", which getWebSockets(42) and getWebSockets("42") find.
    room(`this.ctx.acceptWebSocket(server, [42, true]);`),
    // Valid because an empty tag is accepted and getWebSockets("") finds exactly the sockets that carry it.
    room(`this.ctx.acceptWebSocket(server, [""]);`),
    // Valid because a date becomes its own date text, not a shared placeholder.
    room(`this.ctx.acceptWebSocket(server, [new Date(0)]);`),
    // Valid because the array is changed before it is passed, so its entries are not known.
    room(`const list = [${tags(11)}];\n    list.length = 10;\n    this.ctx.acceptWebSocket(server, list);`),
    room(`TAGS.splice(9);\n    this.ctx.acceptWebSocket(server, TAGS);`, `\nconst TAGS = [${tags(11)}];`),
    // Valid because a `let` may hold another value by the time the call runs.
    room(`this.ctx.acceptWebSocket(server, [tag]);`, `\nlet tag = "x".repeat(300);\ntag = "short";`),
    // Valid because an object with its own toString decides its tag text.
    room(`this.ctx.acceptWebSocket(server, [{ toString: () => "user" }]);`),
    // Valid because a dynamic nested array or object is not known to be one.
    room(`this.ctx.acceptWebSocket(server, [request.cf, request.headers.get("roles")]);`),
    // Valid because the object's own method and its other fields are not the runtime's state.
    `${IMPORT}
class Hub { acceptWebSocket(ws: WebSocket, user: string) {} }
export class Room extends DurableObject {
  hub = new Hub();
  acceptWebSocket(ws: WebSocket, user: string) {}
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.hub.acceptWebSocket(server, "user");
    this.hub.getWebSockets("x".repeat(300));
    this.acceptWebSocket(server, "user");
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
    // Valid because a parameter typed as another class is not the Durable Object's state.
    `${IMPORT}
class Hub { acceptWebSocket(ws: WebSocket, user: string) {} }
function join(hub: Hub, ws: WebSocket) {
  hub.acceptWebSocket(ws, "lobby");
}
export class Room extends DurableObject {
  hub = new Hub();
  async webSocketMessage(ws: WebSocket) {
    join(this.hub, ws);
  }
}`,
    // Valid because a class that is not a Durable Object is not checked.
    `
export class Registry {
  sockets = new Map();
  acceptWebSocket(ws, tag) { this.sockets.set(tag, ws); }
  getWebSockets(tag) { return [this.sockets.get(tag)]; }
  add(ws) { this.acceptWebSocket(ws, "x".repeat(300)); }
}`,
    // Valid because a long string that is not used as a tag is none of this rule's business.
    handler(`ws.send(JSON.stringify(["x".repeat(300), ${tags(11)}]));`),
    handler(`for (const peer of this.ctx.getWebSockets("a".repeat(256))) peer.send(id);`),
    handler(`for (const peer of this.ctx.getWebSockets("😀".repeat(64))) peer.send(id);`),
    handler(`for (const peer of this.ctx.getWebSockets(\`room:\${id}\`)) peer.send(id);`),
    handler(`for (const peer of this.ctx.getWebSockets()) peer.send(id);`),
    {
      // Valid because raised limits allow what the defaults report.
      code: room(`this.ctx.acceptWebSocket(server, [${tags(10)}, "x".repeat(300)]);`),
      options: [{ maxTags: 11, maxTagBytes: 300 }],
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    const name = new URL(request.url).searchParams.get("name");
    this.state.acceptWebSocket(server, [name, "lobby"]);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, message) {
    for (const peer of this.state.getWebSockets("lobby")) peer.send(message);
  }
}`,
      filename: JS_FILE,
    },
  ],
  invalid: [
    {
      code: room(`this.ctx.acceptWebSocket(server, [${tags(11)}]);`),
      errors: [{ messageId: "tooManyTags", line: 5, column: 38, data: { count: "11", limit: 10 } }],
      output: null,
    },
    {
      // The runtime throws on an entry that follows ten distinct tags, even a duplicate.
      code: room(`this.ctx.acceptWebSocket(server, [${tags(10)}, "t0"]);`),
      errors: [{ messageId: "tooManyTags", line: 5, column: 38, data: { count: "11", limit: 10 } }],
      output: null,
    },
    {
      // 1 and "1" are the same tag once converted, so this is still 11 entries after ten distinct tags.
      code: room(`this.ctx.acceptWebSocket(server, [${tags(9)}, "1", 1]);`),
      errors: [{ messageId: "tooManyTags", line: 5, column: 38, data: { count: "11", limit: 10 } }],
      output: null,
    },
    {
      code: handler(
        `this.ctx.acceptWebSocket(ws, [a, b, c, d, e, f, g, h, i, j, id]);`,
        `\ndeclare const a: string, b: string, c: string, d: string, e: string, f: string, g: string, h: string, i: string, j: string;`,
      ),
      errors: [{ messageId: "tooManyTags", line: 6, column: 34, data: { count: "11", limit: 10 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, TAGS);`, `\nconst TAGS = [${tags(12)}] as const;`),
      errors: [{ messageId: "tooManyTags", line: 6, column: 38, data: { count: "12", limit: 10 } }],
      output: null,
    },
    {
      code: room(
        `this.ctx.acceptWebSocket(server, [...ROLES, ...ROOMS, request.url]);`,
        `\nconst ROLES = [${tags(5, "role")}];\nconst ROOMS = [...ROLES.slice(0, 0), ${tags(5, "room")}];`,
      ),
      errors: [{ messageId: "tooManyTags", line: 7, column: 38, data: { count: "11", limit: 10 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, [...request.headers.keys(), ${tags(11)}]);`),
      errors: [{ messageId: "tooManyTags", line: 5, column: 38, data: { count: "at least 11", limit: 10 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, ["a".repeat(257)]);`),
      errors: [{ messageId: "tagTooLong", line: 5, column: 39, data: { size: "257", limit: 256 } }],
      output: null,
    },
    {
      // 128 × "é" + "x" is 128 characters but 257 UTF-8 bytes.
      code: room(`this.ctx.acceptWebSocket(server, ["é".repeat(128) + "x"]);`),
      errors: [{ messageId: "tagTooLong", line: 5, column: 39, data: { size: "257", limit: 256 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, ["é".repeat(129)]);`),
      errors: [{ messageId: "tagTooLong", line: 5, column: 39, data: { size: "258", limit: 256 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, ["€".repeat(86)]);`),
      errors: [{ messageId: "tagTooLong", line: 5, column: 39, data: { size: "258", limit: 256 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, ["room", "😀".repeat(64) + "x"]);`),
      errors: [{ messageId: "tagTooLong", line: 5, column: 47, data: { size: "257", limit: 256 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, ["x".repeat(300) + request.url]);`),
      errors: [{ messageId: "tagTooLong", line: 5, column: 39, data: { size: "at least 300", limit: 256 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, [PROFILE]);`, `\nconst PROFILE = JSON.stringify({ bio: "x".repeat(250) });`),
      errors: [{ messageId: "tagTooLong", line: 6, column: 39, data: { size: "260", limit: 256 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, TAGS);`, `\nconst TAGS = ["lobby", "x".repeat(257)];`),
      errors: [{ messageId: "tagTooLong", line: 6, column: 38, data: { size: "257", limit: 256 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, [${tags(10)}, "x".repeat(300)]);`),
      errors: [
        { messageId: "tooManyTags", line: 5, column: 38, data: { count: "11", limit: 10 } },
        { messageId: "tagTooLong", line: 5, column: 99, data: { size: "300", limit: 256 } },
      ],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, TAGS);`, `\nconst TAGS = Object.freeze([${tags(11)}]);`),
      errors: [{ messageId: "tooManyTags", line: 6, column: 38, data: { count: "11", limit: 10 } }],
      output: null,
    },
    {
      // A constant spread twice is one problem in one place.
      code: room(`this.ctx.acceptWebSocket(server, [...TAGS, ...TAGS]);`, `\nconst TAGS = ["x".repeat(300) + Date.now()];`),
      errors: [{ messageId: "tagTooLong", line: 6, column: 38, data: { size: "at least 300", limit: 256 } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, [...["lobby", null]]);`),
      errors: [{ messageId: "nullishTag", line: 5, column: 52, data: { value: "null" } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, "lobby");`),
      errors: [
        {
          messageId: "tagsNotArray",
          line: 5,
          column: 38,
          data: { kind: "a string" },
          suggestions: [
            {
              messageId: "wrapInArray",
              data: { text: `"lobby"` },
              output: room(`this.ctx.acceptWebSocket(server, ["lobby"]);`),
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: handler(`this.ctx.acceptWebSocket(ws, \`user:\${id}\`);`),
      errors: [
        {
          messageId: "tagsNotArray",
          line: 5,
          column: 34,
          data: { kind: "a string" },
          suggestions: [
            {
              messageId: "wrapInArray",
              data: { text: "`user:${id}`" },
              output: handler(`this.ctx.acceptWebSocket(ws, [\`user:\${id}\`]);`),
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: handler(`this.ctx.acceptWebSocket(ws, "user:" + id);`),
      errors: [
        {
          messageId: "tagsNotArray",
          line: 5,
          column: 34,
          data: { kind: "a string" },
          suggestions: [
            {
              messageId: "wrapInArray",
              data: { text: `"user:" + id` },
              output: handler(`this.ctx.acceptWebSocket(ws, ["user:" + id]);`),
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, LOBBY);`, `\nconst LOBBY = "lobby";`),
      errors: [
        {
          messageId: "tagsNotArray",
          line: 6,
          column: 38,
          data: { kind: "a string" },
          suggestions: [
            {
              messageId: "wrapInArray",
              data: { text: "LOBBY" },
              output: room(`this.ctx.acceptWebSocket(server, [LOBBY]);`, `\nconst LOBBY = "lobby";`),
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, 42);`),
      errors: [{ messageId: "tagsNotArray", line: 5, column: 38, data: { kind: "a number" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, true);`),
      errors: [{ messageId: "tagsNotArray", line: 5, column: 38, data: { kind: "a boolean" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, null);`),
      errors: [{ messageId: "tagsNotArray", line: 5, column: 38, data: { kind: "`null`" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, { user: request.url });`),
      errors: [{ messageId: "tagsNotArray", line: 5, column: 38, data: { kind: "an object" }, suggestions: [] }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, new Set(["lobby", request.url]));`),
      errors: [{ messageId: "tagsNotArray", line: 5, column: 38, data: { kind: "a `Set`" }, suggestions: [] }],
      output: null,
    },
    {
      code: handler(`this.ctx.acceptWebSocket(ws, [{ id }, "lobby"]);`),
      errors: [{ messageId: "objectTag", line: 5, column: 35, data: { tag: "[object Object]" } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, [USER]);`, `\nconst USER = { id: 1 };`),
      errors: [{ messageId: "objectTag", line: 6, column: 39, data: { tag: "[object Object]" } }],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, ["lobby", null, undefined]);`),
      errors: [
        { messageId: "nullishTag", line: 5, column: 48, data: { value: "null" } },
        { messageId: "nullishTag", line: 5, column: 54, data: { value: "undefined" } },
      ],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, [ROLES, "lobby"]);`, `\nconst ROLES = ["admin", "moderator"];`),
      errors: [
        {
          messageId: "nestedArrayTag",
          line: 6,
          column: 39,
          data: { tag: "admin,moderator" },
          suggestions: [
            {
              messageId: "spreadArray",
              output: room(`this.ctx.acceptWebSocket(server, [...ROLES, "lobby"]);`, `\nconst ROLES = ["admin", "moderator"];`),
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: room(`this.ctx.acceptWebSocket(server, TAGS);`, `\nconst TAGS = [["admin", "moderator"], "lobby"];`),
      errors: [{ messageId: "nestedArrayTag", line: 6, column: 38, data: { tag: "admin,moderator" }, suggestions: [] }],
      output: null,
    },
    {
      code: handler(`for (const peer of this.ctx.getWebSockets("a".repeat(257))) peer.send(id);`),
      errors: [{ messageId: "unmatchableTag", line: 5, column: 47, data: { size: "257", limit: 256 } }],
      output: null,
    },
    {
      code: handler(`for (const peer of this.ctx.getWebSockets("é".repeat(128) + "x")) peer.send(id);`),
      errors: [{ messageId: "unmatchableTag", line: 5, column: 47, data: { size: "257", limit: 256 } }],
      output: null,
    },
    {
      code: handler(`this.ctx.getWebSockets(\`\${"x".repeat(300)}\${id}\`).forEach((peer) => peer.close());`),
      errors: [{ messageId: "unmatchableTag", line: 5, column: 28, data: { size: "at least 300", limit: 256 } }],
      output: null,
    },
    {
      code: handler(`const peers = this.ctx.getWebSockets(ROOM);`, `\nconst ROOM = "😀".repeat(64) + "!";`),
      errors: [{ messageId: "unmatchableTag", line: 6, column: 42, data: { size: "257", limit: 256 } }],
      output: null,
    },
    {
      // Lower limits report what the defaults allow.
      code: handler(`this.ctx.acceptWebSocket(ws, ["a", "b", "c", "é".repeat(9)]);\n    this.ctx.getWebSockets("é".repeat(9));`),
      options: [{ maxTags: 3, maxTagBytes: 17 }],
      errors: [
        { messageId: "tooManyTags", line: 5, column: 34, data: { count: "4", limit: 3 } },
        { messageId: "tagTooLong", line: 5, column: 50, data: { size: "18", limit: 17 } },
        { messageId: "unmatchableTag", line: 6, column: 28, data: { size: "18", limit: 17 } },
      ],
      output: null,
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    const { ctx } = this;
    ctx.acceptWebSocket(server, "lobby");
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      errors: [
        {
          messageId: "tagsNotArray",
          line: 6,
          column: 33,
          data: { kind: "a string" },
          suggestions: [
            {
              messageId: "wrapInArray",
              data: { text: `"lobby"` },
              output: `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    const { ctx } = this;
    ctx.acceptWebSocket(server, ["lobby"]);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // The state handed to a helper under another name is still the state.
      code: `${IMPORT}
function join(state: DurableObjectState, ws: WebSocket, user: string) {
  state.acceptWebSocket(ws, ["x".repeat(300), user]);
}
function leave(storage, ws) {
  storage.getWebSockets("x".repeat(300)).forEach((peer) => peer.send("left"));
}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    join(this.ctx, server, "me");
    leave(this.ctx, server);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      errors: [
        { messageId: "tagTooLong", line: 3, column: 30, data: { size: "300", limit: 256 } },
        { messageId: "unmatchableTag", line: 6, column: 25, data: { size: "300", limit: 256 } },
      ],
      output: null,
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  accept = (ws: WebSocket, user: string) => this.ctx.acceptWebSocket(ws, \`user:\${user}\`);
  async webSocketMessage(ws: WebSocket) {}
}`,
      errors: [
        {
          messageId: "tagsNotArray",
          line: 3,
          column: 74,
          data: { kind: "a string" },
          suggestions: [
            {
              messageId: "wrapInArray",
              data: { text: "`user:${user}`" },
              output: `${IMPORT}
export class Room extends DurableObject {
  accept = (ws: WebSocket, user: string) => this.ctx.acceptWebSocket(ws, [\`user:\${user}\`]);
  async webSocketMessage(ws: WebSocket) {}
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    const name = new URL(request.url).searchParams.get("name");
    this.state.acceptWebSocket(server, "user:" + name);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
      errors: [
        {
          messageId: "tagsNotArray",
          line: 9,
          column: 40,
          data: { kind: "a string" },
          suggestions: [
            {
              messageId: "wrapInArray",
              data: { text: `"user:" + name` },
              output: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    const name = new URL(request.url).searchParams.get("name");
    this.state.acceptWebSocket(server, ["user:" + name]);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server, [${tags(11)}]);
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws, message) {
    for (const peer of this.state.getWebSockets("€".repeat(86))) peer.send(message);
  }
}`,
      filename: MJS_FILE,
      errors: [
        { messageId: "tooManyTags", line: 8, column: 40, data: { count: "11", limit: 10 } },
        { messageId: "unmatchableTag", line: 12, column: 49, data: { size: "258", limit: 256 } },
      ],
      output: null,
    },
    {
      code: connectionTags(`[${tags(10)}]`),
      output: null,
      errors: [{ messageId: "tooManyConnectionTags", line: 5, column: 12, data: { count: "10", limit: 9, max: 10 } }],
    },
    {
      code: connectionTags(`["room", "room", "room", "room", "room", "room", "room", "room", "room", "room", ...connection.tags]`),
      output: null,
      errors: [{ messageId: "tooManyConnectionTags", line: 5, column: 12, data: { count: "at least 10", limit: 9, max: 10 } }],
    },
    {
      code: connectionTags(`["", null, 42, ["a", "b"], "x".repeat(257)]`),
      output: null,
      errors: [
        { messageId: "emptyConnectionTag", line: 5, column: 13 },
        { messageId: "nonStringConnectionTag", line: 5, column: 17, data: { value: "null" } },
        { messageId: "nonStringConnectionTag", line: 5, column: 23, data: { value: "42" } },
        { messageId: "nonStringConnectionTag", line: 5, column: 27, data: { value: "a,b" } },
        {
          messageId: "connectionTagTooLong",
          line: 5,
          column: 39,
          data: { size: "257 UTF-8 bytes", limit: "256 UTF-8 bytes" },
        },
      ],
    },
    {
      code: connectionTags(`["é".repeat(129)]`),
      output: null,
      errors: [
        {
          messageId: "connectionTagTooLong",
          line: 5,
          column: 13,
          data: { size: "258 UTF-8 bytes", limit: "256 UTF-8 bytes" },
        },
      ],
    },
    {
      code: connectionTags(`["x".repeat(300)]`, ""),
      output: null,
      errors: [
        {
          messageId: "connectionTagTooLong",
          line: 5,
          column: 13,
          data: { size: "300 characters", limit: "256 characters" },
        },
      ],
    },
    {
      code: `import { Agent } from "agents";
const ROLES = [${tags(6, "role")}];
export class Assistant extends Agent {
  getConnectionTags = async (connection) => [...ROLES, "user", "admin", "guest", ""];
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        { messageId: "tooManyConnectionTags", line: 4, column: 45, data: { count: "10", limit: 9, max: 10 } },
        { messageId: "emptyConnectionTag", line: 4, column: 82 },
      ],
    },
  ],
});
