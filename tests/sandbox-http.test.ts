import { type RunningSandbox, startSandbox } from "callfire-sandbox";

const AUTH = `Basic ${Buffer.from("sandbox:sandbox").toString("base64")}`;

let sandbox: RunningSandbox;

/** Long enough that an order is still PROCESSING however slowly the test runs; the clock is moved past it. */
const ORDER_SECONDS = 600;

beforeAll(async () => {
  sandbox = await startSandbox({ orderSeconds: ORDER_SECONDS });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  expect((await admin("POST", "/reset")).status).toBe(200);
});

interface CallOptions {
  /** Query string parameters. */
  query?: Record<string, string>;
  /** An urlencoded form body. */
  form?: Record<string, string>;
  /** A multipart body. */
  multipart?: FormData;
  /** The Authorization header; the right one unless given (null: none). */
  authorization?: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: answers are JSON, checked field by field by the assertions
type Json = any;

interface Answer {
  status: number;
  headers: Headers;
  body: Json;
  ms: number;
}

/** One API request: `path` is relative to the base URL (e.g. `/number.json`). */
async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(sandbox.url + path);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  return send(url, method, options);
}

/** One admin request: `path` is relative to `/__sandbox`. */
async function admin(method: string, path: string, json?: unknown): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${sandbox.origin}/__sandbox${path}`, {
    method,
    headers: { Authorization: AUTH, "Content-Type": "application/json" },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return answer(response, started);
}

async function send(url: URL, method: string, options: CallOptions): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.authorization !== null) headers.Authorization = options.authorization ?? AUTH;
  let body: string | FormData | undefined;
  if (options.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  }
  if (options.multipart) body = options.multipart;
  const started = performance.now();
  return answer(await fetch(url, { method, headers, body }), started);
}

async function answer(response: Response, started: number): Promise<Answer> {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : JSON.parse(text),
    ms: performance.now() - started,
  };
}

function exception(status: number, message: string) {
  return { ResourceException: { HttpStatus: status, Message: message } };
}

async function advanceSeconds(seconds: number): Promise<void> {
  expect((await admin("POST", "/clock", { advanceSeconds: seconds })).status).toBe(200);
}

/** Buys numbers and keywords and waits (on the virtual clock) for the order to finish. */
async function buy(form: Record<string, string>): Promise<number> {
  const created = await call("POST", "/number/order.json", { form });
  expect(created.status).toBe(201);
  await advanceSeconds(ORDER_SECONDS);
  return created.body.ResourceReference.Id;
}

async function availableNumbers(query: Record<string, string>): Promise<string[]> {
  const found = await call("GET", "/number/search.json", { query });
  expect(found.status).toBe(200);
  return found.body.ResourceList.Number.map((n: { Number: string }) => n.Number);
}

async function state(): Promise<Json> {
  return (await admin("GET", "/state")).body;
}

const LOS_ANGELES = {
  Prefix: "1213555",
  City: "LOS ANGELES",
  State: "CA",
  Zipcode: "90012",
  Country: "US",
  Lata: "730",
  RateCenter: "LSAN DA 01",
  Latitude: 34.05,
  Longitude: -118.24,
  TimeZone: "America/Los_Angeles",
};

describe("authentication and routing", () => {
  test("no or wrong credentials get 401 UNAUTHORIZED on API and admin paths", async () => {
    const missing = await call("GET", "/number.json", { authorization: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toBe("application/json");
    expect(missing.body).toEqual(exception(401, "UNAUTHORIZED"));
    const wrong = `Basic ${Buffer.from("sandbox:nope").toString("base64")}`;
    expect((await call("GET", "/number.json", { authorization: wrong })).status).toBe(401);
    const adminResponse = await fetch(`${sandbox.origin}/__sandbox/state`);
    expect(adminResponse.status).toBe(401);
    expect(await adminResponse.json()).toEqual(exception(401, "UNAUTHORIZED"));
  });

  test("unknown path 404, wrong method 405, missing .json 406", async () => {
    const unknown = await call("GET", "/number/order/extra/path.json");
    expect(unknown.status).toBe(404);
    expect(unknown.body.ResourceException.HttpStatus).toBe(404);
    const wrongMethod = await call("DELETE", "/number/regions.json");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
    expect(wrongMethod.body.ResourceException.HttpStatus).toBe(405);
    const xml = await call("GET", "/number/regions");
    expect(xml.status).toBe(406);
    expect(xml.body).toEqual(exception(406, "the sandbox speaks only the JSON dialect: append .json"));
  });
});

describe("operations", () => {
  test("QueryRegions filters, pages and totals", async () => {
    const page = await call("GET", "/number/regions.json", { query: { State: "ca", MaxResults: "1" } });
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ ResourceList: { "@totalResults": 2, Region: [LOS_ANGELES] } });
    const none = await call("GET", "/number/regions.json", { query: { City: "Atlantis" } });
    expect(none.body).toEqual({ ResourceList: { "@totalResults": 0, Region: [] } });
    const tooMany = await call("GET", "/number/regions.json", { query: { MaxResults: "1001" } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual(exception(400, "MaxResults must be an integer from 1 to 1000"));
    const notNumber = await call("GET", "/number/regions.json", { query: { Latitude: "north" } });
    expect(notNumber.body).toEqual(exception(400, "Latitude must be a number"));
  });

  test("SearchAvailableNumbers needs Count and returns sorted local or toll-free numbers", async () => {
    expect((await call("GET", "/number/search.json")).body).toEqual(exception(400, "Count is required"));
    expect((await call("GET", "/number/search.json", { query: { Count: "1001" } })).body).toEqual(
      exception(400, "Count must be an integer from 1 to 1000"),
    );
    expect((await call("GET", "/number/search.json", { query: { Count: "1000" } })).status).toBe(200);
    const local = await call("GET", "/number/search.json", { query: { Count: "2", Prefix: "1213" } });
    expect(local.body.ResourceList["@totalResults"]).toBe(2);
    const [first, second] = local.body.ResourceList.Number;
    expect(first).toEqual({
      Number: first.Number,
      NationalFormat: `(213) 555-${first.Number.slice(7)}`,
      TollFree: false,
      Region: LOS_ANGELES,
    });
    expect(first.Number < second.Number).toBe(true);
    const tollFree = await call("GET", "/number/search.json", { query: { Count: "1", TollFree: "true" } });
    const [number] = tollFree.body.ResourceList.Number;
    expect(Object.keys(number)).toEqual(["Number", "NationalFormat", "TollFree"]);
    expect(number.TollFree).toBe(true);
    const badFlag = await call("GET", "/number/search.json", { query: { Count: "1", TollFree: "yes" } });
    expect(badFlag.body).toEqual(exception(400, "TollFree must be true or false"));
  });

  test("SearchAvailableKeywords returns the available ones upper-cased; empty is an empty list", async () => {
    const found = await call("GET", "/number/keyword/search.json", { query: { Keywords: "sun STOP,Moon" } });
    expect(found.body).toEqual({
      ResourceList: {
        "@totalResults": 2,
        Keyword: [
          { ShortCode: "67076", Keyword: "SUN" },
          { ShortCode: "67076", Keyword: "MOON" },
        ],
      },
    });
    const empty = await call("GET", "/number/keyword/search.json", { query: { Keywords: "" } });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ ResourceList: { "@totalResults": 0, Keyword: [] } });
  });

  test("CreateNumberOrder answers 201 with a reference; GetNumberOrder goes PROCESSING → FINISHED", async () => {
    const [number] = await availableNumbers({ Count: "1", City: "Seattle" });
    const created = await call("POST", "/number/order.json", {
      form: { Numbers: number, Keywords: "sun moon", tollFreeCount: "1" },
    });
    const location = `${sandbox.origin}/api/1.1/rest/number/order/1001`;
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(location);
    expect(created.body).toEqual({ ResourceReference: { Id: 1001, Location: location } });

    const pending = await call("GET", "/number/order/1001.json");
    expect(pending.status).toBe(200);
    const order = pending.body.Resource.NumberOrder;
    expect(order).toEqual({
      "@id": 1001,
      Status: "PROCESSING",
      Created: order.Created,
      TotalCost: 1 + 2 + 10,
      LocalNumbers: { Ordered: 1, UnitCost: 1 },
      TollFreeNumbers: { Ordered: 1, UnitCost: 2 },
      Keywords: { Ordered: 2, UnitCost: 5 },
    });
    expect(order.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    await advanceSeconds(ORDER_SECONDS);
    const done = (await call("GET", "/number/order/1001.json")).body.Resource.NumberOrder;
    expect(done.Status).toBe("FINISHED");
    expect(done.LocalNumbers).toEqual({ Ordered: 1, UnitCost: 1, Fulfilled: number });
    expect(done.Keywords).toEqual({ Ordered: 2, UnitCost: 5, Fulfilled: "SUN MOON" });
    expect(done.TollFreeNumbers.Fulfilled).toMatch(/^18(00|88|77)555\d{4}$/);
    expect(done.TotalCost).toBe(13);

    const orders = (await state()).orders;
    expect(orders[0].polls).toHaveLength(2);
    expect(orders[0].polls[1] - orders[0].polls[0]).toBeGreaterThanOrEqual(2000);
    expect((await call("GET", "/number/order/9999.json")).body).toEqual(
      exception(404, "order 9999 does not exist"),
    );
  });

  test("CreateNumberOrder refusals: nothing asked, bad format, unavailable (nothing reserved), empty region", async () => {
    expect((await call("POST", "/number/order.json", { form: {} })).status).toBe(400);
    expect((await call("POST", "/number/order.json", { form: { Numbers: "12-34" } })).body).toEqual(
      exception(400, "invalid numbers (11 digits expected): 12-34"),
    );
    const [free] = await availableNumbers({ Count: "1", City: "Chicago" });
    const refused = await call("POST", "/number/order.json", { form: { Numbers: `${free} 12025550000` } });
    expect(refused.body).toEqual(exception(400, "unavailable numbers: 12025550000"));
    expect(await availableNumbers({ Count: "1", City: "Chicago" })).toEqual([free]);
    const keyword = await call("POST", "/number/order.json", { form: { Keywords: "STOP" } });
    expect(keyword.body).toEqual(exception(400, "unavailable keywords: STOP"));
    const nowhere = await call("POST", "/number/order.json", { form: { localCount: "1", State: "AK" } });
    expect(nowhere.body).toEqual(exception(400, "no numbers available for the requested region"));
    expect((await state()).orders).toEqual([]);
  });

  test("bulk orders accept localCount and LocalCount with region filters", async () => {
    await buy({ localCount: "2", City: "Houston" });
    await buy({ LocalCount: "1", Zipcode: "33131", TollFreeCount: "1" });
    const owned = (await state()).owned.numbers.map((n: { number: string }) => n.number);
    expect(owned).toHaveLength(4);
    expect(owned.filter((n: string) => n.startsWith("1713555"))).toHaveLength(2);
    expect(owned.filter((n: string) => n.startsWith("1305555"))).toHaveLength(1);
  });

  test("QueryNumbers and GetNumber show owned numbers with lease and configuration", async () => {
    const [number] = await availableNumbers({ Count: "1", City: "Los Angeles" });
    await buy({ Numbers: number });
    const today = (await state()).today;
    const expected = {
      Number: number,
      NationalFormat: `(213) 555-${number.slice(7)}`,
      TollFree: false,
      Region: LOS_ANGELES,
      Status: "ACTIVE",
      LeaseInfo: {
        LeaseBegin: `${today}Z`,
        LeaseEnd: expect.stringMatching(/^\d{4}-\d\d-\d\dZ$/),
        AutoRenew: true,
      },
      NumberConfiguration: { CallFeature: "ENABLED", TextFeature: "ENABLED" },
    };
    const list = await call("GET", "/number.json", { query: { State: "CA" } });
    expect(list.body).toEqual({ ResourceList: { "@totalResults": 1, Number: [expected] } });
    expect((await call("GET", "/number.json", { query: { LabelName: "prod" } })).body.ResourceList).toEqual({
      "@totalResults": 0,
      Number: [],
    });
    const got = await call("GET", `/number/${encodeURIComponent(`+${number}`)}.json`);
    expect(got.body).toEqual({ Resource: { Number: expected } });
    expect((await call("GET", "/number/12065550000.json")).body).toEqual(
      exception(404, "number 12065550000 does not exist, or is inactive"),
    );
  });

  test("ConfigureNumber stores tracking (urlencoded) and IVR (multipart) configs; refuses bad values", async () => {
    const [number] = await availableNumbers({ Count: "1", City: "Dallas" });
    await buy({ Numbers: number });
    const configured = await call("PUT", `/number/${number}.json`, {
      form: {
        CallFeature: "DISABLED",
        InboundCallConfigurationType: "TRACKING",
        TransferNumber: "12135550100 12135550101",
        Screen: "true",
        Record: "false",
        IntroSoundId: "77",
      },
    });
    expect(configured.status).toBe(204);
    expect(configured.body).toBeUndefined();
    const tracking = (await call("GET", `/number/${number}.json`)).body.Resource.Number.NumberConfiguration;
    expect(tracking).toEqual({
      CallFeature: "DISABLED",
      TextFeature: "ENABLED",
      InboundCallConfigurationType: "TRACKING",
      InboundCallConfiguration: {
        CallTrackingConfig: {
          "@id": 5001,
          TransferNumber: "12135550100 12135550101",
          Screen: true,
          Record: false,
          IntroSoundId: 77,
        },
      },
    });

    const multipart = new FormData();
    multipart.set("InboundCallConfigurationType", "IVR");
    multipart.set("DialplanXml", new Blob(['<dialplan name="Root"/>'], { type: "text/xml" }), "dialplan.xml");
    expect((await call("PUT", `/number/${number}.json`, { multipart })).status).toBe(204);
    const ivr = (await call("GET", `/number/${number}.json`)).body.Resource.Number.NumberConfiguration;
    expect(ivr.InboundCallConfiguration).toEqual({
      IvrInboundConfig: { "@id": 5002, DialplanXml: '<dialplan name="Root"/>' },
    });
    expect(ivr.CallFeature).toBe("DISABLED");

    const refusals: [Record<string, string>, string][] = [
      [{ CallFeature: "PENDING" }, "CallFeature PENDING is set by the server; send ENABLED or DISABLED"],
      [{ InboundCallConfigurationType: "TRACKING", Screen: "maybe" }, "Screen must be true or false"],
      [
        { InboundCallConfigurationType: "TRACKING", WhisperSoundId: "x" },
        "WhisperSoundId must be a positive integer",
      ],
      [
        { InboundCallConfigurationType: "TRACKING", TransferNumber: "555" },
        "TransferNumber must be 11-digit numbers: 555",
      ],
    ];
    for (const [form, message] of refusals) {
      expect((await call("PUT", `/number/${number}.json`, { form })).body).toEqual(exception(400, message));
    }
    expect((await call("PUT", "/number/12065550000.json", { form: { CallFeature: "ENABLED" } })).status).toBe(
      404,
    );
  });

  test("QueryKeywords lists owned keywords with lease; a keyword is released with its short code", async () => {
    await buy({ Keywords: "sun" });
    const today = (await state()).today;
    const list = await call("GET", "/number/keyword.json", { query: { MaxResults: "10", FirstResult: "0" } });
    expect(list.body).toEqual({
      ResourceList: {
        "@totalResults": 1,
        Keyword: [
          {
            ShortCode: "67076",
            Keyword: "SUN",
            Status: "ACTIVE",
            LeaseInfo: { LeaseBegin: `${today}Z`, LeaseEnd: expect.any(String), AutoRenew: true },
          },
        ],
      },
    });
    const release = { Number: "67076", Keyword: "Sun" };
    expect((await call("PUT", "/number/release.json", { form: release })).status).toBe(204);
    const [keyword] = (await call("GET", "/number/keyword.json")).body.ResourceList.Keyword;
    expect(keyword.LeaseInfo.AutoRenew).toBe(false);
  });

  test("Release answers 204, keeps the asset until lease end, then it is gone and locked out", async () => {
    const [number] = await availableNumbers({ Count: "1", City: "Miami" });
    await buy({ Numbers: number, Keywords: "SUN" });
    expect((await call("PUT", "/number/release.json", { form: {} })).body).toEqual(
      exception(400, "Number or Keyword is required"),
    );
    expect((await call("PUT", "/number/release.json", { form: { Keyword: "moon" } })).body).toEqual(
      exception(404, "keyword MOON does not exist, or is inactive"),
    );
    const released = await call("PUT", "/number/release.json", { form: { Number: number, Keyword: "sun" } });
    expect(released.status).toBe(204);
    expect((await call("PUT", "/number/release.json", { form: { Number: number } })).status).toBe(204);
    const still = (await call("GET", `/number/${number}.json`)).body.Resource.Number;
    expect(still.Status).toBe("ACTIVE");
    expect(still.LeaseInfo.AutoRenew).toBe(false);

    expect((await admin("POST", "/clock", { advanceDays: 32 })).status).toBe(200);
    expect((await call("GET", `/number/${number}.json`)).status).toBe(404);
    expect((await call("GET", "/number/keyword.json")).body.ResourceList.Keyword).toEqual([]);
    const after = await state();
    expect(after.released.map((r: { kind: string; id: string }) => `${r.kind}:${r.id}`)).toEqual([
      `number:${number}`,
      "keyword:SUN",
    ]);
    expect((await call("POST", "/number/order.json", { form: { Numbers: number } })).body).toEqual(
      exception(400, `unavailable numbers: ${number}`),
    );
  });
});

describe("admin endpoints", () => {
  test("state shows owned assets, orders, request counts and availability", async () => {
    await buy({ Numbers: (await availableNumbers({ Count: "1", City: "New York" }))[0], Keywords: "sun" });
    const body = await state();
    expect(Object.keys(body)).toEqual([
      "now",
      "today",
      "orderSeconds",
      "seed",
      "owned",
      "released",
      "orders",
      "requests",
      "available",
    ]);
    expect(body.orderSeconds).toBe(ORDER_SECONDS);
    expect(body.owned.numbers[0]).toMatchObject({
      status: "ACTIVE",
      autoRenew: true,
      orderId: 1001,
      configuration: { callFeature: "ENABLED", textFeature: "ENABLED", inbound: null },
      region: { city: "NEW YORK" },
    });
    expect(body.owned.keywords).toEqual([expect.objectContaining({ keyword: "SUN", autoRenew: true })]);
    expect(body.orders[0]).toMatchObject({
      id: 1001,
      status: "FINISHED",
      processingSeconds: ORDER_SECONDS,
      fault: null,
      keywords: { ordered: 1, unitCost: 5, reserved: [], fulfilled: ["SUN"] },
      totalCost: 6,
      polls: [],
    });
    expect(body.requests).toEqual({
      QueryRegions: 0,
      QueryNumbers: 0,
      GetNumber: 0,
      ConfigureNumber: 0,
      SearchAvailableNumbers: 1,
      QueryKeywords: 0,
      SearchAvailableKeywords: 0,
      CreateNumberOrder: 1,
      GetNumberOrder: 0,
      Release: 0,
      QueryNumberConfigs: 0,
      GetNumberConfig: 0,
      GetKeyword: 0,
      IsKeywordAvailable: 0,
      QueryOrders: 0,
    });
    expect(body.available.local).toBe(8 * 200 - 1);
  });

  test("clock advances and validates; reset restores everything", async () => {
    const before = Date.parse((await state()).now);
    const moved = await admin("POST", "/clock", { advanceDays: 1, advanceSeconds: 60 });
    expect(Date.parse(moved.body.now) - before).toBeGreaterThanOrEqual(86_460_000);
    expect((await admin("POST", "/clock", { advanceDays: -1 })).status).toBe(400);
    expect((await admin("POST", "/clock", {})).status).toBe(400);
    await buy({ Keywords: "sun" });
    await admin("POST", "/faults", { rules: [{ status: 500 }] });
    const reset = await admin("POST", "/reset");
    expect(Math.abs(Date.parse(reset.body.now) - Date.now())).toBeLessThan(5000);
    const after = await state();
    expect(after.owned).toEqual({ numbers: [], keywords: [] });
    expect(after.orders).toEqual([]);
    expect(Object.values(after.requests).every((count) => count === 0)).toBe(true);
    expect((await admin("GET", "/faults")).body).toEqual({ rules: [] });
  });

  test("503 fault fires `times` times on its operation only, then the call works; all are counted", async () => {
    const set = await admin("POST", "/faults", {
      rules: [{ operation: "QueryRegions", times: 2, status: 503 }],
    });
    expect(set.body).toEqual({ rules: [{ operation: "QueryRegions", times: 2, status: 503 }] });
    expect((await call("GET", "/number/keyword.json")).status).toBe(200);
    const first = await call("GET", "/number/regions.json");
    expect(first.status).toBe(503);
    expect(first.body.ResourceException.HttpStatus).toBe(503);
    expect((await admin("GET", "/faults")).body.rules).toEqual([
      { operation: "QueryRegions", times: 1, status: 503 },
    ]);
    expect((await call("GET", "/number/regions.json")).status).toBe(503);
    expect((await call("GET", "/number/regions.json")).status).toBe(200);
    expect((await state()).requests.QueryRegions).toBe(3);
  });

  test("429 carries Retry-After (default 1); retryAfterSeconds sets it on other statuses", async () => {
    await admin("POST", "/faults", { rules: [{ status: 429 }, { status: 502, retryAfterSeconds: 7 }] });
    const limited = await call("GET", "/number.json");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    const gateway = await call("GET", "/number.json");
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get("retry-after")).toBe("7");
  });

  test("a faulted CreateNumberOrder is not performed", async () => {
    await admin("POST", "/faults", { rules: [{ operation: "CreateNumberOrder", status: 500 }] });
    expect((await call("POST", "/number/order.json", { form: { Keywords: "SUN" } })).status).toBe(500);
    expect((await state()).orders).toEqual([]);
  });

  test("drop destroys the connection; with after:true the operation happened anyway", async () => {
    await admin("POST", "/faults", {
      rules: [
        { operation: "CreateNumberOrder", drop: true },
        { operation: "CreateNumberOrder", drop: true, after: true },
      ],
    });
    await expect(call("POST", "/number/order.json", { form: { Keywords: "SUN" } })).rejects.toThrow();
    expect((await state()).orders).toEqual([]);
    await expect(call("POST", "/number/order.json", { form: { Keywords: "SUN" } })).rejects.toThrow();
    const orders = (await state()).orders;
    expect(orders.map((o: { id: number }) => o.id)).toEqual([1001]);
    expect((await state()).requests.CreateNumberOrder).toBe(2);
  });

  test("delayMs waits, then performs and answers", async () => {
    await admin("POST", "/faults", { rules: [{ operation: "QueryKeywords", delayMs: 300 }] });
    const slow = await call("GET", "/number/keyword.json");
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(290);
    expect(await admin("GET", "/faults")).toMatchObject({ body: { rules: [] } }); // used once, then gone
  });

  test("malformed fault plans are refused with a clear message; DELETE clears", async () => {
    const refused: [unknown, string][] = [
      [{ rule: [] }, 'a fault plan is a JSON object {"rules": [...]}'],
      [
        { rules: [{ operation: "Nope", status: 500 }] },
        'rules[0].operation must be an operation name such as "GetNumber"',
      ],
      [{ rules: [{ status: 200 }] }, "rules[0].status must be an integer from 400 to 599"],
      [
        { rules: [{ status: 500, drop: true }] },
        'rules[0] needs exactly one of "status", "drop", "delayMs" (or "order")',
      ],
      [
        { rules: [{ order: "late" }] },
        'rules[0].order must be one of "stuck", "slow", "errored", "partial", "status"',
      ],
      [
        { rules: [{ status: 429, retryAfter: 5 }] },
        'rules[0].retryAfter is not a field of a "status" rule, which takes "operation", "times", "status", "retryAfterSeconds"',
      ],
      [
        { rules: [{ operation: "CreateNumberOrder", drop: true, time: 2 }] },
        'rules[0].time is not a field of a "drop" rule, which takes "operation", "times", "drop", "after"',
      ],
      [
        { rules: [{ status: 500 }, { order: "slow", processingSecond: 5 }] },
        'rules[1].processingSecond is not a field of a "order: slow" rule, which takes "order", "times", "processingSeconds"',
      ],
      [
        { rules: [{ order: "stuck", operation: "GetNumberOrder" }] },
        'rules[0].operation is not a field of a "order: stuck" rule, which takes "order", "times"',
      ],
    ];
    for (const [plan, message] of refused) {
      expect((await admin("POST", "/faults", plan)).body).toEqual(exception(400, message));
    }
    const notJson = await fetch(`${sandbox.origin}/__sandbox/faults`, {
      method: "POST",
      headers: { Authorization: AUTH },
      body: "{rules",
    });
    const refusal = await answer(notJson, 0);
    expect(refusal.status).toBe(400);
    expect(refusal.body.ResourceException.Message).toMatch(/^the request body is not valid JSON/);
    await admin("POST", "/faults", { rules: [{ status: 503, times: 5 }] });
    expect((await admin("DELETE", "/faults")).body).toEqual({ rules: [] });
    expect((await call("GET", "/number.json")).status).toBe(200);
  });

  test("order faults over HTTP: stuck until finished by hand, errored, partial, parked status", async () => {
    await admin("POST", "/faults", {
      rules: [
        { order: "stuck" },
        { order: "errored" },
        { order: "partial", fulfil: 1 },
        { order: "status", status: "WAIT_FOR_PAYMENT" },
      ],
    });
    const stuck = await buy({ Keywords: "ONE" });
    const errored = await buy({ Keywords: "TWO" });
    const partial = await buy({ Keywords: "THREE FOUR" });
    const parked = await buy({ Keywords: "FIVE" });
    await advanceSeconds(3600);
    const status = async (id: number) =>
      (await call("GET", `/number/order/${id}.json`)).body.Resource.NumberOrder;
    expect((await status(stuck)).Status).toBe("PROCESSING");
    expect(await status(errored)).toMatchObject({
      Status: "ERRORED",
      TotalCost: 0,
      Keywords: { Ordered: 1 },
    });
    expect((await status(errored)).Keywords.Fulfilled).toBeUndefined();
    expect(await status(partial)).toMatchObject({
      Status: "FINISHED",
      Keywords: { Ordered: 2, Fulfilled: "THREE" },
    });
    expect((await status(parked)).Status).toBe("WAIT_FOR_PAYMENT");

    const finished = await admin("POST", `/orders/${stuck}/finish`);
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({ id: stuck, status: "FINISHED" });
    expect((await status(stuck)).Keywords.Fulfilled).toBe("ONE");
    expect((await admin("POST", `/orders/${stuck}/finish`)).status).toBe(409);
    expect((await admin("POST", "/orders/4242/finish")).status).toBe(404);
    const owned = (await state()).owned.keywords.map((k: { keyword: string }) => k.keyword);
    expect(owned).toEqual(["ONE", "THREE"]);
  });
});
