/**
 * The CallFire API 1.1 dialect: each NumberService operation as a `.json` REST request with PascalCase
 * parameters, and its `Resource`/`ResourceList`/`ResourceReference` answer decoded.
 */
import { unwrapResource, unwrapResourceList, unwrapResourceReference } from "../wire/envelope.js";
import { toParams } from "../wire/params.js";
import type { WireObject } from "../wire/values.js";
import { decodeKeyword, decodeNumber, decodeNumberOrder, decodeRegion } from "./decode.js";
import { type Dialect, MIN_POLL_INTERVAL_MS } from "./dialect.js";
import {
  checkBoolean,
  checkInteger,
  checkOrderId,
  checkText,
  configurationParams,
  orderParams,
  pagingFields,
  regionFields,
  releaseTargets,
} from "./encode.js";
import { InvalidInputError } from "./errors.js";
import { normalizeKeyword, normalizePhoneNumber } from "./normalize.js";
import type { Transport } from "./transport.js";
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

/** The CallFire API 1.1 NumberService over REST with `.json` answers. */
export class Api11 implements Dialect {
  readonly #transport: Transport;

  /** Sends through `transport`, which must speak the 1.1 wire format. */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** `GET /number/regions`. */
  async queryRegions(args: QueryRegionsArgs): Promise<Page<Region>> {
    const fields = { ...regionFields(args), ...pagingFields(args) };
    return this.#get("QueryRegions", "number/regions", fields, (body) => page(body, "Region", decodeRegion));
  }

  /** `GET /number`. */
  async queryNumbers(args: QueryNumbersArgs): Promise<Page<CallFireNumber>> {
    checkText("labelName", args.labelName, /\S/, "a non-empty string");
    const fields = { ...regionFields(args), labelName: args.labelName, ...pagingFields(args) };
    return this.#get("QueryNumbers", "number", fields, (body) => page(body, "Number", decodeNumber));
  }

  /** `GET /number/{Number}`. */
  async getNumber(args: GetNumberArgs): Promise<CallFireNumber> {
    const number = normalizePhoneNumber(args?.number);
    return this.#get("GetNumber", `number/${number}`, {}, (body) =>
      decodeNumber(unwrapResource(body, "Number")),
    );
  }

  /** `PUT /number/{Number}` with the whole configuration in one request. */
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

  /** `GET /number/search`. */
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

  /** `GET /number/keyword`. */
  async queryKeywords(args: QueryKeywordsArgs): Promise<Page<CallFireKeyword>> {
    return this.#get("QueryKeywords", "number/keyword", pagingFields(args), (body) =>
      page(body, "Keyword", decodeKeyword),
    );
  }

  /** `GET /number/keyword/search` with one space-separated `Keywords`. */
  async searchAvailableKeywords(args: SearchAvailableKeywordsArgs): Promise<CallFireKeyword[]> {
    if (!Array.isArray(args?.keywords)) throw new InvalidInputError("keywords", "must be a list of keywords");
    const keywords = args.keywords.map((keyword, index) => normalizeKeyword(keyword, `keywords[${index}]`));
    if (keywords.length === 0) return [];
    return this.#get("SearchAvailableKeywords", "number/keyword/search", { keywords }, (body) =>
      unwrapResourceList(body, "Keyword").items.map(decodeKeyword),
    );
  }

  /** `POST /number/order`: numbers, keywords and bulk counts in one order. */
  async createNumberOrder(args: CreateNumberOrderArgs): Promise<OrderReference> {
    return this.#transport.send(
      {
        operation: "CreateNumberOrder",
        method: "POST",
        path: "number/order",
        params: orderParams(args ?? {}),
        retry: "once",
      },
      unwrapResourceReference,
    );
  }

  /** `GET /number/order/{Id}`. */
  async getNumberOrder(args: GetNumberOrderArgs): Promise<NumberOrder> {
    const id = checkOrderId(args);
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

  /** `PUT /number/release` with `Number` and/or `Keyword`. */
  async release(args: ReleaseArgs): Promise<void> {
    const { number, keyword, shortCode } = releaseTargets(args);
    await this.#transport.send({
      operation: "Release",
      method: "PUT",
      path: "number/release",
      params: toParams({ number: number ?? shortCode, keyword }),
      retry: "idempotent",
    });
  }

  /** API 1.1 cannot list orders. */
  async queryOrders(): Promise<Page<NumberOrder>> {
    throw new InvalidInputError(
      "apiVersion",
      'listing orders needs CallFire API v2: create the client with apiVersion "v2" (stack config callfire:apiVersion)',
    );
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
