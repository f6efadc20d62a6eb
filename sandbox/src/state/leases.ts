/**
 * Monthly leases of owned numbers and keywords: renewal, lapse after Release, and the month-long lock-out
 * before a released asset returns to inventory.
 */
import { addMonths, type Day, formatDay, leaseEndFor } from "./dates";
import type { AssetStatus, LeaseState } from "./types";

/** The lease of an owned number or keyword, in days. */
export interface Lease {
  /** `ACTIVE` until the lease lapses without renewal, then `RELEASED`. */
  status: AssetStatus;
  /** First day of the current lease period. */
  begin: Day;
  /** Last day of the current lease period. */
  end: Day;
  /** Whether the lease rolls over when it ends. */
  autoRenew: boolean;
  /** The order that bought the asset. */
  orderId: number;
}

/** A new one-month lease starting on `begin`, auto-renewing. */
export function newLease(begin: Day, orderId: number): Lease {
  return { status: "ACTIVE", begin, end: leaseEndFor(begin), autoRenew: true, orderId };
}

/**
 * Brings a lease up to `today`: each time today is past the lease end, an auto-renewing lease rolls into
 * the next month (begin = old end + 1 day); one that is not renewing becomes `RELEASED`.
 */
export function rollLease(lease: Lease, today: Day): void {
  while (lease.status === "ACTIVE" && today > lease.end) {
    if (lease.autoRenew) {
      lease.begin = lease.end + 1;
      lease.end = leaseEndFor(lease.begin);
    } else {
      lease.status = "RELEASED";
    }
  }
}

/** The day a released asset can be ordered again: its lease end plus one month. */
export function availableAgainOn(lease: Lease): Day {
  return addMonths(lease.end, 1);
}

/** Whether a released asset's lock-out is over on `today` (it goes back to inventory). */
export function lockOutOver(lease: Lease, today: Day): boolean {
  return lease.status === "RELEASED" && today >= availableAgainOn(lease);
}

/** The lease as the public views show it. */
export function leaseState(lease: Lease): LeaseState {
  return {
    status: lease.status,
    leaseBegin: formatDay(lease.begin),
    leaseEnd: formatDay(lease.end),
    autoRenew: lease.autoRenew,
    orderId: lease.orderId,
  };
}
