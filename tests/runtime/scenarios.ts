/** What the harness saw while it ran a scenario on an example's object. */
export interface Observation {
  /** The harness itself failed (the example could not be driven at all). */
  readonly harnessError?: string;
  /** Errors thrown by the object's constructor and handlers, in order. */
  readonly errors: readonly string[];
  readonly constructions: number;
  readonly evicted?: boolean;
  readonly error?: string;
  readonly rebuilt?: boolean;
  readonly reply?: string;
  readonly heard?: string;
  readonly before?: string;
  readonly after?: string;
  readonly connected?: boolean;
  readonly thrown?: string;
  /** What each client that stayed heard after another client left. */
  readonly heardAfterClose?: { readonly alice: readonly string[]; readonly carol: readonly string[] };
  readonly pings?: readonly { readonly ping: string; readonly reply?: string; readonly woke: boolean }[];
  readonly finalEviction?: { readonly evicted: boolean; readonly error?: string };
}

/**
 * A claim that a scenario checks: `correct` for a ✅ example, `incorrect` for a ❌ one.
 * Each returns undefined when the claim holds, or the reason it does not.
 */
export interface Scenario {
  readonly description: string;
  correct(observation: Observation, runtimeErrors: readonly RegExp[]): string | undefined;
  incorrect(observation: Observation, runtimeErrors: readonly RegExp[]): string | undefined;
}

const PINNED = /Timed out waiting to evict Durable Object/;

function noErrors(observation: Observation): string | undefined {
  return observation.errors.length > 0 ? `the object threw: ${observation.errors.join(" | ")}` : undefined;
}

function evicted(observation: Observation): string | undefined {
  return observation.evicted
    ? undefined
    : `the object must hibernate for this scenario, but eviction failed: ${observation.error ?? "unknown error"}`;
}

function threwRuntimeError(observation: Observation, runtimeErrors: readonly RegExp[]): string | undefined {
  const thrown = [...observation.errors, ...(observation.thrown ? [observation.thrown] : [])];
  if (thrown.some((message) => runtimeErrors.some((pattern) => pattern.test(message)))) {
    return undefined;
  }
  return thrown.length === 0
    ? "expected the runtime to throw, but nothing was thrown"
    : `expected one of the runtime's errors (${runtimeErrors.map(String).join(", ")}), but got: ${thrown.join(" | ")}`;
}

function sameMessages(first: readonly string[], second: readonly string[]): boolean {
  return JSON.stringify(first) === JSON.stringify(second);
}

function quote(text: string | undefined): string {
  return text === undefined ? "nothing" : JSON.stringify(text);
}

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  hibernates: {
    description: "a client connects and sends a message, then the object is forced to hibernate",
    correct: (observation) =>
      evicted(observation) ??
      (observation.rebuilt ? undefined : "the object was evicted, but its constructor did not run again on the next message") ??
      noErrors(observation),
    incorrect: (observation) =>
      observation.evicted
        ? "expected the object never to hibernate, but it was evicted"
        : PINNED.test(observation.error ?? "")
          ? undefined
          : `expected eviction to time out, but it failed with: ${observation.error ?? "unknown error"}`,
  },
  "handles-messages": {
    description: "a client sends a message and waits for an answer",
    correct: (observation) =>
      observation.reply === undefined ? "the message got no answer" : noErrors(observation),
    incorrect: (observation) =>
      observation.reply === undefined
        ? noErrors(observation)
        : `expected the message to go unanswered, but the object answered ${quote(observation.reply)}`,
  },
  "broadcast-after-wake": {
    description: "two clients connect, the object hibernates, one sends a message",
    correct: (observation) =>
      evicted(observation) ??
      (observation.heard === undefined ? "the other client heard nothing after the wake" : noErrors(observation)),
    incorrect: (observation) =>
      evicted(observation) ??
      (observation.heard === undefined
        ? undefined
        : `expected the other client to hear nothing after the wake, but it got ${quote(observation.heard)}`),
  },
  "broadcast-after-close": {
    description: "alice, bob and carol connect, bob leaves, alice sends a message",
    correct: (observation) => {
      const heard = observation.heardAfterClose;
      if (!heard || heard.alice.length === 0 || heard.carol.length === 0) {
        return `expected alice and carol to hear the broadcasts after bob left, but got ${JSON.stringify(heard)}`;
      }
      return sameMessages(heard.alice, heard.carol)
        ? noErrors(observation)
        : `expected alice and carol to hear the same messages, but got ${JSON.stringify(heard)}`;
    },
    incorrect: (observation, runtimeErrors) => {
      const heard = observation.heardAfterClose;
      if (!heard || sameMessages(heard.alice, heard.carol)) {
        return `expected alice or carol to miss a broadcast the other heard, but got ${JSON.stringify(heard)}`;
      }
      return threwRuntimeError(observation, runtimeErrors);
    },
  },
  "same-after-wake": {
    description: "a client sends the same message before and after the object hibernates",
    correct: (observation) =>
      evicted(observation) ??
      (observation.before === undefined || observation.before !== observation.after
        ? `expected the same answer after the wake, but got ${quote(observation.before)} then ${quote(observation.after)}`
        : noErrors(observation)),
    incorrect: (observation) =>
      evicted(observation) ??
      (observation.before !== undefined && observation.after !== undefined && observation.before !== observation.after
        ? undefined
        : `expected the answer to change after the wake, but got ${quote(observation.before)} then ${quote(observation.after)}`),
  },
  "kept-after-wake": {
    description: "a client sends a message that changes the object's state, the object hibernates, the client sends again",
    correct: (observation) =>
      evicted(observation) ??
      (observation.before !== undefined && observation.after !== undefined && observation.before !== observation.after
        ? noErrors(observation)
        : `expected the second answer to show the change, but got ${quote(observation.before)} then ${quote(observation.after)}`),
    incorrect: (observation) =>
      evicted(observation) ??
      (observation.before !== undefined && observation.before === observation.after
        ? undefined
        : `expected the change to be lost, but got ${quote(observation.before)} then ${quote(observation.after)}`),
  },
  "knows-the-sender": {
    description: 'a client connects as "alice" and sends a message',
    correct: (observation) =>
      observation.reply?.includes("alice")
        ? noErrors(observation)
        : `expected the answer to name the sender, but got ${quote(observation.reply)}`,
    incorrect: (observation) =>
      observation.reply === undefined || observation.reply.includes("alice")
        ? `expected an answer that does not know the sender, but got ${quote(observation.reply)}`
        : undefined,
  },
  "pings-while-hibernated": {
    description: 'the object hibernates, then the client sends "ping" and {"type":"ping"}',
    correct: (observation) =>
      evicted(observation) ??
      (observation.pings?.some((ping) => ping.reply !== undefined && !ping.woke)
        ? noErrors(observation)
        : `expected a ping to be answered without waking the object, but got ${JSON.stringify(observation.pings)}`),
    incorrect: (observation) =>
      evicted(observation) ??
      (observation.pings?.some((ping) => ping.reply !== undefined && !ping.woke)
        ? `expected every ping to wake the object, but got ${JSON.stringify(observation.pings)}`
        : undefined),
  },
  "throws-after-wake": {
    description: "a client sends a message, the object hibernates, the client sends again",
    correct: (observation) =>
      evicted(observation) ??
      (observation.after === undefined ? "the object did not answer after the wake" : noErrors(observation)),
    incorrect: (observation, runtimeErrors) => evicted(observation) ?? threwRuntimeError(observation, runtimeErrors),
  },
  "throws-on-connect": {
    description: "a client connects and sends a message",
    correct: (observation) =>
      observation.connected ? noErrors(observation) : `the connection failed: ${observation.thrown ?? "unknown error"}`,
    incorrect: threwRuntimeError,
  },
  "throws-on-message": {
    description: "a client sends a message",
    correct: noErrors,
    incorrect: threwRuntimeError,
  },
  "throws-on-close": {
    description: "a client closes its socket without a close code, as a browser tab does",
    correct: noErrors,
    incorrect: threwRuntimeError,
  },
};

/**
 * The runtime's own error texts that a ❌ example of each rule is expected to throw
 * (measured in workerd; see DESIGN.md, "Limits and errors").
 */
export const RUNTIME_ERRORS: Readonly<Record<string, readonly RegExp[]>> = {
  "no-standard-accept": [
    /Cannot call `acceptWebSocket\(\)` if the WebSocket was already accepted via `accept\(\)`/,
    /Can't accept\(\) WebSocket after enabling hibernation/,
  ],
  // Parameters in the wrong order hand the close reason to `close()` as its code.
  // A schema created without IF NOT EXISTS already exists when the constructor runs again.
  "no-constructor-side-effects": [/already exists/],
  "no-unguarded-broadcast": [/^Can't call WebSocket send\(\) after close\(\)\.$/],
  "valid-attachment": [
    /^A WebSocket 'attachment' cannot be larger than 16384 bytes\.'attachment' was \d+ bytes\.$/,
    /^Could not serialize object of type "\w+"\. This type does not support serialization\.$/,
    /could not be cloned\.$/,
    // A class instance comes back as a plain object: its methods are gone.
    /is not a function$/,
  ],
  "valid-auto-response": [
    /^(Request|Response) cannot be larger than 2048 bytes\. A (request|response) of size \d+ was provided\.$/,
    /parameter 1 is not of type 'WebSocketRequestResponsePair'\.$/,
  ],
  "valid-close": [
    /^Invalid WebSocket close code: \d+\.$/,
    /^WebSocket close reason must not be longer than 123 bytes when UTF-8 encoded\.$/,
  ],
  "valid-handlers": [/^Invalid WebSocket close code: 0\.$/],
  "valid-tags": [
    /^a Hibernatable WebSocket cannot have more than 10 tags$/,
    /is longer than the max tag length \(256 characters\)\.$/,
    /parameter 2 is not of type 'Array'\.$/,
  ],
};
