/** A calendar day in UTC, counted in whole days since 1970-01-01. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

/** The UTC calendar day that contains the instant `ms`. */
export function dayOf(ms: number): Day {
  return Math.floor(ms / MS_PER_DAY);
}

/** `YYYY-MM-DD` for a day. */
export function formatDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The same day-of-month `months` months later; when the target month is shorter, the last day of
 * that month (2026-01-31 + 1 month = 2026-02-28).
 */
export function addMonths(day: Day, months: number): Day {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDayOfTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayOf(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDayOfTarget)));
}

/** The last day of a monthly lease that starts on `begin`: one month minus a day later (11-27 → 12-26). */
export function leaseEndFor(begin: Day): Day {
  return addMonths(begin, 1) - 1;
}
