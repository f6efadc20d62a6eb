/** The `Keyword` resource: an SMS keyword on CallFire's short code, ordered on create and released on delete. */
import * as pulumi from "@pulumi/pulumi";
import { normalizedIfValid, normalizeKeyword } from "../client/normalize.js";
import { LEASE_OUTPUTS, LeasedAsset, type PurchaseArgs } from "./leasedAsset.js";
import { resourceIdentity } from "./ownership/identity.js";
import { keywordShim } from "./shim.js";

/** The arguments of a `Keyword`. */
export interface KeywordArgs extends PurchaseArgs {
  /** The keyword: 2 to 64 letters or digits, any case (stored upper case), e.g. `"pizza"`. */
  keyword: pulumi.Input<string>;
}

/**
 * A CallFire SMS keyword.
 *
 * ```ts
 * const promo = new callfire.Keyword("promo", { keyword: "pizza" });
 * ```
 */
export class Keyword extends LeasedAsset {
  /** The keyword, upper case. */
  declare public readonly keyword: pulumi.Output<string>;
  /** The short code the keyword lives on, e.g. `67076`. */
  declare public readonly shortCode: pulumi.Output<string>;

  /** Orders (or adopts) a keyword; see `KeywordArgs`. */
  constructor(name: string, args: KeywordArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      keywordShim,
      name,
      {
        ...args,
        keyword: pulumi.output(args.keyword).apply(normalizedIfValid(normalizeKeyword)),
        shortCode: undefined,
        ...LEASE_OUTPUTS,
        __resource: resourceIdentity("Keyword", name, opts),
      },
      opts,
      "callfire",
      "Keyword",
    );
  }
}
