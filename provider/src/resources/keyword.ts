/** The `Keyword` resource: an SMS keyword on CallFire's short code, ordered on create and released on delete. */
import * as pulumi from "@pulumi/pulumi";
import { normalizedIfValid, normalizeKeyword } from "../client/normalize.js";
import { isOfType, LEASE_OUTPUTS, LeasedAsset, type PurchaseArgs } from "./leasedAsset.js";
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
 *
 * `Keyword.get(name, keyword)` reads a keyword managed elsewhere without managing it.
 */
export class Keyword extends LeasedAsset {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/callfire:Keyword";

  /**
   * A read-only reference to a keyword the account owns but another stack (or the CallFire console) manages:
   * Pulumi reads it on every run and never releases it. `id` is the keyword, any case.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Keyword {
    return new Keyword(name, { keyword: "" }, { ...opts, id });
  }

  /** Whether `obj` is a `Keyword`, also one made by another copy of this package. */
  static override isInstance(obj: unknown): obj is Keyword {
    return isOfType(obj, Keyword.__pulumiType);
  }

  /** The keyword, upper case. */
  declare public readonly keyword: pulumi.Output<string>;
  /** The short code the keyword lives on, e.g. `67076`. */
  declare public readonly shortCode: pulumi.Output<string>;

  /** Orders (or adopts) a keyword; see `KeywordArgs`. With `opts.id`, reads that keyword instead (see `get`). */
  constructor(name: string, args: KeywordArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      keywordShim,
      name,
      opts?.id !== undefined
        ? { keyword: undefined, shortCode: undefined, ...LEASE_OUTPUTS }
        : {
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
