/**
 * The account: the sandbox's state machine over a seeded inventory, holding owned numbers and keywords and
 * the orders that bought them.
 */
import { applyConfigurationChange, defaultConfiguration } from "./configuration";
import { type Day, dayOf, formatDay } from "./dates";
import { badRequest, notFound, SandboxError } from "./errors";
import { FaultPlan } from "./faults";
import { first, MAX_SEARCH_COUNT, numberFilter, page, regionMatches, validateRegionFilter } from "./filters";
import {
  copyNumber,
  generateInventory,
  type Inventory,
  REGIONS,
  SHORT_CODE,
  stripPlus,
  TAKEN_KEYWORDS,
} from "./inventory";
import { availableAgainOn, type Lease, leaseState, lockOutOver, newLease, rollLease } from "./leases";
import { type ApiOperation, type RequestCounts, zeroCounts } from "./operations";
import { KEYWORD_PATTERN, planOrder } from "./order-plan";
import {
  completeOrder,
  isTerminal,
  type OrderRecord,
  type OrderView,
  orderView,
  reservedAssets,
} from "./orders";
import type {
  AvailableKeyword,
  AvailableNumber,
  ConfigurationChange,
  NumberConfiguration,
  NumberFilter,
  NumberSearch,
  OrderFilter,
  OrderKind,
  OrderRequest,
  OwnedKeyword,
  OwnedNumber,
  Page,
  Paging,
  Region,
  RegionFilter,
  ReleasedAsset,
  ReleaseRequest,
} from "./types";

/** How the account is built. */
export interface AccountOptions {
  /** The clock, epoch ms. The account never reads the time any other way. */
  now: () => number;
  /** Inventory seed (default 1). */
  seed?: number;
  /** Clock seconds a new order stays PROCESSING (default 2; 0 = done on the next access). */
  orderSeconds?: number;
}

/** Everything the account holds, as plain JSON (what `GET /__sandbox/state` returns). */
export interface AccountSnapshot {
  /** The clock's time, ISO 8601. */
  now: string;
  /** The clock's day, `YYYY-MM-DD` (UTC). */
  today: string;
  /** Clock seconds a new order stays PROCESSING. */
  orderSeconds: number;
  /** The inventory seed. */
  seed: number;
  /** What the account owns and can use (status ACTIVE), sorted; released-but-not-yet-lapsed assets are here with autoRenew false. */
  owned: {
    /** Owned numbers with lease and configuration. */
    numbers: OwnedNumber[];
    /** Owned keywords with lease. */
    keywords: OwnedKeyword[];
  };
  /** Assets whose lease lapsed after Release, still locked out of inventory. */
  released: ReleasedAsset[];
  /** Every order, oldest first. */
  orders: OrderView[];
  /** API requests seen per operation (any outcome, faults included). */
  requests: RequestCounts;
  /** How many numbers can be ordered right now. */
  available: {
    /** Local numbers. */
    local: number;
    /** Toll-free numbers. */
    tollFree: number;
  };
}

interface NumberRecord {
  lease: Lease;
  configuration: NumberConfiguration;
}

const NUMBER_KINDS: OrderKind[] = ["localNumbers", "tollFreeNumbers"];

/**
 * The CallFire account state machine: inventory, owned numbers and keywords, orders and their rules.
 * Pure: no I/O, no timers; time comes from the injected clock and every method first settles what
 * the clock says has happened (orders completing, leases renewing or lapsing, lock-outs ending).
 * Refusals are thrown as {@link SandboxError} carrying the HTTP status and the wire message.
 */
export class Account {
  /** Clock seconds a new order stays PROCESSING. */
  readonly orderSeconds: number;
  /** The inventory seed. */
  readonly seed: number;
  /** The fault plan; the HTTP layer fires HTTP rules, order creation fires order rules. */
  readonly faults = new FaultPlan();
  private readonly now: () => number;
  private readonly inventory: Inventory;
  private numbers = new Map<string, NumberRecord>();
  private keywords = new Map<string, Lease>();
  private orders = new Map<number, OrderRecord>();
  private nextOrderId = 1001;
  private nextInboundId = 5001;
  private requests = zeroCounts();

  /** @param options clock, seed and order processing time. */
  constructor(options: AccountOptions) {
    this.now = options.now;
    this.seed = options.seed ?? 1;
    this.orderSeconds = options.orderSeconds ?? 2;
    if (!Number.isFinite(this.orderSeconds) || this.orderSeconds < 0) {
      throw new RangeError("orderSeconds must be a finite number, 0 or more");
    }
    this.inventory = generateInventory(this.seed);
  }

  /** Back to the initial seeded state: nothing owned, no orders, ids and counts restarted, faults cleared. */
  reset(): void {
    this.numbers = new Map();
    this.keywords = new Map();
    this.orders = new Map();
    this.nextOrderId = 1001;
    this.nextInboundId = 5001;
    this.requests = zeroCounts();
    this.faults.clear();
  }

  /** Counts one API request for `operation` (the HTTP layer calls this for every request it routes). */
  countRequest(operation: ApiOperation): void {
    this.requests[operation] += 1;
  }

  /**
   * Applies everything the clock says has happened: due orders complete (at their due time), then
   * leases renew or lapse up to today, and lock-outs that are over return assets to inventory.
   */
  settle(): void {
    const now = this.now();
    for (const order of this.orders.values()) {
      if (order.dueAt !== null && now >= order.dueAt) this.complete(order, order.dueAt, false);
    }
    const today = dayOf(now);
    for (const [number, record] of this.numbers) {
      rollLease(record.lease, today);
      if (lockOutOver(record.lease, today)) this.numbers.delete(number);
    }
    for (const [keyword, lease] of this.keywords) {
      rollLease(lease, today);
      if (lockOutOver(lease, today)) this.keywords.delete(keyword);
    }
  }

  /** QueryRegions: the regions matching `filter`, one page. */
  queryRegions(filter: RegionFilter = {}, paging: Paging = {}): Page<Region> {
    validateRegionFilter(filter);
    return page(
      REGIONS.filter((r) => regionMatches(r, filter)).map((r) => ({ ...r })),
      paging,
    );
  }

  /** QueryNumbers: owned, not released numbers matching `filter`, sorted, one page. */
  queryNumbers(filter: NumberFilter = {}, paging: Paging = {}): Page<OwnedNumber> {
    validateRegionFilter(filter);
    this.settle();
    const { labelName, ...region } = filter;
    const matches = numberFilter(region);
    const matching = labelName ? [] : this.activeNumbers().filter(([n]) => matches(this.inventoryNumber(n)));
    return page(
      matching.map(([n, record]) => this.ownedNumber(n, record)),
      paging,
    );
  }

  /** GetNumber: an owned, not released number (a leading `+` is fine); 404 otherwise. */
  getNumber(number: string): OwnedNumber {
    this.settle();
    const digits = stripPlus(number);
    return this.ownedNumber(digits, this.activeNumber(digits));
  }

  /** ConfigureNumber: validates and stores a configuration change (see {@link ConfigurationChange}). */
  configureNumber(number: string, change: ConfigurationChange): void {
    this.settle();
    const digits = stripPlus(number);
    const record = this.activeNumber(digits);
    record.configuration = applyConfigurationChange(record.configuration, change, {
      number: digits,
      tollFree: this.inventoryNumber(digits).tollFree,
      nextInboundId: () => this.nextInboundId++,
    });
  }

  /** SearchAvailableNumbers: up to `count` orderable numbers matching the filters, sorted by number. */
  searchAvailableNumbers(search: NumberSearch): AvailableNumber[] {
    const { tollFree, count, ...filter } = search;
    if (count === undefined) throw badRequest("Count is required");
    if (!Number.isInteger(count) || count < 1 || count > MAX_SEARCH_COUNT) {
      throw badRequest(`Count must be an integer from 1 to ${MAX_SEARCH_COUNT}`);
    }
    validateRegionFilter(filter);
    this.settle();
    return first(this.availableNumbers(tollFree === true, filter), count).map(copyNumber);
  }

  /** QueryKeywords: owned, not released keywords, sorted, one page. */
  queryKeywords(paging: Paging = {}): Page<OwnedKeyword> {
    this.settle();
    const owned = [...this.keywords]
      .filter(([, lease]) => lease.status === "ACTIVE")
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([keyword, lease]) => ({ shortCode: SHORT_CODE, keyword, ...leaseState(lease) }));
    return page(owned, paging);
  }

  /** One owned, not released keyword (any case); 404 otherwise. */
  getKeyword(keyword: string): OwnedKeyword {
    this.settle();
    const name = keyword.trim().toUpperCase();
    return { shortCode: SHORT_CODE, keyword: name, ...leaseState(this.activeKeyword(name)) };
  }

  /** SearchAvailableKeywords: the given keywords (upper-cased, deduplicated) that can be ordered, in the given order. */
  searchAvailableKeywords(keywords: string[]): AvailableKeyword[] {
    this.settle();
    const reserved = this.reserved(["keywords"]);
    return [...new Set(keywords.map((k) => k.trim().toUpperCase()))]
      .filter((k) => this.keywordAvailable(k, reserved))
      .map((keyword) => ({ shortCode: SHORT_CODE, keyword }));
  }

  /**
   * CreateNumberOrder: validates the request, reserves every asset and creates a PROCESSING order.
   * Explicit numbers and keywords must all be available or nothing is reserved (400). Bulk counts take
   * what matching inventory exists (a partial order) but refuse when none is left.
   */
  createOrder(request: OrderRequest): OrderView {
    this.settle();
    const reservedNumbers = this.reserved(NUMBER_KINDS);
    const reservedKeywords = this.reserved(["keywords"]);
    const items = planOrder(request, {
      number: (n) => this.numberAvailable(n, reservedNumbers),
      keyword: (k) => this.keywordAvailable(k, reservedKeywords),
      tollFree: (n) => this.inventoryNumber(n).tollFree,
      candidates: (tollFree, filter) => numbersOf(this.availableNumbers(tollFree, filter, reservedNumbers)),
    });
    const fault = this.faults.takeOrderFault() ?? null;
    const processingSeconds =
      fault?.order === "stuck" ? null : fault?.order === "slow" ? fault.processingSeconds : this.orderSeconds;
    const created = this.now();
    const order: OrderRecord = {
      id: this.nextOrderId++,
      created,
      status: "PROCESSING",
      dueAt: processingSeconds === null ? null : created + processingSeconds * 1000,
      processingSeconds,
      fault,
      items,
      polls: [],
    };
    this.orders.set(order.id, order);
    return orderView(order);
  }

  /** GetNumberOrder: the order (settled first), recording the poll time; 404 if unknown. */
  getOrder(id: number): OrderView {
    this.settle();
    const order = this.order(id);
    order.polls.push(this.now());
    return orderView(order);
  }

  /**
   * The orders created within `[filter.from, filter.to]` (epoch ms, both ends included, either open), oldest
   * first, one page (settled first, so statuses are current).
   */
  queryOrders(filter: OrderFilter = {}, paging: Paging = {}): Page<OrderView> {
    this.settle();
    const within = [...this.orders.values()].filter(
      (order) =>
        (filter.from === undefined || order.created >= filter.from) &&
        (filter.to === undefined || order.created <= filter.to),
    );
    return page(within.map(orderView), paging);
  }

  /**
   * Admin: completes a pending order now, as if its processing time were over. A stuck order, or one
   * parked in a non-terminal status by a fault, is fulfilled in full; errored/partial faults still apply.
   * 409 if the order is already terminal, 404 if unknown.
   */
  finishOrder(id: number): OrderView {
    this.settle();
    const order = this.order(id);
    if (isTerminal(order.status)) throw new SandboxError(409, `order ${id} is already ${order.status}`);
    this.complete(order, this.now(), true);
    return orderView(order);
  }

  /**
   * Release: turns auto-renew off for an owned number and/or keyword. The asset stays ACTIVE until its
   * lease ends, then becomes RELEASED and is locked out for a month. Releasing again before the lease
   * ends is a no-op. With a keyword, `number` may be the short code the keyword lives on (CallFire asks
   * for it); that names the keyword's number, not a number to release. 404 if the asset is not owned or
   * already RELEASED; 400 if neither is given.
   */
  release(request: ReleaseRequest): void {
    this.settle();
    const keyword = request.keyword ? request.keyword.trim().toUpperCase() : undefined;
    const given = request.number ? stripPlus(request.number) : undefined;
    // With a keyword, CallFire has the caller name the number the keyword lives on: the short code.
    const number = keyword && given === SHORT_CODE ? undefined : given;
    if (!number && !keyword) throw badRequest("Number or Keyword is required");
    const numberLease = number === undefined ? undefined : this.activeNumber(number).lease;
    const keywordLease = keyword === undefined ? undefined : this.activeKeyword(keyword);
    for (const lease of [numberLease, keywordLease]) if (lease) lease.autoRenew = false;
  }

  /** The whole state as plain JSON (settled first). */
  snapshot(): AccountSnapshot {
    this.settle();
    const now = this.now();
    const released: ReleasedAsset[] = [
      ...[...this.numbers].map(([id, r]) => ({ kind: "number" as const, id, lease: r.lease })),
      ...[...this.keywords].map(([id, lease]) => ({ kind: "keyword" as const, id, lease })),
    ]
      .filter(({ lease }) => lease.status === "RELEASED")
      .map(({ kind, id, lease }) => ({
        kind,
        id,
        status: "RELEASED",
        leaseBegin: formatDay(lease.begin),
        leaseEnd: formatDay(lease.end),
        availableAgainOn: formatDay(availableAgainOn(lease)),
      }));
    const reserved = this.reserved(NUMBER_KINDS);
    return {
      now: new Date(now).toISOString(),
      today: formatDay(dayOf(now)),
      orderSeconds: this.orderSeconds,
      seed: this.seed,
      owned: {
        numbers: this.activeNumbers().map(([n, record]) => this.ownedNumber(n, record)),
        keywords: this.queryKeywords().items,
      },
      released,
      orders: [...this.orders.values()].map(orderView),
      requests: { ...this.requests },
      available: {
        local: [...this.availableNumbers(false, {}, reserved)].length,
        tollFree: [...this.availableNumbers(true, {}, reserved)].length,
      },
    };
  }

  /**
   * Ends an order's processing at time `at` (see {@link completeOrder}; `forced` is the admin finish) and
   * gives the account what it delivered, each asset on a new lease starting that day.
   */
  private complete(order: OrderRecord, at: number, forced: boolean): void {
    const begin: Day = dayOf(at);
    for (const { kind, asset } of completeOrder(order, forced)) {
      if (kind === "keywords") this.keywords.set(asset, newLease(begin, order.id));
      else {
        const configuration = defaultConfiguration(kind === "tollFreeNumbers");
        this.numbers.set(asset, { lease: newLease(begin, order.id), configuration });
      }
    }
  }

  private order(id: number): OrderRecord {
    const order = this.orders.get(id);
    if (!order) throw notFound(`order ${id} does not exist`);
    return order;
  }

  private activeNumbers(): [string, NumberRecord][] {
    return [...this.numbers]
      .filter(([, record]) => record.lease.status === "ACTIVE")
      .sort(([a], [b]) => a.localeCompare(b));
  }

  private activeNumber(number: string): NumberRecord {
    const record = this.numbers.get(number);
    if (record?.lease.status !== "ACTIVE") throw notFound(`number ${number} does not exist, or is inactive`);
    return record;
  }

  private activeKeyword(keyword: string): Lease {
    const lease = this.keywords.get(keyword);
    if (lease?.status !== "ACTIVE") throw notFound(`keyword ${keyword} does not exist, or is inactive`);
    return lease;
  }

  private inventoryNumber(number: string): AvailableNumber {
    const entry = this.inventory.byNumber.get(number);
    if (!entry) throw new Error(`number ${number} is not in the inventory`);
    return entry;
  }

  private ownedNumber(number: string, record: NumberRecord): OwnedNumber {
    return {
      ...copyNumber(this.inventoryNumber(number)),
      ...leaseState(record.lease),
      configuration: structuredClone(record.configuration),
    };
  }

  private reserved(kinds: readonly OrderKind[]): Set<string> {
    return reservedAssets(this.orders.values(), kinds);
  }

  /**
   * The orderable numbers of one kind matching `filter`, in inventory (number) order, found lazily: a search or a
   * bulk order reads only as far as it needs, not the whole inventory.
   */
  private *availableNumbers(
    tollFree: boolean,
    filter: RegionFilter,
    reserved = this.reserved(NUMBER_KINDS),
  ): Generator<AvailableNumber> {
    const matches = numberFilter(filter);
    for (const n of tollFree ? this.inventory.tollFree : this.inventory.local) {
      if (matches(n) && this.numberAvailable(n.number, reserved)) yield n;
    }
  }

  private numberAvailable(number: string, reserved: Set<string>): boolean {
    return this.inventory.byNumber.has(number) && !this.numbers.has(number) && !reserved.has(number);
  }

  private keywordAvailable(keyword: string, reserved: Set<string>): boolean {
    return (
      KEYWORD_PATTERN.test(keyword) &&
      !TAKEN_KEYWORDS.includes(keyword) &&
      !this.keywords.has(keyword) &&
      !reserved.has(keyword)
    );
  }
}

/** The phone numbers of a list of available numbers, as they are read. */
function* numbersOf(available: Iterable<AvailableNumber>): Generator<string> {
  for (const n of available) yield n.number;
}
