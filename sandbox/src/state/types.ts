/** A CallFire telephone region (API 1.1 `Region`), in camelCase. */
export interface Region {
  /** The 7-digit number prefix every number of the region starts with, e.g. `1213555`. */
  prefix: string;
  /** City name, upper case as CallFire returns it, e.g. `LOS ANGELES`. */
  city: string;
  /** Two-letter state abbreviation, e.g. `CA`. */
  state: string;
  /** Five-digit zip code. */
  zipcode: string;
  /** Two-letter country code, always `US` in the sandbox. */
  country: string;
  /** Local access and transport area code. */
  lata: string;
  /** Rate center name. */
  rateCenter: string;
  /** Latitude in degrees. */
  latitude: number;
  /** Longitude in degrees. */
  longitude: number;
  /** IANA time zone, e.g. `America/Los_Angeles`. */
  timeZone: string;
}

/**
 * Region filters (all optional; a filter that is set must match). Text compares exactly but
 * case-insensitively; `prefix` matches regions whose prefix starts with the given digits (and numbers
 * that start with them); latitude/longitude compare exactly.
 */
export interface RegionFilter {
  /** Digits the region prefix (or the number) must start with. */
  prefix?: string;
  /** City, case-insensitive. */
  city?: string;
  /** State abbreviation, case-insensitive. */
  state?: string;
  /** Zip code. */
  zipcode?: string;
  /** Country code, case-insensitive. */
  country?: string;
  /** LATA code. */
  lata?: string;
  /** Rate center, case-insensitive. */
  rateCenter?: string;
  /** Exact latitude. */
  latitude?: number;
  /** Exact longitude. */
  longitude?: number;
  /** IANA time zone, case-insensitive. */
  timeZone?: string;
}

/** Filters for the account's own numbers: the region filters plus a label (no labels exist in the sandbox). */
export interface NumberFilter extends RegionFilter {
  /** A label the number must carry; the sandbox has no labels, so any value matches nothing. */
  labelName?: string;
}

/** Which orders to list: a creation-time interval, both ends included; an end left out is open. */
export interface OrderFilter {
  /** Earliest creation time, epoch ms. */
  from?: number;
  /** Latest creation time, epoch ms. */
  to?: number;
}

/** Paging for list queries (CallFire `MaxResults`/`FirstResult`). */
export interface Paging {
  /** Page size, 1..1000; default 1000. */
  maxResults?: number;
  /** Zero-based offset of the first item; default 0. */
  firstResult?: number;
}

/** One page of a list query. */
export interface Page<T> {
  /** How many items match in total (not just on this page): the wire `@totalResults`. */
  total: number;
  /** The items of this page. */
  items: T[];
}

/** CallFire `NumberFeature`: the state of a number's call or text capability. */
export type Feature = "UNSUPPORTED" | "PENDING" | "DISABLED" | "ENABLED";

/** CallFire `NumberStatus` as the sandbox uses it: `ACTIVE` while leased, `RELEASED` once the lease lapsed. */
export type AssetStatus = "ACTIVE" | "RELEASED";

/** A call-tracking inbound configuration (CallFire `CallTrackingConfig`). */
export interface TrackingConfig {
  /** Discriminator: the wire `InboundCallConfigurationType`. */
  type: "TRACKING";
  /** The id the sandbox assigned (wire `@id`). */
  id: number;
  /** Numbers inbound calls are transferred to (11 digits each), in the order given. */
  transferNumbers: string[];
  /** Whether calls are screened. */
  screen: boolean;
  /** Whether calls are recorded. */
  record: boolean;
  /** Sound played to the caller first, if set. */
  introSoundId?: number;
  /** Sound whispered to the transfer target, if set. */
  whisperSoundId?: number;
}

/** An IVR inbound configuration (CallFire `IvrInboundConfig`). */
export interface IvrConfig {
  /** Discriminator: the wire `InboundCallConfigurationType`. */
  type: "IVR";
  /** The id the sandbox assigned (wire `@id`). */
  id: number;
  /** The IVR dialplan XML, if given. */
  dialplanXml?: string;
}

/** Either inbound configuration. */
export type InboundConfig = TrackingConfig | IvrConfig;

/** A number's configuration (CallFire `NumberConfiguration`). */
export interface NumberConfiguration {
  /** Inbound/outbound calling. */
  callFeature: Feature;
  /** Texting; always `UNSUPPORTED` on toll-free numbers. */
  textFeature: Feature;
  /** The inbound call configuration, or null when none was set. */
  inbound: InboundConfig | null;
}

/**
 * A change to a number's configuration, as ConfigureNumber sends it. Every field is optional: a field
 * left out keeps its value. Setting `inboundCallConfigurationType` replaces the inbound configuration
 * with one built from the tracking or IVR fields (the others are refused). Values are validated by
 * the account, so strings are accepted here and checked against the enums.
 */
export interface ConfigurationChange {
  /** `ENABLED` or `DISABLED`. */
  callFeature?: string;
  /** `ENABLED` or `DISABLED` (not on toll-free numbers). */
  textFeature?: string;
  /** `TRACKING` or `IVR`. */
  inboundCallConfigurationType?: string;
  /** TRACKING: 11-digit transfer numbers (a leading `+` is dropped). */
  transferNumbers?: string[];
  /** TRACKING: screen calls (default false). */
  screen?: boolean;
  /** TRACKING: record calls (default false). */
  record?: boolean;
  /** TRACKING: intro sound id, a positive integer. */
  introSoundId?: number;
  /** TRACKING: whisper sound id, a positive integer. */
  whisperSoundId?: number;
  /** IVR: the dialplan XML. */
  dialplanXml?: string;
}

/** A number from inventory (CallFire `Number` without lease or configuration). */
export interface AvailableNumber {
  /** 11-digit E.164 number without `+`, e.g. `12135550123`. */
  number: string;
  /** US national format, e.g. `(213) 555-0123`. */
  nationalFormat: string;
  /** Whether the number is toll-free. */
  tollFree: boolean;
  /** The number's region; absent for toll-free numbers. */
  region?: Region;
}

/** Lease state shared by owned numbers and keywords. */
export interface LeaseState {
  /** `ACTIVE` while leased (also after Release, until the lease ends), `RELEASED` after. */
  status: AssetStatus;
  /** First day of the current lease, `YYYY-MM-DD`. */
  leaseBegin: string;
  /** Last day of the current lease, `YYYY-MM-DD`. */
  leaseEnd: string;
  /** Whether the lease rolls over into a new month when it ends; Release sets it false. */
  autoRenew: boolean;
  /** The order that bought the asset. */
  orderId: number;
}

/** A number the account owns: inventory data, lease and configuration. */
export interface OwnedNumber extends AvailableNumber, LeaseState {
  /** The number's configuration. */
  configuration: NumberConfiguration;
}

/** A keyword on the shared short code (CallFire `Keyword` without lease). */
export interface AvailableKeyword {
  /** The short code, always `67076`. */
  shortCode: string;
  /** The keyword, upper case. */
  keyword: string;
}

/** A keyword the account owns. */
export interface OwnedKeyword extends AvailableKeyword, LeaseState {}

/** A released asset still locked out of inventory. */
export interface ReleasedAsset {
  /** Which kind of asset. */
  kind: "number" | "keyword";
  /** The number (11 digits) or the keyword (upper case). */
  id: string;
  /** Always `RELEASED`. */
  status: "RELEASED";
  /** First day of the last lease, `YYYY-MM-DD`. */
  leaseBegin: string;
  /** Last day of the last lease, `YYYY-MM-DD`. */
  leaseEnd: string;
  /** The day (`YYYY-MM-DD`) the asset can be ordered again: lease end plus one month. */
  availableAgainOn: string;
}

/** CallFire order statuses (the union of every documented revision). */
export const ORDER_STATUSES = [
  "NEW",
  "PROCESSING",
  "FINISHED",
  "ERRORED",
  "VOID",
  "WAIT_FOR_PAYMENT",
  "ADJUSTED",
  "APPROVE_TIER_ONE",
  "APPROVE_TIER_TWO",
  "REJECTED",
  "PAYMENT_ERROR",
  "PARTIALLY_ADJUSTED",
  "PROCESSING_ACH",
  "ACH_ERROR",
] as const;

/** A CallFire order status. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses an order never leaves; all but `FINISHED` are failures that leave nothing owned. */
export const TERMINAL_ORDER_STATUSES: readonly OrderStatus[] = [
  "FINISHED",
  "ERRORED",
  "VOID",
  "REJECTED",
  "PAYMENT_ERROR",
  "ACH_ERROR",
];

/** The asset kinds of an order, named as the wire names the order items. */
export type OrderKind = "localNumbers" | "tollFreeNumbers" | "keywords";

/** One kind of asset in an order (CallFire `NumberOrderItem`, plus the reservation). */
export interface OrderItem {
  /** How many were asked for (explicit ones plus the bulk count). */
  ordered: number;
  /** Price per asset (local 1.00, toll-free 2.00, keyword 5.00). */
  unitCost: number;
  /** Assets the order holds right now (empty once the order is terminal). */
  reserved: string[];
  /** Assets the order delivered (empty until it finishes). */
  fulfilled: string[];
}

/** What CreateNumberOrder asks for. At least one part must be present. */
export interface OrderRequest {
  /** Explicit numbers (11 digits, optional leading `+`); toll-free ones count as toll-free. */
  numbers?: string[];
  /** Explicit keywords (2..64 letters or digits, any case). */
  keywords?: string[];
  /** Bulk: how many local numbers matching `region` to pick. */
  localCount?: number;
  /** Bulk: the region filters for `localCount`. */
  region?: RegionFilter;
  /** Bulk: how many toll-free numbers to pick. */
  tollFreeCount?: number;
}

/** What Release asks for: a number, a keyword, or both. */
export interface ReleaseRequest {
  /** The number to release (optional leading `+`). */
  number?: string;
  /** The keyword to release (any case). */
  keyword?: string;
}

/** SearchAvailableNumbers arguments. */
export interface NumberSearch extends RegionFilter {
  /** Search toll-free instead of local numbers (default false). */
  tollFree?: boolean;
  /** How many to return, 1..500 (required). */
  count?: number;
}
