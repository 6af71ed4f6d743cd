// Live cursors on a shared canvas, written with partyserver. It opts into hibernation, but
// keeps each connection's colour in an instance Map that is empty after every wake, pings
// its clients from a timer that keeps the object awake, and cleans up in its own
// `webSocketClose()`, which replaces partyserver's: `onClose()` never runs.
import { type Connection, type ConnectionContext, Server } from "partyserver";

const COLOURS = ["tomato", "gold", "teal", "orchid"];

export class Cursors extends Server {
  static options = { hibernate: true };

  colours = new Map<string, string>();

  onConnect(connection: Connection, ctx: ConnectionContext) {
    const colour = COLOURS[this.colours.size % COLOURS.length] ?? "black";
    this.colours.set(connection.id, colour);
    connection.send(JSON.stringify({ type: "welcome", colour, from: new URL(ctx.request.url).pathname }));
    setInterval(() => connection.send(JSON.stringify({ type: "ping" })), 25_000);
  }

  onMessage(connection: Connection, message: string | ArrayBuffer) {
    const position = JSON.parse(String(message)) as { x: number; y: number };
    this.broadcast(JSON.stringify({ ...position, id: connection.id, colour: this.colours.get(connection.id) }), [
      connection.id,
    ]);
  }

  onClose(connection: Connection) {
    this.colours.delete(connection.id);
    this.broadcast(JSON.stringify({ type: "left", id: connection.id }));
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string) {
    ws.close(1000, "bye");
  }
}
