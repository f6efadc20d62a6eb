/**
 * The CallFire API v2 dialect: the ten NumberService operations translated to v2's resources (leases, configs,
 * orders), with its JSON bodies, repeated list parameters, `limit`/`offset` paging and `ErrorResponse` errors.
 * Where v2 differs from 1.1, the difference is on the method (see the README, "CallFire API versions").
 */
import {
  readErrorResponse,
  unwrapItemList,
  unwrapObject,
  unwrapPage,
  unwrapResourceId,
} from "../../wire/v2/envelope.js";
import { type QueryValue, toQuery } from "../../wire/v2/query.js";
import type { WireObject } from "../../wire/values.js";
import { type Dialect, MIN_POLL_INTERVAL_MS } from "../dialect.js";
import { checkBoolean, checkInteger, checkOrderId, checkText, releaseTargets } from "../encode.js";
import { InvalidInputError } from "../errors.js";
import { normalizeKeyword, normalizePhoneNumber } from "../normalize.js";
import type { Transport, WireFormat, WireRequest } from "../transport.js";
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
} from "../types.js";
import {
  decodeKeyword,
  decodeNumber,
  decodeNumberConfig,
  decodeNumberOrder,
  decodeRegion,
} from "./decode.js";
import { configurationBodies, toMillis, v2Paging, v2RegionFields } from "./encode.js";

/** The API v2 wire format: plain paths, `ErrorResponse` error bodies. */
export const API_V2_WIRE: WireFormat = { pathSuffix: "", readErrorMessage: readErrorResponse };

/** CallFire API v2 (`https://api.callfire.com/v2`). */
export class ApiV2 implements Dialect {
  readonly #transport: Transport;
  readonly #baseUrl: string;

  /** Sends through `transport`, which must use {@link API_V2_WIRE}; `baseUrl` makes order locations. */
  constructor(transport: Transport, baseUrl: string) {
    this.#transport = transport;
    this.#baseUrl = baseUrl;
  }

  /** `GET /numbers/regions`; v2 has no `country`, `latitude`, `longitude` or `timeZone` filter. */
  async queryRegions(args: QueryRegionsArgs): Promise<Page<Region>> {
    const paging = v2Paging(args);
    const fields = { ...v2RegionFields(args, "regions", "regions"), ...paging };
    return this.#get("QueryRegions", "numbers/regions", fields, (body) =>
      page(body, paging.limit, decodeRegion),
    );
  }

  /** `GET /numbers/leases`; the numbers carry their features but not their inbound configuration (see `getNumber`). */
  async queryNumbers(args: QueryNumbersArgs): Promise<Page<CallFireNumber>> {
    checkText("labelName", args.labelName, /\S/, "a non-empty string");
    const paging = v2Paging(args);
    const fields = {
      ...v2RegionFields(args, "leases", "owned numbers"),
      labelName: args.labelName,
      ...paging,
    };
    return this.#get("QueryNumbers", "numbers/leases", fields, (body) =>
      page(body, paging.limit, decodeNumber),
    );
  }

  /** `GET /numbers/leases/{number}` and `GET /numbers/leases/configs/{number}`, merged into one number. */
  async getNumber(args: GetNumberArgs): Promise<CallFireNumber> {
    const number = normalizePhoneNumber(args?.number);
    const lease = await this.#get("GetNumber", `numbers/leases/${number}`, {}, (body) =>
      decodeNumber(unwrapObject(body, "NumberLease")),
    );
    const config = await this.#get("GetNumber", `numbers/leases/configs/${number}`, {}, (body) =>
      decodeNumberConfig(unwrapObject(body, "NumberConfig")),
    );
    return { ...lease, numberConfiguration: { ...lease.numberConfiguration, ...config } };
  }

  /**
   * `PUT /numbers/leases/{number}` for the features, then `PUT /numbers/leases/configs/{number}` for the inbound
   * configuration: two requests (1.1 sends one), each only when something of it is set.
   */
  async configureNumber(args: ConfigureNumberArgs): Promise<void> {
    const number = normalizePhoneNumber(args?.number);
    if (typeof args.configuration !== "object" || args.configuration === null) {
      throw new InvalidInputError("configuration", "is required");
    }
    const { features, config } = configurationBodies(number, args.configuration);
    if (features) await this.#put("ConfigureNumber", `numbers/leases/${number}`, features);
    if (config) await this.#put("ConfigureNumber", `numbers/leases/configs/${number}`, config);
  }

  /**
   * `GET /numbers/local`, or `GET /numbers/tollfree`, with `count` as `limit`. Toll-free numbers are searched by
   * v2's `pattern` (the first two digits after the 1, e.g. `85*`); a longer `prefix` is applied to the answer, so
   * fewer than `count` numbers may come back even when more exist.
   */
  async searchAvailableNumbers(args: SearchAvailableNumbersArgs): Promise<CallFireNumber[]> {
    checkInteger("count", args?.count, 1, 1000);
    if (args.count === undefined)
      throw new InvalidInputError("count", "is required: how many numbers to return");
    checkBoolean("tollFree", args.tollFree);
    const read = (body: unknown) => unwrapItemList(body).map(decodeNumber);
    if (!args.tollFree) {
      const fields = { ...v2RegionFields(args, "local", "local numbers"), limit: args.count };
      return this.#get("SearchAvailableNumbers", "numbers/local", fields, read);
    }
    const prefix = v2RegionFields(args, "tollFree", "toll-free numbers").prefix as string | undefined;
    const digits = prefix?.slice(1) ?? "";
    const pattern = digits === "" ? undefined : `${digits.slice(0, 2)}*`.padEnd(3, "*");
    const found = await this.#get(
      "SearchAvailableNumbers",
      "numbers/tollfree",
      { pattern, limit: args.count },
      read,
    );
    return prefix === undefined ? found : found.filter((number) => number.number.startsWith(prefix));
  }

  /** `GET /keywords/leases`. */
  async queryKeywords(args: QueryKeywordsArgs): Promise<Page<CallFireKeyword>> {
    const paging = v2Paging(args);
    return this.#get("QueryKeywords", "keywords/leases", paging, (body) =>
      page(body, paging.limit, decodeKeyword),
    );
  }

  /** `GET /keywords?keywords=A&keywords=B`. */
  async searchAvailableKeywords(args: SearchAvailableKeywordsArgs): Promise<CallFireKeyword[]> {
    if (!Array.isArray(args?.keywords)) throw new InvalidInputError("keywords", "must be a list of keywords");
    const keywords = args.keywords.map((keyword, index) => normalizeKeyword(keyword, `keywords[${index}]`));
    if (keywords.length === 0) return [];
    return this.#get("SearchAvailableKeywords", "keywords", { keywords }, (body) =>
      unwrapItemList(body).map(decodeKeyword),
    );
  }

  /**
   * `POST /orders/numbers` (numbers and bulk counts) or `POST /orders/keywords` (keywords): v2 orders keywords
   * apart from numbers, so an order of both is refused. Never retried once CallFire may have received it.
   */
  async createNumberOrder(args: CreateNumberOrderArgs): Promise<OrderReference> {
    const order = args ?? {};
    const numbers = (order.numbers ?? []).map((number, index) =>
      normalizePhoneNumber(number, `numbers[${index}]`),
    );
    const keywords = (order.keywords ?? []).map((keyword, index) =>
      normalizeKeyword(keyword, `keywords[${index}]`),
    );
    checkInteger("localCount", order.localCount, 1);
    checkInteger("tollFreeCount", order.tollFreeCount, 1);
    const buysNumbers = numbers.length > 0 || !!order.localCount || !!order.tollFreeCount;
    if (!buysNumbers && keywords.length === 0) {
      throw new InvalidInputError("numbers", "an order needs numbers, keywords, localCount or tollFreeCount");
    }
    if (buysNumbers && keywords.length > 0) {
      throw new InvalidInputError(
        "keywords",
        "CallFire API v2 orders keywords apart from numbers: place one order for the numbers and one for the keywords",
      );
    }
    const body = buysNumbers
      ? {
          numbers: numbers.length > 0 ? numbers : undefined,
          localCount: order.localCount,
          tollFreeCount: order.tollFreeCount,
          ...(order.localCount ? v2RegionFields(order, "order", "a bulk order") : {}),
        }
      : { keywords };
    const id = await this.#transport.send(
      {
        operation: "CreateNumberOrder",
        method: "POST",
        path: buysNumbers ? "orders/numbers" : "orders/keywords",
        params: {},
        json: body,
        retry: "once",
      },
      unwrapResourceId,
    );
    return { id, location: `${this.#baseUrl}/orders/${id}` };
  }

  /** `GET /orders/{id}`. */
  async getNumberOrder(args: GetNumberOrderArgs): Promise<NumberOrder> {
    const id = checkOrderId(args);
    return this.#transport.send(
      {
        operation: "GetNumberOrder",
        method: "GET",
        path: `orders/${id}`,
        params: new URLSearchParams(),
        retry: "idempotent",
        minRetryDelayMs: MIN_POLL_INTERVAL_MS,
      },
      (body) => decodeNumberOrder(unwrapObject(body, "NumberOrder")),
    );
  }

  /**
   * `PUT /numbers/leases/{number}` and/or `PUT /keywords/leases/{keyword}` with `autoRenew: false`. A keyword's
   * short code needs no request of its own: v2 names a keyword lease by the keyword alone.
   */
  async release(args: ReleaseArgs): Promise<void> {
    const { number, keyword } = releaseTargets(args);
    if (number) await this.#put("Release", `numbers/leases/${number}`, { number, autoRenew: false });
    if (keyword) await this.#put("Release", `keywords/leases/${keyword}`, { keyword, autoRenew: false });
  }

  /** `GET /orders` with `intervalBegin`/`intervalEnd` in unix milliseconds. */
  async queryOrders(args: QueryOrdersArgs): Promise<Page<NumberOrder>> {
    const paging = v2Paging(args);
    const fields = {
      intervalBegin: toMillis("intervalBegin", args.intervalBegin),
      intervalEnd: toMillis("intervalEnd", args.intervalEnd),
      ...paging,
    };
    return this.#get("QueryOrders", "orders", fields, (body) => page(body, paging.limit, decodeNumberOrder));
  }

  /** A GET with retries; `read` turns the body into the result. */
  #get<T>(
    operation: string,
    path: string,
    fields: Readonly<Record<string, QueryValue>>,
    read: (body: unknown) => T,
  ): Promise<T> {
    return this.#transport.send(
      { operation, method: "GET", path, params: toQuery(fields), retry: "idempotent" },
      read,
    );
  }

  /** A PUT of a JSON body; PUTs set state, so they are retried like GETs. */
  async #put(operation: string, path: string, json: Record<string, unknown>): Promise<void> {
    const request: WireRequest = { operation, method: "PUT", path, params: {}, json, retry: "idempotent" };
    await this.#transport.send(request);
  }
}

/** One decoded page. */
function page<T>(body: unknown, limit: number, decode: (item: WireObject) => T): Page<T> {
  const { totalResults, items } = unwrapPage(body, limit);
  return { totalResults, items: items.map(decode) };
}
