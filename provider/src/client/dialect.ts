/**
 * What a CallFire API dialect (1.1 or v2) provides: the ten NumberService operations with the client's
 * argument and result types, and the wire details the shared HTTP layer needs. `CallFireClient` checks its
 * options, then hands every call to the dialect it was built for.
 */
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

/** A CallFire API version: `"1.1"` (the NumberService REST API) or `"v2"` (CallFire's current API). */
export type ApiVersion = "1.1" | "v2";

/** The CallFire API versions the client speaks. */
export const API_VERSIONS: readonly ApiVersion[] = ["1.1", "v2"];

/** CallFire allows at most one GetNumberOrder a second for an order; retries of a poll wait at least this. */
export const MIN_POLL_INTERVAL_MS = 1000;

/** The operations, each translated to one dialect's requests and answers. */
export interface Dialect {
  /** QueryRegions. */
  queryRegions(args: QueryRegionsArgs): Promise<Page<Region>>;
  /** QueryNumbers. */
  queryNumbers(args: QueryNumbersArgs): Promise<Page<CallFireNumber>>;
  /** GetNumber. */
  getNumber(args: GetNumberArgs): Promise<CallFireNumber>;
  /** ConfigureNumber. */
  configureNumber(args: ConfigureNumberArgs): Promise<void>;
  /** SearchAvailableNumbers. */
  searchAvailableNumbers(args: SearchAvailableNumbersArgs): Promise<CallFireNumber[]>;
  /** QueryKeywords. */
  queryKeywords(args: QueryKeywordsArgs): Promise<Page<CallFireKeyword>>;
  /** SearchAvailableKeywords. */
  searchAvailableKeywords(args: SearchAvailableKeywordsArgs): Promise<CallFireKeyword[]>;
  /** CreateNumberOrder. */
  createNumberOrder(args: CreateNumberOrderArgs): Promise<OrderReference>;
  /** GetNumberOrder. */
  getNumberOrder(args: GetNumberOrderArgs): Promise<NumberOrder>;
  /** Release. */
  release(args: ReleaseArgs): Promise<void>;
  /** The orders placed in a time interval (v2 only). */
  queryOrders(args: QueryOrdersArgs): Promise<Page<NumberOrder>>;
}
