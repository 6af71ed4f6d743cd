// A chat room that accepts its sockets with `ctx.acceptWebSocket()` so that it can
// hibernate between messages, yet never does: a ping interval and a long idle timeout
// keep it awake, and so does the outgoing WebSocket to the announcements feed. Its
// `message` listener never fires, because the runtime delivers the messages of a
// hibernatable socket to `webSocketMessage()`, which this class does not define. The
// member list lives in a Map that is empty again after every wake, so the online list
// forgets everyone who joined before it.
import { DurableObject } from "cloudflare:workers";

const PING_EVERY_MS = 25_000;
const CLOSE_IDLE_AFTER_MS = 600_000;
const HISTORY_LENGTH = 100;
const ANNOUNCEMENTS_URL = "wss://announcements.example.com/feed";

interface ChatMessage {
  from: string;
  text: string;
  sentAt: number;
}

export class ChatRoom extends DurableObject {
  private pingTimer: number | undefined;
  private idleTimer: number | undefined;
  private announcements: WebSocket | undefined;
  private members = new Map<WebSocket, string>();

  async fetch(request: Request): Promise<Response> {
    const name = new URL(request.url).searchParams.get("name") ?? "anonymous";
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server, [name]);
    this.members.set(server, name);

    server.addEventListener("message", (event) => {
      void this.receive(name, String(event.data));
    });

    this.startPings();
    this.resetIdleTimer();
    this.connectAnnouncements();

    const history = (await this.ctx.storage.get<ChatMessage[]>("history")) ?? [];
    server.send(JSON.stringify({ type: "history", messages: history }));
    this.broadcast({ type: "joined", name, online: [...this.members.values()] });
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketClose(ws: WebSocket): Promise<void> {
    const name = this.members.get(ws) ?? "anonymous";
    this.members.delete(ws);
    this.broadcast({ type: "left", name, online: [...this.members.values()] });
  }

  private async receive(from: string, text: string): Promise<void> {
    const message: ChatMessage = { from, text, sentAt: Date.now() };
    const history = (await this.ctx.storage.get<ChatMessage[]>("history")) ?? [];
    await this.ctx.storage.put("history", [...history.slice(1 - HISTORY_LENGTH), message]);
    this.broadcast({ type: "message", ...message });
    this.resetIdleTimer();
  }

  private startPings(): void {
    if (this.pingTimer !== undefined) {
      return;
    }
    this.pingTimer = setInterval(() => {
      for (const ws of this.ctx.getWebSockets()) {
        ws.send("ping");
      }
    }, PING_EVERY_MS);
  }

  private resetIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      for (const ws of this.ctx.getWebSockets()) {
        ws.close(1000, "Closed after ten minutes without messages");
      }
    }, CLOSE_IDLE_AFTER_MS);
  }

  private connectAnnouncements(): void {
    if (this.announcements !== undefined) {
      return;
    }
    const feed = new WebSocket(ANNOUNCEMENTS_URL);
    feed.addEventListener("message", (event) => {
      this.broadcast({ type: "announcement", text: String(event.data) });
    });
    feed.addEventListener("close", () => {
      this.announcements = undefined;
    });
    this.announcements = feed;
  }

  private broadcast(payload: object): void {
    const data = JSON.stringify(payload);
    for (const ws of this.ctx.getWebSockets()) {
      ws.send(data);
    }
  }
}
