/**
 * Property bags on the wire: the engine and the dynamic-provider host exchange them as `google.protobuf.Struct`.
 * @module
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The sentinel the engine sends in place of a value that is not known yet (preview only). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The key that marks a special value on the wire (secrets, resource references, assets). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** `SIG_KEY` value of a secret: `{ [SIG_KEY]: SECRET_SIG, value }`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** `SIG_KEY` value of a resource reference: `{ [SIG_KEY]: RESOURCE_SIG, urn, id? }`. */
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

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
