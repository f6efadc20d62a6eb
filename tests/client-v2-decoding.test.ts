/**
 * CallFire API v2 answers as CallFire sends them: a small server replays bodies shaped like the official v2 Java
 * client's JSON fixtures (CallFire/callfire-api-client-java, src/test/resources/com/callfire/api/client/api/**)
 * with their quirks (missing optional fields, empty or absent `items`, `totalCount` -1, fields the client has no
 * use for such as `labels`, `voicemail`, `weeklySchedule`), and records what the client sent: repeated list
 * parameters and JSON bodies shaped like the fixtures' requests.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { CallFireClient, ForbiddenError, isAmbiguous, UnexpectedResponseError } from "pulumi-callfire";

const REGION = {
  prefix: "1920659",
  city: "APPLETON",
  state: "WI",
  zipcode: "54911",
  lata: "350",
  rateCenter: "APPLETON",
  latitude: 44.2563,
  longitude: -88.4018,
  timeZone: "America/Chicago",
};

/** numberLeasesApi/response/getNumberLease.json, with a field v2 added later (`type`). */
const LEASE = {
  number: "12135551100",
  nationalFormat: "(213) 555-1100",
  tollFree: false,
  region: REGION,
  leaseBegin: 1305097200000,
  leaseEnd: 1448606871000,
  status: "ACTIVE",
  autoRenew: true,
  callFeatureStatus: "ENABLED",
  textFeatureStatus: "ENABLED",
  labels: ["label", "label2"],
  type: "EXTRA",
};

const BODIES: Record<string, [number, unknown]> = {
  "GET /v2/numbers/leases/12135551100": [200, LEASE],
  // numberLeasesApi/request/updateNumberLeaseConfig.json's config, as an answer: every field v2 has.
  "GET /v2/numbers/leases/configs/12135551100": [
    200,
    {
      number: "12135551100",
      configType: "TRACKING",
      callTrackingConfig: {
        screen: false,
        recorded: true,
        introSoundId: 1234,
        whisperSoundId: 1234,
        transferNumbers: ["12135551122", "12135551189"],
        voicemail: true,
        voicemailSoundId: 1234,
        failedTransferSoundId: 1234,
        weeklySchedule: { daysOfWeek: ["FRIDAY"], timeZone: "America/Los_Angeles" },
        googleAnalytics: { domain: "testDomain", googleAccountId: "UA-12345-26", category: "Sales" },
      },
    },
  ],
  // The second lease of findNumberLeases.json: no leaseBegin/leaseEnd; its config is a bare `{number}`.
  "GET /v2/numbers/leases/13025178999": [
    200,
    {
      number: "13025178999",
      nationalFormat: "(302) 517-8999",
      tollFree: false,
      status: "ACTIVE",
      autoRenew: true,
      callFeatureStatus: "UNSUPPORTED",
      textFeatureStatus: "ENABLED",
      labels: ["label", "label3"],
    },
  ],
  "GET /v2/numbers/leases/configs/13025178999": [200, { number: "13025178999" }],
  // numbersApi/response/findNumberRegions.json: a full page of 2 out of 24.
  "GET /v2/numbers/regions": [
    200,
    { items: [REGION, { ...REGION, prefix: "1920660" }], limit: 2, offset: 0, totalCount: 24 },
  ],
  // An empty page, and one without `items` at all.
  "GET /v2/numbers/leases": [200, { items: [], limit: 100, offset: 0, totalCount: 0 }],
  "GET /v2/keywords/leases": [200, { limit: 100, offset: 0, totalCount: 0 }],
  // numbersApi/response/findNumbersTollfree.json: no region.
  "GET /v2/numbers/tollfree": [
    200,
    {
      items: [
        { number: "18665552017", nationalFormat: "(866) 555-2017", tollFree: true },
        { number: "18665552018", nationalFormat: "(866) 555-2018", tollFree: true },
      ],
    },
  ],
  // keywordsApi/response/findKeywords.json.
  "GET /v2/keywords": [
    200,
    {
      items: [
        { shortCode: "67076", keyword: "TEST" },
        { shortCode: "67076", keyword: "CF" },
      ],
    },
  ],
  // ordersApi/response/getOrder.json.
  "GET /v2/orders/10": [
    200,
    {
      id: 10,
      status: "FINISHED",
      created: 1443402092000,
      totalCost: 0.0,
      localNumbers: { ordered: 2, unitCost: 0.0, fulfilled: ["13102305724", "13102306096"] },
    },
  ],
  // ordersApi/response/findOrders.json, with totalCount -1 (unknown) and a newer order variant's extra fields.
  "GET /v2/orders": [
    200,
    {
      items: [
        {
          created: 1545124960000,
          id: 9526143003,
          status: "WAIT_FOR_PAYMENT",
          totalCost: 9.68,
          salesTax: 0.7,
        },
        {
          created: 1532527777000,
          id: 8576122003,
          keywords: { fulfilled: ["TESTKW1"], ordered: 1, unitCost: 0.0 },
          status: "FINISHED",
          totalCost: 0.0,
        },
      ],
      limit: 2,
      offset: 0,
      totalCount: -1,
    },
  ],
  // ordersApi/response/orderNumbers.json.
  "POST /v2/orders/numbers": [200, { id: 10 }],
  // An answer of the wrong shape.
  "POST /v2/orders/keywords": [201, {}],
  // common/sampleErrorMessage.json's fields (internalCode an integer, as the Java client has it).
  "PUT /v2/numbers/leases/12135551100": [
    403,
    {
      httpStatusCode: 403,
      internalCode: 2,
      message: "error msg",
      developerMessage: "dev error msg",
      helpLink: "https://callfire.com",
    },
  ],
};

let server: http.Server;
let client: CallFireClient;
/** What the client sent: method, path with query, JSON body. */
let sent: { request: string; body?: unknown }[] = [];

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    sent.push({ request: `${req.method} ${req.url}`, body: text ? JSON.parse(text) : undefined });
    const [status, body] = BODIES[`${req.method} ${(req.url ?? "").split("?")[0]}`] ?? [404, {}];
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new CallFireClient({
    apiVersion: "v2",
    baseUrl: `http://127.0.0.1:${port}/v2`,
    username: "u",
    password: "p",
  });
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  sent = [];
});

test("a number lease and its tracking config merge into one number; fields the client has no use for stay out", async () => {
  expect(await client.getNumber({ number: "+1 213 555 1100" })).toEqual({
    number: "12135551100",
    nationalFormat: "(213) 555-1100",
    tollFree: false,
    region: { ...REGION },
    status: "ACTIVE",
    leaseInfo: { leaseBegin: "2011-05-11", leaseEnd: "2015-11-27", autoRenew: true },
    numberConfiguration: {
      callFeature: "ENABLED",
      textFeature: "ENABLED",
      inboundCallConfigurationType: "TRACKING",
      inboundCallConfiguration: {
        callTrackingConfig: {
          transferNumbers: ["12135551122", "12135551189"],
          screen: false,
          record: true,
          introSoundId: "1234",
          whisperSoundId: "1234",
        },
      },
    },
  });
  expect(sent.map((s) => s.request)).toEqual([
    "GET /v2/numbers/leases/12135551100",
    "GET /v2/numbers/leases/configs/12135551100",
  ]);
});

test("a lease without lease dates and a config without a type: the missing parts stay absent", async () => {
  expect(await client.getNumber({ number: "13025178999" })).toEqual({
    number: "13025178999",
    nationalFormat: "(302) 517-8999",
    tollFree: false,
    status: "ACTIVE",
    leaseInfo: { autoRenew: true },
    numberConfiguration: { callFeature: "UNSUPPORTED", textFeature: "ENABLED" },
  });
});

test("pages: a full page counts on, an empty one and one without items are empty", async () => {
  const regions = await client.queryRegions({ prefix: "1920", maxResults: 2, firstResult: 0 });
  expect(regions.totalResults).toBe(24);
  expect(regions.items.map((region) => region.prefix)).toEqual(["1920659", "1920660"]);
  expect(sent[0].request).toBe("GET /v2/numbers/regions?prefix=1920&limit=2&offset=0");
  expect(await client.queryNumbers()).toEqual({ totalResults: 0, items: [] });
  expect(await client.queryKeywords()).toEqual({ totalResults: 0, items: [] });
});

test("item lists: toll-free numbers without a region, keywords asked for with a repeated parameter", async () => {
  expect(await client.searchAvailableNumbers({ tollFree: true, count: 2 })).toEqual([
    { number: "18665552017", nationalFormat: "(866) 555-2017", tollFree: true },
    { number: "18665552018", nationalFormat: "(866) 555-2018", tollFree: true },
  ]);
  expect(sent[0].request).toBe("GET /v2/numbers/tollfree?limit=2");
  expect(await client.searchAvailableKeywords({ keywords: ["test", "cf"] })).toEqual([
    { shortCode: "67076", keyword: "TEST" },
    { shortCode: "67076", keyword: "CF" },
  ]);
  expect(sent[1].request).toBe("GET /v2/keywords?keywords=TEST&keywords=CF");
});

test("orders: millisecond times, real fulfilled arrays, an order without items, totalCount -1", async () => {
  expect(await client.getNumberOrder({ id: "10" })).toEqual({
    id: "10",
    status: "FINISHED",
    created: "2015-09-28T01:01:32Z",
    totalCost: 0,
    localNumbers: { ordered: 2, unitCost: 0, fulfilled: ["13102305724", "13102306096"] },
  });
  const page = await client.queryOrders({ intervalBegin: "2018-01-01T00:00:00Z", maxResults: 2 });
  expect(sent[1].request).toBe("GET /v2/orders?intervalBegin=1514764800000&limit=2&offset=0");
  expect(page.items).toEqual([
    { id: "9526143003", status: "WAIT_FOR_PAYMENT", created: "2018-12-18T09:22:40Z", totalCost: 9.68 },
    {
      id: "8576122003",
      status: "FINISHED",
      created: "2018-07-25T14:09:37Z",
      totalCost: 0,
      keywords: { ordered: 1, unitCost: 0, fulfilled: ["TESTKW1"] },
    },
  ]);
  expect(page.totalResults).toBe(3); // unknown total: what exists so far, plus one because the page was full
});

test("an order request body is the fixture's shape, and its `{id}` answer becomes an order reference", async () => {
  const reference = await client.createNumberOrder({ localCount: 2, zipcode: "90401" });
  expect(reference).toEqual({ id: "10", location: expect.stringMatching(/\/v2\/orders\/10$/) });
  expect(sent).toEqual([{ request: "POST /v2/orders/numbers", body: { localCount: 2, zipcode: "90401" } }]);
});

test("an order answer of the wrong shape is an UnexpectedResponseError that counts as ambiguous", async () => {
  const error = await client.createNumberOrder({ keywords: ["garbled"] }).catch((e) => e);
  expect(sent[0].body).toEqual({ keywords: ["GARBLED"] });
  expect(error).toBeInstanceOf(UnexpectedResponseError);
  expect(error.status).toBe(201);
  expect(error.message).toContain("expected a ResourceId");
  expect(isAmbiguous(error)).toBe(true);
});

test("an ErrorResponse is the typed error with CallFire's message", async () => {
  const error = await client.release({ number: "12135551100" }).catch((e) => e);
  expect(sent[0]).toEqual({
    request: "PUT /v2/numbers/leases/12135551100",
    body: { number: "12135551100", autoRenew: false },
  });
  expect(error).toBeInstanceOf(ForbiddenError);
  expect(error.status).toBe(403);
  expect(error.callFireMessage).toBe("error msg");
});
