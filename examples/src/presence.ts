// Who is online in a document, written for WebSocket hibernation. Two things break once
// it hibernates: the constructor, which runs again on every wake, records a "boot" in
// storage each time, and the handler updates each user's `lastSeen` on the copy that
// `deserializeAttachment()` returns, which is thrown away, so the change never sticks.
import { DurableObject } from "cloudflare:workers";

interface Viewer {
  user: string;
  lastSeen: number;
}

export class Presence extends DurableObject {
  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    void ctx.storage.put("startedAt", Date.now());
  }

  async fetch(request: Request): Promise<Response> {
    const user = new URL(request.url).searchParams.get("user") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    const viewer: Viewer = { user, lastSeen: Date.now() };
    server.serializeAttachment(viewer);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const viewer = ws.deserializeAttachment() as Viewer;
    viewer.lastSeen = Date.now();
    if (message === "who") {
      ws.send(JSON.stringify(this.viewers()));
    }
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
  }

  private viewers(): Viewer[] {
    return this.ctx.getWebSockets().map((ws) => ws.deserializeAttachment() as Viewer);
  }
}
