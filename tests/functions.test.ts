/** The search and query functions against the sandbox, in both forms, with each source of credentials. */
import * as pulumi from "@pulumi/pulumi";
import * as callfire from "pulumi-callfire";
import { CREDENTIALS, startTestSandbox, type TestSandbox } from "./support/sandbox";

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

/** The value of an Output. */
const resolved = <T>(output: pulumi.Output<T>) =>
  new Promise<T>((resolve) => output.apply((v) => resolve(v)));

test("Promise forms with explicit options", async () => {
  const options = { baseUrl: sandbox.url, ...CREDENTIALS };
  const regions = await callfire.queryRegions({ state: "CA" }, options);
  expect(regions.items.length).toBeGreaterThan(0);
  const [candidate] = await callfire.searchAvailableNumbers({ prefix: "1213", count: 1 }, options);
  expect(candidate.number).toMatch(/^1213/);
  expect(await callfire.searchAvailableKeywords({ keywords: ["tacos", "STOP"] }, options)).toEqual([
    { shortCode: "67076", keyword: "TACOS" },
  ]);
  const order = await sandbox
    .client()
    .createNumberOrder({ numbers: [candidate.number], keywords: ["tacos"] });
  expect((await callfire.getNumberOrder({ id: order.id }, options)).status).toBe("FINISHED");
  expect((await callfire.getNumber({ number: candidate.nationalFormat }, options)).status).toBe("ACTIVE");
  expect((await callfire.queryNumbers({}, options)).items.map((n) => n.number)).toContain(candidate.number);
  expect((await callfire.queryKeywords({}, options)).items.map((k) => k.keyword)).toEqual(["TACOS"]);
});

test("Output forms take Inputs and read callfire:* stack config", async () => {
  pulumi.runtime.setAllConfig({
    "callfire:username": CREDENTIALS.username,
    "callfire:password": CREDENTIALS.password,
    "callfire:baseUrl": sandbox.url,
  });
  const found = callfire.searchAvailableNumbersOutput({ prefix: pulumi.output("1206"), count: 2 });
  const numbers = await resolved(found);
  expect(numbers).toHaveLength(2);
  expect(numbers.every((n) => n.number.startsWith("1206"))).toBe(true);
  const regions = await resolved(callfire.queryRegionsOutput({ city: Promise.resolve("Seattle") }));
  expect(regions.items[0].state).toBe("WA");
  // No argument where every one is optional; Outputs inside a list.
  const everyRegion = await resolved(callfire.queryRegionsOutput());
  expect(everyRegion.items.length).toBe(everyRegion.totalResults);
  expect(everyRegion.items.map((region) => region.state)).toEqual(expect.arrayContaining(["CA", "WA"]));
  const owned = await resolved(callfire.queryKeywordsOutput());
  expect(owned.items.map((k) => k.keyword)).toEqual(["TACOS"]); // bought by the first test
  const keywords = callfire.searchAvailableKeywordsOutput({
    keywords: [pulumi.output("pasta"), Promise.resolve("STOP"), "pizza"],
  });
  expect((await resolved(keywords)).map((k) => k.keyword).sort()).toEqual(["PASTA", "PIZZA"]);
  pulumi.runtime.setAllConfig({});
});

test("the environment is the fallback, and missing credentials name both ways to set them", async () => {
  process.env.CALLFIRE_USERNAME = CREDENTIALS.username;
  process.env.CALLFIRE_PASSWORD = CREDENTIALS.password;
  process.env.CALLFIRE_BASE_URL = sandbox.url;
  try {
    expect((await callfire.queryKeywords()).totalResults).toBeGreaterThanOrEqual(0);
  } finally {
    delete process.env.CALLFIRE_USERNAME;
    delete process.env.CALLFIRE_PASSWORD;
    delete process.env.CALLFIRE_BASE_URL;
  }
  const error = await callfire.queryRegions().catch((e) => e);
  expect(error.message).toContain("pulumi config set --secret callfire:password");
  expect(error.message).toContain("CALLFIRE_USERNAME");
});
