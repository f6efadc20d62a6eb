/**
 * Fault injection: rules that make HTTP requests fail, drop or wait and make orders stick, slow down or fail,
 * and the plan that fires them in order of arrival.
 */
import { type ApiOperation, isApiOperation } from "./operations";
import { ORDER_STATUSES, type OrderStatus } from "./types";

/** Answer with an error status and a `ResourceException` body, without performing the operation. */
export interface StatusFault {
  /** Only requests for this operation; any API operation when absent. */
  operation?: ApiOperation;
  /** How many more requests this rule answers. */
  times: number;
  /** The HTTP status, 400..599 (typically 500, 502, 503 or 429). */
  status: number;
  /** Sets the `Retry-After` header (seconds); 429 gets 1 when absent. */
  retryAfterSeconds?: number;
}

/** Destroy the connection without an answer. */
export interface DropFault {
  /** Only requests for this operation; any API operation when absent. */
  operation?: ApiOperation;
  /** How many more requests this rule drops. */
  times: number;
  /** Always true. */
  drop: true;
  /** Perform the operation first, then drop (a lost response); otherwise drop without performing it. */
  after: boolean;
}

/** Wait, then perform the operation and answer normally. */
export interface DelayFault {
  /** Only requests for this operation; any API operation when absent. */
  operation?: ApiOperation;
  /** How many more requests this rule delays. */
  times: number;
  /** How long to wait before performing the operation, in real milliseconds. */
  delayMs: number;
}

/** A fault that acts on one HTTP request. */
export type HttpFault = StatusFault | DropFault | DelayFault;

/** How a faulted order behaves; applied to the next order(s) created. */
export type OrderFault =
  | {
      /** Stays PROCESSING until finished through the admin endpoint. */
      order: "stuck";
      /** How many more orders this rule applies to. */
      times: number;
    }
  | {
      /** Stays PROCESSING for `processingSeconds`, then finishes normally. */
      order: "slow";
      /** How many more orders this rule applies to. */
      times: number;
      /** Clock seconds the order stays PROCESSING. */
      processingSeconds: number;
    }
  | {
      /** Ends ERRORED after the usual processing time; reservations go back to inventory. */
      order: "errored";
      /** How many more orders this rule applies to. */
      times: number;
    }
  | {
      /** Ends FINISHED but delivers at most `fulfil` assets; the rest go back to inventory. */
      order: "partial";
      /** How many more orders this rule applies to. */
      times: number;
      /** The most assets the order delivers. */
      fulfil: number;
    }
  | {
      /** After the usual processing time, moves to `status`: a non-terminal one keeps it (and the reservation), a failure ends there with nothing owned. */
      order: "status";
      /** How many more orders this rule applies to. */
      times: number;
      /** Any CallFire order status but FINISHED. */
      status: OrderStatus;
    };

/** Any fault rule. */
export type FaultRule = HttpFault | OrderFault;

/** A malformed fault plan; the message says what is wrong. */
export class FaultPlanError extends Error {
  /** @param message what is wrong with the plan. */
  constructor(message: string) {
    super(message);
    this.name = "FaultPlanError";
  }
}

/** Whether a rule acts on HTTP requests (rather than on orders). */
function isHttpFault(rule: FaultRule): rule is HttpFault {
  return !("order" in rule);
}

/**
 * The fault plan: rules in order of arrival, each firing until its `times` runs out. An HTTP request
 * fires the first HTTP rule that matches its operation; a created order fires the first order rule.
 */
export class FaultPlan {
  private plan: FaultRule[] = [];

  /** The remaining rules with their remaining `times` (copies). */
  get rules(): FaultRule[] {
    return this.plan.map((rule) => ({ ...rule }));
  }

  /** Replaces the plan with `{ "rules": [...] }`; throws {@link FaultPlanError} (and keeps the old plan) if malformed. */
  replace(body: unknown): void {
    this.plan = parseFaultPlan(body);
  }

  /** Removes every rule. */
  clear(): void {
    this.plan = [];
  }

  /** Fires the first HTTP rule for `operation`, if any: returns it as it fired (with `times` = what remains). */
  takeHttpFault(operation: ApiOperation): HttpFault | undefined {
    const rule = this.plan.find(
      (r): r is HttpFault => isHttpFault(r) && (r.operation === undefined || r.operation === operation),
    );
    return rule && (this.consume(rule) as HttpFault);
  }

  /** Fires the first order rule, if any. */
  takeOrderFault(): OrderFault | undefined {
    const rule = this.plan.find((r): r is OrderFault => !isHttpFault(r));
    return rule && (this.consume(rule) as OrderFault);
  }

  private consume(rule: FaultRule): FaultRule {
    rule.times -= 1;
    if (rule.times <= 0) this.plan = this.plan.filter((r) => r !== rule);
    return { ...rule };
  }
}

/** Parses and validates `{ "rules": [...] }` into normalized rules (defaults filled in). */
function parseFaultPlan(body: unknown): FaultRule[] {
  if (!isObject(body) || !Array.isArray(body.rules)) {
    throw new FaultPlanError('a fault plan is a JSON object {"rules": [...]}');
  }
  return body.rules.map((rule, index) => parseRule(rule, `rules[${index}]`));
}

function parseRule(raw: unknown, where: string): FaultRule {
  if (!isObject(raw)) throw new FaultPlanError(`${where} must be an object`);
  const times = raw.times === undefined ? 1 : integer(raw.times, `${where}.times`, 1);
  if ("order" in raw) return parseOrderRule(raw, where, times);
  if (raw.operation !== undefined && !isApiOperation(raw.operation)) {
    throw new FaultPlanError(`${where}.operation must be an operation name such as "GetNumber"`);
  }
  const operation = raw.operation === undefined ? {} : { operation: raw.operation };
  const kinds = ["status", "drop", "delayMs"].filter((key) => raw[key] !== undefined);
  if (kinds.length !== 1) {
    throw new FaultPlanError(`${where} needs exactly one of "status", "drop", "delayMs" (or "order")`);
  }
  onlyFields(raw, where, kinds[0], HTTP_RULE_FIELDS[kinds[0]]);
  if (raw.status !== undefined) {
    const status = integer(raw.status, `${where}.status`, 400, 599);
    const retry = raw.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
    const retryAfterSeconds =
      retry === undefined ? {} : { retryAfterSeconds: integer(retry, `${where}.retryAfterSeconds`, 0) };
    return { ...operation, times, status, ...retryAfterSeconds };
  }
  if (raw.drop !== undefined) {
    if (raw.drop !== true) throw new FaultPlanError(`${where}.drop must be true`);
    if (raw.after !== undefined && typeof raw.after !== "boolean") {
      throw new FaultPlanError(`${where}.after must be true or false`);
    }
    return { ...operation, times, drop: true, after: raw.after === true };
  }
  return { ...operation, times, delayMs: integer(raw.delayMs, `${where}.delayMs`, 0, 600_000) };
}

/** The fields each kind of HTTP rule takes. */
const HTTP_RULE_FIELDS: Record<string, string[]> = {
  status: ["operation", "times", "status", "retryAfterSeconds"],
  drop: ["operation", "times", "drop", "after"],
  delayMs: ["operation", "times", "delayMs"],
};

/** The fields each kind of order rule takes. */
const ORDER_RULE_FIELDS: Record<string, string[]> = {
  stuck: ["order", "times"],
  errored: ["order", "times"],
  slow: ["order", "times", "processingSeconds"],
  partial: ["order", "times", "fulfil"],
  status: ["order", "times", "status"],
};

/** Refuses a field the rule's kind does not take (a typo would otherwise be ignored silently). */
function onlyFields(raw: Record<string, unknown>, where: string, kind: string, fields: string[]): void {
  const unknown = Object.keys(raw).find((key) => !fields.includes(key));
  if (unknown !== undefined) {
    throw new FaultPlanError(
      `${where}.${unknown} is not a field of a "${kind}" rule, which takes ${fields.map((f) => `"${f}"`).join(", ")}`,
    );
  }
}

function parseOrderRule(raw: Record<string, unknown>, where: string, times: number): OrderFault {
  const fields = typeof raw.order === "string" ? ORDER_RULE_FIELDS[raw.order] : undefined;
  if (fields) onlyFields(raw, where, `order: ${raw.order}`, fields);
  switch (raw.order) {
    case "stuck":
    case "errored":
      return { order: raw.order, times };
    case "slow":
      return {
        order: "slow",
        times,
        processingSeconds: integer(raw.processingSeconds, `${where}.processingSeconds`, 0),
      };
    case "partial":
      return { order: "partial", times, fulfil: integer(raw.fulfil, `${where}.fulfil`, 0) };
    case "status": {
      const status = raw.status;
      if (typeof status !== "string" || status === "FINISHED" || !isOrderStatus(status)) {
        throw new FaultPlanError(
          `${where}.status must be an order status other than FINISHED: ${ORDER_STATUSES.filter((s) => s !== "FINISHED").join(", ")}`,
        );
      }
      return { order: "status", times, status };
    }
    default:
      throw new FaultPlanError(
        `${where}.order must be one of "stuck", "slow", "errored", "partial", "status"`,
      );
  }
}

function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

function integer(value: unknown, where: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw new FaultPlanError(`${where} must be an integer ${range}`);
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
