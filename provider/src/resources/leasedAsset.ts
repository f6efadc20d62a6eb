/**
 * What both resources share on the program side: the purchase settings users pass, and the lease outputs
 * every owned CallFire asset reports.
 */
import * as pulumi from "@pulumi/pulumi";

/** Settings of a purchase, common to `PhoneNumberArgs` and `KeywordArgs`. */
export interface PurchaseArgs {
  /** If the account already owns this exact number or keyword, manage it instead of failing. Default false. */
  adoptExisting?: pulumi.Input<boolean>;
  /**
   * Release the asset when the resource is deleted. Default true; `false` leaves it in the account. A released
   * keyword cannot be bought back for a month after its lease ends.
   */
  releaseOnDelete?: pulumi.Input<boolean>;
  /**
   * How long create (or the next up, resuming its order) waits for CallFire's order, in seconds. Default
   * `callfire:orderTimeoutSeconds` (300).
   */
  orderTimeoutSeconds?: pulumi.Input<number>;
}

/** The lease outputs, declared as `undefined` inputs so that the SDK registers them as outputs. */
export const LEASE_OUTPUTS = {
  status: undefined,
  leaseBegin: undefined,
  leaseEnd: undefined,
  autoRenew: undefined,
  orderId: undefined,
};

/** A CallFire number or keyword the account leases month by month. */
export abstract class LeasedAsset extends pulumi.dynamic.Resource {
  /** Lease status: `ACTIVE`, `PENDING`, … */
  declare public readonly status: pulumi.Output<string>;
  /** First day of the current lease, `YYYY-MM-DD`. */
  declare public readonly leaseBegin: pulumi.Output<string>;
  /** Last day of the current lease, `YYYY-MM-DD`. */
  declare public readonly leaseEnd: pulumi.Output<string>;
  /** Whether the lease renews monthly (false once released). */
  declare public readonly autoRenew: pulumi.Output<boolean>;
  /** The CallFire order that bought it; absent for an adopted asset. */
  declare public readonly orderId: pulumi.Output<string | undefined>;
}

/** Whether `obj` is a resource of type token `type` (generated SDKs' `isInstance`, which works across package copies). */
export function isOfType(obj: unknown, type: string): boolean {
  return typeof obj === "object" && obj !== null && (obj as { __pulumiType?: unknown }).__pulumiType === type;
}
