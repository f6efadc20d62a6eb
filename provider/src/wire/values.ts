/**
 * Tolerant readers for values in CallFire 1.1 JSON. Real responses vary: numbers where strings are expected,
 * booleans as strings, a one-item list as a bare object, a missing key for an empty list, and space-separated
 * strings for lists of numbers. Each reader accepts all of these and returns one canonical form.
 */

/** A JSON object as decoded, before it is read. */
export type WireObject = Record<string, unknown>;

/** Reads an optional object; anything that is not a plain object counts as absent. */
export function readObject(value: unknown): WireObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as WireObject)
    : undefined;
}

/** Reads an optional string; numbers become their decimal text (`18554459732` → `"18554459732"`). */
export function readString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return String(value);
  return undefined;
}

/** Reads an optional number; numeric strings are parsed. */
export function readNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    if (Number.isFinite(parsed)) return parsed;
  }
  return undefined;
}

/** Reads an optional boolean; `"true"`/`"false"` in any case are accepted. */
export function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  return undefined;
}

/** Reads a list of items that may be an array, a single bare item, or absent (empty). */
export function readItems(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Reads a list of strings sent as an array, one space- or comma-separated string, or a single value. */
export function readStringList(value: unknown): string[] {
  return readItems(value).flatMap((item) => {
    const text = readString(item);
    return text === undefined ? [] : text.split(/[\s,]+/).filter((part) => part !== "");
  });
}

/** Reads an `xs:date` such as `2016-04-20Z` or `2016-04-20` and returns `YYYY-MM-DD`. */
export function readDate(value: unknown): string | undefined {
  const text = readString(value);
  if (text === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  return match ? match[1] : text;
}

/** Reads an attribute that CallFire renders with an `@` prefix (`@id`), accepting the bare name too. */
export function readAttribute(object: WireObject, name: string): unknown {
  return object[`@${name}`] ?? object[name] ?? object[name.charAt(0).toUpperCase() + name.slice(1)];
}

/** Drops keys whose value is `undefined`, so decoded objects compare cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
