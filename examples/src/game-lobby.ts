// A game lobby written for WebSocket hibernation that runs into the runtime's hard
// limits. Each of these throws only once real players arrive: the tags are a string
// instead of an array, the auto-response pair is built from objects (so it holds the text
// "[object Object]" and a JSON ping never matches it), each player's attachment is a class
// instance that comes back without its methods, and `webSocketClose()` sends the received
// code back, which throws for 1005 whenever a browser tab closes without one.
import { DurableObject } from "cloudflare:workers";

class Player {
  constructor(
    readonly name: string,
    readonly joinedAt: number,
  ) {}

  describe(): string {
    return `${this.name} (here since ${new Date(this.joinedAt).toISOString()})`;
  }
}

export class GameLobby extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair({ type: "ping" }, { type: "pong" }));
  }

  async fetch(request: Request): Promise<Response> {
    const name = new URL(request.url).searchParams.get("name") ?? "player";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, `player:${name}`);
    server.serializeAttachment(new Player(name, Date.now()));
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "who") {
      const players = this.ctx.getWebSockets().map((socket) => (socket.deserializeAttachment() as Player).describe());
      ws.send(JSON.stringify(players));
    }
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code, reason);
  }
}
