/**
 * The CallFire API v2 JSON envelopes: `Page` (`{items, limit, offset, totalCount}`), `ItemList` (`{items}`),
 * `ResourceId` (`{id}`) and `ErrorResponse`. Fields v2 adds later (or that a `fields` selector leaves out) are
 * ignored; a body without the promised parts is a `WireFormatError`.
 */
import { WireFormatError } from "../envelope.js";
import { readItems, readNumber, readObject, readString, type WireObject } from "../values.js";

/** The objects of an `items` array; a missing `items` is an empty list, non-objects are skipped. */
function objectsOf(items: unknown): WireObject[] {
  return readItems(items).flatMap((item): WireObject[] => {
    const object = readObject(item);
    return object ? [object] : [];
  });
}

/**
 * A `Page` → its raw items and total. CallFire sends `totalCount` -1 when it does not know the total: then the
 * total is given as what is known to exist, the items up to this page's end, plus one if the page is full (there
 * may be more), so a reader paging on stops only after a short page.
 */
export function unwrapPage(body: unknown, limit: number): { totalResults: number; items: WireObject[] } {
  const page = readObject(body);
  if (!page) throw new WireFormatError("expected a page of items");
  const items = objectsOf(page.items);
  const offset = readNumber(page.offset) ?? 0;
  const total = readNumber(page.totalCount);
  const known = offset + items.length + (items.length >= limit ? 1 : 0);
  return { totalResults: total === undefined || total < 0 ? known : total, items };
}

/** An `ItemList` (`{items: [...]}`) → its raw items. */
export function unwrapItemList(body: unknown): WireObject[] {
  const list = readObject(body);
  if (!list) throw new WireFormatError("expected a list of items");
  return objectsOf(list.items);
}

/** A single object answer (a lease, a configuration, an order). */
export function unwrapObject(body: unknown, typeName: string): WireObject {
  const object = readObject(body);
  if (!object) throw new WireFormatError(`expected a ${typeName}`);
  return object;
}

/** A `ResourceId` (`{id}`) → the id as text. */
export function unwrapResourceId(body: unknown): string {
  const id = readString(readObject(body)?.id);
  if (id === undefined) throw new WireFormatError("expected a ResourceId with an id");
  return id;
}

/** An `ErrorResponse` → its `message` (or `developerMessage`), if the body is one. */
export function readErrorResponse(body: unknown): string | undefined {
  const error = readObject(body);
  return error ? (readString(error.message) ?? readString(error.developerMessage)) : undefined;
}
