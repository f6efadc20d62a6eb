/** The `Keyword` resource: an SMS keyword on CallFire's short code, ordered on create and released on delete. */
import * as pulumi from "@pulumi/pulumi";
import { keywordShim } from "./shim.js";

/** The arguments of a `Keyword`. */
export interface KeywordArgs {
  /** The keyword: 2 to 64 letters or digits, any case (stored upper case), e.g. `"pizza"`. */
  keyword: pulumi.Input<string>;
  /** If the account already owns this keyword, manage it instead of failing. Default false. */
  adoptExisting?: pulumi.Input<boolean>;
  /**
   * Release the keyword when the resource is deleted. Default true. A released keyword cannot be bought back
   * for a month after its lease ends.
   */
  releaseOnDelete?: pulumi.Input<boolean>;
  /** How long create waits for CallFire's order, in seconds. Default `callfire:orderTimeoutSeconds` (300). */
  orderTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * A CallFire SMS keyword.
 *
 * ```ts
 * const promo = new callfire.Keyword("promo", { keyword: "pizza" });
 * ```
 */
export class Keyword extends pulumi.dynamic.Resource {
  /** The keyword, upper case. */
  declare public readonly keyword: pulumi.Output<string>;
  /** The short code the keyword lives on, e.g. `67076`. */
  declare public readonly shortCode: pulumi.Output<string>;
  /** Lease status: `ACTIVE`, `PENDING`, … */
  declare public readonly status: pulumi.Output<string>;
  /** First day of the current lease, `YYYY-MM-DD`. */
  declare public readonly leaseBegin: pulumi.Output<string>;
  /** Last day of the current lease, `YYYY-MM-DD`. */
  declare public readonly leaseEnd: pulumi.Output<string>;
  /** Whether the lease renews monthly (false once released). */
  declare public readonly autoRenew: pulumi.Output<boolean>;
  /** The CallFire order that bought the keyword; absent for an adopted keyword. */
  declare public readonly orderId: pulumi.Output<string | undefined>;

  /** Orders (or adopts) a keyword; see `KeywordArgs`. */
  constructor(name: string, args: KeywordArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      keywordShim,
      name,
      {
        ...args,
        keyword: pulumi
          .output(args.keyword)
          .apply((k) => (typeof k === "string" ? k.trim().toUpperCase() : k)),
        shortCode: undefined,
        status: undefined,
        leaseBegin: undefined,
        leaseEnd: undefined,
        autoRenew: undefined,
        orderId: undefined,
      },
      opts,
      "callfire",
      "Keyword",
    );
  }
}
