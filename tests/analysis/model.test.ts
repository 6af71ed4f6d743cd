import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { analyse } from "./analyse.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";\n`;

describe("which classes are Durable Objects", () => {
  it.each([
    ["extends DurableObject from cloudflare:workers", `${IMPORT}export class Room extends DurableObject {}`, "extendsDurableObject"],
    [
      "an aliased import",
      `import { DurableObject as Base } from "cloudflare:workers";\nexport class Room extends Base {}`,
      "extendsDurableObject",
    ],
    [
      "a namespace import",
      `import * as workers from "cloudflare:workers";\nexport class Room extends workers.DurableObject {}`,
      "extendsDurableObject",
    ],
    [
      "implements DurableObject",
      `export class Room implements DurableObject { fetch() { return new Response(); } }`,
      "implementsDurableObject",
    ],
    [
      "a typed classic constructor",
      `export class Room { constructor(state: DurableObjectState, env: Env) {} }`,
      "stateConstructor",
    ],
    [
      "a JavaScript constructor whose first parameter is used as the state",
      `export class Room { constructor(state, env) { state.blockConcurrencyWhile(async () => {}); } }`,
      "stateConstructor",
    ],
    [
      "a JavaScript constructor that stores the state and uses it later",
      `export class Room { constructor(state, env) { this.state = state; } async fetch() { await this.state.storage.get("n"); } }`,
      "stateConstructor",
    ],
  ])("%s", (_, code, marker) => {
    const { model } = analyse(code);
    expect(model.durableObjects.map((durableObject) => [durableObject.name, durableObject.marker])).toEqual([
      ["Room", marker],
    ]);
  });

  it("follows a chain of local subclasses", () => {
    const { model } = analyse(`${IMPORT}class Base extends DurableObject {}\nclass Middle extends Base {}\nexport class Room extends Middle {}`);
    expect(model.durableObjects.map((durableObject) => [durableObject.name, durableObject.marker])).toEqual([
      ["Base", "extendsDurableObject"],
      ["Middle", "extendsLocalDurableObject"],
      ["Room", "extendsLocalDurableObject"],
    ]);
    expect(model.durableObjects[2]?.baseClass?.name).toBe("Middle");
  });

  it("names an anonymous class after the variable that holds it", () => {
    const { model } = analyse(`${IMPORT}export const Room = class extends DurableObject {};`);
    expect(model.durableObjects[0]?.name).toBe("Room");
  });

  it("accepts classes named in settings.hibernation.durableObjects", () => {
    const { model } = analyse(`export class Room { fetch() {} }\nexport class Other {}`, {
      filename: "room.js",
      settings: { hibernation: { durableObjects: ["Room"] } },
    });
    expect(model.durableObjects.map((durableObject) => [durableObject.name, durableObject.marker])).toEqual([
      ["Room", "settings"],
    ]);
  });

  it.each([
    ["a local class that happens to be named DurableObject", `class DurableObject {}\nexport class Room extends DurableObject {}`],
    ["DurableObject imported from another module", `import { DurableObject } from "./base";\nexport class Room extends DurableObject {}`],
    [
      "a class that only creates a WebSocketPair",
      `export class Relay { open() { const [client, server] = Object.values(new WebSocketPair()); server.accept(); return client; } }`,
    ],
    ["a constructor whose first parameter is not used as the state", `export class Cache { constructor(storage) { this.storage = storage; } }`],
    ["a file with no class at all", `export default { fetch() { return new Response("ok"); } };`],
  ])("not %s", (_, code) => {
    expect(analyse(code).model.durableObjects).toEqual([]);
  });
});

describe("which Durable Objects hibernate", () => {
  it("hibernates when it calls acceptWebSocket on its state", () => {
    const { model } = analyse(`${IMPORT}export class Room extends DurableObject {
      fetch() { const [client, server] = Object.values(new WebSocketPair()); this.ctx.acceptWebSocket(server); return new Response(null, { status: 101, webSocket: client }); }
    }`);
    expect(model.durableObjects[0]?.hibernates).toBe(true);
    expect(model.durableObjects[0]?.acceptWebSocketCalls).toHaveLength(1);
  });

  it("hibernates when it defines a handler, also through a local base class", () => {
    const { model } = analyse(`${IMPORT}class Base extends DurableObject { webSocketClose(ws, code) {} }\nexport class Room extends Base {}`);
    expect(model.durableObjects.map((durableObject) => durableObject.hibernates)).toEqual([true, true]);
    expect([...(model.durableObjects[0]?.handlers.keys() ?? [])]).toEqual(["webSocketClose"]);
  });

  it("hibernates when a module function it calls accepts the socket", () => {
    const { model } = analyse(`${IMPORT}function accept(ctx, ws) { ctx.acceptWebSocket(ws); }
      export class Room extends DurableObject { fetch() { accept(this.ctx, null); } }`);
    expect(model.durableObjects[0]?.hibernates).toBe(true);
  });

  it("does not hibernate with the standard accept() only", () => {
    const { model } = analyse(`${IMPORT}export class Room extends DurableObject {
      fetch() { const [client, server] = Object.values(new WebSocketPair()); server.accept(); return new Response(null, { status: 101, webSocket: client }); }
    }`);
    expect(model.durableObjects[0]?.hibernates).toBe(false);
  });
});

describe("where a Durable Object's code runs", () => {
  const code = `${IMPORT}
    function helper() { return nested(); }
    function nested() { return "in the object"; }
    function unrelated() { return "worker"; }
    export class Room extends DurableObject {
      field = () => "initialiser";
      async fetch() { const inner = () => "arrow"; return helper(); }
    }
    export default { fetch() { return unrelated(); } };`;

  it("covers methods, property initialisers, nested functions and the module functions it calls", () => {
    const { model, find } = analyse(code);
    const room = model.durableObjects[0];
    for (const text of ['"initialiser"', '"arrow"', '"in the object"']) {
      expect(model.durableObjectAt(find(text, AST_NODE_TYPES.Literal))).toBe(room);
    }
    expect(model.durableObjectAt(find('"worker"', AST_NODE_TYPES.Literal))).toBeUndefined();
    expect(room?.moduleFunctions.size).toBe(2);
  });
});

describe("state handles", () => {
  it("recognises this.ctx, its aliases and destructuring", () => {
    const { model, find } = analyse(`${IMPORT}export class Room extends DurableObject {
      fetch() {
        const state = this.ctx;
        const { ctx, env } = this;
        this.ctx.getWebSockets(); state.getWebSockets(); ctx.getWebSockets(); env.getWebSockets(); this.env.getWebSockets();
      }
    }`);
    expect(model.isStateHandle(find("this.ctx.getWebSockets", AST_NODE_TYPES.MemberExpression))).toBe(true);
    expect(model.isStateHandle(find("state.getWebSockets", AST_NODE_TYPES.Identifier))).toBe(true);
    expect(model.isStateHandle(find("ctx.getWebSockets", AST_NODE_TYPES.Identifier))).toBe(true);
    expect(model.isStateHandle(find("env.getWebSockets", AST_NODE_TYPES.Identifier))).toBe(false);
    expect(model.isStateHandle(find("this.env.getWebSockets", AST_NODE_TYPES.MemberExpression))).toBe(false);
  });

  it("recognises the classic constructor parameter and the field it is stored in", () => {
    const { model, find } = analyse(
      `export class Room { constructor(state, env) { this.state = state; state.storage.get("x"); } fetch() { this.state.getWebSockets(); } }`,
      { filename: "room.js" },
    );
    const room = model.durableObjects[0];
    expect(room && [...room.stateFields]).toEqual(["state"]);
    expect(model.isStateHandle(find("state.storage", AST_NODE_TYPES.Identifier))).toBe(true);
    const inMethod = find("this.state.getWebSockets", AST_NODE_TYPES.MemberExpression);
    expect(model.isStateHandle(inMethod)).toBe(true);
    expect(room && model.stateHandleTextAt(room, inMethod)).toBe("this.state");
  });

  it("offers the parameter name inside a constructor that never stores the state", () => {
    const { model, find } = analyse(
      `export class Room { constructor(state, env) { state.blockConcurrencyWhile(async () => { state.storage.get("x"); }); } }`,
      { filename: "room.js" },
    );
    const room = model.durableObjects[0];
    expect(room && model.stateHandleTextAt(room, find('state.storage.get("x")', AST_NODE_TYPES.CallExpression))).toBe(
      "state",
    );
  });

  it("takes `this` in an arrow-function field for the instance", () => {
    const { model, find } = analyse(`${IMPORT}export class Room extends DurableObject {
      fetch = async () => this.ctx.getWebSockets();
    }`);
    const room = model.durableObjects[0];
    const handle = find("this.ctx", AST_NODE_TYPES.MemberExpression);
    expect(model.isStateHandle(handle)).toBe(true);
    expect(room && model.stateHandleTextAt(room, handle)).toBe("this.ctx");
  });

  it("does not take `this` of a nested function for the object", () => {
    const { model, find } = analyse(`${IMPORT}export class Room extends DurableObject {
      fetch() { return function () { return this.ctx; }; }
    }`);
    expect(model.isStateHandle(find("this.ctx", AST_NODE_TYPES.MemberExpression))).toBe(false);
  });
});

describe("this", () => {
  it("is the object in its methods, field initialisers and the arrow functions inside them", () => {
    const { model, find } = analyse(`${IMPORT}export class Room extends DurableObject {
      self = this.name;
      fetch() { const arrow = () => this.ctx; return function () { return this.other; }; }
    }
    export class Helper { run() { return this.helper; } }`);
    const room = model.durableObjects[0];
    expect(model.thisDurableObjectAt(find("this.name", AST_NODE_TYPES.ThisExpression))).toBe(room);
    expect(model.thisDurableObjectAt(find("this.ctx", AST_NODE_TYPES.ThisExpression))).toBe(room);
    expect(model.thisDurableObjectAt(find("this.other", AST_NODE_TYPES.ThisExpression))).toBeUndefined();
    expect(model.thisDurableObjectAt(find("this.helper", AST_NODE_TYPES.ThisExpression))).toBeUndefined();
  });
});

describe("sockets", () => {
  const code = `${IMPORT}export class Room extends DurableObject {
    upstream = new WebSocket("wss://example.com");
    async fetch() {
      const pair = new WebSocketPair();
      const [client, server] = Object.values(pair);
      const { 0: left, 1: right } = pair;
      server; client; left; right; pair[1]; pair[0];
      this.ctx.acceptWebSocket(server);
      const response = await fetch("https://example.com", { headers: { Upgrade: "websocket" } });
      const outgoing = response.webSocket;
      outgoing; this.upstream;
      for (const socket of this.ctx.getWebSockets()) { socket; }
      this.ctx.getWebSockets().forEach((each) => { each; });
      return new Response(null, { status: 101, webSocket: client });
    }
    webSocketMessage(ws, message) { ws; message; }
  }`;

  it.each([
    ["server;", "pairServer", true],
    ["client;", "pairClient", false],
    ["left;", "pairClient", false],
    ["right;", "pairServer", false],
    ["outgoing;", "outgoing", false],
    ["socket;", "hibernatable", true],
    ["each;", "hibernatable", true],
    ["ws;", "hibernatable", true],
  ])("%s is %s", (text, origin, accepted) => {
    const { model, find } = analyse(code);
    const socket = model.socketOf(find(text, AST_NODE_TYPES.Identifier));
    expect(socket?.origin).toBe(origin);
    expect(socket && model.isAcceptedForHibernation(socket)).toBe(accepted);
  });

  it("reads pair indexes and fields", () => {
    const { model, find } = analyse(code);
    expect(model.socketOf(find("pair[1]", AST_NODE_TYPES.MemberExpression))?.origin).toBe("pairServer");
    expect(model.socketOf(find("pair[0]", AST_NODE_TYPES.MemberExpression))?.origin).toBe("pairClient");
    expect(model.socketOf(find("this.upstream;", AST_NODE_TYPES.MemberExpression))?.origin).toBe("outgoing");
  });

  it("reads indexes of Object.values(pair)", () => {
    const { model, find } = analyse(`${IMPORT}export class Room extends DurableObject {
      fetch() {
        const server = Object.values(new WebSocketPair())[1];
        const client = Object.values(new WebSocketPair())[0];
        server; client;
      }
    }`);
    expect(model.socketOf(find("server;", AST_NODE_TYPES.Identifier))?.origin).toBe("pairServer");
    expect(model.socketOf(find("client;", AST_NODE_TYPES.Identifier))?.origin).toBe("pairClient");
  });

  it("does not take other values for sockets", () => {
    const { model, find } = analyse(code);
    expect(model.socketOf(find("message;", AST_NODE_TYPES.Identifier))).toBeUndefined();
    expect(model.socketOf(find("pair;", AST_NODE_TYPES.Identifier))).toBeUndefined();
  });
});

describe("messages sent", () => {
  it("marks every function around a send", () => {
    const { model, find } = analyse(`${IMPORT}export class Room extends DurableObject {
      webSocketMessage(ws) { const reply = () => ws.send("pong"); const idle = () => 1; }
    }`);
    expect(model.sendsMessages(find('() => ws.send("pong")', AST_NODE_TYPES.ArrowFunctionExpression))).toBe(true);
    expect(model.sendsMessages(find("() => 1", AST_NODE_TYPES.ArrowFunctionExpression))).toBe(false);
  });
});

describe("framework classes", () => {
  const PARTYSERVER = `import { Server } from "partyserver";\n`;
  const HIBERNATE = "static options = { hibernate: true };";

  it.each([
    ["partyserver's Server", `${PARTYSERVER}export class Room extends Server {}`, "partyserver"],
    ["an aliased Server", `import { Server as PartyServer } from "partyserver";\nexport class Room extends PartyServer {}`, "partyserver"],
    ["a namespace import of partyserver", `import * as party from "partyserver";\nexport class Room extends party.Server {}`, "partyserver"],
    ["y-partyserver's YServer", `import { YServer } from "y-partyserver";\nexport class Document extends YServer {}`, "partyserver"],
    [
      "y-partyserver's withYjs(Server)",
      `${PARTYSERVER}import { withYjs } from "y-partyserver";\nexport class Document extends withYjs(Server) {}`,
      "partyserver",
    ],
    ["the Agent of agents", `import { Agent } from "agents";\nexport class Assistant extends Agent {}`, "agents"],
    ["AIChatAgent of @cloudflare/ai-chat", `import { AIChatAgent } from "@cloudflare/ai-chat";\nexport class Chat extends AIChatAgent {}`, "agents"],
    ["AIChatAgent of agents/ai-chat-agent", `import { AIChatAgent } from "agents/ai-chat-agent";\nexport class Chat extends AIChatAgent {}`, "agents"],
  ])("recognises %s", (_, code, framework) => {
    const { model } = analyse(code);
    expect(model.durableObjects.map((durableObject) => [durableObject.marker, durableObject.framework])).toEqual([
      ["extendsFramework", framework],
    ]);
    expect(model.durableObjects[0] && [...model.durableObjects[0].stateFields]).toEqual(["ctx"]);
  });

  it("passes the framework on to local subclasses", () => {
    const { model } = analyse(`${PARTYSERVER}class Base extends Server { ${HIBERNATE} }\nexport class Room extends Base {}`);
    expect(model.durableObjects.map((durableObject) => [durableObject.name, durableObject.framework, durableObject.hibernates])).toEqual([
      ["Base", "partyserver", true],
      ["Room", "partyserver", true],
    ]);
  });

  it.each([
    ["a Server imported from another module", `import { Server } from "./server";\nexport class Room extends Server {}`],
    ["a local class named Server", `class Server {}\nexport class Room extends Server {}`],
    ["an Agent imported from elsewhere", `import { Agent } from "./agents";\nexport class Assistant extends Agent {}`],
    ["another export of partyserver", `import { routePartykitRequest } from "partyserver";\nexport class Router extends routePartykitRequest {}`],
    ["withYjs of something else", `import { withYjs } from "y-partyserver";\nimport { Base } from "./base";\nexport class Document extends withYjs(Base) {}`],
  ])("does not take %s for a framework class", (_, code) => {
    expect(analyse(code).model.durableObjects).toEqual([]);
  });

  it.each([
    ["no options", "", false],
    ["hibernate: true", HIBERNATE, true],
    ["static override readonly options", "static override readonly options = { hibernate: true } as const;", true],
    ["hibernate: false", "static options = { hibernate: false };", false],
    ["options without hibernate", "static options = { cors: true };", false],
    ["a truthy constant", "static options = { hibernate: HIBERNATE };", true],
    ["a static getter", "static get options() { return { hibernate: true }; }", true],
    ["a value the file does not show", "static options = { hibernate: process.env.HIBERNATE === '1' };", undefined],
    ["a spread after the key", "static options = { hibernate: true, ...shared };", undefined],
    ["a key after the spread", "static options = { ...shared, hibernate: true };", true],
    ["options the file does not show", "static options = shared;", undefined],
  ])("reads the hibernate option from %s", (_, member, option) => {
    const { model } = analyse(`${PARTYSERVER}import { shared } from "./shared";\nconst HIBERNATE = 1;\nexport class Room extends Server { ${member} }`);
    const room = model.durableObjects[0];
    expect(room?.hibernateOption).toBe(option);
    expect(room?.hibernates).toBe(option === true);
  });

  it("lets a subclass override the option of its base class", () => {
    const { model } = analyse(`${PARTYSERVER}class Base extends Server { ${HIBERNATE} }
      class Quiet extends Base { static options = { hibernate: false }; }
      class Loud extends Quiet {}`);
    expect(model.durableObjects.map((durableObject) => durableObject.hibernateOption)).toEqual([true, false, false]);
  });

  it("does not trust an option assigned outside the class", () => {
    const { model } = analyse(`${PARTYSERVER}export class Room extends Server {}\nRoom.options = { hibernate: true };`);
    expect(model.durableObjects[0]?.hibernateOption).toBeUndefined();
  });

  it("takes every Agent for hibernating, whatever handlers it defines", () => {
    const { model } = analyse(`import { Agent } from "agents";\nexport class Assistant extends Agent { onMessage(connection, message) {} }`);
    const assistant = model.durableObjects[0];
    expect(assistant?.hibernates).toBe(true);
    expect(assistant?.hibernateOption).toBeUndefined();
    expect([...(assistant?.connectionHandlers.keys() ?? [])]).toEqual(["onMessage"]);
  });

  it("does not hibernate a partyserver class for the hibernation handlers it defines", () => {
    const { model } = analyse(`${PARTYSERVER}export class Room extends Server { webSocketMessage(ws, message) {} }`);
    expect(model.durableObjects[0]?.hibernates).toBe(false);
    expect([...(model.durableObjects[0]?.handlers.keys() ?? [])]).toEqual(["webSocketMessage"]);
  });

  it("gives only framework classes connection handlers", () => {
    const { model } = analyse(`${IMPORT}export class Room extends DurableObject { onMessage(ws, message) {} }`);
    expect(model.durableObjects[0]?.connectionHandlers.size).toBe(0);
  });

  describe("connections", () => {
    const code = (options: string) => `${PARTYSERVER}export class Room extends Server {
      ${options}
      onConnect(connection, ctx) { connection; ctx; }
      onMessage(sender, message) {
        sender; message;
        for (const each of this.getConnections()) { each; }
        [...this.getConnections()].forEach((spread) => { spread; });
        const byId = this.getConnection("id");
        byId;
      }
      onClose(closing, code) { closing; code; }
      getConnectionTags(tagged) { tagged; return []; }
      static onMessage(notOne) { notOne; }
      helper(other) { other; }
    }`;

    it.each(["connection;", "sender;", "each;", "spread;", "byId;", "closing;"])(
      "%s is a hibernatable socket of a hibernating Server",
      (text) => {
        const { model, find } = analyse(code(HIBERNATE));
        const socket = model.socketOf(find(text, AST_NODE_TYPES.Identifier));
        expect(socket?.origin).toBe("hibernatable");
        expect(socket && model.isAcceptedForHibernation(socket)).toBe(true);
      },
    );

    it.each(["ctx;", "message;", "code;", "notOne;", "other;", "tagged;"])("%s is not a socket", (text) => {
      const { model, find } = analyse(code(HIBERNATE));
      expect(model.socketOf(find(text, AST_NODE_TYPES.Identifier))).toBeUndefined();
    });

    it.each(["connection;", "sender;", "each;", "byId;"])("%s is not known to be a socket when the Server does not hibernate", (text) => {
      const { model, find } = analyse(code(""));
      expect(model.socketOf(find(text, AST_NODE_TYPES.Identifier))).toBeUndefined();
    });

    it("reads the agents onError(error) overload as an error, not a connection", () => {
      const { model, find } = analyse(`import { Agent } from "agents";
        export class Assistant extends Agent {
          onError(connectionOrError, error) { connectionOrError; }
        }
        export class Other extends Agent {
          onError(failure) { failure; }
        }`);
      expect(model.socketOf(find("connectionOrError;", AST_NODE_TYPES.Identifier))?.origin).toBe("hibernatable");
      expect(model.socketOf(find("failure;", AST_NODE_TYPES.Identifier))).toBeUndefined();
    });
  });

  it("counts this.broadcast() as sending", () => {
    const { model, find } = analyse(`${PARTYSERVER}export class Room extends Server {
      onStart() { const tick = () => this.broadcast("tick"); const other = () => room.broadcast("x"); }
    }`);
    expect(model.sendsMessages(find('() => this.broadcast("tick")', AST_NODE_TYPES.ArrowFunctionExpression))).toBe(true);
    expect(model.sendsMessages(find('() => room.broadcast("x")', AST_NODE_TYPES.ArrowFunctionExpression))).toBe(false);
  });

  it("finds a framework class in a JavaScript file", () => {
    const { model } = analyse(`import { Server } from "partyserver";\nexport class Room extends Server { static options = { hibernate: true }; }`, {
      filename: "room.js",
    });
    expect(model.durableObjects[0]?.hibernates).toBe(true);
  });
});

describe("the calls a rule looks up by name", () => {
  it("finds `name(...)` and `x.name(...)`, through type assertions, in source order with outer calls first", () => {
    const { model, sourceCode } = analyse(`${IMPORT}export class Room extends DurableObject {
      go(ws: WebSocket): void {
        ws.close(close(), "bye");
        (ws as WebSocket)["close"]();
        (close as () => void)();
        ws.send("x");
        ws.send.call(ws, "y");
        ws[method]();
      }
    }`);
    const texts = (names: Iterable<string>) => model.callsNamed(names).map((call) => sourceCode.getText(call.callee));
    expect(texts(["close"])).toEqual(["ws.close", "close", '(ws as WebSocket)["close"]', "close as () => void"]);
    expect(texts(["send", "close", "send"])).toEqual([
      "ws.close",
      "close",
      '(ws as WebSocket)["close"]',
      "close as () => void",
      "ws.send",
    ]);
    expect(texts(["call"])).toEqual(["ws.send.call"]);
    expect(texts(["method", "missing"])).toEqual([]);
  });

  it("gives no calls in a file without a Durable Object", () => {
    expect(analyse(`fetch("https://example.com"); ws.close();`).model.callsNamed(["fetch", "close"])).toEqual([]);
  });
});
