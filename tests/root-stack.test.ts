/**
 * The root stack (Pulumi.yaml + stack/): its sandbox preset applied through the real dynamic-provider host
 * (create, a config edit in place, an entry removed, destroy), its `summary` output, and bad config, which
 * fails before any resource is registered with an error naming the entry and the field.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { InventoryError, parseInventory } from "../stack/inventory";
import { captureProgram, REPO_ROOT } from "./harness";
import { closeChecked } from "./support/invariants";
import { startTestSandbox, type TestSandbox } from "./support/sandbox";
import { outputsOf, startStack, type TestStack } from "./support/stack";

// Every capture below reloads @pulumi/pulumi in isolation, and each load of its dependency `tmp` adds one process
// exit listener: expected here, not a leak.
process.setMaxListeners(process.getMaxListeners() + 30);

const PROJECT = "callfire-inventory";

/** A YAML file of the repository, parsed. */
function readYaml(file: string): Record<string, unknown> {
  return parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8"));
}

/** The preset's config (Pulumi.sandbox.yaml), values as the program receives them (objects as JSON). */
function presetConfig(): Record<string, unknown> {
  return readYaml("Pulumi.sandbox.yaml").config as Record<string, unknown>;
}

/** Program config: `numbers`/`keywords` (any value; strings are passed as they are) plus `extra` keys. */
function programConfig(
  inventory: { numbers?: unknown; keywords?: unknown },
  extra: Record<string, string> = {},
) {
  const config: Record<string, string> = { ...extra };
  for (const key of ["numbers", "keywords"] as const) {
    const value = inventory[key];
    if (value !== undefined)
      config[`${PROJECT}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return config;
}

/** Runs stack/index.ts afresh under mocks, like `pulumi up` would in project callfire-inventory. */
function captureRoot(config: Record<string, string>) {
  return captureProgram(() => jest.isolateModules(() => require("../stack/index.ts")), {
    project: PROJECT,
    config,
  });
}

/** Runs stack/index.ts with each resource answering the outputs the engine holds, and returns `summary`. */
async function summaryFrom(stack: TestStack, config: Record<string, string>): Promise<unknown> {
  pulumi.runtime.setAllConfig(config);
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: args.name, state: outputsOf(stack.engine, args.name) }),
      call: () => ({}),
    },
    PROJECT,
    "sandbox",
    false,
  );
  let program: { summary?: unknown } = {};
  try {
    jest.isolateModules(() => {
      program = require("../stack/index.ts");
    });
    return await new Promise((resolve) =>
      pulumi.output(program.summary as pulumi.Input<object>).apply(resolve),
    );
  } finally {
    await pulumi.runtime.disconnect();
  }
}

describe("the project file", () => {
  test("names the project, runs stack/ as TypeScript with its own tsconfig", () => {
    const project = readYaml("Pulumi.yaml");
    expect(project).toMatchObject({
      name: PROJECT,
      main: "stack/",
      runtime: { name: "nodejs", options: { typescript: true, tsconfig: "stack/tsconfig.json" } },
    });
    expect(fs.existsSync(path.join(REPO_ROOT, "stack", "tsconfig.json"))).toBe(true);
    expect(fs.existsSync(path.join(REPO_ROOT, "stack", "index.ts"))).toBe(true);
  });

  test("the sandbox preset points at `npx callfire-sandbox --port 8089` and holds a valid inventory", () => {
    const config = presetConfig();
    expect(config).toMatchObject({
      "callfire:baseUrl": "http://127.0.0.1:8089/api/1.1/rest",
      "callfire:username": "sandbox",
      "callfire:password": "sandbox",
    });
    const inventory = parseInventory({
      numbers: config[`${PROJECT}:numbers`],
      keywords: config[`${PROJECT}:keywords`],
    });
    expect(inventory.numbers.map((entry) => entry.name)).toEqual(["support", "hotline"]);
    expect(inventory.keywords.map((entry) => entry.name)).toEqual(["promo"]);
  });
});

/**
 * What `pulumi up` does before running the program (the TypeScript branch of @pulumi/pulumi/cmd/run/run.js):
 * ts-node as Pulumi picks it (its vendored 7.0.1 here) with the project's TypeScript, type-checking, configured
 * from PULUMI_NODEJS_TSCONFIG_PATH (the `tsconfig` runtime option). Then the program runs under mocks.
 */
const PULUMI_LOADER = `
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const tsutils = require("@pulumi/pulumi/tsutils");
const tsConfigPath = process.env.PULUMI_NODEJS_TSCONFIG_PATH;
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
require(tsnodeRequire).register({
  compiler: typescriptRequire,
  project: tsConfigPath,
  skipProject: false,
  compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true",
    ...tsutils.loadTypeScriptCompilerOptions(tsConfigPath) },
});
pulumi.runtime.setAllConfig(JSON.parse(process.env.PROGRAM_CONFIG));
const registered = [];
pulumi.runtime
  .setMocks({ newResource: (a) => (registered.push(a.name), { id: a.name, state: a.inputs }), call: () => ({}) },
    "${PROJECT}", "sandbox", false)
  .then(async () => {
    require(path.resolve("stack/"));
    await pulumi.runtime.disconnect();
    console.log(JSON.stringify(registered));
  });
`;

test("Pulumi's own TypeScript loader compiles and runs stack/ with the project file's tsconfig", () => {
  const project = readYaml("Pulumi.yaml") as { runtime: { options: { tsconfig: string } } };
  const config = presetConfig();
  const result = spawnSync(process.execPath, ["-e", PULUMI_LOADER], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      TS_NODE_CACHE: "false", // compile (and type-check) for real, not from an earlier run's cache
      PULUMI_NODEJS_TSCONFIG_PATH: project.runtime.options.tsconfig,
      PROGRAM_CONFIG: JSON.stringify(
        programConfig({ numbers: config[`${PROJECT}:numbers`], keywords: config[`${PROJECT}:keywords`] }),
      ),
    },
  });
  // stderr shows in the failure message: a compile error reads "Unable to compile TypeScript".
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  expect(JSON.parse(result.stdout).sort()).toEqual(["hotline", "promo", "support"]);
});

describe("parseInventory", () => {
  test("absent lists are empty; entries keep their arguments as given, without the name", () => {
    expect(parseInventory({})).toEqual({ numbers: [], keywords: [] });
    const inventory = parseInventory({
      numbers: [{ name: "a.b_c-1", number: "+1 (213) 555-0100", callFeature: "enabled" }],
      keywords: [{ name: "a.b_c-1", keyword: "pizza", releaseOnDelete: false }],
    });
    expect(inventory).toEqual({
      numbers: [{ name: "a.b_c-1", args: { number: "+1 (213) 555-0100", callFeature: "enabled" } }],
      keywords: [{ name: "a.b_c-1", args: { keyword: "pizza", releaseOnDelete: false } }],
    });
  });

  test("one error lists every problem, each naming the entry and the field", () => {
    let error: unknown;
    try {
      parseInventory({
        numbers: [{ name: "sales", region: { prefix: "213" } }, { tollFree: "yes" }],
        keywords: [{ name: "promo", keyword: "no way" }],
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InventoryError);
    const { problems, message } = error as InventoryError;
    expect(problems).toEqual([
      expect.stringMatching(/^numbers\[0\] \("sales"\)\.region\.prefix: must be 4 to 7 digits .*"1213"/),
      expect.stringMatching(/^numbers\[1\]\.name: is required/),
      expect.stringMatching(/^numbers\[1\]\.tollFree: must be true or false, got "yes"/),
      expect.stringMatching(/^numbers\[1\]\.number: choose the number/),
      expect.stringMatching(/^keywords\[0\] \("promo"\)\.keyword: must be 2 to 64 letters or digits/),
    ]);
    expect(message).toContain("has 5 problems:\n  - numbers[0]");
  });
});

describe("the sandbox preset, applied", () => {
  let stack: TestStack;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(() => closeChecked(stack));

  test("create, edit in place, remove an entry (released), destroy", async () => {
    const preset = presetConfig();
    const numbers = preset[`${PROJECT}:numbers`] as Record<string, unknown>[];
    const keywords = preset[`${PROJECT}:keywords`];
    // The test stack's sandbox and credentials replace the preset's callfire:* settings.
    const config = programConfig({ numbers, keywords }, stack.config);

    const created = await stack.engine.up(await captureRoot(config));
    expect(created.failed).toEqual([]);
    expect(created.created).toHaveLength(3);
    const support = outputsOf(stack.engine, "support");
    const hotline = outputsOf(stack.engine, "hotline");
    expect(support.number).toMatch(/^1213\d{7}$/);
    expect(hotline).toMatchObject({ tollFree: true, status: "ACTIVE" });
    expect(outputsOf(stack.engine, "promo")).toMatchObject({ keyword: "PIZZA", status: "ACTIVE" });

    let state = await stack.sandbox.state();
    const owned = Object.fromEntries(state.owned.numbers.map((n) => [n.number, n]));
    expect(Object.keys(owned).sort()).toEqual([support.number, hotline.number].sort());
    expect(state.owned.keywords.map((k) => k.keyword)).toEqual(["PIZZA"]);
    expect(owned[support.number as string].configuration).toMatchObject({
      callFeature: "ENABLED",
      inbound: { type: "TRACKING", transferNumbers: ["13125550100"], record: true },
    });
    expect(owned[hotline.number as string].configuration).toMatchObject({
      inbound: { type: "IVR", dialplanXml: expect.stringContaining("Thanks for calling.") },
    });

    expect(await summaryFrom(stack, config)).toEqual({
      numbers: {
        support: { number: support.number, status: "ACTIVE", leaseEnd: support.leaseEnd },
        hotline: { number: hotline.number, status: "ACTIVE", leaseEnd: hotline.leaseEnd },
      },
      keywords: { promo: { keyword: "PIZZA", status: "ACTIVE", leaseEnd: expect.stringMatching(/^\d{4}-/) } },
    });

    const orders = state.requests.CreateNumberOrder;
    const edited = numbers.map((entry) =>
      entry.name === "support"
        ? { ...entry, inboundCallConfiguration: { type: "TRACKING", transferNumbers: ["+1 312 555 0100"] } }
        : entry,
    );
    const update = await stack.engine.up(
      await captureRoot(programConfig({ numbers: edited, keywords }, stack.config)),
    );
    expect(update.failed).toEqual([]);
    expect(update.updated).toEqual([expect.stringContaining("::support")]);
    expect(update.created).toEqual([]);
    expect(update.replaced).toEqual([]);
    state = await stack.sandbox.state();
    expect(state.requests.CreateNumberOrder).toBe(orders);
    const supportNow = state.owned.numbers.find((n) => n.number === support.number);
    expect(supportNow?.configuration.inbound).toMatchObject({ type: "TRACKING", record: false });
    expect(outputsOf(stack.engine, "support").number).toBe(support.number);

    const withoutHotline = edited.filter((entry) => entry.name !== "hotline");
    const removal = await stack.engine.up(
      await captureRoot(programConfig({ numbers: withoutHotline, keywords }, stack.config)),
    );
    expect(removal.failed).toEqual([]);
    expect(removal.deleted).toEqual([expect.stringContaining("::hotline")]);
    expect(removal.updated).toEqual([]);
    state = await stack.sandbox.state();
    expect(state.requests.CreateNumberOrder).toBe(orders);
    expect(Object.fromEntries(state.owned.numbers.map((n) => [n.number, n.autoRenew]))).toEqual({
      [support.number as string]: true,
      [hotline.number as string]: false,
    });

    const destroyed = await stack.engine.destroy();
    expect(destroyed.failed).toEqual([]);
    expect(stack.engine.state.size).toBe(0);
    state = await stack.sandbox.state();
    expect(state.owned.numbers.every((n) => !n.autoRenew)).toBe(true);
    expect(state.owned.keywords.map((k) => [k.keyword, k.autoRenew])).toEqual([["PIZZA", false]]);
  });
});

describe("bad config", () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  const good = { name: "support", region: { prefix: "1213" } };
  const cases: [string, { numbers?: unknown; keywords?: unknown }, string[]][] = [
    ["numbers is not a list", { numbers: good }, ["numbers: must be a list of PhoneNumber entries"]],
    ["numbers is plain text", { numbers: "support" }, ["numbers: must be a list", 'got "support"']],
    ["an entry is not an object", { numbers: ["support"] }, ["numbers[0]: must be an object"]],
    ["an entry has no name", { numbers: [{ region: { prefix: "1213" } }] }, ["numbers[0].name: is required"]],
    [
      "a name is not a valid resource name",
      { numbers: [{ ...good, name: "our support" }] },
      ['numbers[0] ("our support").name: must start with a letter or digit'],
    ],
    [
      "two entries share a name",
      { numbers: [good, { ...good, region: { prefix: "1212" } }] },
      ['numbers[1] ("support").name: numbers[0] already uses this name'],
    ],
    [
      "both number and region",
      { numbers: [{ ...good, number: "+1 213 555 0100" }] },
      ['numbers[0] ("support").{number, region}: set only one of number, tollFree and region'],
    ],
    [
      "no number, tollFree or region",
      { numbers: [{ name: "support", callFeature: "ENABLED" }] },
      ['numbers[0] ("support").number: choose the number'],
    ],
    [
      "region is not an object",
      { numbers: [{ name: "support", region: "1213" }] },
      ['numbers[0] ("support").region: must be an object, got "1213"'],
    ],
    [
      "region.prefix without the country code",
      { numbers: [{ name: "support", region: { prefix: "213" } }] },
      ['numbers[0] ("support").region.prefix: must be 4 to 7 digits'],
    ],
    [
      "an unknown field",
      { numbers: [{ ...good, protected: true }] },
      ['numbers[0] ("support").protected: is not a known property'],
    ],
    [
      "a misspelt field",
      { numbers: [{ ...good, callfeature: "ENABLED" }] },
      ['numbers[0] ("support").callfeature: is not a known property; did you mean "callFeature"?'],
    ],
    [
      "inboundCallConfiguration is not an object",
      { numbers: [{ ...good, inboundCallConfiguration: "TRACKING" }] },
      ['numbers[0] ("support").inboundCallConfiguration: must be an object'],
    ],
    [
      "inboundCallConfiguration.type is unknown",
      { numbers: [{ ...good, inboundCallConfiguration: { type: "FORWARD" } }] },
      ['numbers[0] ("support").inboundCallConfiguration.type: must be "TRACKING" or "IVR"'],
    ],
    [
      "releaseOnDelete is not a boolean",
      { numbers: [{ ...good, releaseOnDelete: "no" }] },
      ['numbers[0] ("support").releaseOnDelete: must be true or false, got "no"'],
    ],
    [
      "keywords is an object",
      { keywords: { promo: "pizza" } },
      ["keywords: must be a list of Keyword entries"],
    ],
    [
      "a keyword is a number",
      { keywords: [{ name: "promo", keyword: 42 }] },
      ['keywords[0] ("promo").keyword: must be 2 to 64 letters or digits'],
    ],
    [
      "a keyword entry has no keyword",
      { keywords: [{ name: "promo" }] },
      ['keywords[0] ("promo").keyword: is required'],
    ],
    [
      "problems in both lists",
      { numbers: [{ name: "support" }], keywords: [{ keyword: "pizza" }] },
      ["has 2 problems", 'numbers[0] ("support").number: choose', "keywords[0].name: is required"],
    ],
  ];

  test.each(cases)(
    "%s: fails naming the entry and field; nothing registered, no request",
    async (_, inventory, expected) => {
      const registered: string[] = [];
      const failure = captureProgram(
        () =>
          jest.isolateModules(() => {
            require("../stack/index.ts");
            registered.push("program ran to the end");
          }),
        { project: PROJECT, config: programConfig(inventory, { "callfire:baseUrl": sandbox.url }) },
      );
      await expect(failure).rejects.toThrow(/^The inventory in stack config has/);
      const message = await failure.catch((error: Error) => error.message);
      for (const text of expected) expect(message).toContain(text);
      expect(registered).toEqual([]);
      const { requests } = await sandbox.state();
      expect(Object.values(requests).every((count) => count === 0)).toBe(true);
    },
  );
});
