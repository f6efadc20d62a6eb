/**
 * The `PhoneNumber` resource: a CallFire phone number, ordered and waited for on create, configured in place
 * on update, and released on delete.
 */
import * as pulumi from "@pulumi/pulumi";
import { normalizedIfValid, normalizePhoneNumber } from "../client/normalize.js";
import type { RegionFilters } from "../client/types.js";
import type { InboundConfigurationInput, RegionFiltersInput } from "../input.js";
import type { FeatureSetting, InboundConfiguration } from "./inputs.js";
import { isOfType, LEASE_OUTPUTS, LeasedAsset, type PurchaseArgs } from "./leasedAsset.js";
import { resourceIdentity } from "./ownership/identity.js";
import { phoneNumberShim } from "./shim.js";

/** The arguments of a `PhoneNumber`. Choose the number with exactly one of `number`, `tollFree` or `region`. */
export interface PhoneNumberArgs extends PurchaseArgs {
  /**
   * An exact number to buy, in any common format (`"+1 (213) 555-0100"`, `"12135550100"`); stored as 11 digits.
   * Pin a number you chose; never feed it a live search result, which changes from run to run.
   */
  number?: pulumi.Input<string>;
  /** `true`: buy one toll-free number. */
  tollFree?: pulumi.Input<boolean>;
  /** Buy one local number in this region, e.g. `{ prefix: "1213" }` or `{ city: "Los Angeles", state: "CA" }`. */
  region?: pulumi.Input<RegionFiltersInput>;
  /** Calling: `"ENABLED"` or `"DISABLED"`. Left out: CallFire's default. */
  callFeature?: pulumi.Input<FeatureSetting>;
  /** Texting: `"ENABLED"` or `"DISABLED"`. Toll-free numbers cannot text. Left out: CallFire's default. */
  textFeature?: pulumi.Input<FeatureSetting>;
  /**
   * Inbound calls: `{ type: "TRACKING", transferNumbers: [...], record?, screen?, introSoundId?, whisperSoundId? }`
   * forwards them; `{ type: "IVR", dialplanXml }` runs an IVR dialplan. Any field, and any transfer number, may be
   * an Output, e.g. `transferNumbers: [other.number]`.
   */
  inboundCallConfiguration?: pulumi.Input<InboundConfigurationInput>;
}

/** The outputs of a number, declared as `undefined` inputs so that a read-only reference registers them. */
const NUMBER_OUTPUTS = {
  number: undefined,
  nationalFormat: undefined,
  tollFree: undefined,
  region: undefined,
  callFeature: undefined,
  textFeature: undefined,
  inboundCallConfiguration: undefined,
};

/**
 * A CallFire phone number.
 *
 * ```ts
 * const support = new callfire.PhoneNumber("support", { region: { prefix: "1213" }, callFeature: "ENABLED" });
 * export const supportNumber = support.number;
 * ```
 *
 * `PhoneNumber.get(name, number)` reads a number managed elsewhere without managing it.
 */
export class PhoneNumber extends LeasedAsset {
  /** The type token Pulumi records for this resource. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/callfire:PhoneNumber";

  /**
   * A read-only reference to a number the account owns but another stack (or the CallFire console) manages:
   * Pulumi reads it on every run and never configures or releases it. `id` is the number, in any common format.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): PhoneNumber {
    return new PhoneNumber(name, {}, { ...opts, id });
  }

  /** Whether `obj` is a `PhoneNumber`, also one made by another copy of this package. */
  static override isInstance(obj: unknown): obj is PhoneNumber {
    return isOfType(obj, PhoneNumber.__pulumiType);
  }

  /** The number, 11 digits (E.164 without `+`). */
  declare public readonly number: pulumi.Output<string>;
  /** The number in US national format, e.g. `(213) 555-0100`. */
  declare public readonly nationalFormat: pulumi.Output<string>;
  /** Whether the number is toll-free. */
  declare public readonly tollFree: pulumi.Output<boolean>;
  /** The region the number is in, as CallFire reports it. */
  declare public readonly region: pulumi.Output<RegionFilters>;
  /** Calling, as CallFire reports it. */
  declare public readonly callFeature: pulumi.Output<string>;
  /** Texting, as CallFire reports it (`UNSUPPORTED` on toll-free numbers). */
  declare public readonly textFeature: pulumi.Output<string>;
  /** The inbound call configuration, as CallFire reports it. */
  declare public readonly inboundCallConfiguration: pulumi.Output<InboundConfiguration | undefined>;

  /** Orders (or adopts) a number; see `PhoneNumberArgs`. With `opts.id`, reads that number instead (see `get`). */
  constructor(name: string, args: PhoneNumberArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      phoneNumberShim,
      name,
      opts?.id !== undefined
        ? { ...NUMBER_OUTPUTS, ...LEASE_OUTPUTS }
        : {
            ...args,
            number:
              args.number === undefined
                ? undefined
                : pulumi.output(args.number).apply(normalizedIfValid(normalizePhoneNumber)),
            nationalFormat: undefined,
            ...LEASE_OUTPUTS,
            __resource: resourceIdentity("PhoneNumber", name, opts),
          },
      opts,
      "callfire",
      "PhoneNumber",
    );
  }
}
