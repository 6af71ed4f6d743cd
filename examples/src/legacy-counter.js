// A shared counter written as a classic Durable Object in plain JavaScript
// (`constructor(state, env)`). It accepts its sockets with the standard
// `server.accept()` and listens with `addEventListener`, so it stays in memory for as
// long as anyone is connected. It saves the count on every increment and keeps its
// sockets in a Set to broadcast the new count.
export class LegacyCounter {
  constructor(state, env) {
    this.state = state;
    this.env = env;
    this.sockets = new Set();
    this.count = 0;
    state.blockConcurrencyWhile(async () => {
      this.count = (await state.storage.get("count")) ?? 0;
    });
  }

  async fetch(request) {
    if (request.headers.get("Upgrade") !== "websocket") {
      return Response.json({ count: this.count });
    }
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    server.addEventListener("message", async (event) => {
      if (event.data === "increment") {
        this.count += 1;
        await this.state.storage.put("count", this.count);
        this.broadcast();
      }
    });
    server.addEventListener("close", () => {
      this.sockets.delete(server);
    });
    this.sockets.add(server);
    server.send(String(this.count));
    return new Response(null, { status: 101, webSocket: client });
  }

  broadcast() {
    for (const socket of this.sockets) {
      socket.send(String(this.count));
    }
  }
}
