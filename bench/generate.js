// Generates Durable Object modules of realistic shape for the benchmark. A file at scale k
// holds k Durable Object classes (one per "room" kind), and the first of them handles k
// groups of message types, so the file grows k-fold both in the number of classes and in
// the length of one class: cost that grows faster than the file shows in either direction.
// The output is deterministic: the same scale always gives the same text.

/**
 * @param {number} scale
 * @returns {string}
 */
export function generateDurableObjectFile(scale) {
  const parts = [HEADER];
  for (let index = 0; index < scale; index++) {
    parts.push(room(index, index === 0 ? scale : 1));
  }
  parts.push(worker(scale));
  return parts.join("\n");
}

const HEADER = `import { DurableObject } from "cloudflare:workers";

interface Env {
  ROOM: DurableObjectNamespace;
  HISTORY: KVNamespace;
}

interface Session {
  id: string;
  name: string;
  joinedAt: number;
  lastSeen: number;
  muted: boolean;
}

type Incoming =
  | { type: "chat"; text: string }
  | { type: "rename"; name: string }
  | { type: "typing" }
  | { type: "ping" };

const MAX_HISTORY = 200;
const IDLE_CLOSE_MS = 10 * 60 * 1000;

function parseIncoming(data: string | ArrayBuffer): Incoming | undefined {
  if (typeof data !== "string") {
    return undefined;
  }
  try {
    const value = JSON.parse(data) as Incoming;
    return typeof value === "object" && value !== null && "type" in value ? value : undefined;
  } catch {
    return undefined;
  }
}

function sanitize(text: string, limit = 2000): string {
  return text.replace(/[\\u0000-\\u001f]/g, "").slice(0, limit).trim();
}
`;

/**
 * @param {number} index
 * @param {number} handlerGroups
 */
function room(index, handlerGroups) {
  const name = `Room${index}`;
  const cases = [];
  const methods = [];
  for (let group = 0; group < handlerGroups; group++) {
    cases.push(`      case "poll${group}":
        await this.onPoll${group}(ws, session, message);
        break;
      case "vote${group}":
        await this.onVote${group}(ws, session, message);
        break;`);
    methods.push(handlerGroup(group));
  }
  return `
export class ${name} extends DurableObject<Env> {
  private sessions = new Map<WebSocket, Session>();
  private history: { from: string; text: string; at: number }[] = [];
  private readonly topic: string;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.topic = "${name.toLowerCase()}";
    for (const ws of this.ctx.getWebSockets()) {
      const session = ws.deserializeAttachment() as Session | null;
      if (session) {
        this.sessions.set(ws, session);
      }
    }
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    void this.ctx.blockConcurrencyWhile(async () => {
      this.history = (await this.ctx.storage.get<{ from: string; text: string; at: number }[]>("history")) ?? [];
    });
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname.endsWith("/history")) {
      return Response.json(this.history.slice(-50));
    }
    if (request.headers.get("Upgrade") !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const name = sanitize(url.searchParams.get("name") ?? "guest", 32) || "guest";
    const { 0: client, 1: server } = new WebSocketPair();
    const session: Session = { id: crypto.randomUUID(), name, joinedAt: Date.now(), lastSeen: Date.now(), muted: false };
    this.ctx.acceptWebSocket(server, [session.id, \`room:\${this.topic}\`]);
    server.serializeAttachment(session);
    this.sessions.set(server, session);
    this.broadcast({ type: "joined", name, online: this.sessions.size });
    await this.ctx.storage.setAlarm(Date.now() + IDLE_CLOSE_MS);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const session = this.sessions.get(ws);
    const message = parseIncoming(data);
    if (!session || !message) {
      ws.send(JSON.stringify({ type: "error", reason: "unknown message" }));
      return;
    }
    session.lastSeen = Date.now();
    ws.serializeAttachment(session);
    switch (message.type as string) {
      case "chat":
        await this.onChat(session, (message as { text: string }).text);
        break;
      case "rename": {
        const next = sanitize((message as { name: string }).name, 32);
        if (next) {
          const previous = session.name;
          session.name = next;
          ws.serializeAttachment({ ...session });
          this.broadcast({ type: "renamed", from: previous, to: next });
        }
        break;
      }
      case "typing":
        this.broadcast({ type: "typing", name: session.name }, ws);
        break;
${cases.join("\n")}
      default:
        ws.send(JSON.stringify({ type: "error", reason: \`unsupported: \${message.type}\` }));
    }
  }

  async webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean): Promise<void> {
    const session = this.sessions.get(ws);
    this.sessions.delete(ws);
    if (session) {
      this.broadcast({ type: "left", name: session.name, clean: wasClean, online: this.sessions.size });
    }
    ws.close(code === 1005 || code === 1006 ? 1000 : code, reason.slice(0, 100));
  }

  async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    console.error("socket error", error);
    this.sessions.delete(ws);
  }

  async alarm(): Promise<void> {
    const cutoff = Date.now() - IDLE_CLOSE_MS;
    for (const [ws, session] of this.sessions) {
      if (session.lastSeen < cutoff) {
        ws.close(4000, "idle");
        this.sessions.delete(ws);
      }
    }
    if (this.sessions.size > 0) {
      await this.ctx.storage.setAlarm(Date.now() + IDLE_CLOSE_MS);
    }
  }

  private async onChat(session: Session, text: string): Promise<void> {
    if (session.muted) {
      return;
    }
    const entry = { from: session.name, text: sanitize(text), at: Date.now() };
    this.history = [...this.history.slice(1 - MAX_HISTORY), entry];
    await this.ctx.storage.put("history", this.history);
    this.broadcast({ type: "chat", ...entry });
  }
${methods.join("\n")}
  private broadcast(payload: Record<string, unknown>, except?: WebSocket): void {
    const data = JSON.stringify(payload);
    for (const ws of this.ctx.getWebSockets(\`room:\${this.topic}\`)) {
      if (ws === except || ws.readyState !== WebSocket.OPEN) {
        continue;
      }
      try {
        ws.send(data);
      } catch (error) {
        console.warn("dropped a closing socket", error);
      }
    }
  }
}
`;
}

/** @param {number} group */
function handlerGroup(group) {
  return `
  private async onPoll${group}(ws: WebSocket, session: Session, message: Incoming): Promise<void> {
    const key = \`poll${group}:\${session.id}\`;
    const current = (await this.ctx.storage.get<number[]>(key)) ?? [];
    const options = Array.isArray((message as { options?: unknown }).options)
      ? ((message as { options: unknown[] }).options.filter((option) => typeof option === "string") as string[])
      : [];
    if (options.length === 0 || options.length > 8) {
      ws.send(JSON.stringify({ type: "error", reason: "a poll needs 1 to 8 options" }));
      return;
    }
    await this.ctx.storage.put(key, options.map(() => 0).concat(current.slice(options.length)));
    const attachment = ws.deserializeAttachment() as Session & { polls?: string[] };
    ws.serializeAttachment({ ...attachment, polls: [...(attachment.polls ?? []), key] });
    this.broadcast({ type: "poll", group: ${group}, by: session.name, options });
  }

  private async onVote${group}(ws: WebSocket, session: Session, message: Incoming): Promise<void> {
    const { poll, choice } = message as unknown as { poll: string; choice: number };
    const counts = (await this.ctx.storage.get<number[]>(poll)) ?? [];
    if (!Number.isInteger(choice) || choice < 0 || choice >= counts.length) {
      ws.send(JSON.stringify({ type: "error", reason: "no such option" }));
      return;
    }
    counts[choice] = (counts[choice] ?? 0) + 1;
    await this.ctx.storage.put(poll, counts);
    const voters = this.ctx.getWebSockets(\`poll${group}\`).length;
    this.broadcast({ type: "votes", group: ${group}, poll, counts, voters, by: session.name });
  }
`;
}

/** @param {number} scale */
function worker(scale) {
  const routes = [];
  for (let index = 0; index < scale; index++) {
    routes.push(`    if (url.pathname.startsWith("/room${index}/")) {
      const id = env.ROOM.idFromName(url.pathname.slice(${`/room${index}/`.length}));
      return env.ROOM.get(id).fetch(request);
    }`);
  }
  return `
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
${routes.join("\n")}
    return new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
`;
}
