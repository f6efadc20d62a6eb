/**
 * The four CallFire 1.1 JSON envelopes: `Resource`, `ResourceList`, `ResourceReference` and
 * `ResourceException`. Each unwrapper returns the payload or throws a `WireFormatError` naming what was missing.
 */
import { readAttribute, readItems, readNumber, readObject, readString, type WireObject } from "./values.js";

/** A response body that does not have the shape the operation promises. */
export class WireFormatError extends Error {
  /** The class name, `WireFormatError`, shown in stack traces and logs. */
  override readonly name = "WireFormatError";
}

/** `{"Resource": {"<Type>": {...}}}` → the inner object. */
export function unwrapResource(body: unknown, typeName: string): WireObject {
  const inner = readObject(readObject(readObject(body)?.Resource)?.[typeName]);
  if (!inner) throw new WireFormatError(`expected a Resource holding a ${typeName}`);
  return inner;
}

/** `{"ResourceList": {"@totalResults": n, "<Type>": [...]}}` → the total and the raw items. */
export function unwrapResourceList(
  body: unknown,
  typeName: string,
): { totalResults: number; items: WireObject[] } {
  const list = readObject(readObject(body)?.ResourceList);
  if (!list) throw new WireFormatError(`expected a ResourceList of ${typeName}`);
  const items = readItems(list[typeName]).flatMap((item): WireObject[] => {
    const object = readObject(item);
    return object ? [object] : [];
  });
  const totalResults = readNumber(readAttribute(list, "totalResults")) ?? items.length;
  return { totalResults, items };
}

/** `{"ResourceReference": {"Id": n, "Location": url}}` → id and location. */
export function unwrapResourceReference(body: unknown): { id: string; location: string } {
  const reference = readObject(readObject(body)?.ResourceReference);
  const id = reference && readString(reference.Id ?? readAttribute(reference, "id"));
  if (!reference || id === undefined) throw new WireFormatError("expected a ResourceReference with an Id");
  return { id, location: readString(reference.Location) ?? "" };
}

/** `{"ResourceException": {"HttpStatus": n, "Message": text}}` → the message, if the body is one. */
export function readExceptionMessage(body: unknown): string | undefined {
  const exception = readObject(readObject(body)?.ResourceException);
  return exception ? readString(exception.Message) : undefined;
}
