/** Value comparisons used by `diff`. */
import type { PurchaseSettings } from "./inputs.js";

/** Deep equality of JSON-like values, ignoring keys whose value is `undefined`. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Sorts object keys and drops `undefined`, so equal values print alike. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => v !== undefined && key !== "__provider")
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([key, v]) => [key, canonical(v)]),
    );
  }
  return value;
}

/** Whether any checked input differs from the one recorded in state. */
export function settingsChanged(old: PurchaseSettings | undefined, news: PurchaseSettings): boolean {
  return !sameValue(old ?? {}, news);
}
