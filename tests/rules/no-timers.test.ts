import rule from "../../src/rules/no-timers.js";
import { JS_FILE, MJS_FILE, ruleTester } from "../rule-tester.js";

const IMPORT = `import { DurableObject } from "cloudflare:workers";`;
const PARTYSERVER = `import { Server } from "partyserver";`;
const AGENTS = `import { Agent } from "agents";`;
const ALARM = { recurring: "`ctx.storage.setAlarm()` and re-arm it in `alarm()`", delayed: "`ctx.storage.setAlarm()`" };
const ON_ALARM = { recurring: "`ctx.storage.setAlarm()` and re-arm it in `onAlarm()`", delayed: "`ctx.storage.setAlarm()`" };
const SCHEDULE = { recurring: "`this.scheduleEvery()`", delayed: "`this.schedule()`" };

ruleTester.run("no-timers", rule, {
  valid: [
    // Valid because a partyserver Server without `hibernate: true` never hibernates anyway.
    `${PARTYSERVER}
export class Cursors extends Server {
  onConnect(connection) {
    setInterval(() => connection.send("tick"), 1000);
  }
}`,
    // Valid because the file does not show whether this Server hibernates.
    `${PARTYSERVER}
import { options } from "./options";
export class Cursors extends Server {
  static options = options;
  onConnect(connection) {
    setTimeout(() => connection.send("welcome"), 60_000);
  }
}`,
    // Valid because an awaited sleep in onConnect ends before the handler does.
    `${PARTYSERVER}
export class Cursors extends Server {
  static options = { hibernate: true };
  async onConnect(connection) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    connection.send("ready");
  }
}`,
    // Valid because a Worker outside any Durable Object never hibernates.
    `
export default {
  async fetch(request: Request) {
    setInterval(() => console.log("tick"), 1000);
    setTimeout(() => console.log("late"), 60_000);
    scheduler.wait(60_000);
    return new Response("ok");
  },
};`,
    // Valid because the Worker's fetch handler is not part of the Durable Object in the same file.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}
export default {
  async fetch(request: Request, env: Env) {
    setInterval(() => console.log("tick"), 1000);
    return env.ROOM.get(env.ROOM.idFromName("lobby")).fetch(request);
  },
};`,
    // Valid because this Durable Object never hibernates: no acceptWebSocket, no webSocket* handler.
    `${IMPORT}
export class Counter extends DurableObject {
  interval: ReturnType<typeof setInterval> | undefined;
  async fetch(request: Request) {
    this.interval = setInterval(() => this.flush(), 1000);
    setTimeout(() => this.flush(), 60_000);
    scheduler.wait(60_000);
    return new Response("ok");
  }
  async flush() {
    await this.ctx.storage.put("flushed", Date.now());
  }
}`,
    {
      // Valid because this classic Durable Object never accepts sockets for hibernation.
      code: `
export class Counter {
  constructor(state, env) {
    this.state = state;
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    setInterval(() => server.send(String(Date.now())), 1000);
    await this.state.storage.put("opened", Date.now());
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      filename: JS_FILE,
    },
    // Valid because an awaited sleep inside the handler ends before the object goes idle.
    `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    await new Promise((r) => setTimeout(r, 300));
    await new Promise<void>((resolve) => {
      setTimeout(resolve, 30_000);
    });
    await new Promise((resolve) => setTimeout(() => resolve("done"), 60_000));
    ws.send(message);
  }
}`,
    // Valid because the sleep helpers return their promise, which the handler awaits.
    `${IMPORT}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    await sleep(300);
    await pause(20_000);
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await wait(30_000);
    ws.send(message);
  }
}`,
    {
      // Valid because the JavaScript sleep helper's promise is awaited.
      code: `
import { DurableObject } from "cloudflare:workers";
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
export class Room extends DurableObject {
  async webSocketMessage(ws, message) {
    await sleep(60000);
    await scheduler.wait(60000);
    ws.send(message);
  }
}`,
      filename: MJS_FILE,
    },
    // Valid because scheduler.wait is awaited, directly, through the variable that holds it, or by the runtime.
    `${IMPORT}
export class Room extends DurableObject {
  async fetch(request: Request) {
    return scheduler.wait(1000).then(() => new Response("late"));
  }
  async webSocketMessage(ws: WebSocket, message: string) {
    await scheduler.wait(60_000);
    const cooldown = scheduler.wait(5_000);
    ws.send("wait");
    await cooldown;
    ws.send(message);
  }
}`,
    // Valid because constant delays under 10 s only postpone hibernation.
    `${IMPORT}
const DEBOUNCE_MS = 500;
export class Room extends DurableObject {
  flushTimer: ReturnType<typeof setTimeout> | undefined;
  async webSocketMessage(ws: WebSocket, message: string) {
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => this.flush(), DEBOUNCE_MS);
    setTimeout(() => ws.send("ack"), 200);
    setTimeout(() => ws.send("ack"));
    setTimeout(() => ws.send("ack"), 2 * 1000);
    setTimeout(() => ws.send("ack"), 9_999);
  }
  async flush() {
    await this.ctx.storage.put("flushed", Date.now());
  }
}`,
    {
      // Valid because the threshold is raised above this delay.
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    setTimeout(() => ws.send("late"), 60_000);
  }
}`,
      options: [{ ignoreDelaysBelow: 120_000 }],
    },
    // Valid because typeof setTimeout and clearInterval only name the timers, and strings are text.
    `${IMPORT}
export class Room extends DurableObject {
  timer: ReturnType<typeof setTimeout> | undefined;
  interval?: ReturnType<typeof setInterval>;
  async webSocketMessage(ws: WebSocket, message: string) {
    clearInterval(this.interval);
    ws.send("setInterval(() => ping(), 1000)");
    ws.send(\`setTimeout(flush, 60000) for \${message}\`);
    const kind: typeof setTimeout | undefined = undefined;
  }
}`,
    // Valid because these setTimeout and scheduler are the file's own, not the runtime's.
    `${IMPORT}
function setTimeout(callback: () => void, ms: number) {
  callback();
}
const scheduler = { wait: async (ms: number) => ms };
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    setTimeout(() => ws.send(message), 60_000);
    scheduler.wait(60_000);
  }
  async webSocketClose(ws: WebSocket, code: number) {
    const setInterval = (callback: () => void, ms: number) => callback();
    setInterval(() => ws.send("bye"), 1000);
  }
}`,
    // Valid because a local class named DurableObject is not the one from cloudflare:workers.
    `
class DurableObject {
  constructor(readonly ctx: unknown) {}
}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    setInterval(() => ws.send("ping"), 30_000);
  }
}`,
    {
      // Valid because a JavaScript class with handler names but no Durable Object marker is not one.
      code: `
export class Connection {
  constructor(socket) {
    this.socket = socket;
  }
  webSocketMessage(ws, message) {
    setInterval(() => ws.send("ping"), 30000);
  }
}`,
      filename: JS_FILE,
    },
    // Valid because the timer runs in a helper class, not in the Durable Object's own code.
    `${IMPORT}
class Ticker {
  start() {
    setInterval(() => console.log("tick"), 1000);
  }
}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    ws.send(message);
  }
}`,
    // Valid because the callback calls the module-level tick, not the method that sets the timer.
    `${IMPORT}
function tick() {
  return Date.now();
}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    this.tick();
  }
  tick() {
    setTimeout(() => tick(), 1000);
  }
}`,
    {
      // Valid because the class named in settings never hibernates.
      code: `
export class Lobby {
  async fetch(request) {
    setInterval(() => console.log("tick"), 1000);
    return new Response("ok");
  }
}`,
      filename: JS_FILE,
      settings: { hibernation: { durableObjects: ["Lobby"] } },
    },
  ],
  invalid: [
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    setInterval(() => this.ctx.storage.put("seen", Date.now()), 1000);
  }
}`,
      output: null,
      errors: [{ messageId: "interval", line: 4, column: 5 }],
    },
    {
      // Intervals that send to sockets, inline, through a method reference and through a method call.
      code: `${IMPORT}
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setInterval(() => {
      for (const ws of this.ctx.getWebSockets()) ws.send("ping");
    }, 30_000);
    setInterval(this.ping, 30_000);
    setInterval(this.ping.bind(this), 30_000);
    setInterval(() => this.ping(), 30_000);
    setInterval(() => this.save(), 30_000);
  }
  ping() {
    this.ctx.getWebSockets().forEach((ws) => ws.send("ping"));
  }
  async save() {
    await this.ctx.storage.put("savedAt", Date.now());
  }
  async webSocketMessage(ws: WebSocket, message: string) {}
}`,
      output: null,
      errors: [
        { messageId: "pingTimer", line: 5, column: 5 },
        { messageId: "pingTimer", line: 8, column: 5 },
        { messageId: "pingTimer", line: 9, column: 5 },
        { messageId: "pingTimer", line: 10, column: 5 },
        { messageId: "interval", line: 11, column: 5 },
      ],
    },
    {
      code: `${IMPORT}
const IDLE_TIMEOUT = 60_000;
export class Room extends DurableObject {
  delay = 30_000;
  timer: ReturnType<typeof setTimeout> | undefined;
  async webSocketMessage(ws: WebSocket, message: string) {
    this.timer = setTimeout(() => ws.close(1000, "idle"), IDLE_TIMEOUT);
    setTimeout(() => ws.send("reminder"), 60 * 1000);
    setTimeout(() => ws.send("reminder"), 10_000);
    setTimeout(() => ws.send("reminder"), this.delay);
    setTimeout(() => ws.send("reminder"), Number(message));
  }
}`,
      output: null,
      errors: [
        { messageId: "timeout", line: 7, column: 18, data: { ...ALARM, delay: "60000 ms" } },
        { messageId: "timeout", line: 8, column: 5, data: { ...ALARM, delay: "60000 ms" } },
        { messageId: "timeout", line: 9, column: 5, data: { ...ALARM, delay: "10000 ms" } },
        { messageId: "timeout", line: 10, column: 5, data: { ...ALARM, delay: "a delay not known statically" } },
        { messageId: "timeout", line: 11, column: 5, data: { ...ALARM, delay: "a delay not known statically" } },
      ],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    globalThis.setTimeout(() => ws.send("late"), 60_000);
    globalThis.setInterval(() => this.ctx.storage.put("seen", Date.now()), 1000);
    self.setInterval(() => this.ctx.storage.put("seen", Date.now()), 1000);
    globalThis["setTimeout"](() => ws.send("late"), 60_000);
  }
}`,
      output: null,
      errors: [
        { messageId: "timeout", line: 4, column: 5, data: { ...ALARM, delay: "60000 ms" } },
        { messageId: "interval", line: 5, column: 5 },
        { messageId: "interval", line: 6, column: 5 },
        { messageId: "timeout", line: 7, column: 5, data: { ...ALARM, delay: "60000 ms" } },
      ],
    },
    {
      // A promise whose timer is not the awaited sleep: the timer stays pending after the race.
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    const reply = fetch("https://api.example.com/answer");
    await Promise.race([reply, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 30_000))]);
    const later = new Promise((resolve) => setTimeout(resolve, 60_000));
  }
}`,
      output: null,
      errors: [
        { messageId: "timeout", line: 5, column: 59, data: { ...ALARM, delay: "30000 ms" } },
        { messageId: "timeout", line: 6, column: 44, data: { ...ALARM, delay: "60000 ms" } },
      ],
    },
    {
      // Timeouts that re-arm themselves: a method through an arrow, also from a nested callback, and a function field.
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    this.tick();
    this.poll();
    this.refresh();
  }
  tick() {
    void this.ctx.storage.put("tick", Date.now());
    setTimeout(() => this.tick(), 1000);
  }
  refresh() {
    this.ctx.storage.get("config").then(() => setTimeout(() => this.refresh(), 5000));
  }
  poll = async () => {
    await fetch("https://api.example.com/poll");
    setTimeout(this.poll, 2000);
  };
  async alarm() {
    const retry = () => {
      void this.ctx.storage.put("retried", Date.now());
      setTimeout(retry, 1000);
    };
    retry();
  }
}`,
      output: null,
      errors: [
        { messageId: "rearmedTimeout", line: 10, column: 5 },
        { messageId: "rearmedTimeout", line: 13, column: 47 },
        { messageId: "rearmedTimeout", line: 17, column: 5 },
        { messageId: "rearmedTimeout", line: 22, column: 7 },
      ],
    },
    {
      // A module-level function the object calls, which re-arms itself; a re-armed broadcast is a ping timer.
      code: `${IMPORT}
function tick(ctx: DurableObjectState) {
  void ctx.storage.put("tick", Date.now());
  setTimeout(tick, 1000, ctx);
}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    tick(this.ctx);
    this.heartbeat();
  }
  heartbeat() {
    for (const socket of this.ctx.getWebSockets()) socket.send("ping");
    setTimeout(() => this.heartbeat(), 30_000);
  }
  pulse() {
    this.ctx.getWebSockets().forEach((socket) => socket.send("ping"));
    setTimeout(this.pulse.bind(this), 5000);
  }
}`,
      output: null,
      errors: [
        { messageId: "rearmedTimeout", line: 4, column: 3 },
        { messageId: "pingTimer", line: 13, column: 5 },
        { messageId: "pingTimer", line: 17, column: 5 },
      ],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    scheduler.wait(60_000);
    void scheduler.wait(60_000);
    scheduler.wait(60_000).then(() => ws.send("later"));
  }
}`,
      output: null,
      errors: [
        { messageId: "floatingWait", line: 4, column: 5 },
        { messageId: "floatingWait", line: 5, column: 10 },
        { messageId: "floatingWait", line: 6, column: 5 },
      ],
    },
    {
      // Timers in module-level functions the object calls run as part of the object.
      code: `${IMPORT}
function startHeartbeat(ctx: DurableObjectState) {
  return setInterval(() => {
    for (const ws of ctx.getWebSockets()) ws.send("ping");
  }, 30_000);
}
const scheduleCleanup = (ctx: DurableObjectState) => {
  setTimeout(() => ctx.storage.delete("stale"), 120_000);
};
export class Room extends DurableObject {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    startHeartbeat(ctx);
  }
  async webSocketClose(ws: WebSocket, code: number) {
    scheduleCleanup(this.ctx);
  }
}`,
      output: null,
      errors: [
        { messageId: "pingTimer", line: 3, column: 10 },
        { messageId: "timeout", line: 8, column: 3, data: { ...ALARM, delay: "120000 ms" } },
      ],
    },
    {
      code: `import { DurableObject as DO } from "cloudflare:workers";
export class Room extends DO {
  async webSocketMessage(ws: WebSocket, message: string) {
    setInterval(() => this.ctx.storage.put("seen", Date.now()), 1000);
  }
}`,
      output: null,
      errors: [{ messageId: "interval", line: 4, column: 5 }],
    },
    {
      code: `import * as workers from "cloudflare:workers";
export class Room extends workers.DurableObject {
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    setTimeout(() => this.ctx.storage.deleteAll(), 3_600_000);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [{ messageId: "timeout", line: 6, column: 5, data: { ...ALARM, delay: "3600000 ms" } }],
    },
    {
      // The subclass hibernates through its local base class, which defines the handler.
      code: `${IMPORT}
class Base extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {}
}
class Middle extends Base {}
export class Room extends Middle {
  start() {
    setInterval(() => this.ctx.storage.put("seen", Date.now()), 1000);
  }
}`,
      output: null,
      errors: [{ messageId: "interval", line: 8, column: 5 }],
    },
    {
      code: `
export class Room implements DurableObject {
  constructor(private readonly state: DurableObjectState) {}
  async fetch(request: Request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    setInterval(() => this.state.storage.put("seen", Date.now()), 1000);
    return new Response(null, { status: 101, webSocket: client });
  }
}`,
      output: null,
      errors: [{ messageId: "interval", line: 7, column: 5 }],
    },
    {
      // The classic JavaScript form: the state is recognised by state.storage and state.acceptWebSocket.
      code: `
export class Room {
  constructor(state, env) {
    this.state = state;
    this.env = env;
  }
  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.state.acceptWebSocket(server);
    this.timer = setInterval(() => this.broadcast(String(Date.now())), 5000);
    return new Response(null, { status: 101, webSocket: client });
  }
  broadcast(message) {
    this.state.getWebSockets().forEach((ws) => ws.send(message));
  }
}`,
      filename: JS_FILE,
      output: null,
      errors: [{ messageId: "pingTimer", line: 10, column: 18 }],
    },
    {
      code: `
export class Room {
  constructor(state, env) {
    state.blockConcurrencyWhile(async () => {
      this.count = (await state.storage.get("count")) ?? 0;
    });
    setTimeout(() => this.save(), 30000);
  }
  webSocketMessage(ws, message) {
    this.count += 1;
  }
  save() {}
}`,
      filename: MJS_FILE,
      output: null,
      errors: [{ messageId: "timeout", line: 7, column: 5, data: { ...ALARM, delay: "30000 ms" } }],
    },
    {
      code: `
export class Lobby {
  webSocketMessage(ws, message) {
    setInterval(() => console.log(message), 1000);
    setTimeout(() => ws.close(1000, "idle"), 600000);
  }
}
export class Connection {
  webSocketMessage(ws, message) {
    setInterval(() => console.log(message), 1000);
  }
}`,
      filename: JS_FILE,
      settings: { hibernation: { durableObjects: ["Lobby"] } },
      output: null,
      errors: [
        { messageId: "interval", line: 4, column: 5 },
        { messageId: "timeout", line: 5, column: 5, data: { ...ALARM, delay: "600000 ms" } },
      ],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    setTimeout(() => ws.send("ack"), 5000);
    setTimeout(() => ws.send("ack"), 500);
  }
}`,
      options: [{ ignoreDelaysBelow: 1000 }],
      output: null,
      errors: [{ messageId: "timeout", line: 4, column: 5, data: { ...ALARM, delay: "5000 ms" } }],
    },
    {
      code: `${IMPORT}
export class Room extends DurableObject {
  async webSocketMessage(ws: WebSocket, message: string) {
    setTimeout(() => ws.send("ack"));
  }
}`,
      options: [{ ignoreDelaysBelow: 0 }],
      output: null,
      errors: [{ messageId: "timeout", line: 4, column: 5, data: { ...ALARM, delay: "0 ms" } }],
    },
    {
      code: `${PARTYSERVER}
export class Cursors extends Server {
  static options = { hibernate: true };
  onConnect(connection) {
    setTimeout(() => connection.close(1000, "idle"), 60_000);
    setInterval(() => this.broadcast("tick"), 1000);
    setInterval(() => this.cleanUp(), 5000);
  }
  cleanUp() {}
}`,
      output: null,
      errors: [
        { messageId: "timeout", line: 5, column: 5, data: { ...ON_ALARM, delay: "60000 ms" } },
        { messageId: "pingTimer", line: 6, column: 5 },
        { messageId: "interval", line: 7, column: 5, data: ON_ALARM },
      ],
    },
    {
      code: `${AGENTS}
export class Assistant extends Agent {
  onConnect(connection) {
    setInterval(() => this.refresh(), 5000);
    setTimeout(() => this.refresh(), 30_000);
    scheduler.wait(60_000);
  }
  refresh() {}
}`,
      filename: JS_FILE,
      output: null,
      errors: [
        { messageId: "interval", line: 4, column: 5, data: SCHEDULE },
        { messageId: "timeout", line: 5, column: 5, data: { ...SCHEDULE, delay: "30000 ms" } },
        { messageId: "floatingWait", line: 6, column: 5, data: SCHEDULE },
      ],
    },
    {
      code: `import { Server as PartyServer } from "partyserver";
class Base extends PartyServer {
  static options = { hibernate: true };
}
export class Cursors extends Base {
  onMessage(connection, message) {
    const tick = () => {
      this.flush();
      setTimeout(tick, 1000);
    };
    tick();
  }
  flush() {}
}`,
      output: null,
      errors: [{ messageId: "rearmedTimeout", line: 9, column: 7, data: ON_ALARM }],
    },
  ],
});
