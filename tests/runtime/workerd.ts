import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";

const require = createRequire(import.meta.url);

/** How long workerd gets to start listening. */
const START_TIMEOUT_MS = 20_000;

export interface RunningWorkerd {
  readonly url: string;
  readonly pid: number;
  readonly logFile: string;
  stop(): void;
}

/** The workerd binary of the `workerd` npm package, or an error that says plainly why it cannot run here. */
export function workerdBinary(): string {
  let binary: string;
  try {
    const packageDirectory = path.dirname(require.resolve("workerd/package.json"));
    binary = path.join(packageDirectory, "bin", "workerd");
  } catch (error) {
    throw new Error(`The runtime suite needs the npm package "workerd", which is not installed (run npm ci): ${String(error)}`);
  }
  const probe = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 10_000 });
  if (probe.status !== 0) {
    throw new Error(
      `workerd cannot run on this machine (${process.platform}-${process.arch}), so the runtime suite cannot check ` +
        `any rule: ${probe.error?.message ?? probe.stderr.trim() ?? `exit code ${String(probe.status)}`}`,
    );
  }
  return binary;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") {
          resolve(address.port);
        } else {
          reject(new Error("could not find a free port"));
        }
      });
    });
  });
}

/**
 * Starts workerd on `configFile` (which must listen on the socket named "http"), waits
 * until `GET /ready` answers, and returns a handle whose `stop()` kills it by pid. workerd
 * may ignore SIGTERM while sockets are open, so it is always stopped with SIGKILL.
 */
export async function startWorkerd(configFile: string, directory: string): Promise<RunningWorkerd> {
  const binary = workerdBinary();
  const port = await freePort();
  const logFile = path.join(directory, "workerd.log");
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    binary,
    ["serve", configFile, "--experimental", `--socket-addr=http=127.0.0.1:${port}`],
    { cwd: directory, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error("workerd did not start");
  }
  let exited: number | null | undefined;
  child.on("exit", (code) => {
    exited = code;
  });
  const stop = (): void => {
    if (exited === undefined) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  };
  // A test run that dies must not leave workerd behind.
  process.once("exit", stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      throw new Error(`workerd exited with code ${String(exited)} while starting:\n${readLog(logFile)}`);
    }
    try {
      const response = await fetch(`${url}/ready`);
      if (response.ok) {
        return { url, pid, logFile, stop };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(`workerd did not answer within ${START_TIMEOUT_MS / 1000} s:\n${readLog(logFile)}`);
}

function readLog(file: string): string {
  try {
    return readFileSync(file, "utf8").slice(-4000);
  } catch {
    return "(no log)";
  }
}
