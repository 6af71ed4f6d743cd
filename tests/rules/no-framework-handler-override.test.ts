import rule from "../../src/rules/no-framework-handler-override.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const PARTYSERVER = `import { Server } from "partyserver";`;
const AGENTS = `import { Agent } from "agents";`;
const SERVER = "partyserver's `Server`";

/** A hibernating partyserver room whose `members` start on line 4. */
function cursors(members: string): string {
  return `${PARTYSERVER}
export class Cursors extends Server {
  static options = { hibernate: true };
${members}
}`;
}

ruleTester.run("no-framework-handler-override", rule, {
  valid: [
    cursors(`  onMessage(connection, message) {
    connection.send(message);
  }
  onClose(connection, code, reason) {}
  onAlarm() {}`),
    // Valid because the override passes the event on to the framework.
    cursors(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    console.log("message", message);
    return super.webSocketMessage(ws, message);
  }`),
    // Valid because fetch() passes the requests it does not handle itself on to the framework.
    cursors(`  async fetch(request: Request) {
    if (new URL(request.url).pathname === "/health") return new Response("ok");
    return super.fetch(request);
  }`),
    // Valid because the override starts the framework's alarm work.
    cursors(`  async alarm() {
    await super.alarm();
    console.log("alarm done");
  }`),
    // Valid because a Server without hibernate: true listens on its connections, so the runtime never calls webSocketMessage.
    `${PARTYSERVER}
export class Cursors extends Server {
  webSocketMessage(ws, message) {}
  onMessage(connection, message) {}
}`,
    // Valid because the file does not show whether this Server hibernates.
    `${PARTYSERVER}
import { options } from "./options";
export class Cursors extends Server {
  static options = options;
  webSocketClose(ws, code) {}
}`,
    // Valid because a computed super access still reaches the framework's fetch.
    cursors(`  fetch(request: Request) {
    return super["fetch"](request);
  }`),
    // Valid because a y-partyserver document that only adds its own handlers keeps the framework's.
    `import { YServer } from "y-partyserver";
export class Document extends YServer {
  static options = { hibernate: true };
  onMessage(connection, message) {
    super.onMessage(connection, message);
  }
}`,
    // Valid because a method whose name is only computed at runtime is not known to be a handler.
    cursors(`  [handlerName()](ws, message) {}`),
    // Valid because a private method is a different property from the framework's handler.
    cursors(`  #webSocketMessage(ws, message) {}
  onMessage(connection, message) {
    this.#webSocketMessage(connection, message);
  }`),
    // Valid because the Agent's fetch() passes every request on.
    `${AGENTS}
export class Assistant extends Agent {
  async fetch(request: Request) {
    console.log(request.url);
    return super.fetch(request);
  }
}`,
    // Valid because a static method is not the instance's handler.
    cursors(`  static webSocketMessage() {}`),
    // Valid because a raw Durable Object defines its handlers itself.
    `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch(request: Request) {
    return new Response("ok");
  }
  webSocketMessage(ws: WebSocket, message: string) {}
  alarm() {}
}`,
    // Valid because Server here is not partyserver's.
    `import { Server } from "./server";
export class Cursors extends Server {
  webSocketMessage(ws, message) {}
  fetch(request) {
    return new Response("ok");
  }
}`,
    // Valid because a Worker's default export is no Durable Object.
    `export default {
  fetch(request: Request) {
    return new Response("ok");
  },
};`,
    // Valid because the Agent's own RPC methods and hooks are not the runtime's handlers.
    `${AGENTS}
export class Assistant extends Agent {
  onRequest(request) {
    return new Response("ok");
  }
  onMessage(connection, message) {}
  async alarmClock() {}
}`,
  ],
  invalid: [
    {
      code: cursors(`  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }`),
      output: null,
      errors: [
        {
          messageId: "overriddenHandler",
          line: 4,
          column: 9,
          data: { base: SERVER, name: "webSocketMessage", handler: "onMessage" },
          suggestions: [
            {
              messageId: "renameToHandler",
              data: { name: "webSocketMessage", handler: "onMessage" },
              output: cursors(`  async onMessage(ws: WebSocket, message: string | ArrayBuffer) {
    ws.send(String(message));
  }`),
            },
          ],
        },
      ],
    },
    {
      code: cursors(`  onClose(connection) {}
  webSocketClose(ws, code, reason, wasClean) {}
  webSocketError = (ws, error) => {};`),
      output: null,
      errors: [
        {
          messageId: "overriddenHandler",
          line: 5,
          column: 3,
          data: { base: SERVER, name: "webSocketClose", handler: "onClose" },
          suggestions: [],
        },
        {
          messageId: "overriddenHandler",
          line: 6,
          column: 3,
          data: { base: SERVER, name: "webSocketError", handler: "onError" },
          suggestions: [
            {
              messageId: "renameToHandler",
              data: { name: "webSocketError", handler: "onError" },
              output: cursors(`  onClose(connection) {}
  webSocketClose(ws, code, reason, wasClean) {}
  onError = (ws, error) => {};`),
            },
          ],
        },
      ],
    },
    {
      code: cursors(`  async fetch(request: Request) {
    const url = new URL(request.url);
    return new Response(url.pathname);
  }
  onConnect(connection) {}`),
      output: null,
      errors: [{ messageId: "overriddenFetch", line: 4, column: 9, data: { base: SERVER } }],
    },
    {
      code: cursors(`  async alarm() {
    this.broadcast("tick");
  }`),
      output: null,
      errors: [
        {
          messageId: "overriddenAlarm",
          line: 4,
          column: 9,
          suggestions: [
            {
              messageId: "renameToHandler",
              data: { name: "alarm", handler: "onAlarm" },
              output: cursors(`  async onAlarm() {
    this.broadcast("tick");
  }`),
            },
          ],
        },
      ],
    },
    {
      code: `${AGENTS}
export class Assistant extends Agent {
  async alarm() {
    await this.refresh();
  }
  webSocketMessage(ws, message) {
    super.webSocketClose(ws, 1000, "", true);
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        { messageId: "overriddenAgentAlarm", line: 3, column: 9 },
        {
          messageId: "overriddenHandler",
          line: 6,
          column: 3,
          data: { base: "`Agent`", name: "webSocketMessage", handler: "onMessage" },
          suggestions: [
            {
              messageId: "renameToHandler",
              data: { name: "webSocketMessage", handler: "onMessage" },
              output: `${AGENTS}
export class Assistant extends Agent {
  async alarm() {
    await this.refresh();
  }
  onMessage(ws, message) {
    super.webSocketClose(ws, 1000, "", true);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { AIChatAgent } from "@cloudflare/ai-chat";
class Base extends AIChatAgent {
  fetch(request) {
    return new Response("ok");
  }
}
export class Chat extends Base {
  "webSocketMessage"(ws, message) {}
}`,
      filename: MJS_FILE,
      output: null,
      errors: [
        { messageId: "overriddenFetch", line: 3, column: 3, data: { base: "`Agent`" } },
        {
          messageId: "overriddenHandler",
          line: 8,
          column: 3,
          data: { base: "`Agent`", name: "webSocketMessage", handler: "onMessage" },
          suggestions: [
            {
              messageId: "renameToHandler",
              data: { name: "webSocketMessage", handler: "onMessage" },
              output: `import { AIChatAgent } from "@cloudflare/ai-chat";
class Base extends AIChatAgent {
  fetch(request) {
    return new Response("ok");
  }
}
export class Chat extends Base {
  "onMessage"(ws, message) {}
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${PARTYSERVER}
class Base extends Server {
  static options = { hibernate: true };
}
export class Cursors extends Base {
  fetch = async (request) => new Response("ok");
  webSocketMessage(ws, message) {
    this.onMessage(ws, message);
  }
  onMessage(connection, message) {}
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        { messageId: "overriddenFetch", line: 6, column: 3, data: { base: SERVER } },
        {
          messageId: "overriddenHandler",
          line: 7,
          column: 3,
          data: { base: SERVER, name: "webSocketMessage", handler: "onMessage" },
          suggestions: [],
        },
      ],
    },
    {
      code: `${PARTYSERVER}
export class Cursors extends Server {
  fetch(request) {
    return new Response("ok");
  }
  alarm() {}
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        { messageId: "overriddenFetch", line: 3, column: 3, data: { base: SERVER } },
        {
          messageId: "overriddenAlarm",
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: "renameToHandler",
              data: { name: "alarm", handler: "onAlarm" },
              output: `${PARTYSERVER}
export class Cursors extends Server {
  fetch(request) {
    return new Response("ok");
  }
  onAlarm() {}
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${AGENTS}
export class Assistant extends Agent {
  async webSocketError(ws: WebSocket, error: unknown) {
    console.error(error);
  }
}`,
      output: null,
      errors: [
        {
          messageId: "overriddenHandler",
          line: 3,
          column: 9,
          data: { base: "`Agent`", name: "webSocketError", handler: "onError" },
          suggestions: [
            {
              messageId: "renameToHandler",
              data: { name: "webSocketError", handler: "onError" },
              output: `${AGENTS}
export class Assistant extends Agent {
  async onError(ws: WebSocket, error: unknown) {
    console.error(error);
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
