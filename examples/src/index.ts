// The Worker entry point: routes /chat/<room> to a ChatRoom, /presence/<document> to a
// Presence, /lobby/<game> to a GameLobby, /counter/<name> to a LegacyCounter,
// /relay/<channel> to a Relay, and lets partyserver route /parties/cursors/<canvas> and
// /parties/poll/<question> to Cursors and Poll. Worker code is not part of any Durable
// Object, so the rules report nothing here.
import { routePartykitRequest } from "partyserver";
import { ChatRoom } from "./chat-room";
import { Cursors } from "./cursors";
import { GameLobby } from "./game-lobby";
import { LegacyCounter } from "./legacy-counter.js";
import { Poll } from "./poll";
import { Presence } from "./presence";
import { Relay } from "./relay.js";

export { ChatRoom, Cursors, GameLobby, LegacyCounter, Poll, Presence, Relay };

interface Env {
  CHAT_ROOM: DurableObjectNamespace;
  COUNTER: DurableObjectNamespace;
  Cursors: DurableObjectNamespace;
  Poll: DurableObjectNamespace;
  GAME_LOBBY: DurableObjectNamespace;
  PRESENCE: DurableObjectNamespace;
  RELAY: DurableObjectNamespace;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const [, section, name] = new URL(request.url).pathname.split("/");
    if (!name) {
      return new Response("Not found", { status: 404 });
    }
    switch (section) {
      case "chat": {
        if (request.headers.get("Upgrade") !== "websocket") {
          return new Response("Expected a WebSocket upgrade", { status: 426 });
        }
        return env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(name)).fetch(request);
      }
      case "presence":
        return env.PRESENCE.get(env.PRESENCE.idFromName(name)).fetch(request);
      case "lobby":
        return env.GAME_LOBBY.get(env.GAME_LOBBY.idFromName(name)).fetch(request);
      case "relay":
        return env.RELAY.get(env.RELAY.idFromName(name)).fetch(request);
      case "counter":
        return env.COUNTER.get(env.COUNTER.idFromName(name)).fetch(request);
      case "parties":
        return (await routePartykitRequest(request, env)) ?? new Response("Not found", { status: 404 });
      default:
        return new Response("Not found", { status: 404 });
    }
  },
};
