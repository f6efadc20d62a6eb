#!/usr/bin/env node
/**
 * `npm run example`: runs examples/quickstart with the real Pulumi CLI against a CallFire sandbox, leaving
 * nothing behind.
 *
 * 1. Fails (exit 1) with install advice when `pulumi` is not on PATH.
 * 2. Starts a sandbox in this process, makes a temporary directory for a local file backend (state), the
 *    order journal and nothing else, and runs in examples/quickstart with an empty secrets passphrase:
 *    `stack init example`, `config set` (sandbox URL and credentials), `up`, `stack output --json` (printed),
 *    `destroy`, `stack rm`.
 * 3. Always stops the sandbox and removes the temporary directory; after a failed step it still removes the
 *    stack (and so its Pulumi.example.yaml). Exits with the failing step's code, 0 when all went well.
 *
 * Commands run asynchronously on purpose: the sandbox answers the provider from this process's event loop.
 */
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const PROJECT_DIR = path.resolve(__dirname, "..", "examples", "quickstart");
const STACK = "example";
const INSTALL_HINT =
  "The pulumi command is missing. Install it: https://www.pulumi.com/docs/install/\n" +
  "  curl -fsSL https://get.pulumi.com | sh      (Linux, macOS)\n" +
  "  brew install pulumi/tap/pulumi              (macOS)\n" +
  "  choco install pulumi                        (Windows)\n" +
  "then open a new shell (or add ~/.pulumi/bin to PATH) and run `npm run example` again.";

/** The full path of `command` on PATH, or undefined. */
function which(command) {
  const extensions = process.platform === "win32" ? (process.env.PATHEXT ?? ".EXE;.CMD").split(";") : [""];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = path.join(dir, command + extension);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Runs pulumi with `args`; resolves to `{ code, stdout }` (stdout only captured when `capture`). */
function run(pulumi, args, env, capture = false) {
  console.log(`\n$ pulumi ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(pulumi, args, {
      cwd: PROJECT_DIR,
      env,
      stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
      shell: process.platform === "win32",
    });
    let stdout = "";
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
    });
    child.on("error", (error) => {
      console.error(`could not run pulumi: ${error.message}`);
      resolve({ code: 1, stdout });
    });
    child.on("close", (code) => resolve({ code: code ?? 1, stdout }));
  });
}

async function main() {
  const pulumi = which("pulumi");
  if (!pulumi) {
    console.error(INSTALL_HINT);
    return 1;
  }
  const stackFile = path.join(PROJECT_DIR, `Pulumi.${STACK}.yaml`);
  if (fs.existsSync(stackFile)) {
    console.error(`${stackFile} exists (left from an earlier run?); remove it and run again.`);
    return 1;
  }
  // Ctrl-C reaches pulumi too: let it stop, then clean up here. A second Ctrl-C gives up at once.
  let interrupts = 0;
  process.on("SIGINT", () => {
    if (++interrupts > 1) process.exit(130);
    console.error("interrupted; cleaning up (Ctrl-C again to quit now)");
  });

  const { startSandbox } = require("callfire-sandbox");
  const sandbox = await startSandbox({ orderSeconds: 1 });
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "callfire-example-"));
  console.log(`CallFire sandbox on ${sandbox.url}; Pulumi state in ${temp}`);
  const env = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${temp}`,
    PULUMI_CONFIG_PASSPHRASE: "",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    CALLFIRE_JOURNAL_DIR: path.join(temp, "journal"),
  };
  const on = ["--stack", STACK];
  const steps = [
    ["stack", "init", STACK, "--non-interactive"],
    ["config", "set", "callfire:baseUrl", sandbox.url, ...on],
    ["config", "set", "callfire:username", "sandbox", ...on],
    ["config", "set", "--secret", "callfire:password", "sandbox", ...on],
    ["up", "--yes", "--non-interactive", ...on],
    ["stack", "output", "--json", ...on],
    ["destroy", "--yes", "--non-interactive", ...on],
    ["stack", "rm", "--yes", "--non-interactive", STACK],
  ];
  let code = 0;
  let stackExists = false;
  try {
    for (const args of steps) {
      const printsOutputs = args[1] === "output";
      const result = await run(pulumi, args, env, printsOutputs);
      code = result.code;
      if (code !== 0) break;
      if (printsOutputs) console.log(`Stack outputs:\n${result.stdout.trim()}`);
      if (args[1] === "init") stackExists = true;
      if (args[1] === "rm") stackExists = false;
    }
  } finally {
    // After a failure the sandbox (and whatever it sold) goes away with this process: drop the stack as it is,
    // which also removes examples/quickstart/Pulumi.example.yaml.
    if (stackExists) await run(pulumi, ["stack", "rm", "--yes", "--force", "--non-interactive", STACK], env);
    await sandbox.close();
    fs.rmSync(temp, { recursive: true, force: true });
  }
  console.log(
    code === 0 ? "\ndone" : `\nfailed (exit code ${code}); sandbox stopped, temporary state removed`,
  );
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
