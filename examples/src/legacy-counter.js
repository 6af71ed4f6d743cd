// A shared counter written as a classic Durable Object in plain JavaScript
// (`constructor(state, env)`). It accepts its sockets with the standard
// `server.accept()` and listens with `addEventListener`, so it stays in memory for as
// long as anyone is connected, and it saves the count with a `setTimeout` that re-arms
// itself.
const SAVE_EVERY_MS = 5_000;

export class LegacyCounter {
  constructor(state, env) {
    this.state = state;
    this.env = env;
    this.sockets = new Set();
    this.count = 0;
    this.savedCount = 0;
    this.saveTimer = undefined;
    state.blockConcurrencyWhile(async () => {
      this.count = (await state.storage.get("count")) ?? 0;
      this.savedCount = this.count;
    });
  }

  async fetch(request) {
    if (request.headers.get("Upgrade") !== "websocket") {
      return Response.json({ count: this.count });
    }
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", (event) => {
      if (event.data === "increment") {
        this.count += 1;
        this.broadcast();
      }
    });
    server.addEventListener("close", () => {
      this.sockets.delete(server);
    });
    this.sockets.add(server);
    server.send(String(this.count));
    if (this.saveTimer === undefined) {
      this.saveLater();
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  broadcast() {
    for (const socket of this.sockets) {
      socket.send(String(this.count));
    }
  }

  saveLater() {
    this.saveTimer = setTimeout(async () => {
      if (this.count !== this.savedCount) {
        await this.state.storage.put("count", this.count);
        this.savedCount = this.count;
      }
      this.saveLater();
    }, SAVE_EVERY_MS);
  }
}
