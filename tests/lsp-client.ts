import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/** Answers a request of the server (its result, or a promise of it), or receives a notification. */
export type RequestHandler = (params: unknown) => unknown;

interface Message {
  readonly jsonrpc: "2.0";
  readonly id?: number | string;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string };
}

interface Pending {
  readonly method: string;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

const HEADER_END = "\r\n\r\n";
const METHOD_NOT_FOUND = -32601;
const INTERNAL_ERROR = -32603;
/** How long a server gets to answer `shutdown`, and then to exit, before it is killed. */
const STOP_TIMEOUT_MS = 2000;

/**
 * A language server client that speaks JSON-RPC over the server's stdin and stdout with
 * `Content-Length` framing, as editors do. Every request has a deadline, and `stop()` always
 * ends the process, also when the server does not answer.
 */
export class LspClient {
  /** What the server logged (`window/logMessage`) and wrote to stderr, to explain a failure. */
  readonly log: string[] = [];
  /** Methods of the server's requests that had no handler and were answered "method not found". */
  readonly unhandledRequests: string[] = [];

  private readonly process: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number | string, Pending>();
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly exited: Promise<void>;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private running = true;

  constructor(
    command: string,
    args: readonly string[],
    cwd: string,
    private readonly timeoutMs: number,
  ) {
    this.process = spawn(command, args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.exited = new Promise((resolve) => {
      this.process.once("exit", (code, signal) => {
        this.running = false;
        this.failPending(`the server exited (code ${String(code)}, signal ${String(signal)})`);
        resolve();
      });
      this.process.once("error", (error) => {
        this.running = false;
        this.failPending(`the server could not start: ${error.message}`);
        resolve();
      });
    });
    this.process.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.process.stderr.on("data", (chunk: Buffer) => this.log.push(chunk.toString("utf8")));
    // Writing to a server that has died fails; the pending requests already say so.
    this.process.stdin.on("error", () => undefined);
    this.handle("window/logMessage", (params) => {
      this.log.push((params as { message?: string } | undefined)?.message ?? "");
    });
  }

  /**
   * Answers the server's requests of `method` with what `handler` returns, or receives its
   * notifications of that name.
   */
  handle(method: string, handler: RequestHandler): void {
    this.handlers.set(method, handler);
  }

  request<Result>(method: string, params: unknown, timeoutMs = this.timeoutMs): Promise<Result> {
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(this.failure(`no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject, timer });
      this.send({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: "2.0", method, params });
  }

  /** Asks the server to shut down and exit, and kills it when it has not within the deadline. */
  async stop(): Promise<void> {
    if (!this.running) {
      return;
    }
    try {
      await this.request("shutdown", null, STOP_TIMEOUT_MS);
      this.notify("exit", null);
    } catch {
      // A server that does not answer is killed below.
    }
    const deadline = new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
    await Promise.race([this.exited, deadline]);
    if (this.running) {
      this.process.kill("SIGKILL");
      await this.exited;
    }
  }

  /** An error whose message carries the server's log, which usually says what went wrong. */
  failure(message: string): Error {
    const log = this.log.join("\n").trim();
    return new Error(log === "" ? message : `${message}\nThe server's log:\n${log}`);
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), "utf8");
    this.process.stdin.write(`Content-Length: ${body.length}${HEADER_END}`);
    this.process.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd === -1) {
        return;
      }
      const length = /content-length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString("ascii"))?.[1];
      if (length === undefined) {
        this.buffer = this.buffer.subarray(headerEnd + HEADER_END.length);
        continue;
      }
      const start = headerEnd + HEADER_END.length;
      const end = start + Number(length);
      if (this.buffer.length < end) {
        return;
      }
      const message = JSON.parse(this.buffer.subarray(start, end).toString("utf8")) as Message;
      this.buffer = this.buffer.subarray(end);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method === undefined) {
      this.settle(message);
      return;
    }
    const handler = this.handlers.get(message.method);
    if (message.id === undefined) {
      handler?.(message.params);
      return;
    }
    if (handler === undefined) {
      this.unhandledRequests.push(message.method);
      const error = { code: METHOD_NOT_FOUND, message: `${message.method} is not handled` };
      this.send({ jsonrpc: "2.0", id: message.id, error });
      return;
    }
    const id = message.id;
    void Promise.resolve()
      .then(() => handler(message.params))
      .then(
        (result) => this.send({ jsonrpc: "2.0", id, result: result ?? null }),
        (error: unknown) => this.send({ jsonrpc: "2.0", id, error: { code: INTERNAL_ERROR, message: String(error) } }),
      );
  }

  private settle(message: Message): void {
    if (message.id === undefined) {
      return;
    }
    const pending = this.pending.get(message.id);
    if (pending === undefined) {
      return;
    }
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.error === undefined) {
      pending.resolve(message.result);
    } else {
      pending.reject(this.failure(`${pending.method} failed: ${message.error.message}`));
    }
  }

  private failPending(reason: string): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(this.failure(`${pending.method}: ${reason}`));
    }
  }
}
