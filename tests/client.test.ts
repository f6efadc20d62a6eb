/**
 * CallFireClient against the sandbox over real HTTP: every operation, every error status the sandbox can
 * give, and retry behaviour under injected faults.
 */
import { once } from "node:events";
import * as net from "node:net";
import {
  BadRequestError,
  CallFireClient,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  UnauthorizedError,
} from "pulumi-callfire";
import { CREDENTIALS, startTestSandbox, type TestSandbox } from "./support/sandbox";

let sandbox: TestSandbox;
let client: CallFireClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  client = sandbox.client();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.admin("reset", {}));

describe("queries", () => {
  test("queryRegions filters by prefix and pages", async () => {
    const all = await client.queryRegions();
    expect(all.totalResults).toBeGreaterThanOrEqual(6);
    const la = await client.queryRegions({ prefix: "1213" });
    expect(la.items.length).toBeGreaterThan(0);
    expect(la.items.every((region) => region.prefix?.startsWith("1213"))).toBe(true);
    expect(typeof la.items[0].latitude).toBe("number");
    const page = await client.queryRegions({ maxResults: 2, firstResult: 1 });
    expect(page.items).toEqual(all.items.slice(1, 3));
    const walked = [];
    for await (const region of client.iterateRegions({ maxResults: 2 })) walked.push(region);
    expect(walked).toEqual(all.items);
  });

  test("searchAvailableNumbers returns local numbers in the region and toll-free ones", async () => {
    const local = await client.searchAvailableNumbers({ prefix: "1213", count: 5 });
    expect(local).toHaveLength(5);
    for (const number of local) {
      expect(number.number).toMatch(/^1213\d{7}$/);
      expect(number.tollFree).toBe(false);
      expect(number.nationalFormat).toMatch(/^\(213\) \d{3}-\d{4}$/);
    }
    const tollFree = await client.searchAvailableNumbers({ tollFree: true, count: 3 });
    expect(tollFree.every((number) => number.tollFree)).toBe(true);
  });

  test("searchAvailableKeywords leaves out taken keywords and upper-cases", async () => {
    const found = await client.searchAvailableKeywords({ keywords: ["pizza", "STOP", "help", "Tacos2"] });
    expect(found.map((keyword) => keyword.keyword).sort()).toEqual(["PIZZA", "TACOS2"]);
    expect(found[0].shortCode).toBe("67076");
    expect(await client.searchAvailableKeywords({ keywords: [] })).toEqual([]);
  });
});

describe("ordering, configuring and releasing", () => {
  test("an exact number: order, poll, own, configure, query, release", async () => {
    const [candidate] = await client.searchAvailableNumbers({ prefix: "1312", count: 1 });
    const reference = await client.createNumberOrder({ numbers: [`+1 ${candidate.nationalFormat}`] });
    expect(reference.id).toMatch(/^\d+$/);
    expect(reference.location).toContain(`/number/order/${reference.id}`);
    const order = await client.getNumberOrder({ id: reference.id });
    expect(order.status).toBe("FINISHED");
    expect(order.localNumbers).toEqual({
      ordered: 1,
      unitCost: expect.any(Number),
      fulfilled: [candidate.number],
    });
    expect(order.totalCost).toBe(order.localNumbers?.unitCost);

    const owned = await client.getNumber({ number: candidate.number });
    expect(owned.status).toBe("ACTIVE");
    expect(owned.leaseInfo?.autoRenew).toBe(true);
    expect(owned.leaseInfo?.leaseBegin).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await client.configureNumber({
      number: candidate.number,
      configuration: {
        callFeature: "ENABLED",
        textFeature: "DISABLED",
        inboundCallConfiguration: {
          callTrackingConfig: { transferNumbers: ["+1 213 555 0100", "(312) 555-0199"], record: true },
        },
      },
    });
    const configured = await client.getNumber({ number: candidate.number });
    expect(configured.numberConfiguration).toMatchObject({
      callFeature: "ENABLED",
      textFeature: "DISABLED",
      inboundCallConfigurationType: "TRACKING",
      inboundCallConfiguration: {
        callTrackingConfig: { transferNumbers: ["12135550100", "13125550199"], record: true, screen: false },
      },
    });

    await client.configureNumber({
      number: candidate.number,
      configuration: { inboundCallConfiguration: { ivrInboundConfig: { dialplanXml: "<dialplan/>" } } },
    });
    const ivr = await client.getNumber({ number: candidate.number });
    expect(ivr.numberConfiguration?.inboundCallConfiguration?.ivrInboundConfig?.dialplanXml).toBe(
      "<dialplan/>",
    );

    const query = await client.queryNumbers({ prefix: "1312" });
    expect(query.items.map((number) => number.number)).toEqual([candidate.number]);

    await client.release({ number: candidate.number });
    expect((await client.getNumber({ number: candidate.number })).leaseInfo?.autoRenew).toBe(false);
    const state = await sandbox.state();
    expect(state.owned.numbers.map((number) => [number.number, number.autoRenew])).toEqual([
      [candidate.number, false],
    ]);
  });

  test("bulk orders fill from the region; keywords are released with their short code", async () => {
    const reference = await client.createNumberOrder({ localCount: 2, prefix: "1206" });
    const order = await client.getNumberOrder({ id: reference.id });
    expect(order.localNumbers?.fulfilled).toHaveLength(2);
    expect(order.localNumbers?.fulfilled.every((number) => number.startsWith("1206"))).toBe(true);

    const keywordOrder = await client.createNumberOrder({ keywords: ["pizza"] });
    expect((await client.getNumberOrder({ id: keywordOrder.id })).keywords?.fulfilled).toEqual(["PIZZA"]);
    const owned = await client.queryKeywords();
    expect(owned.items).toEqual([
      expect.objectContaining({ keyword: "PIZZA", shortCode: "67076", status: "ACTIVE" }),
    ]);
    await client.release({ number: owned.items[0].shortCode, keyword: "pizza" });
    expect((await client.queryKeywords()).items[0].leaseInfo?.autoRenew).toBe(false);
  });
});

describe("errors", () => {
  test("400 with CallFire's message for an unavailable number", async () => {
    const [candidate] = await client.searchAvailableNumbers({ prefix: "1213", count: 1 });
    await client.createNumberOrder({ numbers: [candidate.number] });
    const error = await client.createNumberOrder({ numbers: [candidate.number] }).catch((e) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.status).toBe(400);
    expect(error.callFireMessage).toBe(`unavailable numbers: ${candidate.number}`);
  });

  test("401 for wrong credentials, without the password anywhere in the error", async () => {
    const password = "wrong-Pa55word-zq81";
    const error = await sandbox
      .client({ password })
      .queryRegions()
      .catch((e) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.status).toBe(401);
    const printed = `${error.message} ${error.stack} ${JSON.stringify(error)} ${Object.values(error).join(" ")}`;
    expect(printed).not.toContain(password);
    expect(printed).not.toContain(Buffer.from(`sandbox:${password}`).toString("base64"));
  });

  test("404 for a number the account does not own and for an unknown order", async () => {
    const number = await client.getNumber({ number: "12135559999" }).catch((e) => e);
    expect(number).toBeInstanceOf(NotFoundError);
    expect(number.callFireMessage).toContain("does not exist");
    expect(await client.getNumberOrder({ id: "999999" }).catch((e) => e)).toBeInstanceOf(NotFoundError);
    expect(await client.release({ number: "12135559999" }).catch((e) => e)).toBeInstanceOf(NotFoundError);
  });

  test("bad input is refused before any request is sent", async () => {
    const before = (await sandbox.state()).requests;
    for (const call of [
      () => client.getNumber({ number: "555-12" }),
      () => client.createNumberOrder({}),
      () => client.createNumberOrder({ keywords: ["no spaces"] }),
      () => client.searchAvailableNumbers({ count: 0 }),
      () => client.queryRegions({ maxResults: 5000 }),
      () => client.getNumberOrder({ id: "abc" }),
      () => client.release({}),
    ]) {
      const error = await call().catch((e) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.property).toBeTruthy();
    }
    expect((await sandbox.state()).requests).toEqual(before);
  });

  test("CallFire itself only over https: Basic auth never goes to callfire.com in clear text", () => {
    for (const baseUrl of [
      "http://www.callfire.com/api/1.1/rest",
      "HTTP://api.callfire.com:80/api/1.1/rest",
    ]) {
      const refused = (() => {
        try {
          return new CallFireClient({ baseUrl, username: "u", password: "p" });
        } catch (error) {
          return error;
        }
      })();
      expect(refused).toBeInstanceOf(InvalidInputError);
      expect(refused).toMatchObject({
        property: "baseUrl",
        reason: expect.stringContaining("must use https"),
      });
    }
    expect(() => new CallFireClient({ baseUrl: sandbox.url, username: "u", password: "p" })).not.toThrow();
  });

  test("5xx after the retries run out is a ServerError; a dead server is a NetworkError", async () => {
    await sandbox.faults({ operation: "QueryRegions", status: 500, times: 10 });
    const error = await sandbox
      .client({ retry: { limit: 2, baseDelayMs: 10 } })
      .queryRegions()
      .catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(500);
    expect((await sandbox.state()).requests.QueryRegions).toBe(3);

    const closed = net.createServer().listen(0, "127.0.0.1"); // a port just freed: nothing listens there
    await once(closed, "listening");
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const dead = new CallFireClient({
      baseUrl: `http://127.0.0.1:${port}/api/1.1/rest`,
      ...{ username: "u", password: "p" },
    });
    const network = await dead.queryRegions().catch((e) => e);
    expect(network).toBeInstanceOf(NetworkError);
    expect(network.code).toBe("ECONNREFUSED");
  }, 20000);
});

describe("retries", () => {
  test("a GET survives 503s and a dropped connection", async () => {
    await sandbox.faults(
      { operation: "QueryRegions", status: 503, times: 2 },
      { operation: "QueryRegions", drop: true, times: 1 },
    );
    const regions = await client.queryRegions();
    expect(regions.totalResults).toBeGreaterThan(0);
    expect((await sandbox.state()).requests.QueryRegions).toBe(4);
  });

  test("429 waits for Retry-After before retrying", async () => {
    await sandbox.faults({ operation: "GetNumberOrder", status: 429, retryAfterSeconds: 1, times: 1 });
    const reference = await client.createNumberOrder({ keywords: ["retry"] });
    const started = Date.now();
    await client.getNumberOrder({ id: reference.id });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test.each([500, 502, 503, 504])(
    "an order POST that gets a %i is attempted once and not retried",
    async (status) => {
      const before = await sandbox.state();
      await sandbox.faults({ operation: "CreateNumberOrder", status, times: 5 });
      const error = await client.createNumberOrder({ keywords: [`once${status}`] }).catch((e) => e);
      expect(error).toBeInstanceOf(ServerError);
      const state = await sandbox.state();
      expect(state.requests.CreateNumberOrder - before.requests.CreateNumberOrder).toBe(1);
      expect(state.orders).toHaveLength(before.orders.length);
    },
  );

  test("an order POST whose connection is refused is retried (CallFire cannot have acted on it)", async () => {
    const probe = net.createServer().listen(0, "127.0.0.1"); // a port just freed: nothing listens there yet
    await once(probe, "listening");
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const late = new CallFireClient({
      baseUrl: `http://127.0.0.1:${port}/api/1.1/rest`,
      ...CREDENTIALS,
      retry: { limit: 20, baseDelayMs: 100, maxDelayMs: 500 },
    });
    const ordering = late.createNumberOrder({ keywords: ["refusedfirst"] });
    // The attempts are refused until a sandbox listens on that port (20 retries, up to 0.5 s apart: ample room).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const server = await startTestSandbox({ port });
    try {
      expect((await ordering).id).toMatch(/^\d+$/);
      const state = await server.state();
      expect(state.requests.CreateNumberOrder).toBe(1);
      expect(state.orders).toHaveLength(1);
    } finally {
      await server.close();
    }
  }, 20000);

  test("an order POST whose answer is lost is not retried either", async () => {
    await sandbox.faults({ operation: "CreateNumberOrder", drop: true, after: true, times: 1 });
    const error = await client.createNumberOrder({ keywords: ["lost"] }).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    // It says what happened (the connection dropped), that the order may exist, and what to do next.
    expect(error.message).toContain(`network error ECONNRESET reaching ${new URL(sandbox.url).host}`);
    expect(error.message).toContain("The order may have been placed anyway");
    expect(error.message).toContain("it was not sent again");
    expect(error.message).toContain("before ordering again");
    const state = await sandbox.state();
    expect(state.requests.CreateNumberOrder).toBe(1);
    expect(state.orders).toHaveLength(1);
  });

  test("an order POST refused with 429 is retried after Retry-After (CallFire did not act on it)", async () => {
    await sandbox.faults({ operation: "CreateNumberOrder", status: 429, retryAfterSeconds: 1, times: 1 });
    const reference = await client.createNumberOrder({ keywords: ["later"] });
    expect(reference.id).toMatch(/^\d+$/);
    const state = await sandbox.state();
    expect(state.requests.CreateNumberOrder).toBe(2);
    expect(state.orders).toHaveLength(1);
  });

  test("a 429 that keeps coming ends as a RateLimitError", async () => {
    await sandbox.faults({ operation: "QueryKeywords", status: 429, retryAfterSeconds: 0, times: 10 });
    const error = await sandbox
      .client({ retry: { limit: 1, baseDelayMs: 10 } })
      .queryKeywords()
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
  });

  test("a reply slower than the timeout is a NetworkError that says so", async () => {
    await sandbox.faults({ operation: "QueryKeywords", delayMs: 1500, times: 1 });
    const error = await sandbox
      .client({ timeoutMs: 300, retry: { limit: 0 } })
      .queryKeywords()
      .catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.timedOut).toBe(true);
    expect(error.message).toContain("300 ms");
  });

  test("a Retry-After longer than the limit fails at once, saying how long CallFire asked for and what to raise", async () => {
    await sandbox.faults({ operation: "QueryKeywords", status: 429, retryAfterSeconds: 120, times: 1 });
    const error = await client.queryKeywords().catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toContain("CallFire asked to wait 120 s (Retry-After)");
    expect(error.message).toContain("longer than the 60 s the client waits, so it did not retry");
    expect(error.message).toContain("retry.maxRetryAfterMs");
    expect((await sandbox.state()).requests.QueryKeywords).toBe(1);
  });

  test("a host that does not resolve is named in the error", async () => {
    const unreachable = new CallFireClient({
      baseUrl: "https://callfire.invalid/api/1.1/rest",
      username: "u",
      password: "p",
      retry: { limit: 0 },
    });
    const error = await unreachable.queryKeywords().catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    // ENOTFOUND, or EAI_AGAIN on a machine without a resolver: either way the host is named.
    expect(error.message).toMatch(
      /network error (ENOTFOUND|EAI_AGAIN) reaching callfire\.invalid \(the host name/,
    );
    expect(error.message).not.toContain("u:p");
  });
});

describe("arguments refused before sending", () => {
  test("configureNumber refuses an inbound configuration that does not match its type", async () => {
    const before = (await sandbox.state()).requests;
    const tracking = { callTrackingConfig: { transferNumbers: ["12135550100"], record: true } };
    const ivr = { ivrInboundConfig: { dialplanXml: "<dialplan/>" } };
    const cases = [
      [
        { inboundCallConfigurationType: "IVR", inboundCallConfiguration: tracking },
        "inboundCallConfiguration.callTrackingConfig",
        'give ivrInboundConfig instead, or set inboundCallConfigurationType to "TRACKING"',
      ],
      [
        { inboundCallConfigurationType: "TRACKING", inboundCallConfiguration: ivr },
        "inboundCallConfiguration.ivrInboundConfig",
        'give callTrackingConfig instead, or set inboundCallConfigurationType to "IVR"',
      ],
      [
        { inboundCallConfiguration: { ...tracking, ...ivr } },
        "inboundCallConfiguration",
        "has both callTrackingConfig and ivrInboundConfig",
      ],
    ] as const;
    for (const [configuration, property, hint] of cases) {
      const error = await client.configureNumber({ number: "12135550100", configuration }).catch((e) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.property).toBe(property);
      expect(error.message).toContain(hint);
    }
    expect((await sandbox.state()).requests).toEqual(before);
  });

  test("searchAvailableNumbers takes a count of up to 1000, and the sandbox answers it", async () => {
    const found = await client.searchAvailableNumbers({ count: 1000 });
    expect(found).toHaveLength(1000);
    const error = await client.searchAvailableNumbers({ count: 1001 }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain("count: must be a whole number from 1 to 1000");
  });
});
