// A relay that passes every message on to the other clients, written in plain JavaScript.
// Nothing in the class says it is a Durable Object (it never touches its state); the
// plugin knows it from wrangler.jsonc, which binds it as RELAY. It accepts its sockets with
// the standard `server.accept()` and listens with `addEventListener`, so it stays in memory
// for as long as anyone is connected.
export class Relay {
  sockets = new Set();

  async fetch() {
    const [client, server] = Object.values(new WebSocketPair());
    server.accept();
    this.sockets.add(server);
    server.addEventListener("message", (event) => {
      for (const socket of this.sockets) {
        if (socket !== server) {
          socket.send(event.data);
        }
      }
    });
    server.addEventListener("close", () => this.sockets.delete(server));
    return new Response(null, { status: 101, webSocket: client });
  }
}
