import { Account, type OrderRequest, SandboxError } from "callfire-sandbox";

/** 2026-11-27 12:00:00Z: the day every test starts on. */
const START = Date.UTC(2026, 10, 27, 12, 0, 0);
const DAY = 86_400_000;

/** An account on a fake clock the test moves by hand. */
function setup(options: { orderSeconds?: number; seed?: number } = {}) {
  let now = START;
  const account = new Account({
    now: () => now,
    orderSeconds: options.orderSeconds ?? 2,
    seed: options.seed,
  });
  return {
    account,
    advanceSeconds: (seconds: number) => {
      now += seconds * 1000;
    },
    advanceDays: (days: number) => {
      now += days * DAY;
    },
    /** Moves the clock to `date` (YYYY-MM-DD) at noon UTC. */
    goTo: (date: string) => {
      now = Date.parse(`${date}T12:00:00Z`);
    },
    now: () => now,
  };
}

/** The status and message of the SandboxError `action` throws. */
function refusal(action: () => unknown): { status: number; message: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof SandboxError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a SandboxError");
}

/** Orders and lets the order finish; returns the finished order. */
function buy(env: ReturnType<typeof setup>, request: OrderRequest) {
  const order = env.account.createOrder(request);
  env.advanceSeconds(env.account.orderSeconds);
  return env.account.getOrder(order.id);
}

function firstLocal(account: Account, city: string, count = 1): string[] {
  return account.searchAvailableNumbers({ city, count }).map((n) => n.number);
}

describe("inventory", () => {
  test("regions filter by state, prefix digits and case-insensitive text, with paging", () => {
    const { account } = setup();
    expect(account.queryRegions().total).toBeGreaterThanOrEqual(6);
    expect(account.queryRegions({ state: "ca" }).items.map((r) => r.city)).toEqual([
      "LOS ANGELES",
      "SAN DIEGO",
    ]);
    expect(account.queryRegions({ prefix: "1213" }).items).toEqual([
      {
        prefix: "1213555",
        city: "LOS ANGELES",
        state: "CA",
        zipcode: "90012",
        country: "US",
        lata: "730",
        rateCenter: "LSAN DA 01",
        latitude: 34.05,
        longitude: -118.24,
        timeZone: "America/Los_Angeles",
      },
    ]);
    const page = account.queryRegions({ country: "US" }, { maxResults: 2, firstResult: 1 });
    expect(page.total).toBe(account.queryRegions().total);
    expect(page.items).toEqual(account.queryRegions().items.slice(1, 3));
    expect(refusal(() => account.queryRegions({}, { maxResults: 1001 }))).toEqual({
      status: 400,
      message: "MaxResults must be an integer from 1 to 1000",
    });
    expect(refusal(() => account.queryRegions({}, { firstResult: -1 })).status).toBe(400);
  });

  test("every region offers 200 local numbers under its prefix, plus 100 toll-free numbers", () => {
    const { account } = setup();
    for (const region of account.queryRegions().items) {
      const numbers = account.searchAvailableNumbers({ prefix: region.prefix, count: 500 });
      expect(numbers).toHaveLength(200);
      expect(numbers.every((n) => n.number.startsWith(region.prefix) && n.number.length === 11)).toBe(true);
    }
    const tollFree = account.searchAvailableNumbers({ tollFree: true, count: 500 });
    expect(tollFree).toHaveLength(100);
    expect(tollFree.every((n) => n.tollFree && /^1(800|888|877)555\d{4}$/.test(n.number))).toBe(true);
    expect(tollFree.some((n) => n.region !== undefined)).toBe(false);
    expect(account.snapshot().available).toEqual({
      local: 200 * account.queryRegions().total,
      tollFree: 100,
    });
  });

  test("the same seed gives the same numbers, sorted; another seed gives others", () => {
    const one = firstLocal(setup({ seed: 7 }).account, "Chicago", 5);
    expect(firstLocal(setup({ seed: 7 }).account, "Chicago", 5)).toEqual(one);
    expect([...one].sort()).toEqual(one);
    expect(firstLocal(setup({ seed: 8 }).account, "Chicago", 5)).not.toEqual(one);
  });

  test("search needs Count in 1..1000 and formats numbers nationally", () => {
    const { account } = setup();
    expect(refusal(() => account.searchAvailableNumbers({}))).toEqual({
      status: 400,
      message: "Count is required",
    });
    expect(refusal(() => account.searchAvailableNumbers({ count: 1001 }))).toEqual({
      status: 400,
      message: "Count must be an integer from 1 to 1000",
    });
    expect(account.searchAvailableNumbers({ count: 1000 })).toHaveLength(1000);
    const [number] = account.searchAvailableNumbers({ city: "los angeles", count: 1 });
    expect(number.nationalFormat).toBe(`(213) 555-${number.number.slice(7)}`);
    expect(number.region?.city).toBe("LOS ANGELES");
  });

  test("keywords: free words are available upper-cased, taken ones and malformed ones are not", () => {
    const { account } = setup();
    expect(account.searchAvailableKeywords(["sun", "STOP", "help", "Moon", "a", "bad-word", "sun"])).toEqual([
      { shortCode: "67076", keyword: "SUN" },
      { shortCode: "67076", keyword: "MOON" },
    ]);
    expect(account.searchAvailableKeywords([])).toEqual([]);
  });
});

describe("orders", () => {
  test("an order is PROCESSING for orderSeconds, then FINISHED with the assets owned on a monthly lease", () => {
    const env = setup();
    const numbers = firstLocal(env.account, "Seattle", 2);
    const created = env.account.createOrder({ numbers, keywords: ["sun"] });
    expect(created).toMatchObject({ id: 1001, status: "PROCESSING", processingSeconds: 2 });

    env.advanceSeconds(1.999);
    const pending = env.account.getOrder(1001);
    expect(pending.status).toBe("PROCESSING");
    expect(pending.localNumbers).toEqual({ ordered: 2, unitCost: 1, reserved: numbers, fulfilled: [] });
    expect(env.account.queryNumbers().total).toBe(0);

    env.advanceSeconds(0.001);
    const done = env.account.getOrder(1001);
    expect(done.status).toBe("FINISHED");
    expect(done.localNumbers).toEqual({ ordered: 2, unitCost: 1, reserved: [], fulfilled: numbers });
    expect(done.keywords).toEqual({ ordered: 1, unitCost: 5, reserved: [], fulfilled: ["SUN"] });
    expect(done.tollFreeNumbers).toBeUndefined();
    expect(done.totalCost).toBe(7);
    expect(done.polls).toEqual([START + 1999, START + 2000]);

    const owned = env.account.getNumber(`+${numbers[0]}`);
    expect(owned).toMatchObject({
      number: numbers[0],
      status: "ACTIVE",
      leaseBegin: "2026-11-27",
      leaseEnd: "2026-12-26",
      autoRenew: true,
      orderId: 1001,
      configuration: { callFeature: "ENABLED", textFeature: "ENABLED", inbound: null },
    });
    expect(env.account.queryNumbers().items.map((n) => n.number)).toEqual(numbers);
    expect(env.account.queryKeywords().items).toEqual([
      {
        shortCode: "67076",
        keyword: "SUN",
        status: "ACTIVE",
        leaseBegin: "2026-11-27",
        leaseEnd: "2026-12-26",
        autoRenew: true,
        orderId: 1001,
      },
    ]);
    expect(env.account.createOrder({ keywords: ["moon"] }).id).toBe(1002);
  });

  test("orderSeconds 0 finishes on the first read; unknown orders are 404", () => {
    const env = setup({ orderSeconds: 0 });
    const order = env.account.createOrder({ localCount: 1 });
    expect(env.account.getOrder(order.id).status).toBe("FINISHED");
    expect(refusal(() => env.account.getOrder(999))).toEqual({
      status: 404,
      message: "order 999 does not exist",
    });
  });

  test("a reservation prevents a second sale of the same number or keyword", () => {
    const env = setup();
    const [number] = firstLocal(env.account, "Houston");
    env.account.createOrder({ numbers: [number], keywords: ["SUN"] });
    expect(refusal(() => env.account.createOrder({ numbers: [number] }))).toEqual({
      status: 400,
      message: `unavailable numbers: ${number}`,
    });
    expect(refusal(() => env.account.createOrder({ keywords: ["sun"] })).message).toBe(
      "unavailable keywords: SUN",
    );
    expect(firstLocal(env.account, "Houston", 500)).not.toContain(number);
    expect(env.account.searchAvailableKeywords(["SUN"])).toEqual([]);
    expect(env.account.snapshot().available.local).toBe(200 * env.account.queryRegions().total - 1);
  });

  test("an unavailable number refuses the whole order and reserves nothing", () => {
    const env = setup();
    const [owned, free] = firstLocal(env.account, "Miami", 2);
    buy(env, { numbers: [owned] });
    const message = refusal(() => env.account.createOrder({ numbers: [free, owned, "12025550000"] })).message;
    expect(message).toBe(`unavailable numbers: ${owned} 12025550000`);
    expect(env.account.snapshot().orders).toHaveLength(1);
    expect(firstLocal(env.account, "Miami")).toEqual([free]);
    expect(env.account.createOrder({ numbers: [free] }).status).toBe("PROCESSING");
  });

  test("malformed or empty orders are refused", () => {
    const { account } = setup();
    expect(refusal(() => account.createOrder({}))).toEqual({
      status: 400,
      message: "nothing to order: give Numbers, Keywords, localCount or tollFreeCount",
    });
    expect(refusal(() => account.createOrder({ numbers: ["12345"] })).message).toBe(
      "invalid numbers (11 digits expected): 12345",
    );
    expect(refusal(() => account.createOrder({ keywords: ["x", "ok"] })).message).toBe(
      "invalid keywords (2 to 64 letters or digits expected): X",
    );
    expect(refusal(() => account.createOrder({ localCount: -1 })).status).toBe(400);
    expect(account.snapshot().orders).toEqual([]);
  });

  test("bulk localCount picks matching available numbers; tollFreeCount picks toll-free ones", () => {
    const env = setup();
    const order = buy(env, { localCount: 3, region: { state: "TX" }, tollFreeCount: 2 });
    expect(order.localNumbers?.ordered).toBe(3);
    expect(order.localNumbers?.fulfilled).toHaveLength(3);
    expect(order.localNumbers?.fulfilled.every((n) => /^1(713|214)555/.test(n))).toBe(true);
    expect(order.tollFreeNumbers).toMatchObject({ ordered: 2, unitCost: 2 });
    expect(order.totalCost).toBe(3 * 1 + 2 * 2);
    const tollFree = env.account.getNumber(order.tollFreeNumbers?.fulfilled[0] ?? "");
    expect(tollFree.configuration.textFeature).toBe("UNSUPPORTED");
  });

  test("a bulk order larger than the inventory is partial; an empty region is refused", () => {
    const env = setup();
    const order = env.account.createOrder({ localCount: 250, region: { city: "miami" } });
    expect(order.localNumbers?.ordered).toBe(250);
    expect(order.localNumbers?.reserved).toHaveLength(200);
    env.advanceSeconds(2);
    const done = env.account.getOrder(order.id);
    expect(done.localNumbers?.fulfilled).toHaveLength(200);
    expect(done.totalCost).toBe(200);
    expect(refusal(() => env.account.createOrder({ localCount: 1, region: { city: "Miami" } }))).toEqual({
      status: 400,
      message: "no numbers available for the requested region",
    });
    expect(refusal(() => env.account.createOrder({ localCount: 1, region: { state: "ZZ" } })).status).toBe(
      400,
    );
  });

  test("an errored order returns its reservation and leaves nothing owned", () => {
    const env = setup();
    env.account.faults.replace({ rules: [{ order: "errored" }] });
    const [number] = firstLocal(env.account, "Dallas");
    const order = env.account.createOrder({ numbers: [number], keywords: ["SUN"] });
    expect(env.account.searchAvailableKeywords(["SUN"])).toEqual([]);
    env.advanceSeconds(2);
    const done = env.account.getOrder(order.id);
    expect(done.status).toBe("ERRORED");
    expect(done.totalCost).toBe(0);
    expect(done.localNumbers).toEqual({ ordered: 1, unitCost: 1, reserved: [], fulfilled: [] });
    expect(env.account.queryNumbers().total).toBe(0);
    expect(env.account.searchAvailableKeywords(["SUN"])).toHaveLength(1);
    expect(buy(env, { numbers: [number] }).status).toBe("FINISHED");
  });

  test("order faults: partial, stuck (finished by hand), slow, parked and failed statuses", () => {
    const env = setup();
    env.account.faults.replace({
      rules: [
        { order: "partial", fulfil: 1 },
        { order: "stuck" },
        { order: "slow", processingSeconds: 30 },
        { order: "status", status: "WAIT_FOR_PAYMENT" },
        { order: "status", status: "VOID" },
      ],
    });
    const numbers = firstLocal(env.account, "Chicago", 8);
    const partial = env.account.createOrder({ numbers: numbers.slice(0, 3) });
    const stuck = env.account.createOrder({ numbers: [numbers[3]] });
    const slow = env.account.createOrder({ numbers: [numbers[4]] });
    const parked = env.account.createOrder({ numbers: [numbers[5]] });
    const voided = env.account.createOrder({ numbers: [numbers[6]] });
    expect(env.account.faults.rules).toEqual([]);

    env.advanceSeconds(2);
    expect(env.account.getOrder(partial.id)).toMatchObject({ status: "FINISHED", totalCost: 1 });
    expect(env.account.getOrder(partial.id).localNumbers?.fulfilled).toEqual([numbers[0]]);
    expect(firstLocal(env.account, "Chicago", 2)).toEqual([numbers[1], numbers[2]]);
    expect(env.account.getOrder(parked.id).status).toBe("WAIT_FOR_PAYMENT");
    expect(env.account.getOrder(voided.id)).toMatchObject({ status: "VOID", totalCost: 0 });
    expect(env.account.getOrder(slow.id).status).toBe("PROCESSING");

    env.advanceDays(1);
    expect(env.account.getOrder(slow.id).status).toBe("FINISHED");
    expect(env.account.getOrder(stuck.id)).toMatchObject({ status: "PROCESSING", processingSeconds: null });
    expect(env.account.getOrder(parked.id).status).toBe("WAIT_FOR_PAYMENT");
    expect(firstLocal(env.account, "Chicago", 500)).not.toContain(numbers[5]);

    expect(env.account.finishOrder(stuck.id).status).toBe("FINISHED");
    expect(env.account.getNumber(numbers[3]).leaseBegin).toBe("2026-11-28");
    expect(env.account.finishOrder(parked.id).status).toBe("FINISHED");
    expect(refusal(() => env.account.finishOrder(stuck.id))).toEqual({
      status: 409,
      message: `order ${stuck.id} is already FINISHED`,
    });
    expect(
      env.account
        .queryNumbers()
        .items.map((n) => n.number)
        .sort(),
    ).toEqual([numbers[0], numbers[3], numbers[4], numbers[5]].sort());
  });
});

describe("leases", () => {
  test("release keeps the number active until lease end, then RELEASED and locked out for a month", () => {
    const env = setup();
    const [number] = firstLocal(env.account, "Los Angeles");
    buy(env, { numbers: [number] });
    env.account.release({ number });
    env.account.release({ number: `+${number}` });
    expect(env.account.getNumber(number)).toMatchObject({ status: "ACTIVE", autoRenew: false });

    env.goTo("2026-12-26");
    expect(env.account.queryNumbers().items.map((n) => n.number)).toEqual([number]);

    env.goTo("2026-12-27");
    expect(refusal(() => env.account.getNumber(number))).toEqual({
      status: 404,
      message: `number ${number} does not exist, or is inactive`,
    });
    expect(env.account.queryNumbers().total).toBe(0);
    expect(env.account.snapshot().released).toEqual([
      {
        kind: "number",
        id: number,
        status: "RELEASED",
        leaseBegin: "2026-11-27",
        leaseEnd: "2026-12-26",
        availableAgainOn: "2027-01-26",
      },
    ]);
    expect(refusal(() => env.account.release({ number })).status).toBe(404);
    expect(refusal(() => env.account.createOrder({ numbers: [number] })).message).toBe(
      `unavailable numbers: ${number}`,
    );
    expect(firstLocal(env.account, "Los Angeles", 500)).not.toContain(number);

    env.goTo("2027-01-25");
    expect(refusal(() => env.account.createOrder({ numbers: [number] })).status).toBe(400);
    env.goTo("2027-01-26");
    expect(env.account.snapshot().released).toEqual([]);
    expect(firstLocal(env.account, "Los Angeles")).toEqual([number]);
    expect(env.account.createOrder({ numbers: [number] }).status).toBe("PROCESSING");
  });

  test("an auto-renewing lease rolls over month by month, even across skipped months", () => {
    const env = setup();
    const [number] = firstLocal(env.account, "New York");
    buy(env, { numbers: [number] });
    env.goTo("2026-12-27");
    expect(env.account.getNumber(number)).toMatchObject({ leaseBegin: "2026-12-27", leaseEnd: "2027-01-26" });
    env.goTo("2027-03-01");
    expect(env.account.getNumber(number)).toMatchObject({
      status: "ACTIVE",
      leaseBegin: "2027-02-27",
      leaseEnd: "2027-03-26",
      autoRenew: true,
    });
  });

  test("a released keyword lapses at lease end and is locked out for a month", () => {
    const env = setup();
    buy(env, { keywords: ["Sun", "moon"] });
    expect(refusal(() => env.account.release({ keyword: "rain" }))).toEqual({
      status: 404,
      message: "keyword RAIN does not exist, or is inactive",
    });
    env.account.release({ number: "67076", keyword: "sun" });
    expect(env.account.queryKeywords().items.map((k) => [k.keyword, k.autoRenew])).toEqual([
      ["MOON", true],
      ["SUN", false],
    ]);
    env.goTo("2026-12-27");
    expect(env.account.queryKeywords().items.map((k) => k.keyword)).toEqual(["MOON"]);
    expect(env.account.searchAvailableKeywords(["SUN"])).toEqual([]);
    expect(refusal(() => env.account.createOrder({ keywords: ["sun"] })).message).toBe(
      "unavailable keywords: SUN",
    );
    env.goTo("2027-01-26");
    expect(env.account.searchAvailableKeywords(["sun"])).toEqual([{ shortCode: "67076", keyword: "SUN" }]);
  });

  test("release needs a number or a keyword; the short code alone is not an owned number", () => {
    const { account } = setup();
    expect(refusal(() => account.release({}))).toEqual({
      status: 400,
      message: "Number or Keyword is required",
    });
    expect(refusal(() => account.release({ number: "67076" }))).toEqual({
      status: 404,
      message: "number 67076 does not exist, or is inactive",
    });
  });
});

describe("configuration", () => {
  function owned() {
    const env = setup({ orderSeconds: 0 });
    const [number] = firstLocal(env.account, "Seattle");
    const [tollFree] = env.account.searchAvailableNumbers({ tollFree: true, count: 1 }).map((n) => n.number);
    env.account.createOrder({ numbers: [number, tollFree] });
    return { account: env.account, number, tollFree };
  }

  test("stores a tracking config, keeps untouched fields, overwrites and switches type", () => {
    const { account, number } = owned();
    account.configureNumber(number, {
      callFeature: "DISABLED",
      inboundCallConfigurationType: "TRACKING",
      transferNumbers: ["+12135550100", "12135550101"],
      screen: true,
      record: true,
      introSoundId: 11,
      whisperSoundId: 12,
    });
    expect(account.getNumber(number).configuration).toEqual({
      callFeature: "DISABLED",
      textFeature: "ENABLED",
      inbound: {
        type: "TRACKING",
        id: 5001,
        transferNumbers: ["12135550100", "12135550101"],
        screen: true,
        record: true,
        introSoundId: 11,
        whisperSoundId: 12,
      },
    });

    account.configureNumber(number, { textFeature: "DISABLED" });
    expect(account.getNumber(number).configuration).toMatchObject({
      callFeature: "DISABLED",
      textFeature: "DISABLED",
      inbound: { id: 5001, screen: true },
    });

    account.configureNumber(number, {
      inboundCallConfigurationType: "TRACKING",
      transferNumbers: ["12135550102"],
    });
    expect(account.getNumber(number).configuration.inbound).toEqual({
      type: "TRACKING",
      id: 5001,
      transferNumbers: ["12135550102"],
      screen: false,
      record: false,
    });

    account.configureNumber(number, { inboundCallConfigurationType: "IVR", dialplanXml: "<dialplan/>" });
    expect(account.getNumber(number).configuration.inbound).toEqual({
      type: "IVR",
      id: 5002,
      dialplanXml: "<dialplan/>",
    });
    expect(
      account.snapshot().owned.numbers.find((n) => n.number === number)?.configuration.inbound?.type,
    ).toBe("IVR");
  });

  test("refuses bad values with a message naming the parameter, and changes nothing", () => {
    const { account, number, tollFree } = owned();
    const before = account.getNumber(number).configuration;
    const cases: [Parameters<Account["configureNumber"]>[1], string][] = [
      [
        { callFeature: "UNSUPPORTED" },
        "CallFeature UNSUPPORTED is set by the server; send ENABLED or DISABLED",
      ],
      [{ textFeature: "on" }, "TextFeature must be ENABLED or DISABLED, not on"],
      [
        { inboundCallConfigurationType: "SMS" },
        "InboundCallConfigurationType must be TRACKING or IVR, not SMS",
      ],
      [
        { inboundCallConfigurationType: "TRACKING", transferNumbers: ["123"] },
        "TransferNumber must be 11-digit numbers: 123",
      ],
      [
        { inboundCallConfigurationType: "TRACKING", introSoundId: 0 },
        "IntroSoundId must be a positive integer",
      ],
      [{ screen: true }, "Screen needs InboundCallConfigurationType (TRACKING or IVR)"],
      [
        { inboundCallConfigurationType: "TRACKING", dialplanXml: "<x/>" },
        "DialplanXml needs InboundCallConfigurationType=IVR",
      ],
      [
        { callFeature: "ENABLED", inboundCallConfigurationType: "IVR", record: true },
        "Record needs InboundCallConfigurationType=TRACKING",
      ],
    ];
    for (const [change, message] of cases) {
      expect(refusal(() => account.configureNumber(number, change))).toEqual({ status: 400, message });
    }
    expect(account.getNumber(number).configuration).toEqual(before);
    expect(refusal(() => account.configureNumber(tollFree, { textFeature: "ENABLED" })).message).toBe(
      `TextFeature is UNSUPPORTED on toll-free number ${tollFree} and cannot be changed`,
    );
    expect(refusal(() => account.configureNumber("12065550000", { callFeature: "ENABLED" })).status).toBe(
      404,
    );
  });
});

test("reset returns to the seeded initial state", () => {
  const env = setup({ orderSeconds: 0 });
  env.account.createOrder({ localCount: 2, keywords: ["SUN"] });
  env.account.countRequest("GetNumber");
  env.account.faults.replace({ rules: [{ status: 503 }] });
  env.account.reset();
  const state = env.account.snapshot();
  expect(state.owned).toEqual({ numbers: [], keywords: [] });
  expect(state.orders).toEqual([]);
  expect(state.requests.GetNumber).toBe(0);
  expect(env.account.faults.rules).toEqual([]);
  expect(env.account.createOrder({ keywords: ["SUN"] }).id).toBe(1001);
});
