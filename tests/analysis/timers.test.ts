import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import { describe, expect, it } from "vitest";
import { classifyTimeout, timerCalled } from "../../src/analysis/timers.js";
import { analyse } from "./analyse.js";

const ROOM = (body: string): string => `import { DurableObject } from "cloudflare:workers";
export class Room extends DurableObject {
  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    return new Response(null, { status: 101, webSocket: client });
  }
${body}
}`;

describe("timerCalled", () => {
  it.each([
    ["setTimeout(f, 1)", "setTimeout"],
    ["setInterval(f, 1)", "setInterval"],
    ["globalThis.setTimeout(f, 1)", "setTimeout"],
    ["scheduler.wait(1)", "wait"],
    ["clearTimeout(t)", undefined],
  ])("%s calls %s", (call, timer) => {
    const { find, sourceCode } = analyse(`${call};`);
    expect(timerCalled(find(call, AST_NODE_TYPES.CallExpression), sourceCode)).toBe(timer);
  });

  it("is not fooled by a local function of the same name", () => {
    const { find, sourceCode } = analyse(`function setTimeout(f, ms) {} setTimeout(f, 1);`);
    expect(timerCalled(find("setTimeout(f, 1)", AST_NODE_TYPES.CallExpression), sourceCode)).toBeUndefined();
  });
});

describe("classifyTimeout", () => {
  function classify(body: string, call: string) {
    const { find, model, sourceCode } = analyse(ROOM(body));
    const [room] = model.durableObjects;
    if (!room) {
      throw new Error("no Durable Object");
    }
    return classifyTimeout(find(call, AST_NODE_TYPES.CallExpression), room, model, sourceCode);
  }

  it("knows an awaited sleep", () => {
    expect(
      classify("  async webSocketMessage() { await new Promise((resolve) => setTimeout(resolve, 500)); }", "setTimeout("),
    ).toEqual({ kind: "sleep" });
  });

  it("knows a timeout that re-arms itself through a method, and whether it sends", () => {
    expect(classify("  tick() { this.ctx.getWebSockets()[0]?.send('x'); setTimeout(() => this.tick(), 1000); }", "setTimeout(")).toEqual({
      kind: "rearmed",
      sends: true,
    });
    expect(classify("  tick() { setTimeout(this.tick.bind(this), 1000); }", "setTimeout(")).toEqual({
      kind: "rearmed",
      sends: false,
    });
  });

  it("gives the delay when it is known", () => {
    expect(classify("  webSocketMessage() { setTimeout(() => {}, 60 * 1000); }", "setTimeout(")).toEqual({
      kind: "delay",
      delay: 60_000,
    });
    expect(classify("  webSocketMessage(ws, ms) { setTimeout(() => {}, ms); }", "setTimeout(")).toEqual({
      kind: "delay",
      delay: undefined,
    });
    expect(classify("  webSocketMessage() { setTimeout(() => {}); }", "setTimeout(")).toEqual({ kind: "delay", delay: 0 });
  });
});
