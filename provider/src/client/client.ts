/**
 * `CallFireClient`: one method per operation of the CallFire NumberService, plus iterators over every page of
 * the query operations. It speaks API 1.1 or API v2 (`apiVersion`), with the same arguments and results.
 */
import { API_VERSIONS, type ApiVersion, type Dialect } from "./dialect.js";
import { checkInteger } from "./encode.js";
import { InvalidInputError, isAmbiguous } from "./errors.js";
import { API_11_WIRE, type RetryOptions, Transport } from "./transport.js";
import type {
  CallFireKeyword,
  CallFireNumber,
  ConfigureNumberArgs,
  CreateNumberOrderArgs,
  GetNumberArgs,
  GetNumberOrderArgs,
  NumberOrder,
  OrderReference,
  Page,
  QueryKeywordsArgs,
  QueryNumbersArgs,
  QueryOrdersArgs,
  QueryRegionsArgs,
  Region,
  ReleaseArgs,
  SearchAvailableKeywordsArgs,
  SearchAvailableNumbersArgs,
} from "./types.js";
import { Api11 } from "./v1_1.js";
import { API_V2_WIRE, ApiV2 } from "./v2/dialect.js";

export type { ApiVersion } from "./dialect.js";
export { MIN_POLL_INTERVAL_MS } from "./dialect.js";

/** CallFire's production API 1.1 REST endpoint. */
export const DEFAULT_BASE_URL = "https://www.callfire.com/api/1.1/rest";

/** What a CreateNumberOrder failure that CallFire may have acted on adds to its message. */
const ORDER_MAY_EXIST =
  ". The order may have been placed anyway (CallFire may have acted on it before its answer was lost); it was not " +
  "sent again, since that could buy twice. Look for what it bought (queryNumbers, queryKeywords) before ordering again";

/** CallFire's production API v2 endpoint. */
export const DEFAULT_V2_BASE_URL = "https://api.callfire.com/v2";

/** The production base URL of an API version. */
export function defaultBaseUrl(apiVersion: ApiVersion = "1.1"): string {
  return apiVersion === "v2" ? DEFAULT_V2_BASE_URL : DEFAULT_BASE_URL;
}

/** Settings of a `CallFireClient`. */
export interface CallFireClientOptions {
  /** Which CallFire API to speak: `"1.1"` (default) or `"v2"`. Arguments and results are the same for both. */
  apiVersion?: ApiVersion;
  /**
   * Base URL of the API. Default per version: `https://www.callfire.com/api/1.1/rest` for 1.1,
   * `https://api.callfire.com/v2` for v2; a sandbox URL for local runs.
   */
  baseUrl?: string;
  /** API login (1.1) or API credentials username (v2). */
  username: string;
  /** API password. It is sent only in the Authorization header and never appears in errors or logs. */
  password: string;
  /** Time limit of one HTTP attempt, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Retry settings for failed requests. */
  retry?: RetryOptions;
  /** Receives a line for each retry, e.g. for `pulumi.log.info`. */
  log?: (message: string) => void;
}

/** Whether a base URL's path is the other version's (`/api/1.1/...` given for v2, `/v2` given for 1.1). */
function isOtherVersionsUrl(baseUrl: string, apiVersion: ApiVersion): boolean {
  const path = baseUrl.replace(/^https?:\/\/[^/]+/i, "").toLowerCase();
  return apiVersion === "v2" ? /\/api\/1\.1(\/|$)/.test(path) : /\/v2$/.test(path);
}

/** A typed client for the CallFire NumberService, over API 1.1 or API v2. */
export class CallFireClient {
  readonly #dialect: Dialect;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The CallFire API version the client speaks. */
  readonly apiVersion: ApiVersion;

  /** Checks the options; makes no request. */
  constructor(options: CallFireClientOptions) {
    for (const key of ["username", "password"] as const) {
      if (typeof options?.[key] !== "string" || options[key] === "") {
        throw new InvalidInputError(key, "is required: give the CallFire API login and password");
      }
    }
    const apiVersion = options.apiVersion ?? "1.1";
    if (!API_VERSIONS.includes(apiVersion)) {
      throw new InvalidInputError("apiVersion", `must be "1.1" or "v2", got ${JSON.stringify(apiVersion)}`);
    }
    this.apiVersion = apiVersion;
    const fallback = defaultBaseUrl(apiVersion);
    this.baseUrl = (options.baseUrl ?? fallback).replace(/\/+$/, "");
    if (!/^https?:\/\//i.test(this.baseUrl)) {
      throw new InvalidInputError("baseUrl", `must be an http(s) URL such as ${fallback}`);
    }
    // Basic auth over plain HTTP would send the real password in clear text: CallFire itself only over https.
    if (/^http:\/\/([^/]+\.)?callfire\.com(:\d+)?(\/|$)/i.test(this.baseUrl)) {
      throw new InvalidInputError("baseUrl", `must use https for CallFire (${fallback}), not http`);
    }
    if (isOtherVersionsUrl(this.baseUrl, apiVersion)) {
      const other = apiVersion === "v2" ? "1.1" : "v2";
      throw new InvalidInputError(
        "baseUrl",
        `${this.baseUrl} is a CallFire API ${other} URL but apiVersion is "${apiVersion}": give the API ${apiVersion} URL (${fallback}, or a sandbox's <origin>${apiVersion === "v2" ? "/v2" : "/api/1.1/rest"}), or leave baseUrl out`,
      );
    }
    checkInteger("timeoutMs", options.timeoutMs, 1);
    checkInteger("retry.limit", options.retry?.limit, 0, 20);
    const transport = new Transport({
      baseUrl: this.baseUrl,
      wire: apiVersion === "v2" ? API_V2_WIRE : API_11_WIRE,
      username: options.username,
      password: options.password,
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: { limit: 4, baseDelayMs: 500, maxDelayMs: 10_000, maxRetryAfterMs: 60_000, ...options.retry },
      log: options.log,
    });
    this.#dialect = apiVersion === "v2" ? new ApiV2(transport, this.baseUrl) : new Api11(transport);
  }

  /** QueryRegions: regions that local numbers can come from. v2: no `country`, `latitude`, `longitude`, `timeZone` filter. */
  queryRegions(args: QueryRegionsArgs = {}): Promise<Page<Region>> {
    return this.#dialect.queryRegions(args);
  }

  /**
   * QueryNumbers: numbers the account owns. v2: no `country`, `latitude`, `longitude`, `timeZone` filter, and
   * each number's `numberConfiguration` holds its features only (the inbound configuration comes with `getNumber`).
   */
  queryNumbers(args: QueryNumbersArgs = {}): Promise<Page<CallFireNumber>> {
    return this.#dialect.queryNumbers(args);
  }

  /** GetNumber: one owned number with its lease and configuration. A number the account lacks → `NotFoundError`. */
  getNumber(args: GetNumberArgs): Promise<CallFireNumber> {
    return this.#dialect.getNumber(args);
  }

  /**
   * ConfigureNumber: sets features and the inbound call configuration of an owned number. v2 sends the features
   * and the inbound configuration in two requests, and sound ids must be numeric.
   */
  configureNumber(args: ConfigureNumberArgs): Promise<void> {
    return this.#dialect.configureNumber(args);
  }

  /**
   * SearchAvailableNumbers: numbers that can be bought now (the answer changes from call to call). v2: local
   * numbers by `prefix`, `city`, `state`, `zipcode`, `lata`, `rateCenter`; toll-free numbers by `prefix` only.
   */
  searchAvailableNumbers(args: SearchAvailableNumbersArgs): Promise<CallFireNumber[]> {
    return this.#dialect.searchAvailableNumbers(args);
  }

  /** QueryKeywords: keywords the account owns. */
  queryKeywords(args: QueryKeywordsArgs = {}): Promise<Page<CallFireKeyword>> {
    return this.#dialect.queryKeywords(args);
  }

  /** SearchAvailableKeywords: which of the given keywords can be bought now. */
  searchAvailableKeywords(args: SearchAvailableKeywordsArgs): Promise<CallFireKeyword[]> {
    return this.#dialect.searchAvailableKeywords(args);
  }

  /**
   * CreateNumberOrder: starts an asynchronous order; poll it with `getNumberOrder`. This request is never
   * retried after CallFire may have received it: a 5xx or a dropped connection is thrown at once, because the
   * order may exist. Callers must reconcile instead of ordering again. v2 orders keywords apart from numbers
   * (an order of both is an `InvalidInputError`) and bulk orders take no `country`, coordinates or `timeZone`.
   */
  async createNumberOrder(args: CreateNumberOrderArgs): Promise<OrderReference> {
    try {
      return await this.#dialect.createNumberOrder(args);
    } catch (error) {
      if (isAmbiguous(error)) (error as Error).message += ORDER_MAY_EXIST;
      throw error;
    }
  }

  /** GetNumberOrder: the state of an order. CallFire asks for at most one poll a second. */
  getNumberOrder(args: GetNumberOrderArgs): Promise<NumberOrder> {
    return this.#dialect.getNumberOrder(args);
  }

  /**
   * Release: stops the auto-renewal of a number and/or keyword; it stays usable until its lease ends. A keyword
   * is released together with its short code, given as `number` (e.g. `{ number: "67076", keyword: "PIZZA" }`).
   */
  release(args: ReleaseArgs): Promise<void> {
    return this.#dialect.release(args);
  }

  /**
   * The orders created within a time interval, oldest first (API v2 only: on 1.1 an `InvalidInputError` naming
   * `apiVersion`). After an order request whose answer was lost, this shows whether CallFire placed the order.
   */
  queryOrders(args: QueryOrdersArgs = {}): Promise<Page<NumberOrder>> {
    return this.#dialect.queryOrders(args);
  }

  /** Every region matching the filters, fetching page after page. */
  iterateRegions(args: QueryRegionsArgs = {}): AsyncGenerator<Region> {
    return paginate((paging) => this.queryRegions({ ...args, ...paging }), args);
  }

  /** Every owned number matching the filters, fetching page after page. */
  iterateNumbers(args: QueryNumbersArgs = {}): AsyncGenerator<CallFireNumber> {
    return paginate((paging) => this.queryNumbers({ ...args, ...paging }), args);
  }

  /** Every owned keyword, fetching page after page. */
  iterateKeywords(args: QueryKeywordsArgs = {}): AsyncGenerator<CallFireKeyword> {
    return paginate((paging) => this.queryKeywords({ ...args, ...paging }), args);
  }

  /** Every order created within the interval (API v2 only), fetching page after page. */
  iterateOrders(args: QueryOrdersArgs = {}): AsyncGenerator<NumberOrder> {
    return paginate((paging) => this.queryOrders({ ...args, ...paging }), args);
  }
}

/** Walks pages from `firstResult` until `totalResults` items were seen or a page comes back short. */
async function* paginate<T>(
  query: (paging: { maxResults: number; firstResult: number }) => Promise<Page<T>>,
  start: { maxResults?: number; firstResult?: number },
): AsyncGenerator<T> {
  const maxResults = start.maxResults ?? 1000;
  let firstResult = start.firstResult ?? 0;
  for (;;) {
    const page = await query({ maxResults, firstResult });
    yield* page.items;
    firstResult += page.items.length;
    if (page.items.length < maxResults || firstResult >= page.totalResults) return;
  }
}
