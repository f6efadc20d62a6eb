/**
 * The published artifact, as a user gets it: `npm pack` of pulumi-callfire installed into a fresh project
 * outside the workspace (from the npm cache `npm ci` filled, the registry otherwise), with callfire-sandbox.
 * The tarball holds the built code, its types and source maps, the sources they map to, README and LICENSE,
 * and nothing else; a program compiles against its types; the sandbox command runs; and the
 * host of the project's own `@pulumi/pulumi`, started in that project, resolves the provider from the
 * installed package and creates, updates and deletes a number against the sandbox.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PhoneNumber } from "pulumi-callfire";
import { REPO_ROOT } from "./harness";
import { expectInvariants } from "./support/invariants";
import { outputsOf, startStack, type TestStack } from "./support/stack";

/** The workspace's `@pulumi/pulumi`, or the one `npm run compat` asks for (the newest). */
const PULUMI_VERSION =
  process.env.CALLFIRE_COMPAT_PULUMI_VERSION ??
  (require("@pulumi/pulumi/package.json") as { version: string }).version;

let project: string;
let packed: string[];

/** Packs the workspace package in `folder` into the project; returns the tarball's name and files. */
function pack(folder: string): { filename: string; files: string[] } {
  const [tarball] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", project], {
      cwd: path.join(REPO_ROOT, folder),
      encoding: "utf8",
    }),
  ) as { filename: string; files: { path: string }[] }[];
  return { filename: tarball.filename, files: tarball.files.map((file) => file.path) };
}

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "callfire-user-project-"));
  const provider = pack("provider");
  const sandbox = pack("sandbox");
  packed = provider.files;
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({
      name: "user-project",
      private: true,
      dependencies: { "@pulumi/pulumi": PULUMI_VERSION, "pulumi-callfire": `file:./${provider.filename}` },
      devDependencies: { "callfire-sandbox": `file:./${sandbox.filename}` },
    }),
  );
  execFileSync("npm", ["install", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: project,
    stdio: "ignore",
  });
}, 120_000);

afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

test("the tarball holds the built code with its types and source maps, the sources they map to, README and LICENSE", () => {
  expect(packed).toEqual(
    expect.arrayContaining([
      "README.md",
      "LICENSE",
      "package.json",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/resources/implementation.js",
      "dist/resources/implementation.d.ts",
      "src/index.ts",
    ]),
  );
  const others = packed.filter((file) => !["README.md", "LICENSE", "package.json"].includes(file));
  expect(others.filter((file) => !/^(dist\/.+\.(js|d\.ts)(\.map)?|src\/.+\.ts)$/.test(file))).toEqual([]);
  const installed = path.join(project, "node_modules", "pulumi-callfire");
  for (const map of packed.filter((file) => file.endsWith(".map"))) {
    const { sources } = JSON.parse(fs.readFileSync(path.join(installed, map), "utf8")) as {
      sources: string[];
    };
    for (const source of sources)
      expect(fs.existsSync(path.join(installed, path.dirname(map), source))).toBe(true);
  }
});

test("a TypeScript program compiles against the installed types (nodenext, strict)", () => {
  fs.writeFileSync(
    path.join(project, "index.ts"),
    [
      'import * as callfire from "pulumi-callfire";',
      'import type { PhoneNumberArgs } from "pulumi-callfire";',
      'const args: PhoneNumberArgs = { region: { prefix: "1213" }, callFeature: "ENABLED" };',
      'export const number = new callfire.PhoneNumber("support", args).number;',
      'const inbound = { type: "TRACKING" as const, transferNumbers: [number] };',
      'export const forwarder = new callfire.PhoneNumber("forwarder", { tollFree: true, inboundCallConfiguration: inbound });',
      'export const reference = callfire.Keyword.get("reference", "PIZZA").shortCode;',
      'export const shortCode = new callfire.Keyword("promo", { keyword: "pizza" }).shortCode;',
      'export const found = callfire.searchAvailableNumbersOutput({ prefix: "1213", count: 2 });',
      'export const client = new callfire.CallFireClient({ username: "u", password: "p" });',
      "",
    ].join("\n"),
  );
  const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
  const flags = ["--noEmit", "--strict", "--module", "nodenext", "--target", "es2022", "index.ts"];
  expect(() =>
    execFileSync(process.execPath, [tsc, ...flags], { cwd: project, encoding: "utf8" }),
  ).not.toThrow();
  const broken =
    'import { PhoneNumber } from "pulumi-callfire";\nnew PhoneNumber("x", { tollFree: "yes" });\n';
  fs.writeFileSync(path.join(project, "broken.ts"), broken);
  const refused = (() => {
    try {
      execFileSync(process.execPath, [tsc, ...flags.slice(0, -1), "broken.ts"], {
        cwd: project,
        encoding: "utf8",
      });
      return "";
    } catch (error) {
      return String((error as { stdout: string }).stdout);
    }
  })();
  expect(refused).toMatch(
    /broken\.ts\(2,24\): error TS2322: Type 'string' is not assignable to type 'Input<boolean>/,
  );
}, 60_000);

test("the installed sandbox command runs", () => {
  const help = execFileSync(path.join(project, "node_modules", ".bin", "callfire-sandbox"), ["--help"], {
    encoding: "utf8",
  });
  expect(help).toContain("Usage: callfire-sandbox");
});

describe("the project's own host, with the installed package", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ host: { cwd: project } });
  });
  afterAll(() => stack.close());

  test("creates, updates and deletes a number", async () => {
    const program = (callFeature: "ENABLED" | "DISABLED") => () =>
      new PhoneNumber("support", { region: { prefix: "1213" }, callFeature });
    const created = await stack.engine.up(await stack.capture(program("ENABLED")));
    expect(created.failed).toEqual([]);
    const number = outputsOf(stack.engine, "support").number as string;
    expect(number).toMatch(/^1213555\d{4}$/);

    const updated = await stack.engine.up(await stack.capture(program("DISABLED")));
    expect(updated.failed).toEqual([]);
    expect(updated.updated).toHaveLength(1);
    const owned = (await stack.sandbox.state()).owned.numbers;
    expect(owned.map((n) => [n.number, n.configuration.callFeature])).toEqual([[number, "DISABLED"]]);
    await expectInvariants(stack.sandbox, stack.engine);

    expect((await stack.engine.destroy()).failed).toEqual([]);
    expect((await stack.sandbox.state()).owned.numbers.every((n) => !n.autoRenew)).toBe(true);
    // The project runs the @pulumi/pulumi it asked for (the newest one under `npm run compat`).
    const installed = path.join(project, "node_modules", "@pulumi", "pulumi", "package.json");
    expect((JSON.parse(fs.readFileSync(installed, "utf8")) as { version: string }).version).toBe(
      PULUMI_VERSION,
    );
    // What the host loaded: the copy installed in the project, not the workspace's.
    for (const module of ["pulumi-callfire/provider", "@pulumi/pulumi/cmd/dynamic-provider/index.js"]) {
      expect(fs.realpathSync(require.resolve(module, { paths: [project] }))).toContain(
        fs.realpathSync(project),
      );
    }
  });
});
