import rule from "../../src/rules/require-hibernate-option.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const PARTYSERVER = `import { Server } from "partyserver";`;

ruleTester.run("require-hibernate-option", rule, {
  valid: [
    `${PARTYSERVER}
export class Cursors extends Server {
  static options = { hibernate: true };
  onMessage(connection, message) {
    this.broadcast(message, [connection.id]);
  }
}`,
    // Valid because the server chose to stay awake.
    `${PARTYSERVER}
export class Cursors extends Server {
  static options = { hibernate: false };
  onMessage(connection, message) {
    this.broadcast(message);
  }
}`,
    // Valid because the base class hibernates, and partyserver reads the option up the chain.
    `${PARTYSERVER}
class Base extends Server {
  static options = { hibernate: true };
}
export class Cursors extends Base {
  onMessage(connection, message) {}
}`,
    // Valid because a server that only answers HTTP requests has no connections to hibernate.
    `${PARTYSERVER}
export class Api extends Server {
  onRequest(request: Request) {
    return new Response("ok");
  }
}`,
    // Valid because a fetch() that never calls super.fetch() accepts no connections through the framework.
    `${PARTYSERVER}
export class Api extends Server {
  async fetch(request: Request) {
    return new Response(String(this.getConnections()));
  }
}`,
    // Valid because the file does not show what the option is.
    `${PARTYSERVER}
import { options } from "./options";
export class Cursors extends Server {
  static options = options;
  onMessage(connection, message) {}
}`,
    // Valid because the option is spread in from elsewhere.
    `${PARTYSERVER}
import { shared } from "./options";
export class Cursors extends Server {
  static options = { ...shared };
  onMessage(connection, message) {}
}`,
    // Valid because agents always hibernates.
    `import { Agent } from "agents";
export class Assistant extends Agent {
  onMessage(connection, message) {}
}`,
    // Valid because Server here is not partyserver's.
    `import { Server } from "./server";
export class Cursors extends Server {
  onMessage(connection, message) {}
}`,
    // Valid because a static getter returns the option.
    `${PARTYSERVER}
export class Cursors extends Server {
  static get options() {
    return { hibernate: true };
  }
  onMessage(connection, message) {}
}`,
    // Valid because the option is assigned after the class, where the file cannot be relied on to show it.
    {
      code: `${PARTYSERVER}
export class Cursors extends Server {
  onMessage(connection, message) {}
}
Cursors.options = { hibernate: true };`,
      filename: JS_FILE,
    },
    // Valid because a computed static member may be the option.
    `${PARTYSERVER}
const OPTIONS = "options";
export class Cursors extends Server {
  static [OPTIONS] = { hibernate: true };
  onMessage(connection, message) {}
}`,
    // Valid because a Yjs document that opts out of hibernation chose to stay awake.
    `import { YServer } from "y-partyserver";
export class Document extends YServer {
  static options = { hibernate: false };
}`,
    // Valid because the subclass that is used sets the option, and partyserver reads it from there.
    `${PARTYSERVER}
class Base extends Server {
  onMessage(connection, message) {}
}
export class Cursors extends Base {
  static options = { hibernate: true };
}`,
    // Valid because `satisfies` does not change the option.
    `${PARTYSERVER}
export class Cursors extends Server {
  static options = { hibernate: true } satisfies { hibernate: boolean };
  onMessage(connection, message) {}
}`,
    // Valid because a raw Durable Object has no such option.
    `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  onMessage(ws: WebSocket, message: string) {}
}`,
  ],
  invalid: [
    {
      code: `${PARTYSERVER}
export class Cursors extends Server {
  onMessage(connection, message) {
    this.broadcast(message, [connection.id]);
  }
}`,
      output: null,
      errors: [
        {
          messageId: "missingHibernateOption",
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: "addHibernateOption",
              output: `${PARTYSERVER}
export class Cursors extends Server {
  static options = { hibernate: true };
  onMessage(connection, message) {
    this.broadcast(message, [connection.id]);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { Server as PartyServer } from "partyserver";
export class Cursors extends PartyServer {
  static options = { cors: true };
  async fetch(request: Request) {
    console.log(request.url);
    return super.fetch(request);
  }
  getConnectionTags() {
    return ["lobby"];
  }
}`,
      output: null,
      errors: [
        {
          messageId: "missingHibernateOption",
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: "addHibernateOption",
              output: `import { Server as PartyServer } from "partyserver";
export class Cursors extends PartyServer {
  static options = { hibernate: true, cors: true };
  async fetch(request: Request) {
    console.log(request.url);
    return super.fetch(request);
  }
  getConnectionTags() {
    return ["lobby"];
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${PARTYSERVER}
class Base extends Server {
  static options = {};
  onConnect(connection) {}
}
export class Cursors extends Base {}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "missingHibernateOption",
          line: 6,
          column: 14,
          suggestions: [
            {
              messageId: "addHibernateOption",
              output: `${PARTYSERVER}
class Base extends Server {
  static options = {};
  onConnect(connection) {}
}
export class Cursors extends Base {
  static options = { hibernate: true };
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import { YServer } from "y-partyserver";
export default class extends YServer {
  static options = {};
}`,
      filename: MJS_FILE,
      output: null,
      errors: [
        {
          messageId: "missingHibernateOption",
          line: 2,
          column: 16,
          suggestions: [
            {
              messageId: "addHibernateOption",
              output: `import { YServer } from "y-partyserver";
export default class extends YServer {
  static options = { hibernate: true };
}`,
            },
          ],
        },
      ],
    },
    {
      code: `import * as party from "partyserver";
import { withYjs } from "y-partyserver";
export class Document extends withYjs(party.Server)<Env> {
  onConnect(connection: party.Connection) {
    super.onConnect(connection);
  }
}`,
      output: null,
      errors: [
        {
          messageId: "missingHibernateOption",
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: "addHibernateOption",
              output: `import * as party from "partyserver";
import { withYjs } from "y-partyserver";
export class Document extends withYjs(party.Server)<Env> {
  static options = { hibernate: true };
  onConnect(connection: party.Connection) {
    super.onConnect(connection);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${PARTYSERVER}
export const Cursors = class extends Server {
  announce(text) {
    this.broadcast(text);
  }
};`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "missingHibernateOption",
          line: 2,
          column: 24,
          suggestions: [
            {
              messageId: "addHibernateOption",
              output: `${PARTYSERVER}
export const Cursors = class extends Server {
  static options = { hibernate: true };
  announce(text) {
    this.broadcast(text);
  }
};`,
            },
          ],
        },
      ],
    },
    {
      code: `${PARTYSERVER}
export class Cursors extends Server {
  static options = { hibernate: true };
}
export class Chat extends Server {
  static options = "default";
  onMessage(connection, message) {}
}
export class Game extends Server<Env> {
  onClose(connection) {}
}`,
      output: null,
      errors: [
        {
          messageId: "missingHibernateOption",
          line: 9,
          column: 14,
          suggestions: [
            {
              messageId: "addHibernateOption",
              output: `${PARTYSERVER}
export class Cursors extends Server {
  static options = { hibernate: true };
}
export class Chat extends Server {
  static options = "default";
  onMessage(connection, message) {}
}
export class Game extends Server<Env> {
  static options = { hibernate: true };
  onClose(connection) {}
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${PARTYSERVER}
export class Dashboard extends Server {
  onRequest(request: Request) {
    return Response.json({ viewers: [...this.getConnections()].length });
  }
}`,
      output: null,
      errors: [
        {
          messageId: "missingHibernateOption",
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: "addHibernateOption",
              output: `${PARTYSERVER}
export class Dashboard extends Server {
  static options = { hibernate: true };
  onRequest(request: Request) {
    return Response.json({ viewers: [...this.getConnections()].length });
  }
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${PARTYSERVER}
export class Cursors extends Server {
  static options = {};
  onError(connection, error) {
    console.error(error);
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        {
          messageId: "missingHibernateOption",
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: "addHibernateOption",
              output: `${PARTYSERVER}
export class Cursors extends Server {
  static options = { hibernate: true };
  onError(connection, error) {
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
