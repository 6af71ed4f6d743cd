import { beforeAll, describe, expect, inject, it } from "vitest";
import validAttachment from "../../src/rules/valid-attachment.js";
import validAutoResponse from "../../src/rules/valid-auto-response.js";
import validClose, { closeCodeError } from "../../src/rules/valid-close.js";
import validTags from "../../src/rules/valid-tags.js";
import { serializedSize } from "../../src/util/static-value.js";

const { url } = inject("runtime");

function defaultsOf<T extends object>(rule: { readonly meta: { readonly defaultOptions?: readonly [T] } }): T {
  const [options] = rule.meta.defaultOptions ?? [];
  if (!options) {
    throw new Error("the rule has no default options");
  }
  return options;
}

const tagOptions = defaultsOf(validTags);
const autoResponseOptions = defaultsOf(validAutoResponse);
const attachmentOptions = defaultsOf(validAttachment);
const closeOptions = defaultsOf(validClose);

/** The limits the rules assume by default: each rule's default options. */
const LIMITS = {
  tags: tagOptions.maxTags ?? Number.NaN,
  tagBytes: tagOptions.maxTagBytes ?? Number.NaN,
  autoResponseBytes: autoResponseOptions.maxRequestBytes ?? Number.NaN,
  autoResponseResponseBytes: autoResponseOptions.maxResponseBytes ?? Number.NaN,
  attachmentBytes: attachmentOptions.maxBytes ?? Number.NaN,
  reasonBytes: closeOptions.maxReasonBytes ?? Number.NaN,
};

interface Attempt {
  readonly ok: boolean;
  readonly error?: string;
}

interface Probe {
  readonly tags: {
    atLimit: Attempt;
    overLimit: Attempt;
    duplicateAfterLimit: Attempt;
    duplicatesBeforeLimit: Attempt;
    manyCopies: Attempt;
  };
  readonly tagBytes: { atLimit: Attempt; overLimit: Attempt; twoByteAtLimit: Attempt; twoByteOverLimit: Attempt };
  readonly notAnArray: Attempt;
  readonly autoResponse: { requestAtLimit: Attempt; requestOverLimit: Attempt; responseAtLimit: Attempt; responseOverLimit: Attempt };
  readonly attachment: { atLimit: Attempt; overLimit: Attempt; function: Attempt; socket: Attempt };
  readonly rejectedCloseCodes: readonly number[];
  readonly reason: { atLimit: Attempt; overLimit: Attempt };
}

/** The length of a one-byte string whose V8 serialization is exactly `bytes` long. */
function stringLengthSerializedTo(bytes: number): number {
  for (let length = bytes; length > 0; length--) {
    if (serializedSize("x".repeat(length)) === bytes) {
      return length;
    }
  }
  throw new Error(`no string serializes to ${bytes} bytes`);
}

const attachmentLength = stringLengthSerializedTo(LIMITS.attachmentBytes);
let probe: Probe;

beforeAll(async () => {
  const query = new URLSearchParams({
    tags: String(LIMITS.tags),
    tagBytes: String(LIMITS.tagBytes),
    autoResponseBytes: String(LIMITS.autoResponseBytes),
    attachmentLength: String(attachmentLength),
    reasonBytes: String(LIMITS.reasonBytes),
  });
  const response = await fetch(`${url}/limits?${query.toString()}`);
  probe = (await response.json()) as Probe;
});

/** A change in the runtime's limits must fail here, loudly, before a rule goes wrong. */
describe("the runtime's limits are the ones the rules assume", () => {
  it(`accepts ${LIMITS.tags} tags and rejects any entry after the ${LIMITS.tags}th distinct one`, () => {
    const tooMany = { ok: false, error: `a Hibernatable WebSocket cannot have more than ${LIMITS.tags} tags` };
    expect(probe.tags.atLimit).toEqual({ ok: true });
    expect(probe.tags.overLimit).toEqual(tooMany);
    expect(probe.tags.duplicateAfterLimit).toEqual(tooMany);
    expect(probe.tags.duplicatesBeforeLimit).toEqual({ ok: true });
    expect(probe.tags.manyCopies).toEqual({ ok: true });
  });

  it(`accepts tags of ${LIMITS.tagBytes} UTF-8 bytes and rejects one byte more`, () => {
    expect(probe.tagBytes.atLimit).toEqual({ ok: true });
    expect(probe.tagBytes.twoByteAtLimit).toEqual({ ok: true });
    expect(probe.tagBytes.overLimit.error).toMatch(
      new RegExp(`is longer than the max tag length \\(${LIMITS.tagBytes} characters\\)\\.$`),
    );
    expect(probe.tagBytes.twoByteOverLimit.ok).toBe(false);
  });

  it("rejects tags that are not an array", () => {
    expect(probe.notAnArray.error).toMatch(/parameter 2 is not of type 'Array'\.$/);
  });

  it(`accepts auto-response requests and responses of ${LIMITS.autoResponseBytes} UTF-8 bytes and rejects one byte more`, () => {
    expect(LIMITS.autoResponseResponseBytes).toBe(LIMITS.autoResponseBytes);
    expect(probe.autoResponse.requestAtLimit).toEqual({ ok: true });
    expect(probe.autoResponse.responseAtLimit).toEqual({ ok: true });
    expect(probe.autoResponse.requestOverLimit.error).toBe(
      `Request cannot be larger than ${LIMITS.autoResponseBytes} bytes. A request of size ${LIMITS.autoResponseBytes + 1} was provided.`,
    );
    expect(probe.autoResponse.responseOverLimit.error).toBe(
      `Response cannot be larger than ${LIMITS.autoResponseBytes} bytes. A response of size ${LIMITS.autoResponseBytes + 1} was provided.`,
    );
  });

  it(`accepts attachments of ${LIMITS.attachmentBytes} serialized bytes, measured as node:v8 measures them`, () => {
    expect(probe.attachment.atLimit).toEqual({ ok: true });
    expect(probe.attachment.overLimit.error).toBe(
      `A WebSocket 'attachment' cannot be larger than ${LIMITS.attachmentBytes} bytes.'attachment' was ${LIMITS.attachmentBytes + 1} bytes.`,
    );
    expect(probe.attachment.function.error).toMatch(/could not be cloned\.$/);
    expect(probe.attachment.socket.error).toBe(
      'Could not serialize object of type "WebSocket". This type does not support serialization.',
    );
  });

  it("rejects exactly the close codes that valid-close reports", () => {
    const reported = Array.from({ length: 5101 }, (_, code) => code).filter((code) => closeCodeError(code) !== undefined);
    expect(probe.rejectedCloseCodes).toEqual(reported);
  });

  it("accepts 32,768 sockets per object and refuses the next one", async () => {
    const sockets = 32_768;
    const response = await fetch(`${url}/limits?socketsPerObject=${sockets}`);
    expect(await response.json()).toEqual({
      accepted: sockets,
      refused: { ok: false, error: `only ${sockets} websockets can be accepted on a single Durable Object instance` },
    });
  });

  it(`accepts close reasons of ${LIMITS.reasonBytes} UTF-8 bytes and rejects one byte more`, () => {
    expect(probe.reason.atLimit).toEqual({ ok: true });
    expect(probe.reason.overLimit.error).toBe(
      `WebSocket close reason must not be longer than ${LIMITS.reasonBytes} bytes when UTF-8 encoded.`,
    );
  });
});
