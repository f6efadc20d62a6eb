/**
 * Property bags on the wire: the engine and the dynamic-provider host exchange them as `google.protobuf.Struct`.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The sentinel the engine sends in place of a value that is not known yet (preview only). */
export const UNKNOWN = pulumi.runtime.unknownValue;

/** The key that marks a special value on the wire (secrets, resource references, assets). */
export const SIG_KEY = pulumi.runtime.specialSigKey;

/** `SIG_KEY` value of a secret: `{ [SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG = pulumi.runtime.specialSecretSig;

/** `SIG_KEY` value of a resource reference: `{ [SIG_KEY]: RESOURCE_SIG, urn, id? }`. */
export const RESOURCE_SIG = pulumi.runtime.specialResourceSig;

/** A property bag as plain JSON values keyed by property name (inputs, outputs, stack config). */
export type PropertyMap = Record<string, unknown>;

/**
 * Converts a property bag to a Struct. It goes through JSON first, so `undefined` members are dropped the way the
 * SDK drops them before they reach the engine (a raw `undefined` would make `Struct.fromJavaScript` throw).
 */
export function toStruct(props: PropertyMap): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(props)));
}

/** Wraps a value the way the engine marks a secret on the wire. */
export function secret(value: unknown): PropertyMap {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** Converts a Struct (possibly absent, as in an unset message field) back to a plain property bag. */
export function fromStruct(struct: Struct | undefined): PropertyMap {
  return struct ? struct.toJavaScript() : {};
}

/** The engine-side type token and name of a resource, taken from its URN (`urn:pulumi:stack::project::type::name`). */
export function urnParts(urn: string): { type: string; name: string } {
  const [, , qualifiedType = "", ...name] = urn.split("::");
  return { type: qualifiedType.split("$").pop() ?? "", name: name.join("::") };
}
