import rule from "../../src/rules/no-timers.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;

/** A hibernating Durable Object whose `fetch` runs `body`. */
function room(body: string, extra = ""): string {
  return `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
${body}
    return new Response(null, { status: 101, webSocket: client });
  }
  webSocketMessage(ws: WebSocket, message: string) {}
${extra}
}`;
}

ruleTester.run("no-timers", rule, {
  valid: [
    // Valid because a Worker outside any Durable Object never hibernates.
    `
export default {
  async fetch() {
    setInterval(() => console.log("tick"), 1000);
    setTimeout(() => console.log("late"), 60_000);
    return new Response("ok");
  },
};`,
    // Valid because an object that never accepts hibernatable sockets is not evicted anyway.
    `${IMPORT}
export class Cache extends DurableObject {
  async fetch() {
    setInterval(() => this.ctx.storage.deleteAll(), 60_000);
    setTimeout(() => {}, 60_000);
    return new Response("ok");
  }
}`,
    // Valid because an awaited sleep ends before the handler returns.
    room(`    await new Promise((resolve) => setTimeout(resolve, 60_000));`),
    room(`    await new Promise((resolve) => {
      setTimeout(resolve, 300);
    });`),
    // Valid because the sleep helper returns the promise to its awaiting caller.
    `${IMPORT}
function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    await sleep(5000);
    ws.send(message);
  }
}`,
    room(`    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await wait(30_000);`),
    room(`    await scheduler.wait(60_000);
    return scheduler.wait(1000).then(() => new Response("late"));`),
    // Valid because a short constant delay only postpones hibernation.
    room(`    setTimeout(() => server.send("welcome"), 200);
    setTimeout(() => this.flush());
    setTimeout(() => this.flush(), 9_999);`, "  flush() {}"),
    {
      code: room(`    setTimeout(() => this.flush(), 30_000);`, "  flush() {}"),
      options: [{ ignoreDelaysBelow: 60_000 }],
    },
    room(`    const DELAY = 2 * 1000;
    setTimeout(() => this.flush(), DELAY);`, "  flush() {}"),
    // Valid because a type query and strings are not timer calls.
    room(`    type Timer = ReturnType<typeof setTimeout>;
    let handle: Timer | undefined;
    const text = "setInterval(tick, 1000)";
    const template = \`setTimeout(() => {}, 60000)\`;`),
    // Valid because the local functions shadow the global timers.
    room(`    const setTimeout = (fn: () => void, ms: number) => fn();
    setTimeout(() => {}, 60_000);`),
    `${IMPORT}
function setInterval(fn: () => void) { fn(); }
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket) { setInterval(() => ws.send("now")); }
}`,
    // Valid because a local class named DurableObject is not the runtime's.
    `
class DurableObject {}
export class Room extends DurableObject {
  webSocketMessage(ws) { setInterval(() => ws.send("ping"), 1000); }
}`,
    // Valid because scheduler here is a local object, not the runtime's.
    room(`    const scheduler = { wait: (ms: number) => ms };
    scheduler.wait(60_000);`),
    {
      // Valid because a classic object that never hibernates may use timers.
      code: `
export class Counter {
  constructor(state, env) { this.state = state; }
  async fetch() {
    await this.state.storage.put("n", 1);
    setInterval(() => {}, 1000);
    return new Response("ok");
  }
}`,
      filename: JS_FILE,
    },
  ],
  invalid: [
    {
      code: room(`    setInterval(() => this.tick(), 30_000);`, "  tick() {}"),
      output: null,
      errors: [{ messageId: "interval", line: 6, column: 5 }],
    },
    {
      code: room(`    setInterval(() => {
      for (const ws of this.ctx.getWebSockets()) ws.send("ping");
    }, 30_000);`),
      output: null,
      errors: [{ messageId: "pingTimer", line: 6, column: 5 }],
    },
    {
      code: room(`    setInterval(this.heartbeat, 30_000);`, `  heartbeat = () => {
    this.ctx.getWebSockets().forEach((ws) => ws.send("ping"));
  };`),
      output: null,
      errors: [{ messageId: "pingTimer", line: 6, column: 5 }],
    },
    {
      code: room(`    setTimeout(() => this.flush(), 60_000);`, "  flush() {}"),
      output: null,
      errors: [{ messageId: "timeout", data: { delay: "60000 ms" }, line: 6, column: 5 }],
    },
    {
      code: room(`    setTimeout(() => this.flush(), 5 * 60 * 1000);`, "  flush() {}"),
      output: null,
      errors: [{ messageId: "timeout", data: { delay: "300000 ms" }, line: 6, column: 5 }],
    },
    {
      code: room(`    const delay = Number(new URL(request.url).searchParams.get("delay"));
    setTimeout(() => this.flush(), delay);`, "  flush() {}"),
      output: null,
      errors: [{ messageId: "timeout", data: { delay: "a delay not known statically" }, line: 7, column: 5 }],
    },
    {
      code: room(`    globalThis.setTimeout(() => this.flush(), 60_000);
    self.setInterval(() => this.flush(), 1000);`, "  flush() {}"),
      output: null,
      errors: [
        { messageId: "timeout", data: { delay: "60000 ms" }, line: 6, column: 5 },
        { messageId: "interval", line: 7, column: 5 },
      ],
    },
    {
      code: room(`    setTimeout(() => this.flush(), 5000);`, "  flush() {}"),
      options: [{ ignoreDelaysBelow: 1000 }],
      output: null,
      errors: [{ messageId: "timeout", data: { delay: "5000 ms" }, line: 6, column: 5 }],
    },
    {
      // A timeout that schedules its own method again never stops, whatever its delay.
      code: room(`    this.tick();`, `  tick() {
    this.ctx.storage.put("last", Date.now());
    setTimeout(() => this.tick(), 1000);
  }`),
      output: null,
      errors: [{ messageId: "rearmedTimeout", line: 12, column: 5 }],
    },
    {
      code: room(`    const tick = () => {
      this.ctx.storage.put("last", Date.now());
      setTimeout(tick, 1000);
    };
    tick();`),
      output: null,
      errors: [{ messageId: "rearmedTimeout", line: 8, column: 7 }],
    },
    {
      code: room(`    this.pulse();`, `  pulse() {
    this.ctx.getWebSockets().forEach((ws) => ws.send("ping"));
    setTimeout(this.pulse.bind(this), 5000);
  }`),
      output: null,
      errors: [{ messageId: "pingTimer", line: 12, column: 5 }],
    },
    {
      code: room(`    scheduler.wait(60_000);
    void scheduler.wait(60_000).then(() => this.flush());`, "  flush() {}"),
      output: null,
      errors: [
        { messageId: "floatingWait", line: 6, column: 5 },
        { messageId: "floatingWait", line: 7, column: 10 },
      ],
    },
    {
      // Timers in a module-level function the object calls run inside the object.
      code: `${IMPORT}
function startHeartbeat(ctx: DurableObjectState) {
  setInterval(() => {
    for (const ws of ctx.getWebSockets()) ws.send("ping");
  }, 20_000);
}
export class Room extends DurableObject {
  webSocketMessage(ws: WebSocket) {
    startHeartbeat(this.ctx);
  }
}
export default { fetch() { return new Response("ok"); } };`,
      output: null,
      errors: [{ messageId: "pingTimer", line: 3, column: 3 }],
    },
    {
      code: `import { DurableObject as Base } from "cloudflare:workers";
class Shared extends Base {
  webSocketClose(ws: WebSocket) {}
}
export class Room extends Shared {
  alarm() { setInterval(() => {}, 1000); }
}`,
      output: null,
      errors: [{ messageId: "interval", line: 6, column: 13 }],
    },
    {
      code: `import * as workers from "cloudflare:workers";
export class Room extends workers.DurableObject {
  webSocketMessage(ws: WebSocket) { setInterval(() => {}, 1000); }
}`,
      output: null,
      errors: [{ messageId: "interval", line: 3, column: 37 }],
    },
    {
      code: `
export class Room implements DurableObject {
  constructor(private readonly state: DurableObjectState) {}
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    setTimeout(() => server.close(), 120_000);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [{ messageId: "timeout", data: { delay: "120000 ms" }, line: 7, column: 5 }],
    },
    {
      code: `
export class Counter {
  constructor(state, env) {
    this.state = state;
  }
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    setInterval(() => this.state.storage.put("now", Date.now()), 10_000);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [{ messageId: "interval", line: 9, column: 5 }],
    },
    {
      code: `
export class Counter {
  async webSocketMessage(ws, message) {
    setTimeout(() => ws.close(1000, "idle"), 600_000);
  }
}`,
      filename: MJS_FILE,
      settings: { hibernation: { durableObjects: ["Counter"] } },
      output: null,
      errors: [{ messageId: "timeout", data: { delay: "600000 ms" }, line: 4, column: 5 }],
    },
  ],
});
