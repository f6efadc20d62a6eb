/**
 * The plain (resolved) shapes the dynamic providers work with: checked inputs, as stored by the engine, and
 * the outputs recorded in state. The `pulumi.Input` forms users write are in `phoneNumber.ts` and `keyword.ts`.
 */
import type { RegionFilters } from "../client/types.js";

/** `ENABLED` or `DISABLED`: the feature values a user may set. */
export type FeatureSetting = "ENABLED" | "DISABLED";

/** Call tracking: forward inbound calls to transfer numbers. */
export interface TrackingConfiguration {
  /** Selects call tracking. */
  type: "TRACKING";
  /** Numbers inbound calls are forwarded to (any common format; stored as 11 digits). At least one. */
  transferNumbers: string[];
  /** Screen calls before connecting them. Default false. */
  screen?: boolean;
  /** Record calls. Default false. */
  record?: boolean;
  /** Id of a CallFire sound played to the caller first. */
  introSoundId?: string;
  /** Id of a CallFire sound whispered to the person who answers. */
  whisperSoundId?: string;
}

/** An IVR: inbound calls run a dialplan. */
export interface IvrConfiguration {
  /** Selects an IVR. */
  type: "IVR";
  /** The dialplan, well-formed XML. */
  dialplanXml: string;
}

/** How inbound calls are handled: call tracking or an IVR. */
export type InboundConfiguration = TrackingConfiguration | IvrConfiguration;

/** Settings every purchased asset has. */
export interface PurchaseSettings {
  /** Manage an asset the account already owns instead of failing. Only for an exact number or a keyword. */
  adoptExisting: boolean;
  /** Release the asset when the resource is deleted. */
  releaseOnDelete: boolean;
  /** How long create (or an update resuming an order) waits for it, in seconds; default `callfire:orderTimeoutSeconds`. */
  orderTimeoutSeconds?: number;
  /**
   * Which resource this is (project, stack, every ancestor's type and name, its type and name; see
   * `ownership/identity`), set by the resource class. It keys the resource's order journal entries, so that
   * only this resource ever resumes its orders, and names it in holder records.
   */
  __resource?: string;
}

/** Which number to buy: exactly one of the three. */
export interface NumberSelection {
  /** An exact number, 11 digits. */
  number?: string;
  /** One toll-free number. */
  tollFree?: boolean;
  /** One local number in this region. */
  region?: RegionFilters;
}

/** The configuration a user may set on a number. */
export interface NumberSettings {
  /** Calling on or off. */
  callFeature?: FeatureSetting;
  /** Texting on or off. */
  textFeature?: FeatureSetting;
  /** Inbound call handling. */
  inboundCallConfiguration?: InboundConfiguration;
}

/** Checked PhoneNumber inputs. */
export interface PhoneNumberInputs extends NumberSelection, NumberSettings, PurchaseSettings {}

/** Checked Keyword inputs. */
export interface KeywordInputs extends PurchaseSettings {
  /** The keyword, upper case. */
  keyword: string;
}

/** An order that create started but did not see finish; the next update resumes it. */
export interface PendingOrder {
  /** CallFire's order id; absent when the order request's answer was lost. */
  id?: string;
  /** The last status seen, or `UNCONFIRMED` when the order request's answer was lost. */
  status: string;
  /** When the order was placed, ISO 8601. */
  placedAt: string;
  /**
   * The exact asset ordered was looked up just before the order and the account did not own it: with a lost
   * answer, the proof needed to take the asset as this order's (see `JournalEntry.unownedBefore`).
   */
  unownedBefore?: boolean;
}

/** Lease fields every owned asset reports. */
export interface LeaseState {
  /** `ACTIVE`, `PENDING`, `RELEASED`, … */
  status?: string;
  /** First day of the current lease, `YYYY-MM-DD`. */
  leaseBegin?: string;
  /** Last day of the current lease, `YYYY-MM-DD`. */
  leaseEnd?: string;
  /** Whether the lease renews monthly. */
  autoRenew?: boolean;
  /** The order that bought it; absent for adopted assets. */
  orderId?: string;
  /** Set while an order is still pending. */
  pendingOrder?: PendingOrder;
  /**
   * The order journal entry this state accounts for (its order id, or its token while the id is unknown): the
   * resource's next diff, read, update or delete forgets exactly that entry, and no later one.
   */
  __journal?: string;
  /**
   * This state's token in the asset's holder records (see `ownership/holders`): its delete leaves them, and
   * releases the asset only if no other holder is left.
   */
  __holder?: string;
}

/** PhoneNumber state (outputs). `args` keeps the checked inputs, which `diff` compares against. */
export interface PhoneNumberState extends LeaseState, NumberSettings {
  /** The checked inputs this state was produced from. */
  args: PhoneNumberInputs;
  /** The number, 11 digits. */
  number?: string;
  /** The number in US national format. */
  nationalFormat?: string;
  /** Whether it is toll-free. */
  tollFree?: boolean;
  /** Where it is. */
  region?: RegionFilters;
}

/** Keyword state (outputs). */
export interface KeywordState extends LeaseState {
  /** The checked inputs this state was produced from. */
  args: KeywordInputs;
  /** The keyword. */
  keyword: string;
  /** The short code it lives on. */
  shortCode?: string;
}
