/**
 * Number orders as the account keeps them and as the public views show them: unit costs, terminal statuses,
 * reservations and total cost.
 */
import type { OrderFault } from "./faults";
import { type OrderItem, type OrderKind, type OrderStatus, TERMINAL_ORDER_STATUSES } from "./types";

/** Price per asset, by kind. */
export const UNIT_COSTS: Readonly<Record<OrderKind, number>> = {
  localNumbers: 1,
  tollFreeNumbers: 2,
  keywords: 5,
};

/** The asset kinds in the order the sandbox fills and lists them. */
export const ORDER_KINDS: readonly OrderKind[] = ["localNumbers", "tollFreeNumbers", "keywords"];

/** A number order as the account keeps it. */
export interface OrderRecord {
  /** The order id (from 1001 up). */
  id: number;
  /** Creation time, epoch ms. */
  created: number;
  /** Current status. */
  status: OrderStatus;
  /** When (epoch ms) the order completes on its own; null when it waits for the admin endpoint or is done. */
  dueAt: number | null;
  /** Clock seconds the order was set to stay PROCESSING; null for a stuck order. */
  processingSeconds: number | null;
  /** The order fault applied to it, if any. */
  fault: OrderFault | null;
  /** Items per kind ordered (only the kinds asked for). */
  items: Partial<Record<OrderKind, OrderItem>>;
  /** Epoch ms of every GetNumberOrder for this order. */
  polls: number[];
}

/** An order as the public views show it. */
export interface OrderView {
  /** The order id. */
  id: number;
  /** Current status. */
  status: OrderStatus;
  /** Creation time, ISO 8601. */
  created: string;
  /** Clock seconds the order was set to stay PROCESSING; null for a stuck order. */
  processingSeconds: number | null;
  /** The order fault applied to it (with the `times` left when it fired), or null. */
  fault: OrderFault | null;
  /** Local numbers, when ordered. */
  localNumbers?: OrderItem;
  /** Toll-free numbers, when ordered. */
  tollFreeNumbers?: OrderItem;
  /** Keywords, when ordered. */
  keywords?: OrderItem;
  /** While pending, what the reservation would cost; once done, Σ fulfilled × unit cost (0 for a failed order). */
  totalCost: number;
  /** Epoch ms of every GetNumberOrder for this order, oldest first. */
  polls: number[];
}

/** Whether an order can no longer change. */
export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.includes(status);
}

/** The assets of `kinds` that `orders` hold right now (reserved by pending orders, not yet delivered or freed). */
export function reservedAssets(orders: Iterable<OrderRecord>, kinds: readonly OrderKind[]): Set<string> {
  const held = new Set<string>();
  for (const order of orders) {
    for (const kind of kinds) for (const asset of order.items[kind]?.reserved ?? []) held.add(asset);
  }
  return held;
}

/**
 * Ends an order's processing, as its fault says: delivers its reservation (all of it, at most `fulfil` assets
 * for a partial fault, none for errored or failure statuses) and frees the rest, or parks the order in a
 * non-terminal fault status, keeping the reservation. `forced` (the admin finish) fulfils stuck and parked
 * orders in full. Returns what was delivered, in the order it was filled, for the account to take ownership.
 */
export function completeOrder(order: OrderRecord, forced: boolean): { kind: OrderKind; asset: string }[] {
  order.dueAt = null;
  const fault = order.fault;
  if (fault?.order === "status" && !forced && !isTerminal(fault.status)) {
    order.status = fault.status;
    return [];
  }
  const failed = fault?.order === "errored" || (fault?.order === "status" && !forced);
  let deliverable = failed ? 0 : fault?.order === "partial" ? fault.fulfil : Number.POSITIVE_INFINITY;
  const delivered: { kind: OrderKind; asset: string }[] = [];
  for (const kind of ORDER_KINDS) {
    const item = order.items[kind];
    if (!item) continue;
    for (const asset of item.reserved) {
      if (deliverable <= 0) break;
      deliverable -= 1;
      item.fulfilled.push(asset);
      delivered.push({ kind, asset });
    }
    item.reserved = [];
  }
  order.status = !failed ? "FINISHED" : fault?.order === "status" ? fault.status : "ERRORED";
  return delivered;
}

/** A deep copy of the order for the outside world. */
export function orderView(order: OrderRecord): OrderView {
  const items: Partial<Record<OrderKind, OrderItem>> = {};
  let totalCost = 0;
  for (const kind of ORDER_KINDS) {
    const item = order.items[kind];
    if (!item) continue;
    items[kind] = { ...item, reserved: [...item.reserved], fulfilled: [...item.fulfilled] };
    totalCost += (isTerminal(order.status) ? item.fulfilled.length : item.reserved.length) * item.unitCost;
  }
  return {
    id: order.id,
    status: order.status,
    created: new Date(order.created).toISOString(),
    processingSeconds: order.processingSeconds,
    fault: order.fault && { ...order.fault },
    ...items,
    totalCost: Math.round(totalCost * 100) / 100,
    polls: [...order.polls],
  };
}
