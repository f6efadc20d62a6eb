/**
 * The `pulumi.Input` forms of nested argument types, as Pulumi's generated SDKs write them in `types/input.ts`:
 * every level may be a value, a Promise or an Output, including each element of an array, so that
 * `transferNumbers: [other.number]` and `region: { city: config.require("city") }` type-check.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { RegionFilters } from "./client/types.js";
import type { InboundConfiguration, IvrConfiguration, TrackingConfiguration } from "./resources/inputs.js";

/** Plain values that are inputs as they are (never split: `boolean` stays `boolean`, not `true | false`). */
export type InputScalar = string | number | boolean | bigint | symbol | null | undefined;

/**
 * `T` with every level a `pulumi.Input`: objects field by field, arrays element by element. A union of objects
 * (such as `InboundConfiguration`) stays a union of their input forms, so its `type` field still discriminates.
 */
export type DeepInput<T> = pulumi.Input<DeepInputShape<T>>;

/** The shape inside a {@link DeepInput}: what a Promise or Output of it resolves to. */
export type DeepInputShape<T> = [T] extends [InputScalar]
  ? T
  : T extends readonly (infer Element)[]
    ? DeepInput<Element>[]
    : T extends InputScalar
      ? T
      : { [K in keyof T]: DeepInput<T[K]> };

/** Region filters where each field may be an Input. */
export type RegionFiltersInput = DeepInputShape<RegionFilters>;

/** Call tracking where each field, and each transfer number, may be an Input. */
export type TrackingConfigurationInput = DeepInputShape<TrackingConfiguration>;

/** An IVR where each field may be an Input. */
export type IvrConfigurationInput = DeepInputShape<IvrConfiguration>;

/** The inbound call configuration where each field, at every level, may be an Input. */
export type InboundConfigurationInput = DeepInputShape<InboundConfiguration>;
