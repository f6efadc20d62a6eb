#!/usr/bin/env node
/**
 * `npm run compat`: the package test (`tests/package.test.ts`) under Node.js 22 and 24 with the newest
 * `@pulumi/pulumi`. Not part of `npm test`: it downloads two Node.js builds and `@pulumi/pulumi` from the npm
 * registry (nothing else), and takes a few minutes.
 *
 * For each Node.js major:
 * 1. installs the `node@<major>` npm package (the Node.js build for this platform, from the npm registry) into a
 *    temporary directory;
 * 2. runs jest on `tests/package.test.ts` with that `node`, first on PATH (so `npm` runs on it too), and with
 *    `CALLFIRE_COMPAT_PULUMI_VERSION` set to the newest `@pulumi/pulumi` (`npm view @pulumi/pulumi version`):
 *    the test packs both packages, installs them with that `@pulumi/pulumi` into a fresh project, type-checks a
 *    program against the installed types, and creates, updates and deletes a number through that project's own
 *    dynamic-provider host (run by this `node`) against a sandbox.
 * Prints one line per Node.js version, removes the temporary directories, and exits 1 if any run failed.
 */
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const REPO_ROOT = path.resolve(__dirname, "..");
const MAJORS = ["22", "24"];

/** Runs npm with `args` in `cwd` and returns its stdout. */
function npm(args, cwd) {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

/**
 * Installs `node@<major>` into `dir`; returns the path of its `node`. The package's preinstall script fetches the
 * build for this platform (`node-<platform>-<arch>`, also from the npm registry): `allowScripts` approves exactly
 * that one, for npm versions that block dependency install scripts by default.
 */
function installNode(major, dir) {
  const project = { name: "compat-node", private: true, allowScripts: { node: true } };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(project));
  npm(["install", "--no-audit", "--no-fund", "--loglevel=error", `node@${major}`], dir);
  return path.join(dir, "node_modules", ".bin", "node");
}

/** Runs the package test with `node`; returns whether it passed. */
function runPackageTest(node, pulumiVersion) {
  const jest = path.join(REPO_ROOT, "node_modules", "jest", "bin", "jest.js");
  const result = spawnSync(node, [jest, "tests/package.test.ts", "--runInBand"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      PATH: `${path.dirname(fs.realpathSync(node))}${path.delimiter}${process.env.PATH}`,
      NODE_OPTIONS: "--experimental-vm-modules --disable-warning=ExperimentalWarning",
      CALLFIRE_COMPAT_PULUMI_VERSION: pulumiVersion,
    },
  });
  return result.status === 0;
}

function main() {
  const pulumiVersion = npm(["view", "@pulumi/pulumi", "version"], REPO_ROOT);
  const results = [];
  for (const major of MAJORS) {
    console.log(`\n== Node.js ${major}, @pulumi/pulumi ${pulumiVersion}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `callfire-compat-node${major}-`));
    try {
      const node = installNode(major, dir);
      const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
      const passed = runPackageTest(node, pulumiVersion);
      results.push(`Node.js ${version}, @pulumi/pulumi ${pulumiVersion}: ${passed ? "passed" : "FAILED"}`);
    } catch (error) {
      results.push(`Node.js ${major}, @pulumi/pulumi ${pulumiVersion}: FAILED (${error.message})`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\n${results.join("\n")}`);
  process.exitCode = results.every((line) => line.endsWith("passed")) ? 0 : 1;
}

main();
