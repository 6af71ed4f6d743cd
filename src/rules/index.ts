import noConstructorSideEffects from "./no-constructor-side-effects.js";
import noFrameworkHandlerOverride from "./no-framework-handler-override.js";
import noOutgoingWebsocket from "./no-outgoing-websocket.js";
import noPendingIo from "./no-pending-io.js";
import noStaleAttachment from "./no-stale-attachment.js";
import noStandardAccept from "./no-standard-accept.js";
import noTimers from "./no-timers.js";
import noUnguardedBroadcast from "./no-unguarded-broadcast.js";
import noWebsocketListeners from "./no-websocket-listeners.js";
import preferAutoResponse from "./prefer-auto-response.js";
import requireHibernateOption from "./require-hibernate-option.js";
import requireSessionRestore from "./require-session-restore.js";
import validAttachment from "./valid-attachment.js";
import validAutoResponse from "./valid-auto-response.js";
import validClose from "./valid-close.js";
import validHandlers from "./valid-handlers.js";
import validTags from "./valid-tags.js";

export const rules = {
  "no-constructor-side-effects": noConstructorSideEffects,
  "no-framework-handler-override": noFrameworkHandlerOverride,
  "no-outgoing-websocket": noOutgoingWebsocket,
  "no-pending-io": noPendingIo,
  "no-stale-attachment": noStaleAttachment,
  "no-standard-accept": noStandardAccept,
  "no-timers": noTimers,
  "no-unguarded-broadcast": noUnguardedBroadcast,
  "no-websocket-listeners": noWebsocketListeners,
  "prefer-auto-response": preferAutoResponse,
  "require-hibernate-option": requireHibernateOption,
  "require-session-restore": requireSessionRestore,
  "valid-attachment": validAttachment,
  "valid-auto-response": validAutoResponse,
  "valid-close": validClose,
  "valid-handlers": validHandlers,
  "valid-tags": validTags,
};
