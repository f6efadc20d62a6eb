/**
 * The CallFire NumberService data types (API 1.1 names, camelCase), shared by both API dialects. Phone numbers, ids, prefixes and zip
 * codes are strings; lists are arrays; enum values CallFire adds later are kept as the strings it sends.
 */

/** Filters that select a region; every field is optional and they combine with AND. */
export interface RegionFilters {
  /** 4 to 7 leading digits of the number including the country code `1`, e.g. `"1213"` or `"1213555"`. */
  prefix?: string;
  /** City name, e.g. `"Los Angeles"`. */
  city?: string;
  /** Two-letter state abbreviation, e.g. `"CA"`. */
  state?: string;
  /** Five-digit US zip code, e.g. `"90012"`. */
  zipcode?: string;
  /** Two-letter country code, e.g. `"US"`. */
  country?: string;
  /** Local access and transport area code, e.g. `"730"`. */
  lata?: string;
  /** Telephone rate center, e.g. `"LSAN DA 01"`. */
  rateCenter?: string;
  /** Latitude in decimal degrees. */
  latitude?: number;
  /** Longitude in decimal degrees. */
  longitude?: number;
  /** IANA time zone, e.g. `"America/Los_Angeles"`. */
  timeZone?: string;
}

/** A CallFire region (1.1 `Region`): where local numbers come from. */
export interface Region extends RegionFilters {}

/** Lease state of a number or keyword (1.1 `NumberStatus`). */
export type NumberStatus = "PENDING" | "ACTIVE" | "RELEASED" | "UNAVAILABLE" | (string & {});

/** Whether a feature of a number is on (1.1 `NumberFeature`). `UNSUPPORTED` and `PENDING` are set by CallFire. */
export type NumberFeature = "UNSUPPORTED" | "PENDING" | "DISABLED" | "ENABLED" | (string & {});

/** Which inbound call configuration a number uses (1.1 `InboundType`). */
export type InboundType = "TRACKING" | "IVR" | (string & {});

/** Status of a number order (1.1 `OrderStatus`, with the values later documentation revisions added). */
export type OrderStatus =
  | "NEW"
  | "PROCESSING"
  | "FINISHED"
  | "ERRORED"
  | "VOID"
  | "WAIT_FOR_PAYMENT"
  | "ADJUSTED"
  | "PARTIALLY_ADJUSTED"
  | "APPROVE_TIER_ONE"
  | "APPROVE_TIER_TWO"
  | "REJECTED"
  | "PAYMENT_ERROR"
  | "PROCESSING_ACH"
  | "ACH_ERROR"
  | (string & {});

/** The billing lease of an owned number or keyword (1.1 `LeaseInfo`). */
export interface LeaseInfo {
  /** First day of the current lease, `YYYY-MM-DD`. */
  leaseBegin?: string;
  /** Last day of the current lease, `YYYY-MM-DD`; the asset stays usable until then even after a release. */
  leaseEnd?: string;
  /** Whether the lease renews every month. Release turns this off. */
  autoRenew: boolean;
}

/** Call tracking: inbound calls are forwarded to transfer numbers (1.1 `CallTrackingConfig`). */
export interface CallTrackingConfig {
  /** CallFire's id of this configuration (assigned by CallFire; ignored when configuring). */
  id?: string;
  /** Numbers that inbound calls are forwarded to, 11 digits each. */
  transferNumbers: string[];
  /** Screen calls before connecting them. */
  screen?: boolean;
  /** Record calls. */
  record?: boolean;
  /** Id of a sound played to the caller before the transfer. */
  introSoundId?: string;
  /** Id of a sound whispered to the person who answers. */
  whisperSoundId?: string;
}

/** An interactive voice response dialplan (1.1 `IvrInboundConfig`). */
export interface IvrInboundConfig {
  /** CallFire's id of this configuration (assigned by CallFire; ignored when configuring). */
  id?: string;
  /** The IVR dialplan XML. */
  dialplanXml?: string;
}

/** Exactly one inbound call configuration (1.1 `InboundCallConfiguration`, a choice). */
export interface InboundCallConfiguration {
  /** Present when the type is `TRACKING`. */
  callTrackingConfig?: CallTrackingConfig;
  /** Present when the type is `IVR`. */
  ivrInboundConfig?: IvrInboundConfig;
}

/** Features and inbound call handling of a number (1.1 `NumberConfiguration`). */
export interface NumberConfiguration {
  /** Inbound and outbound calling. */
  callFeature?: NumberFeature;
  /** Inbound and outbound texting; `UNSUPPORTED` on toll-free numbers. */
  textFeature?: NumberFeature;
  /** Which of the inbound configurations applies. */
  inboundCallConfigurationType?: InboundType;
  /** The inbound configuration itself. */
  inboundCallConfiguration?: InboundCallConfiguration;
}

/**
 * A phone number (1.1 `Number`). Available numbers from a search carry only `number`, `nationalFormat`,
 * `tollFree` and `region`; owned numbers also carry `status`, `leaseInfo` and `numberConfiguration`.
 */
export interface CallFireNumber {
  /** The number as 11 digits, E.164 without the `+`, e.g. `"12135551234"`. */
  number: string;
  /** The number as people write it in the US, e.g. `"(213) 555-1234"`. */
  nationalFormat: string;
  /** Whether this is a toll-free number. */
  tollFree: boolean;
  /** Where the number is (toll-free numbers may have none). */
  region?: Region;
  /** Lease state of an owned number. */
  status?: NumberStatus;
  /** Lease of an owned number. */
  leaseInfo?: LeaseInfo;
  /** Configuration of an owned number. */
  numberConfiguration?: NumberConfiguration;
}

/** An SMS keyword on a short code (1.1 `Keyword`; named apart from the `Keyword` resource). */
export interface CallFireKeyword {
  /** The short code the keyword lives on, e.g. `"67076"`. */
  shortCode: string;
  /** The keyword, upper case, letters and digits. */
  keyword: string;
  /** Lease state of an owned keyword. */
  status?: NumberStatus;
  /** Lease of an owned keyword. */
  leaseInfo?: LeaseInfo;
}

/** One kind of asset in an order (1.1 `NumberOrderItem`). */
export interface NumberOrderItem {
  /** How many were ordered. */
  ordered: number;
  /** Price of one, in the account's currency. */
  unitCost: number;
  /** What was actually delivered: numbers (11 digits) or keywords. May be shorter than `ordered`. */
  fulfilled: string[];
}

/** An asynchronous order for numbers and keywords (1.1 `NumberOrder`). */
export interface NumberOrder {
  /** The order id. */
  id: string;
  /** Where the order is; `FINISHED` and `ERRORED` are the documented terminal states. */
  status: OrderStatus;
  /** When the order was created, ISO 8601. */
  created: string;
  /** Total cost of the order. */
  totalCost: number;
  /** Local numbers ordered, if any. */
  localNumbers?: NumberOrderItem;
  /** Toll-free numbers ordered, if any. */
  tollFreeNumbers?: NumberOrderItem;
  /** Keywords ordered, if any. */
  keywords?: NumberOrderItem;
}

/** One page of a query. */
export interface Page<T> {
  /**
   * How many items match the query in all, across every page. When CallFire API v2 does not know the total
   * (`totalCount` -1), a lower bound: the items up to this page's end, plus one if the page is full.
   */
  totalResults: number;
  /** The items on this page. */
  items: T[];
}

/** Paging of the query operations. */
export interface Paging {
  /** Page size, 1 to 1000 (CallFire's default and maximum is 1000). */
  maxResults?: number;
  /** Zero-based offset of the first item. */
  firstResult?: number;
}

/** Arguments of `queryRegions`. */
export interface QueryRegionsArgs extends RegionFilters, Paging {}

/** Arguments of `queryNumbers`: numbers the account owns. */
export interface QueryNumbersArgs extends RegionFilters, Paging {
  /** Only numbers that carry this label. */
  labelName?: string;
}

/** Arguments of `getNumber`. */
export interface GetNumberArgs {
  /** The number, in any common format (normalised to 11 digits). */
  number: string;
}

/** Arguments of `configureNumber`. */
export interface ConfigureNumberArgs {
  /** The number to configure, in any common format. */
  number: string;
  /** The configuration to apply. Fields left out are not changed. */
  configuration: NumberConfiguration;
}

/** Arguments of `searchAvailableNumbers`. */
export interface SearchAvailableNumbersArgs extends RegionFilters {
  /** Search toll-free numbers instead of local ones. */
  tollFree?: boolean;
  /** How many numbers to return at most (required by CallFire). */
  count: number;
}

/** Arguments of `queryKeywords`: keywords the account owns. */
export interface QueryKeywordsArgs extends Paging {}

/** Arguments of `searchAvailableKeywords`. */
export interface SearchAvailableKeywordsArgs {
  /** Keywords to check; the result holds the ones that can be bought. */
  keywords: string[];
}

/** Arguments of `createNumberOrder`: exact numbers, keywords, or a bulk count with region filters. */
export interface CreateNumberOrderArgs extends RegionFilters {
  /** Exact numbers to buy, any common format. */
  numbers?: string[];
  /** Keywords to buy. */
  keywords?: string[];
  /** How many local numbers to buy from the region given by the filters. */
  localCount?: number;
  /** How many toll-free numbers to buy. */
  tollFreeCount?: number;
}

/** The result of `createNumberOrder`. */
export interface OrderReference {
  /** The new order's id, to pass to `getNumberOrder`. */
  id: string;
  /** The URL of the new order. */
  location: string;
}

/** Arguments of `getNumberOrder`. */
export interface GetNumberOrderArgs {
  /** The order id. */
  id: string;
}

/** Arguments of `release`: a number, a keyword, or a keyword with its short code. */
export interface ReleaseArgs {
  /** The number to release, any common format; or, with `keyword`, the keyword's short code. */
  number?: string;
  /** The keyword to release. */
  keyword?: string;
}

/** Arguments of `queryOrders` (CallFire API v2 only): orders created within a time interval. */
export interface QueryOrdersArgs extends Paging {
  /** Earliest creation time, ISO 8601 (e.g. `"2026-12-02T01:00:00Z"`) or a `Date`; no lower bound when left out. */
  intervalBegin?: string | Date;
  /** Latest creation time, ISO 8601 or a `Date`; no upper bound when left out. */
  intervalEnd?: string | Date;
}
