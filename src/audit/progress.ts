/** The part of a terminal stream the progress line needs. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Below this many files, linting is over before a progress line would help. */
export const PROGRESS_MIN_FILES = 100;

/** How often the line is redrawn at most, in milliseconds. */
const REDRAW_INTERVAL_MS = 80;

const CLEAR_LINE = "\r\u001B[2K";

export interface Progress {
  /** One more file is being linted. */
  fileStarted(): void;
  /** Removes the line, leaving the terminal as it was. */
  finish(): void;
}

const NO_PROGRESS: Progress = { fileStarted: () => undefined, finish: () => undefined };

/**
 * A single line "linting N/M files" that redraws itself on a terminal. Nothing at all when
 * `stream` is not a terminal (a pipe, a file, CI logs) or when there are few files.
 */
export function createProgress(stream: ProgressStream, total: number, now: () => number = Date.now): Progress {
  if (stream.isTTY !== true || total < PROGRESS_MIN_FILES) {
    return NO_PROGRESS;
  }
  let started = 0;
  let drawnAt: number | undefined;
  return {
    fileStarted() {
      started = Math.min(started + 1, total);
      const time = now();
      if (drawnAt === undefined || time - drawnAt >= REDRAW_INTERVAL_MS || started === total) {
        drawnAt = time;
        stream.write(`${CLEAR_LINE}linting ${started}/${total} files`);
      }
    },
    finish() {
      if (drawnAt !== undefined) {
        stream.write(CLEAR_LINE);
      }
    },
  };
}
