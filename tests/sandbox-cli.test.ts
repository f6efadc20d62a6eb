import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { EventEmitter, once } from "node:events";
import * as net from "node:net";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { eventually } from "./support/stack";

const CLI = path.join(__dirname, "..", "sandbox", "dist", "cli.js");

interface Cli {
  child: ChildProcessWithoutNullStreams;
  /** Stdout line number `index` (0-based), once it is printed; fails after 10 s. */
  line: (index: number) => Promise<string>;
  /** The exit code. */
  exit: Promise<number | null>;
}

/** Runs the CLI with `args`. */
function run(args: string[]): Cli {
  const child = spawn(process.execPath, [CLI, ...args]);
  const lines: string[] = [];
  const printed = new EventEmitter();
  createInterface({ input: child.stdout }).on("line", (text) => {
    lines.push(text);
    printed.emit("line");
  });
  // "close", not "exit": by then stdout and stderr have been read to the end.
  const exit = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const line = (index: number) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no stdout line ${index} within 10 s`)), 10_000);
      const check = () => {
        if (lines.length <= index) return;
        clearTimeout(timer);
        printed.off("line", check);
        resolve(lines[index]);
      };
      printed.on("line", check);
      check();
    });
  return { child, line, exit };
}

function stderrOf(child: ChildProcessWithoutNullStreams): Promise<string> {
  let text = "";
  child.stderr.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return new Promise((resolve) => child.stderr.once("end", () => resolve(text)));
}

test("prints the listening line, logs each request without credentials, exits 0 on SIGINT", async () => {
  const { child, line, exit } = run(["--port", "0", "--order-seconds", "1", "--password", "s3cret"]);
  try {
    const first = await line(0);
    const match = /^CallFire sandbox listening on (http:\/\/127\.0\.0\.1:(\d+)\/api\/1\.1\/rest)$/.exec(
      first,
    );
    expect(match).not.toBeNull();
    const url = match?.[1] ?? "";
    expect(Number(match?.[2])).toBeGreaterThan(0);

    const response = await fetch(`${url}/number/regions.json?MaxResults=1`, {
      headers: { Authorization: `Basic ${Buffer.from("sandbox:s3cret").toString("base64")}` },
    });
    expect(response.status).toBe(200);
    const log = await line(1);
    expect(log).toMatch(/^GET \/api\/1\.1\/rest\/number\/regions\.json\?MaxResults=1 200 \d+ms$/);
    expect(log).not.toMatch(/s3cret|Basic/);

    child.kill("SIGINT");
    expect(await exit).toBe(0);
  } finally {
    child.kill("SIGKILL");
  }
});

test("SIGTERM also exits 0", async () => {
  const { child, line, exit } = run([]);
  try {
    expect(await line(0)).toMatch(
      /^CallFire sandbox listening on http:\/\/127\.0\.0\.1:\d+\/api\/1\.1\/rest$/,
    );
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  } finally {
    child.kill("SIGKILL");
  }
});

test.each([
  [["--port", "http"], "--port must be an integer 0..65535"],
  [["--order-seconds=-1"], "--order-seconds must be a number, 0 or more"],
  [["--order-seconds", "-1"], '--order-seconds must be a number, 0 or more, not "-1"'],
  [["--seed", "-x"], '--seed must be an integer, not "-x"'],
  [["--username", ""], "--username must not be empty"],
  [["--password", " "], "--password must not be empty"],
  [["--bogus"], "Unknown option '--bogus'"],
])("bad flags %j exit 2 with a message on stderr", async (args, message) => {
  const { child, exit } = run(args);
  const stderr = stderrOf(child);
  expect(await exit).toBe(2);
  expect(await stderr).toContain(message);
});

test("--help prints usage and exits 0", async () => {
  const { child, exit } = run(["--help"]);
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  expect(await exit).toBe(0);
  expect(stdout).toContain("Usage: callfire-sandbox");
  expect(stdout).toContain("--order-seconds");
});

test("npm ci links the callfire-sandbox command in the workspace, so `npx callfire-sandbox` runs it", () => {
  const command = path.join(__dirname, "..", "node_modules", ".bin", "callfire-sandbox");
  expect(execFileSync(command, ["--help"], { encoding: "utf8" })).toContain("Usage: callfire-sandbox");
});

test("a port in use exits 1, naming the port and the fix", async () => {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  try {
    const { child, exit } = run(["--port", String(port)]);
    const stderr = stderrOf(child);
    expect(await exit).toBe(1);
    expect(await stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
    expect(await stderr).toContain("choose another --port");
  } finally {
    server.close();
  }
});

test("stopping a background `npm run sandbox` stops the sandbox too (no orphan keeps the port)", async () => {
  const npm = spawn("npm", ["run", "--silent", "sandbox", "--", "--port", "0"], {
    cwd: path.join(__dirname, ".."),
  });
  const lines = createInterface({ input: npm.stdout });
  const [first] = (await once(lines, "line")) as [string];
  const url = /listening on (\S+)$/.exec(first)?.[1] ?? "";
  const answers = async () =>
    fetch(`${url}/number/regions.json?MaxResults=1`).then(
      () => true,
      () => false,
    );
  try {
    expect(await answers()).toBe(true);
    npm.kill("SIGTERM");
    await once(npm, "close");
    await eventually(async () => !(await answers()), "the sandbox to stop with npm", 20_000);
  } finally {
    npm.kill("SIGKILL");
  }
});
