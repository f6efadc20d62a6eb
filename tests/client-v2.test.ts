/**
 * CallFireClient on CallFire API v2 against the sandbox over real HTTP: the ten operations with the same
 * arguments and results as on 1.1, one account seen through both dialects, v2's error bodies mapped to the same
 * typed errors, the arguments v2 cannot honour refused by name, and the order listing only v2 has.
 */
import {
  BadRequestError,
  type CallFireClient,
  InvalidInputError,
  isAmbiguous,
  NetworkError,
  NotFoundError,
  ServerError,
  UnauthorizedError,
} from "pulumi-callfire";
import { startTestSandbox, type TestSandbox } from "./support/sandbox";

let sandbox: TestSandbox;
let v2: CallFireClient;
let v11: CallFireClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  v2 = sandbox.client({ apiVersion: "v2" });
  v11 = sandbox.client();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.admin("reset", {}));

test("an exact number on v2: order, poll, own, configure, query, release; 1.1 sees the same account", async () => {
  const [candidate] = await v2.searchAvailableNumbers({ prefix: "1312", count: 1 });
  expect(candidate).toMatchObject({ number: expect.stringMatching(/^1312\d{7}$/), tollFree: false });
  expect(candidate.region?.city).toBeTruthy();
  const reference = await v2.createNumberOrder({ numbers: [`+1 ${candidate.nationalFormat}`] });
  expect(reference).toEqual({
    id: expect.stringMatching(/^\d+$/),
    location: `${sandbox.v2Url}/orders/${reference.id}`,
  });
  const order = await v2.getNumberOrder({ id: reference.id });
  expect(order).toEqual(await v11.getNumberOrder({ id: reference.id }));
  expect(order).toMatchObject({
    status: "FINISHED",
    localNumbers: { ordered: 1, fulfilled: [candidate.number] },
  });
  expect(order.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);

  await v2.configureNumber({
    number: candidate.number,
    configuration: {
      callFeature: "ENABLED",
      textFeature: "DISABLED",
      inboundCallConfiguration: {
        callTrackingConfig: {
          transferNumbers: ["+1 213 555 0100", "(312) 555-0199"],
          record: true,
          introSoundId: "42",
        },
      },
    },
  });
  const expected = {
    callFeature: "ENABLED",
    textFeature: "DISABLED",
    inboundCallConfigurationType: "TRACKING",
    inboundCallConfiguration: {
      callTrackingConfig: {
        transferNumbers: ["12135550100", "13125550199"],
        record: true,
        screen: false,
        introSoundId: "42",
      },
    },
  };
  const owned = await v2.getNumber({ number: candidate.number });
  expect(owned.numberConfiguration).toEqual(expected);
  const through11 = await v11.getNumber({ number: candidate.number });
  // 1.1 also reports the configuration's id, which v2 does not have; everything else is the same.
  const { id, ...tracking } =
    through11.numberConfiguration?.inboundCallConfiguration?.callTrackingConfig ?? {};
  expect(id).toMatch(/^\d+$/);
  expect(tracking).toEqual(expected.inboundCallConfiguration.callTrackingConfig);
  expect({ ...owned, numberConfiguration: undefined }).toEqual({
    ...through11,
    numberConfiguration: undefined,
  });

  await v2.configureNumber({
    number: candidate.number,
    configuration: { inboundCallConfiguration: { ivrInboundConfig: { dialplanXml: "<dialplan/>" } } },
  });
  const ivr = await v11.getNumber({ number: candidate.number });
  expect(ivr.numberConfiguration).toMatchObject({
    callFeature: "ENABLED",
    inboundCallConfigurationType: "IVR",
    inboundCallConfiguration: { ivrInboundConfig: { dialplanXml: "<dialplan/>" } },
  });

  const query = await v2.queryNumbers({ prefix: "1312" });
  expect(query.totalResults).toBe(1);
  expect(query.items.map((number) => [number.number, number.numberConfiguration])).toEqual([
    [candidate.number, { callFeature: "ENABLED", textFeature: "DISABLED" }],
  ]);

  const requests = (await sandbox.state()).requests;
  await v2.release({ number: candidate.number });
  expect((await sandbox.state()).requests.Release).toBe(requests.Release + 1);
  expect((await v11.getNumber({ number: candidate.number })).leaseInfo?.autoRenew).toBe(false);
  expect((await v2.getNumber({ number: candidate.number })).leaseInfo?.autoRenew).toBe(false);
});

test("bulk and toll-free orders, keywords with their short code, and paging with limit/offset", async () => {
  const reference = await v2.createNumberOrder({ localCount: 3, prefix: "1206" });
  const order = await v2.getNumberOrder({ id: reference.id });
  expect(order.localNumbers?.fulfilled).toHaveLength(3);
  expect(order.localNumbers?.fulfilled.every((number) => number.startsWith("1206"))).toBe(true);

  const tollFree = await v2.searchAvailableNumbers({ tollFree: true, prefix: "1888", count: 5 });
  expect(tollFree.length).toBeGreaterThan(0);
  expect(tollFree.every((number) => number.tollFree && number.number.startsWith("1888"))).toBe(true);
  await v2.createNumberOrder({ tollFreeCount: 1 });

  const first = await v2.queryNumbers({ maxResults: 2 });
  expect(first.totalResults).toBe(4);
  expect(first.items).toHaveLength(2);
  const all = [];
  for await (const number of v2.iterateNumbers({ maxResults: 3 })) all.push(number.number);
  expect(all).toEqual((await v11.queryNumbers()).items.map((number) => number.number));

  expect(await v2.searchAvailableKeywords({ keywords: ["pizza", "Taco"] })).toEqual([
    { shortCode: "67076", keyword: "PIZZA" },
    { shortCode: "67076", keyword: "TACO" },
  ]);
  const keywordOrder = await v2.createNumberOrder({ keywords: ["pizza", "taco"] });
  expect((await v2.getNumberOrder({ id: keywordOrder.id })).keywords?.fulfilled).toEqual(["PIZZA", "TACO"]);
  expect(await v2.searchAvailableKeywords({ keywords: ["pizza"] })).toEqual([]);
  const keywords = [];
  for await (const keyword of v2.iterateKeywords({ maxResults: 1 })) keywords.push(keyword);
  expect(keywords).toEqual((await v11.queryKeywords()).items);
  await v2.release({ number: "67076", keyword: "pizza" });
  expect((await v11.queryKeywords()).items.map((k) => [k.keyword, k.leaseInfo?.autoRenew])).toEqual([
    ["PIZZA", false],
    ["TACO", true],
  ]);
  expect((await v2.queryRegions({ prefix: "1213", maxResults: 1 })).items).toEqual(
    (await v11.queryRegions({ prefix: "1213", maxResults: 1 })).items,
  );
});

test("queryOrders lists the orders created in a time interval; on 1.1 it is refused naming apiVersion", async () => {
  const early = await v2.createNumberOrder({ localCount: 1 });
  await sandbox.admin("clock", { advanceSeconds: 3600 });
  const { now } = await sandbox.state();
  const late = await v11.createNumberOrder({ keywords: ["LATE"] });

  const after = await v2.queryOrders({ intervalBegin: now });
  expect(after.items.map((order) => order.id)).toEqual([late.id]);
  expect(after.items[0]).toEqual(await v2.getNumberOrder({ id: late.id }));
  const before = await v2.queryOrders({ intervalEnd: new Date(Date.parse(now) - 1) });
  expect(before.items.map((order) => order.id)).toEqual([early.id]);
  const every = [];
  for await (const order of v2.iterateOrders({ maxResults: 1 })) every.push(order.id);
  expect(every).toEqual([early.id, late.id]);

  const refused = await v11.queryOrders({ intervalBegin: now }).catch((e) => e);
  expect(refused).toBeInstanceOf(InvalidInputError);
  expect(refused.property).toBe("apiVersion");
  const badTime = await v2.queryOrders({ intervalBegin: "yesterday" }).catch((e) => e);
  expect(badTime).toMatchObject({ property: "intervalBegin" });
});

test("v2 ErrorResponse bodies become the same typed errors with CallFire's message", async () => {
  const [candidate] = await v2.searchAvailableNumbers({ prefix: "1213", count: 1 });
  await v2.createNumberOrder({ numbers: [candidate.number] });
  const unavailable = await v2.createNumberOrder({ numbers: [candidate.number] }).catch((e) => e);
  expect(unavailable).toBeInstanceOf(BadRequestError);
  expect(unavailable.callFireMessage).toBe(`unavailable numbers: ${candidate.number}`);

  const missing = await v2.getNumber({ number: "12135559999" }).catch((e) => e);
  expect(missing).toBeInstanceOf(NotFoundError);
  expect(missing.callFireMessage).toContain("does not exist");
  expect(await v2.getNumberOrder({ id: "999999" }).catch((e) => e)).toBeInstanceOf(NotFoundError);
  expect(await v2.release({ keyword: "NOPE" }).catch((e) => e)).toBeInstanceOf(NotFoundError);

  const password = "wrong-Pa55word-zq81";
  const unauthorized = await sandbox
    .client({ apiVersion: "v2", password })
    .queryKeywords()
    .catch((e) => e);
  expect(unauthorized).toBeInstanceOf(UnauthorizedError);
  expect(unauthorized.callFireMessage).toBe("UNAUTHORIZED");
  expect(`${unauthorized.message} ${unauthorized.stack}`).not.toContain(password);
});

test("what v2 cannot honour is an InvalidInputError naming the argument, and nothing is sent", async () => {
  const before = (await sandbox.state()).requests;
  const cases: [() => Promise<unknown>, string][] = [
    [() => v2.queryRegions({ timeZone: "America/Chicago" }), "timeZone"],
    [() => v2.queryNumbers({ country: "US" }), "country"],
    [() => v2.searchAvailableNumbers({ latitude: 34, count: 1 }), "latitude"],
    [() => v2.searchAvailableNumbers({ tollFree: true, city: "Chicago", count: 1 }), "city"],
    [() => v2.createNumberOrder({ localCount: 1, longitude: -118 }), "longitude"],
    [() => v2.createNumberOrder({ numbers: ["+1 213 555 0100"], keywords: ["PIZZA"] }), "keywords"],
    [
      () =>
        v2.configureNumber({
          number: "+1 213 555 0100",
          configuration: {
            inboundCallConfiguration: { callTrackingConfig: { transferNumbers: [], introSoundId: "x1" } },
          },
        }),
      "introSoundId",
    ],
    [() => v2.queryRegions({ prefix: "99" }), "prefix"],
    [() => v2.getNumberOrder({ id: "abc" }), "id"],
  ];
  for (const [call, property] of cases) {
    const error = (await call().catch((e) => e)) as InvalidInputError;
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.property).toBe(property);
  }
  expect((await sandbox.state()).requests).toEqual(before);
});

test("a base URL of the other version is refused, naming baseUrl", () => {
  expect(() => sandbox.client({ apiVersion: "v2", baseUrl: sandbox.url })).toThrow(
    expect.objectContaining({ property: "baseUrl", message: expect.stringContaining("/v2") }),
  );
  expect(() => sandbox.client({ baseUrl: sandbox.v2Url })).toThrow(
    expect.objectContaining({ property: "baseUrl" }),
  );
  expect(() => sandbox.client({ apiVersion: "2" as "v2" })).toThrow(
    expect.objectContaining({ property: "apiVersion" }),
  );
  expect(sandbox.client({ apiVersion: "v2", baseUrl: `${sandbox.v2Url}/` }).baseUrl).toBe(sandbox.v2Url);
});

test("on v2 too, an order POST is never retried once CallFire may have acted; reads and PUTs are", async () => {
  await sandbox.faults({ operation: "CreateNumberOrder", status: 503, times: 5 });
  const refused = await v2.createNumberOrder({ keywords: ["once"] }).catch((e) => e);
  expect(refused).toBeInstanceOf(ServerError);
  expect(isAmbiguous(refused)).toBe(true);
  expect((await sandbox.state()).requests.CreateNumberOrder).toBe(1);

  await sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: true, times: 1 });
  const lost = await v2.createNumberOrder({ keywords: ["lost"] }).catch((e) => e);
  expect(lost).toBeInstanceOf(NetworkError);
  let state = await sandbox.state();
  expect(state.requests.CreateNumberOrder).toBe(2);
  expect(state.orders).toHaveLength(1); // placed, its answer lost: only a listing can tell
  expect((await v2.queryOrders()).items.map((order) => order.keywords?.ordered)).toEqual([1]);

  await sandbox.faults({ operation: "CreateNumberOrder", status: 429, retryAfterSeconds: 1, times: 1 });
  await v2.createNumberOrder({ keywords: ["later"] });
  expect((await sandbox.state()).requests.CreateNumberOrder).toBe(4);

  await sandbox.faults(
    { operation: "Release", status: 503, times: 2 },
    { operation: "QueryKeywords", drop: true, times: 1 },
  );
  await v2.release({ keyword: "later" });
  expect((await v2.queryKeywords()).items.map((k) => [k.keyword, k.leaseInfo?.autoRenew])).toEqual([
    ["LATER", false],
    ["LOST", true],
  ]);
  state = await sandbox.state();
  expect(state.requests.Release).toBe(3);
  expect(state.requests.QueryKeywords).toBe(2);
});
