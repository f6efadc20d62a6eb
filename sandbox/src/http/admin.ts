/**
 * The admin endpoints under `/__sandbox` (not part of CallFire's API): the state snapshot, moving the clock,
 * reset, the fault plan, and finishing an order by hand.
 */
import type { Account } from "../state/account";
import type { VirtualClock } from "../state/clock";
import { dayOf, formatDay } from "../state/dates";
import { notFound } from "../state/errors";
import { FaultPlanError } from "../state/faults";
import { HttpError, type Reply } from "./reply";
import type { AdminAction } from "./routes";

/** One admin request. */
export interface AdminRequest {
  /** The admin action the route resolved to. */
  action: AdminAction;
  /** The `{id}` of `orders/{id}/finish`. */
  pathParam?: string;
  /** The raw request body (JSON for `clock` and `faults`). */
  body: string;
}

/** Performs an admin action (see the README for each endpoint). */
export function performAdmin(account: Account, clock: VirtualClock, request: AdminRequest): Reply {
  switch (request.action) {
    case "state":
      return ok(account.snapshot());
    case "clock": {
      const body = parseJson(request.body);
      const { advanceDays, advanceSeconds } = isRecord(body) ? body : {};
      if (advanceDays === undefined && advanceSeconds === undefined) {
        throw new HttpError(400, 'give {"advanceDays": N} or {"advanceSeconds": N}');
      }
      const days = amount(advanceDays, "advanceDays");
      const seconds = amount(advanceSeconds, "advanceSeconds");
      clock.advanceDays(days);
      clock.advanceSeconds(seconds);
      account.settle();
      return ok(timeSummary(clock));
    }
    case "reset":
      account.reset();
      clock.reset();
      return ok(timeSummary(clock));
    case "getFaults":
      return ok({ rules: account.faults.rules });
    case "setFaults":
      try {
        account.faults.replace(parseJson(request.body));
      } catch (error) {
        if (error instanceof FaultPlanError) throw new HttpError(400, error.message);
        throw error;
      }
      return ok({ rules: account.faults.rules });
    case "clearFaults":
      account.faults.clear();
      return ok({ rules: account.faults.rules });
    case "finishOrder": {
      const id = request.pathParam ?? "";
      if (!/^\d{1,15}$/.test(id)) throw notFound(`order ${id} does not exist`);
      return ok(account.finishOrder(Number(id)));
    }
  }
}

function timeSummary(clock: VirtualClock): { now: string; today: string } {
  const now = clock.now();
  return { now: new Date(now).toISOString(), today: formatDay(dayOf(now)) };
}

function amount(value: unknown, name: string): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new HttpError(400, `${name} must be a number, 0 or more (the clock only moves forward)`);
  }
  return value;
}

function parseJson(text: string): unknown {
  if (text.trim() === "") throw new HttpError(400, "the request body must be JSON");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}
