import { describe, expect, it } from "vitest";
import { useColor } from "../../src/audit/cli.js";
import { PROGRESS_MIN_FILES, createProgress } from "../../src/audit/progress.js";

function fakeStream(isTTY: boolean): { isTTY: boolean; written: string[]; write(text: string): boolean } {
  return {
    isTTY,
    written: [],
    write(text) {
      this.written.push(text);
      return true;
    },
  };
}

describe("the progress line", () => {
  it("redraws one line on a terminal, at most every 80 ms, and always at the last file", () => {
    const stream = fakeStream(true);
    let time = 0;
    const progress = createProgress(stream, PROGRESS_MIN_FILES, () => time);
    for (let file = 1; file <= PROGRESS_MIN_FILES; file++) {
      time = file * 10;
      progress.fileStarted();
    }
    progress.finish();
    expect(stream.written[0]).toBe(`\r\u001B[2Klinting 1/${PROGRESS_MIN_FILES} files`);
    expect(stream.written[1]).toBe(`\r\u001B[2Klinting 9/${PROGRESS_MIN_FILES} files`);
    expect(stream.written.at(-2)).toBe(`\r\u001B[2Klinting ${PROGRESS_MIN_FILES}/${PROGRESS_MIN_FILES} files`);
    expect(stream.written.at(-1)).toBe("\r\u001B[2K");
    expect(stream.written.every((text) => !text.includes("\n"))).toBe(true);
  });

  it("writes nothing when the stream is not a terminal", () => {
    const stream = fakeStream(false);
    const progress = createProgress(stream, PROGRESS_MIN_FILES * 10);
    progress.fileStarted();
    progress.finish();
    expect(stream.written).toEqual([]);
  });

  it("writes nothing for a small tree", () => {
    const stream = fakeStream(true);
    const progress = createProgress(stream, PROGRESS_MIN_FILES - 1);
    progress.fileStarted();
    progress.finish();
    expect(stream.written).toEqual([]);
  });

  it("leaves the terminal alone when no file was linted", () => {
    const stream = fakeStream(true);
    createProgress(stream, PROGRESS_MIN_FILES).finish();
    expect(stream.written).toEqual([]);
  });
});

describe("colours", () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: "1" }, false],
    // NO_COLOR counts only when it is not empty (https://no-color.org).
    [true, { NO_COLOR: "" }, true],
    [true, { TERM: "dumb" }, false],
    [false, { FORCE_COLOR: "1" }, true],
    [true, { FORCE_COLOR: "0" }, false],
    [false, { NO_COLOR: "1", FORCE_COLOR: "1" }, false],
  ])("on a terminal: %s, with %o: %s", (isTTY, env, expected) => {
    expect(useColor({ isTTY, write: () => true }, env)).toBe(expected);
  });
});
