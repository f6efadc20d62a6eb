#!/usr/bin/env node
/**
 * The `callfire-sandbox` command: parses the options, starts a sandbox, prints its URL and logs one line per
 * request until SIGINT or SIGTERM.
 */
import { parseArgs } from "node:util";
import { type SandboxOptions, startSandbox } from "./sandbox";

const USAGE = `Usage: callfire-sandbox [options]

A local CallFire API 1.1 NumberService (REST, JSON dialect).

Options:
  --port N            TCP port (default 0: pick a free one)
  --host HOST         interface to listen on (default 127.0.0.1)
  --username NAME     Basic auth user name (default sandbox)
  --password PASS     Basic auth password (default sandbox)
  --order-seconds N   clock seconds a new order stays PROCESSING (default 2; 0 = done on first read)
  --seed N            inventory generation seed (default 1)
  -h, --help          print this help
`;

/** A command-line mistake: reported on stderr with exit code 2. */
class UsageError extends Error {}

/** The options that take a value. */
const VALUE_OPTIONS = ["port", "host", "username", "password", "order-seconds", "seed"];

/**
 * `--flag -1` as `--flag=-1`: parseArgs refuses a value that starts with a dash as "ambiguous", so a negative
 * number would never reach the check that says what the option needs.
 */
function joinDashValues(argv: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const [argument, next] = [argv[index], argv[index + 1]];
    if (VALUE_OPTIONS.includes(argument.slice(2)) && argument.startsWith("--") && next?.startsWith("-")) {
      joined.push(`${argument}=${next}`);
      index++;
    } else {
      joined.push(argument);
    }
  }
  return joined;
}

function parseOptions(argv: string[]): SandboxOptions | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: joinDashValues(argv),
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        username: { type: "string" },
        password: { type: "string" },
        "order-seconds": { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  const text = (name: string) => values[name] as string | undefined;
  return {
    port: number(
      text("port"),
      "--port",
      (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
      "an integer 0..65535",
    ),
    host: text("host"),
    username: nonEmpty(text("username"), "--username"),
    password: nonEmpty(text("password"), "--password"),
    orderSeconds: number(text("order-seconds"), "--order-seconds", (n) => n >= 0, "a number, 0 or more"),
    seed: number(text("seed"), "--seed", Number.isSafeInteger, "an integer"),
  };
}

/** A credential: absent (the default), or not empty. */
function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.trim() === "") {
    throw new UsageError(`${flag} must not be empty (leave it out for the default, sandbox)`);
  }
  return value;
}

function number(value: string | undefined, flag: string, valid: (n: number) => boolean, expected: string) {
  if (value === undefined) return undefined;
  const parsed = value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(parsed) || !valid(parsed)) {
    throw new UsageError(`${flag} must be ${expected}, not "${value}"`);
  }
  return parsed;
}

/**
 * Started by `npm run sandbox` or `npx callfire-sandbox`, the sandbox runs under a shell that npm starts. Stopping
 * npm (`kill` of a background `npm run sandbox &`) ends that shell but not the sandbox, which would linger,
 * re-parented, holding its port. So under npm it stops once its parent is gone, like a foreground process would.
 */
function stopWithParent(stop: () => void): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 500).unref();
}

async function main(): Promise<void> {
  let options: SandboxOptions | "help";
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`callfire-sandbox: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === "help") {
    process.stdout.write(USAGE);
    return;
  }
  const sandbox = await startSandbox({ ...options, log: (line) => process.stdout.write(`${line}\n`) }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") throw error;
      throw new Error(
        `port ${options.port} on ${options.host ?? "127.0.0.1"} is in use: stop what listens there, or choose another --port (0 picks a free one)`,
      );
    },
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Handlers first: a signal that arrives right after the listening line must find them.
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  if (process.env.npm_command) stopWithParent(stop);
  process.stdout.write(`CallFire sandbox listening on ${sandbox.url}\n`);
}

// Exit 1: the sandbox could not start (e.g. its port is in use); exit 2 is for command-line mistakes.
main().catch((error: unknown) => {
  process.stderr.write(`callfire-sandbox: ${(error as Error).message}\n`);
  process.exit(1);
});
