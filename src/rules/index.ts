import noOutgoingWebsocket from "./no-outgoing-websocket.js";
import noStandardAccept from "./no-standard-accept.js";
import noTimers from "./no-timers.js";
import noWebsocketListeners from "./no-websocket-listeners.js";
import requireSessionRestore from "./require-session-restore.js";
import validAttachment from "./valid-attachment.js";

export const rules = {
  "no-outgoing-websocket": noOutgoingWebsocket,
  "no-standard-accept": noStandardAccept,
  "no-timers": noTimers,
  "no-websocket-listeners": noWebsocketListeners,
  "require-session-restore": requireSessionRestore,
  "valid-attachment": validAttachment,
};
