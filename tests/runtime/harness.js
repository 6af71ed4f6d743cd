// Runs inside workerd. The generated entry module exports every doc example's Durable
// Object wrapped by `instrument()`, and this Worker drives them: it connects WebSocket
// clients to an example, sends, closes, forces hibernation with `workerd:unsafe`, and
// answers the test runner, which talks to it on 127.0.0.1, with what it observed.
// Requests for any other host are the outside world: an outgoing WebSocket from an
// example lands here and stays open, `slow.example.com` takes a minute to answer, and a TCP
// connection from `connect()` is held open. `LimitsProbe` reads back the runtime's limits.
import { DurableObject } from "cloudflare:workers";
import unsafe from "workerd:unsafe";

const HANDLERS = ["fetch", "webSocketMessage", "webSocketClose", "webSocketError", "alarm"];
/** How long a client waits for a reply that may never come. */
const REPLY_TIMEOUT_MS = 1_500;
/** How long the runtime gets to run a handler after a client closes. */
const SETTLE_MS = 300;
/** How long `slow.example.com` takes to answer: longer than the runtime tries to evict a pinned object. */
const SLOW_ANSWER_MS = 60_000;

/** What each example's object did, by case id. Module state survives the object's eviction. */
const observations = new Map();

function observed(caseId) {
  let entry = observations.get(caseId);
  if (!entry) {
    entry = { constructions: 0, errors: [] };
    observations.set(caseId, entry);
  }
  return entry;
}

/**
 * Wraps a Durable Object class so that the harness sees its constructor run and the
 * errors its constructor and handlers throw. Only handlers the class defines are wrapped:
 * adding one would change what the runtime does.
 */
export function instrument(Base, caseId) {
  class Instrumented extends Base {
    constructor(...args) {
      try {
        super(...args);
      } catch (error) {
        observed(caseId).errors.push(describe(error));
        throw error;
      }
      observed(caseId).constructions += 1;
    }
  }
  for (const name of HANDLERS) {
    const original = Base.prototype[name];
    if (typeof original !== "function") {
      continue;
    }
    Object.defineProperty(Instrumented.prototype, name, {
      configurable: true,
      writable: true,
      value: async function (...args) {
        try {
          return await original.apply(this, args);
        } catch (error) {
          observed(caseId).errors.push(describe(error));
          throw error;
        }
      },
    });
  }
  Object.defineProperty(Instrumented, "name", { value: Base.name });
  return Instrumented;
}

function describe(error) {
  return error instanceof Error ? error.message : String(error);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class Client {
  constructor(name, webSocket) {
    this.name = name;
    this.webSocket = webSocket;
    this.messages = [];
    this.closed = undefined;
    this.waiters = [];
    webSocket.accept();
    webSocket.addEventListener("message", (event) => {
      this.messages.push(typeof event.data === "string" ? event.data : `<${event.data.byteLength} bytes>`);
      this.wake();
    });
    webSocket.addEventListener("close", (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.wake();
    });
  }

  wake() {
    for (const waiter of this.waiters.splice(0)) {
      waiter();
    }
  }

  /** Sends `text` and waits for the next message, or until the timeout: undefined then. */
  async request(text, timeout = REPLY_TIMEOUT_MS) {
    const seen = this.messages.length;
    this.webSocket.send(text);
    return this.nextMessage(seen, timeout);
  }

  async nextMessage(seen = this.messages.length, timeout = REPLY_TIMEOUT_MS) {
    const deadline = Date.now() + timeout;
    while (this.messages.length <= seen && this.closed === undefined) {
      const left = deadline - Date.now();
      if (left <= 0) {
        return undefined;
      }
      await Promise.race([new Promise((resolve) => this.waiters.push(resolve)), sleep(left)]);
    }
    return this.messages[seen];
  }
}

async function connect(stub, name) {
  const response = await stub.fetch(`https://example.com/?name=${name}&user=${name}&room=lobby`, {
    headers: { Upgrade: "websocket" },
  });
  if (!response.webSocket) {
    throw new Error(`the object answered ${response.status} instead of a WebSocket`);
  }
  return new Client(name, response.webSocket);
}

/**
 * Forces hibernation; a pinned object makes the runtime give up after 30 seconds. An object
 * that is not in memory (an auto-response answered without waking it) is hibernating already.
 */
async function evict(stub) {
  try {
    await unsafe.evict(stub, { webSockets: "hibernate" });
    return { evicted: true };
  } catch (error) {
    const message = describe(error);
    return /it is not currently running/.test(message) ? { evicted: true } : { evicted: false, error: message };
  }
}

/**
 * Each scenario acts on an example's object and returns what it saw; the test runner
 * decides what that means for a ❌ or a ✅ example. `message` is what the client sends:
 * "hello", or the text the example's fence names.
 */
const SCENARIOS = {
  /** Connect, talk, then force hibernation: did it go, and did the constructor run again after? */
  async hibernates(stub, caseId, message) {
    const alice = await connect(stub, "alice");
    await alice.request(message);
    const before = observed(caseId).constructions;
    const eviction = await evict(stub);
    if (eviction.evicted) {
      await alice.request(message);
    }
    return { ...eviction, rebuilt: observed(caseId).constructions > before };
  },

  /** Does a message get an answer? */
  async "handles-messages"(stub, caseId, message) {
    const alice = await connect(stub, "alice");
    return { reply: await alice.request(message) };
  },

  /** Two clients connect, the object hibernates, one speaks: does the other hear it? */
  async "broadcast-after-wake"(stub, caseId, message) {
    const alice = await connect(stub, "alice");
    const bob = await connect(stub, "bob");
    await sleep(SETTLE_MS);
    const eviction = await evict(stub);
    const seen = bob.messages.length;
    alice.webSocket.send(message);
    return { ...eviction, heard: await bob.nextMessage(seen) };
  },

  /**
   * Three clients connect, the one in the middle leaves, then the first sends a message: do
   * the two that stay hear the same messages? The leaver is in the middle so that a loop that
   * stops at it leaves someone out, whichever order the runtime lists the sockets in.
   */
  async "broadcast-after-close"(stub, caseId, message) {
    const alice = await connect(stub, "alice");
    const bob = await connect(stub, "bob");
    const carol = await connect(stub, "carol");
    await sleep(SETTLE_MS);
    const seen = { alice: alice.messages.length, carol: carol.messages.length };
    bob.webSocket.close(1000, "Goodbye");
    await sleep(SETTLE_MS);
    alice.webSocket.send(message);
    await carol.nextMessage(Math.max(seen.carol, carol.messages.length));
    await sleep(SETTLE_MS);
    return { heardAfterClose: { alice: alice.messages.slice(seen.alice), carol: carol.messages.slice(seen.carol) } };
  },

  /** The same message before and after a wake. */
  async "same-after-wake"(stub, caseId, message) {
    const alice = await connect(stub, "alice");
    const before = await alice.request(message);
    const eviction = await evict(stub);
    const after = await alice.request(message);
    return { ...eviction, before, after };
  },

  /** A client connects as "alice" and sends a message: does the answer know who sent it? */
  async "knows-the-sender"(stub, caseId, message) {
    const alice = await connect(stub, "alice");
    return { reply: await alice.request(message) };
  },

  /**
   * The object hibernates, then the client sends the pings clients commonly use: is one
   * answered without the constructor running again (an auto-response)?
   */
  async "pings-while-hibernated"(stub, caseId, message) {
    const alice = await connect(stub, "alice");
    await sleep(SETTLE_MS);
    const pings = [];
    for (const ping of ["ping", JSON.stringify({ type: "ping" })]) {
      const eviction = await evict(stub);
      if (!eviction.evicted) {
        return eviction;
      }
      const before = observed(caseId).constructions;
      const reply = await alice.request(ping);
      pings.push({ ping, reply, woke: observed(caseId).constructions > before });
    }
    return { evicted: true, pings };
  },

  /** The same message before and after a wake: does the object still work after it? */
  async "throws-after-wake"(stub, caseId, message) {
    const alice = await connect(stub, "alice");
    const before = await alice.request(message);
    const eviction = await evict(stub);
    const after = await alice.request(message);
    return { ...eviction, before, after };
  },

  async "throws-on-connect"(stub, caseId, message) {
    try {
      const alice = await connect(stub, "alice");
      await alice.request(message);
      return { connected: true };
    } catch (error) {
      return { connected: false, thrown: describe(error) };
    }
  },

  /** A message that changes the object's state, a wake, the same message again. */
  async "kept-after-wake"(stub, caseId, message) {
    return SCENARIOS["same-after-wake"](stub, caseId, message);
  },

  async "throws-on-message"(stub, caseId, message) {
    const alice = await connect(stub, "alice");
    return { reply: await alice.request(message) };
  },

  /** The client goes away without a close code, as browsers do when a tab closes. */
  async "throws-on-close"(stub, caseId, message) {
    const alice = await connect(stub, "alice");
    await alice.request(message);
    alice.webSocket.close();
    await sleep(SETTLE_MS);
    return {};
  },
};

async function runCase(env, url) {
  const caseId = url.searchParams.get("case");
  const scenario = SCENARIOS[url.searchParams.get("scenario")];
  const namespace = env[`CASE_${caseId}`];
  if (!namespace || !scenario) {
    return Response.json({ error: `unknown case or scenario: ${url.search}` }, { status: 404 });
  }
  const stub = namespace.get(namespace.idFromName(url.searchParams.get("run") ?? "run"));
  let result;
  try {
    result = await scenario(stub, caseId, url.searchParams.get("message") ?? "hello");
  } catch (error) {
    result = { harnessError: describe(error) };
  }
  await sleep(50);
  const finalEviction = url.searchParams.has("thenEvict") ? await evict(stub) : undefined;
  const { constructions, errors } = observed(caseId);
  return Response.json({ ...result, finalEviction, constructions, errors });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.hostname !== "127.0.0.1") {
      return outsideWorld(request);
    }
    if (url.pathname === "/ready") {
      return new Response("ready");
    }
    if (url.pathname === "/case") {
      return runCase(env, url);
    }
    if (url.pathname === "/limits") {
      // Each probe in an object of its own, so that one's sockets do not count for another.
      const name = url.searchParams.has("socketsPerObject") ? "sockets" : "limits";
      return env.LIMITS.get(env.LIMITS.idFromName(name)).fetch(request);
    }
    return new Response("not found", { status: 404 });
  },

  /** A TCP server on the internet that examples reach with `connect()`: it holds each connection open. */
  async connect(socket) {
    await socket.closed.catch(() => undefined);
  },
};

/**
 * A server on the internet that examples talk to: it accepts WebSockets and says hello, and
 * answers other requests at once, except at `slow.example.com`. It reads each request's body
 * first, as real servers do: an upload the server never reads keeps the sender's object in
 * memory even after the response came.
 */
async function outsideWorld(request) {
  if (request.headers.get("Upgrade") !== "websocket") {
    await request.arrayBuffer();
    if (new URL(request.url).hostname === "slow.example.com") {
      await sleep(SLOW_ANSWER_MS);
    }
    return new Response("hello from the outside world");
  }
  const [client, server] = Object.values(new WebSocketPair());
  server.accept();
  server.send("hello");
  return new Response(null, { status: 101, webSocket: client });
}

/** Whether `action` throws, and what. */
function attempt(action) {
  try {
    action();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

function serverSocket() {
  return Object.values(new WebSocketPair())[1];
}

/**
 * Tries each limit the rules encode just at and just past its value, and reports what the
 * runtime accepted and the errors it threw.
 */
export class LimitsProbe extends DurableObject {
  async fetch(request) {
    const query = new URL(request.url).searchParams;
    if (query.has("socketsPerObject")) {
      return Response.json(this.acceptSockets(Number(query.get("socketsPerObject"))));
    }
    const tagCount = Number(query.get("tags"));
    const tagBytes = Number(query.get("tagBytes"));
    const autoResponseBytes = Number(query.get("autoResponseBytes"));
    const attachmentLength = Number(query.get("attachmentLength"));
    const reasonBytes = Number(query.get("reasonBytes"));

    const accept = (tags) => attempt(() => this.ctx.acceptWebSocket(serverSocket(), tags));
    const autoResponse = (requestText, responseText) =>
      attempt(() => this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(requestText, responseText)));
    const attachment = (value) => attempt(() => serverSocket().serializeAttachment(value));
    const close = (code, reason) => {
      const [client, server] = Object.values(new WebSocketPair());
      server.accept();
      client.accept();
      return attempt(() => server.close(code, reason));
    };

    const rejectedCloseCodes = [];
    for (let code = 0; code <= 5100; code++) {
      if (!close(code).ok) {
        rejectedCloseCodes.push(code);
      }
    }
    const tags = (count) => Array.from({ length: count }, (_, index) => `tag-${index}`);
    const result = {
      tags: {
        atLimit: accept(tags(tagCount)),
        overLimit: accept(tags(tagCount + 1)),
        // The runtime throws at any entry that comes once the limit of distinct tags is
        // reached, even a duplicate, but many copies of fewer tags are fine.
        duplicateAfterLimit: accept([...tags(tagCount), "tag-0"]),
        duplicatesBeforeLimit: accept(["tag-0", ...tags(tagCount)]),
        manyCopies: accept(Array(tagCount * 3).fill("same")),
      },
      tagBytes: {
        atLimit: accept(["x".repeat(tagBytes)]),
        overLimit: accept(["x".repeat(tagBytes + 1)]),
        twoByteAtLimit: accept(["é".repeat(tagBytes / 2)]),
        twoByteOverLimit: accept(["é".repeat(tagBytes / 2) + "x"]),
      },
      notAnArray: accept("room"),
      autoResponse: {
        requestAtLimit: autoResponse("x".repeat(autoResponseBytes), "pong"),
        requestOverLimit: autoResponse("x".repeat(autoResponseBytes + 1), "pong"),
        responseAtLimit: autoResponse("ping", "é".repeat(autoResponseBytes / 2)),
        responseOverLimit: autoResponse("ping", "é".repeat(autoResponseBytes / 2) + "x"),
      },
      attachment: {
        atLimit: attachment("x".repeat(attachmentLength)),
        overLimit: attachment("x".repeat(attachmentLength + 1)),
        function: attachment({ f() {} }),
        socket: attachment({ socket: serverSocket() }),
      },
      rejectedCloseCodes,
      reason: {
        atLimit: close(1000, "€".repeat(reasonBytes / 3)),
        overLimit: close(1000, "€".repeat(reasonBytes / 3) + "x"),
      },
    };
    this.ctx.setWebSocketAutoResponse();
    return Response.json(result);
  }

  /** Accepts sockets until the runtime refuses one: how many it took, and what it threw. */
  acceptSockets(limit) {
    let accepted = 0;
    const refused = attempt(() => {
      for (; accepted <= limit; accepted++) {
        this.ctx.acceptWebSocket(serverSocket());
      }
    });
    for (const ws of this.ctx.getWebSockets()) {
      ws.close(1000);
    }
    return { accepted, refused };
  }
}
