/**
 * The sandbox's CallFire API v2 over raw HTTP: every v2 endpoint, v2's shapes (JSON bodies, millisecond times,
 * pages, repeated list parameters, ErrorResponse), the same account, credentials, faults and request counts as
 * API 1.1, and `fields` accepted.
 */
import { type RunningSandbox, startSandbox } from "callfire-sandbox";

const AUTH = `Basic ${Buffer.from("sandbox:sandbox").toString("base64")}`;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ orderSeconds: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.account.reset());

// biome-ignore lint/suspicious/noExplicitAny: answers are JSON, checked field by field by the assertions
type Json = any;

/** One request below `/v2` (or, with `base`, below another base URL). */
async function v2(
  method: string,
  path: string,
  options: { body?: unknown; authorization?: string; base?: string } = {},
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${options.base ?? sandbox.v2Url}${path}`, {
    method,
    headers: {
      authorization: options.authorization ?? AUTH,
      ...(options.body !== undefined && { "content-type": "application/json" }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

test("v2 lives at <origin>/v2, beside 1.1, over one account", async () => {
  expect(sandbox.v2Url).toBe(`${sandbox.origin}/v2`);
  const local = await v2("GET", "/numbers/local?prefix=1213&limit=2&fields=items(number)");
  expect(local.status).toBe(200);
  expect(local.body.items).toHaveLength(2);
  const [first] = local.body.items;
  expect(first).toEqual({
    number: expect.stringMatching(/^1213\d{7}$/),
    nationalFormat: expect.any(String),
    tollFree: false,
    region: expect.objectContaining({
      prefix: "1213555",
      city: "LOS ANGELES",
      zipcode: "90012",
      latitude: 34.05,
    }),
  });
  const order = await v2("POST", "/orders/numbers", { body: { numbers: [first.number] } });
  expect(order).toEqual({ status: 201, body: { id: expect.any(Number) } });
  const got = await v2("GET", `/orders/${order.body.id}`);
  expect(got.body).toEqual({
    id: order.body.id,
    status: "FINISHED",
    created: expect.any(Number),
    totalCost: 1,
    localNumbers: { ordered: 1, unitCost: 1, fulfilled: [first.number] },
  });
  expect(got.body.created % 1000).toBe(0);

  const lease = await v2("GET", `/numbers/leases/${first.number}`);
  expect(lease.body).toMatchObject({
    number: first.number,
    status: "ACTIVE",
    autoRenew: true,
    callFeatureStatus: "ENABLED",
    textFeatureStatus: "ENABLED",
    labels: [],
  });
  const begin = new Date(lease.body.leaseBegin);
  expect(begin.getUTCHours()).toBe(0);
  const through11 = await fetch(`${sandbox.url}/number/${first.number}.json`, {
    headers: { authorization: AUTH },
  });
  const number11 = ((await through11.json()) as Json).Resource.Number;
  expect(number11.LeaseInfo.LeaseBegin).toBe(`${begin.toISOString().slice(0, 10)}Z`);
  expect(await v2("GET", `/numbers/leases/configs/${first.number}`)).toEqual({
    status: 200,
    body: { number: first.number },
  });
});

test("lease and config updates: features, inbound configuration, release; counted as the 1.1 operations", async () => {
  const [number] = sandbox.account.searchAvailableNumbers({ prefix: "1312", count: 1 });
  sandbox.account.createOrder({ numbers: [number.number] });
  const path = `/numbers/leases/${number.number}`;
  expect((await v2("PUT", path, { body: { callFeatureStatus: "DISABLED" } })).status).toBe(204);
  const tracking = {
    configType: "TRACKING",
    callTrackingConfig: {
      transferNumbers: ["12135550100"],
      recorded: true,
      introSoundId: 7,
      voicemail: true,
    },
  };
  expect((await v2("PUT", `/numbers/leases/configs/${number.number}`, { body: tracking })).status).toBe(204);
  expect((await v2("GET", `/numbers/leases/configs/${number.number}`)).body).toEqual({
    number: number.number,
    configType: "TRACKING",
    callTrackingConfig: { transferNumbers: ["12135550100"], screen: false, recorded: true, introSoundId: 7 },
  });
  const configs = await v2("GET", "/numbers/leases/configs?limit=5");
  expect(configs.body).toMatchObject({
    limit: 5,
    offset: 0,
    totalCount: 1,
    items: [{ number: number.number }],
  });

  expect((await v2("PUT", path, { body: { number: number.number, autoRenew: false } })).status).toBe(204);
  expect((await v2("GET", path)).body).toMatchObject({ autoRenew: false, callFeatureStatus: "DISABLED" });
  const refused = await v2("PUT", path, { body: { autoRenew: true } });
  expect(refused).toEqual({
    status: 400,
    body: { httpStatusCode: 400, internalCode: 0, message: expect.stringContaining("autoRenew") },
  });
  const counts = sandbox.account.snapshot().requests;
  expect(counts).toMatchObject({ ConfigureNumber: 3, Release: 1, GetNumberConfig: 1, QueryNumberConfigs: 1 });
});

test("keywords: availability, repeated parameters, leases by keyword, release", async () => {
  expect((await v2("GET", "/keywords/pizza/available")).body).toBe(true);
  expect((await v2("GET", "/keywords?keywords=pizza&keywords=TACO&keywords=HELP")).body).toEqual({
    items: [
      { shortCode: "67076", keyword: "PIZZA" },
      { shortCode: "67076", keyword: "TACO" },
    ],
  });
  expect((await v2("POST", "/orders/keywords", { body: { keywords: ["pizza"] } })).status).toBe(201);
  expect((await v2("GET", "/keywords/PIZZA/available")).body).toBe(false);
  expect((await v2("GET", "/keywords/leases/pizza")).body).toMatchObject({
    shortCode: "67076",
    keyword: "PIZZA",
    status: "ACTIVE",
    autoRenew: true,
    leaseBegin: expect.any(Number),
  });
  const page = await v2("GET", "/keywords/leases");
  expect(page.body).toMatchObject({ limit: 100, offset: 0, totalCount: 1 });
  expect(
    (await v2("PUT", "/keywords/leases/PIZZA", { body: { keyword: "PIZZA", autoRenew: false } })).status,
  ).toBe(204);
  expect(sandbox.account.snapshot().owned.keywords[0].autoRenew).toBe(false);
  expect((await v2("GET", "/keywords/leases/NOPE")).body).toEqual({
    httpStatusCode: 404,
    internalCode: 0,
    message: "keyword NOPE does not exist, or is inactive",
  });
});

test("GET /orders: an interval of creation times in unix milliseconds, 20 a page by default", async () => {
  for (const keyword of ["ONE", "TWO"])
    await v2("POST", "/orders/keywords", { body: { keywords: [keyword] } });
  sandbox.clock.advanceSeconds(3600);
  const middle = sandbox.clock.now();
  await v2("POST", "/orders/numbers", { body: { tollFreeCount: 1 } });
  const all = await v2("GET", "/orders");
  expect(all.body).toMatchObject({ limit: 20, offset: 0, totalCount: 3 });
  const late = await v2("GET", `/orders?intervalBegin=${middle}`);
  expect(late.body.items.map((order: Json) => order.tollFreeNumbers?.ordered)).toEqual([1]);
  const early = await v2("GET", `/orders?intervalEnd=${middle - 1}&limit=1&offset=1`);
  expect(early.body).toMatchObject({
    limit: 1,
    offset: 1,
    totalCount: 2,
    items: [{ keywords: { fulfilled: ["TWO"] } }],
  });
  expect((await v2("GET", "/orders?intervalBegin=yesterday")).status).toBe(400);
});

test("errors are ErrorResponse bodies on v2 and ResourceException on 1.1; faults and credentials are shared", async () => {
  expect(await v2("GET", "/numbers/leases", { authorization: "Basic d3Jvbmc6d3Jvbmc=" })).toEqual({
    status: 401,
    body: { httpStatusCode: 401, internalCode: 0, message: "UNAUTHORIZED" },
  });
  expect((await v2("GET", "/nothing/here")).body).toMatchObject({ httpStatusCode: 404 });
  expect((await v2("DELETE", "/orders")).body).toMatchObject({ httpStatusCode: 405 });
  expect((await v2("POST", "/orders/numbers", { body: { numbers: "12135550100" } })).body.message).toBe(
    "numbers must be an array of strings",
  );
  sandbox.account.faults.replace({ rules: [{ operation: "QueryKeywords", status: 503, times: 2 }] });
  expect((await v2("GET", "/keywords/leases")).body).toEqual({
    httpStatusCode: 503,
    internalCode: 0,
    message: "Service Unavailable (sandbox fault injected into QueryKeywords)",
  });
  const eleven = await fetch(`${sandbox.url}/number/keyword.json`, { headers: { authorization: AUTH } });
  expect(await eleven.json()).toEqual({
    ResourceException: {
      HttpStatus: 503,
      Message: "Service Unavailable (sandbox fault injected into QueryKeywords)",
    },
  });
  expect((await v2("GET", "/keywords/leases")).status).toBe(200);
});
