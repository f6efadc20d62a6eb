/**
 * `CallFireClient`: one method per operation of the CallFire API 1.1 NumberService, plus iterators over every
 * page of the three query operations.
 */
import { unwrapResource, unwrapResourceList, unwrapResourceReference } from "../wire/envelope.js";
import { toParams } from "../wire/params.js";
import type { WireObject } from "../wire/values.js";
import { decodeKeyword, decodeNumber, decodeNumberOrder, decodeRegion } from "./decode.js";
import {
  checkBoolean,
  checkInteger,
  checkText,
  configurationParams,
  orderParams,
  pagingFields,
  regionFields,
} from "./encode.js";
import { InvalidInputError, isAmbiguous } from "./errors.js";
import { normalizeKeyword, normalizePhoneNumber } from "./normalize.js";
import { type RetryOptions, Transport } from "./transport.js";
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
  QueryRegionsArgs,
  Region,
  ReleaseArgs,
  SearchAvailableKeywordsArgs,
  SearchAvailableNumbersArgs,
} from "./types.js";

/** CallFire's production API 1.1 REST endpoint. */
export const DEFAULT_BASE_URL = "https://www.callfire.com/api/1.1/rest";

/** What a CreateNumberOrder failure that CallFire may have acted on adds to its message. */
const ORDER_MAY_EXIST =
  ". The order may have been placed anyway (CallFire may have acted on it before its answer was lost); it was not " +
  "sent again, since that could buy twice. Look for what it bought (queryNumbers, queryKeywords) before ordering again";

/** CallFire allows at most one GetNumberOrder a second for an order; retries of a poll wait at least this. */
export const MIN_POLL_INTERVAL_MS = 1000;

/** Settings of a `CallFireClient`. */
export interface CallFireClientOptions {
  /** Base URL of the 1.1 REST API. Default `https://www.callfire.com/api/1.1/rest`; a sandbox URL for local runs. */
  baseUrl?: string;
  /** API login (CallFire account settings → API access). */
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

/** A typed client for the CallFire API 1.1 NumberService. */
export class CallFireClient {
  readonly #transport: Transport;
  /** The base URL requests go to. */
  readonly baseUrl: string;

  /** Checks the options; makes no request. */
  constructor(options: CallFireClientOptions) {
    for (const key of ["username", "password"] as const) {
      if (typeof options?.[key] !== "string" || options[key] === "") {
        throw new InvalidInputError(key, "is required: give the CallFire API login and password");
      }
    }
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
    if (!/^https?:\/\//i.test(this.baseUrl)) {
      throw new InvalidInputError("baseUrl", `must be an http(s) URL such as ${DEFAULT_BASE_URL}`);
    }
    // Basic auth over plain HTTP would send the real password in clear text: CallFire itself only over https.
    if (/^http:\/\/([^/]+\.)?callfire\.com(:\d+)?(\/|$)/i.test(this.baseUrl)) {
      throw new InvalidInputError("baseUrl", `must use https for CallFire (${DEFAULT_BASE_URL}), not http`);
    }
    checkInteger("timeoutMs", options.timeoutMs, 1);
    checkInteger("retry.limit", options.retry?.limit, 0, 20);
    this.#transport = new Transport({
      baseUrl: this.baseUrl,
      username: options.username,
      password: options.password,
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: { limit: 4, baseDelayMs: 500, maxDelayMs: 10_000, maxRetryAfterMs: 60_000, ...options.retry },
      log: options.log,
    });
  }

  /** QueryRegions: regions that local numbers can come from. */
  async queryRegions(args: QueryRegionsArgs = {}): Promise<Page<Region>> {
    const fields = { ...regionFields(args), ...pagingFields(args) };
    return this.#get("QueryRegions", "number/regions", fields, (body) => page(body, "Region", decodeRegion));
  }

  /** QueryNumbers: numbers the account owns. */
  async queryNumbers(args: QueryNumbersArgs = {}): Promise<Page<CallFireNumber>> {
    checkText("labelName", args.labelName, /\S/, "a non-empty string");
    const fields = { ...regionFields(args), labelName: args.labelName, ...pagingFields(args) };
    return this.#get("QueryNumbers", "number", fields, (body) => page(body, "Number", decodeNumber));
  }

  /** GetNumber: one owned number with its lease and configuration. A number the account lacks → `NotFoundError`. */
  async getNumber(args: GetNumberArgs): Promise<CallFireNumber> {
    const number = normalizePhoneNumber(args?.number);
    return this.#get("GetNumber", `number/${number}`, {}, (body) =>
      decodeNumber(unwrapResource(body, "Number")),
    );
  }

  /** ConfigureNumber: sets features and the inbound call configuration of an owned number. */
  async configureNumber(args: ConfigureNumberArgs): Promise<void> {
    const number = normalizePhoneNumber(args?.number);
    if (typeof args.configuration !== "object" || args.configuration === null) {
      throw new InvalidInputError("configuration", "is required");
    }
    await this.#transport.send({
      operation: "ConfigureNumber",
      method: "PUT",
      path: `number/${number}`,
      params: configurationParams(args.configuration),
      retry: "idempotent",
    });
  }

  /** SearchAvailableNumbers: numbers that can be bought now (the answer changes from call to call). */
  async searchAvailableNumbers(args: SearchAvailableNumbersArgs): Promise<CallFireNumber[]> {
    checkInteger("count", args?.count, 1, 1000);
    if (args.count === undefined)
      throw new InvalidInputError("count", "is required: how many numbers to return");
    checkBoolean("tollFree", args.tollFree);
    const fields = { ...regionFields(args), tollFree: args.tollFree, count: args.count };
    return this.#get("SearchAvailableNumbers", "number/search", fields, (body) =>
      unwrapResourceList(body, "Number").items.map(decodeNumber),
    );
  }

  /** QueryKeywords: keywords the account owns. */
  async queryKeywords(args: QueryKeywordsArgs = {}): Promise<Page<CallFireKeyword>> {
    return this.#get("QueryKeywords", "number/keyword", pagingFields(args), (body) =>
      page(body, "Keyword", decodeKeyword),
    );
  }

  /** SearchAvailableKeywords: which of the given keywords can be bought now. */
  async searchAvailableKeywords(args: SearchAvailableKeywordsArgs): Promise<CallFireKeyword[]> {
    if (!Array.isArray(args?.keywords)) throw new InvalidInputError("keywords", "must be a list of keywords");
    const keywords = args.keywords.map((keyword, index) => normalizeKeyword(keyword, `keywords[${index}]`));
    if (keywords.length === 0) return [];
    return this.#get("SearchAvailableKeywords", "number/keyword/search", { keywords }, (body) =>
      unwrapResourceList(body, "Keyword").items.map(decodeKeyword),
    );
  }

  /**
   * CreateNumberOrder: starts an asynchronous order; poll it with `getNumberOrder`. This request is never
   * retried after CallFire may have received it: a 5xx or a dropped connection is thrown at once, because the
   * order may exist. Callers must reconcile instead of ordering again.
   */
  async createNumberOrder(args: CreateNumberOrderArgs): Promise<OrderReference> {
    try {
      return await this.#transport.send(
        {
          operation: "CreateNumberOrder",
          method: "POST",
          path: "number/order",
          params: orderParams(args ?? {}),
          retry: "once",
        },
        unwrapResourceReference,
      );
    } catch (error) {
      if (isAmbiguous(error)) (error as Error).message += ORDER_MAY_EXIST;
      throw error;
    }
  }

  /** GetNumberOrder: the state of an order. CallFire asks for at most one poll a second. */
  async getNumberOrder(args: GetNumberOrderArgs): Promise<NumberOrder> {
    const id = String(args?.id ?? "");
    if (!/^\d+$/.test(id))
      throw new InvalidInputError("id", `must be a numeric order id, got ${JSON.stringify(id)}`);
    return this.#transport.send(
      {
        operation: "GetNumberOrder",
        method: "GET",
        path: `number/order/${id}`,
        params: {},
        retry: "idempotent",
        minRetryDelayMs: MIN_POLL_INTERVAL_MS,
      },
      (body) => decodeNumberOrder(unwrapResource(body, "NumberOrder")),
    );
  }

  /**
   * Release: stops the auto-renewal of a number and/or keyword; it stays usable until its lease ends. A keyword
   * is released together with its short code, given as `number` (e.g. `{ number: "67076", keyword: "PIZZA" }`).
   */
  async release(args: ReleaseArgs): Promise<void> {
    if (!args?.number && !args?.keyword)
      throw new InvalidInputError("number", "give a number or a keyword to release");
    const keyword = args.keyword === undefined ? undefined : normalizeKeyword(args.keyword);
    const isShortCode = keyword !== undefined && /^\d{4,6}$/.test(args.number ?? "");
    const number = args.number === undefined || isShortCode ? args.number : normalizePhoneNumber(args.number);
    await this.#transport.send({
      operation: "Release",
      method: "PUT",
      path: "number/release",
      params: toParams({ number, keyword }),
      retry: "idempotent",
    });
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

  /** A GET with retries for idempotent requests; `read` turns the body into the result. */
  #get<T>(
    operation: string,
    path: string,
    fields: Parameters<typeof toParams>[0],
    read: (body: unknown) => T,
  ): Promise<T> {
    return this.#transport.send(
      { operation, method: "GET", path, params: toParams(fields), retry: "idempotent" },
      read,
    );
  }
}

/** One page of a query: the total and the decoded items. */
function page<T>(body: unknown, typeName: string, decode: (item: WireObject) => T): Page<T> {
  const list = unwrapResourceList(body, typeName);
  return { totalResults: list.totalResults, items: list.items.map(decode) };
}

/** Walks pages from `firstResult` until `totalResults` items were seen or a page comes back empty. */
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
    if (page.items.length === 0 || firstResult >= page.totalResults) return;
  }
}
