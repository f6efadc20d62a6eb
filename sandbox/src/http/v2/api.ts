/**
 * The CallFire API v2 endpoints over HTTP: reads each request's query and JSON body, calls the same account as
 * API 1.1 does, and encodes the answer in v2's JSON.
 */
import type { Account } from "../../state/account";
import { badRequest, notFound } from "../../state/errors";
import type { ApiOperation } from "../../state/operations";
import type { Paging, RegionFilter } from "../../state/types";
import type { Params } from "../params";
import type { Reply } from "../reply";
import { JsonBody } from "./body";
import type { V2Endpoint } from "./routes";
import { itemList, keywordWire, numberConfigWire, numberWire, orderWire, pageWire, regionWire } from "./wire";

/** One v2 request, parsed. */
export interface V2Request {
  /** The endpoint the route resolved to. */
  endpoint: V2Endpoint;
  /** The `{number}`, `{keyword}` or `{id}` path segment. */
  pathParam?: string;
  /** Query parameters by their v2 (camelCase) names. */
  query: Params;
  /** The raw request body. */
  body: string;
}

/** Default page sizes: 100, but 20 for `GET /orders` (as CallFire documents). */
const DEFAULT_LIMIT = 100;
const ORDERS_DEFAULT_LIMIT = 20;

/**
 * The operation a v2 request performs: the endpoint's, except that a number lease update turning `autoRenew`
 * off is a Release (counted and faulted as one).
 */
export function v2Operation(endpoint: V2Endpoint, operation: ApiOperation, body: string): ApiOperation {
  if (endpoint !== "updateNumberLease") return operation;
  try {
    return new JsonBody(body).boolean("autoRenew") === false ? "Release" : operation;
  } catch {
    return operation; // the request is refused when performed
  }
}

/** Performs one v2 request against the account and encodes the answer; throws SandboxError on refusal. */
export function performV2(account: Account, request: V2Request): Reply {
  const { query, pathParam = "" } = request;
  switch (request.endpoint) {
    case "findNumberRegions": {
      const paging = pagingOf(query);
      const found = account.queryRegions(regionOf(query), paging.state);
      return ok(pageWire(found, paging.limit, paging.offset, regionWire));
    }
    case "findNumberLeases": {
      const paging = pagingOf(query);
      const found = account.queryNumbers(
        { ...regionOf(query), labelName: query.text("labelName") },
        paging.state,
      );
      return ok(pageWire(found, paging.limit, paging.offset, numberWire));
    }
    case "findNumberLeaseConfigs": {
      const paging = pagingOf(query);
      const found = account.queryNumbers(
        { ...regionOf(query), labelName: query.text("labelName") },
        paging.state,
      );
      return ok(
        pageWire(found, paging.limit, paging.offset, (n) => numberConfigWire(n.number, n.configuration)),
      );
    }
    case "getNumberLeaseConfig": {
      const number = account.getNumber(pathParam);
      return ok(numberConfigWire(number.number, number.configuration));
    }
    case "updateNumberLeaseConfig": {
      const body = new JsonBody(request.body);
      const type = body.text("configType");
      if (type === undefined) throw badRequest("configType is required: TRACKING or IVR");
      const tracking = body.object("callTrackingConfig");
      account.configureNumber(pathParam, {
        inboundCallConfigurationType: type,
        transferNumbers: tracking?.list("transferNumbers"),
        screen: tracking?.boolean("screen"),
        record: tracking?.boolean("recorded"),
        introSoundId: tracking?.integer("introSoundId"),
        whisperSoundId: tracking?.integer("whisperSoundId"),
        dialplanXml: body.object("ivrInboundConfig")?.text("dialplanXml"),
      });
      return { status: 204 };
    }
    case "getNumberLease":
      return ok(numberWire(account.getNumber(pathParam)));
    case "updateNumberLease": {
      const body = new JsonBody(request.body);
      const current = account.getNumber(pathParam);
      checkLeaseUpdate(body, current.autoRenew);
      const callFeature = body.text("callFeatureStatus");
      const textFeature = body.text("textFeatureStatus");
      if (callFeature !== undefined || textFeature !== undefined) {
        account.configureNumber(pathParam, { callFeature, textFeature });
      }
      if (body.boolean("autoRenew") === false) account.release({ number: pathParam });
      return { status: 204 };
    }
    case "findNumbersLocal": {
      const found = account.searchAvailableNumbers({
        ...regionOf(query),
        tollFree: false,
        count: limitOf(query),
      });
      return ok(itemList(found, numberWire));
    }
    case "findNumbersTollfree": {
      const found = account.searchAvailableNumbers({
        prefix: prefixOfPattern(query.text("pattern")),
        tollFree: true,
        count: limitOf(query),
      });
      return ok(itemList(found, numberWire));
    }
    case "findKeywordLeases": {
      const paging = pagingOf(query);
      const found = account.queryKeywords(paging.state);
      return ok(pageWire(found, paging.limit, paging.offset, keywordWire));
    }
    case "getKeywordLease":
      return ok(keywordWire(account.getKeyword(pathParam)));
    case "updateKeywordLease": {
      const body = new JsonBody(request.body);
      checkLeaseUpdate(body, account.getKeyword(pathParam).autoRenew);
      if (body.boolean("autoRenew") === false) account.release({ keyword: pathParam });
      return { status: 204 };
    }
    case "findKeywords": {
      const keywords = query.list("keywords");
      if (!keywords) throw badRequest("keywords is required");
      return ok(itemList(account.searchAvailableKeywords(keywords), keywordWire));
    }
    case "isKeywordAvailable":
      return ok(account.searchAvailableKeywords([pathParam]).length > 0);
    case "orderNumbers": {
      const body = new JsonBody(request.body);
      const order = account.createOrder({
        numbers: body.list("numbers"),
        localCount: body.integer("localCount"),
        tollFreeCount: body.integer("tollFreeCount"),
        region: {
          prefix: body.text("prefix"),
          city: body.text("city"),
          state: body.text("state"),
          zipcode: body.text("zipcode"),
          lata: body.text("lata"),
          rateCenter: body.text("rateCenter"),
        },
      });
      return { status: 201, body: { id: order.id } };
    }
    case "orderKeywords": {
      const keywords = new JsonBody(request.body).list("keywords");
      if (!keywords || keywords.length === 0) throw badRequest("keywords is required");
      return { status: 201, body: { id: account.createOrder({ keywords }).id } };
    }
    case "findOrders": {
      const paging = pagingOf(query, ORDERS_DEFAULT_LIMIT);
      const from = query.integer("intervalBegin");
      const to = query.integer("intervalEnd");
      for (const [name, value] of [
        ["intervalBegin", from],
        ["intervalEnd", to],
      ] as const) {
        if (Number.isNaN(value)) throw badRequest(`${name} must be unix time in milliseconds`);
      }
      const found = account.queryOrders({ from, to }, paging.state);
      return ok(pageWire(found, paging.limit, paging.offset, orderWire));
    }
    case "getOrder":
      if (!/^\d{1,15}$/.test(pathParam)) throw notFound(`order ${pathParam} does not exist`);
      return ok(orderWire(account.getOrder(Number(pathParam))));
  }
}

/** Refuses what a lease update cannot do here: turn auto-renew back on, or set labels (the sandbox keeps none). */
function checkLeaseUpdate(body: JsonBody, autoRenew: boolean): void {
  if (body.boolean("autoRenew") === true && !autoRenew) {
    throw badRequest("autoRenew cannot be turned back on once the lease was released");
  }
  if ((body.list("labels") ?? []).length > 0) throw badRequest("labels are not supported by the sandbox");
}

/** The v2 region filters (`prefix`, `city`, `state`, `zipcode`, `lata`, `rateCenter`). */
function regionOf(query: Params): RegionFilter {
  return {
    prefix: query.text("prefix"),
    city: query.text("city"),
    state: query.text("state"),
    zipcode: query.text("zipcode"),
    lata: query.text("lata"),
    rateCenter: query.text("rateCenter"),
  };
}

/** `limit` (default 100). */
function limitOf(query: Params, fallback = DEFAULT_LIMIT): number {
  return query.integer("limit") ?? fallback;
}

/** `limit` and `offset`, and the same as the state's paging. */
function pagingOf(query: Params, fallback = DEFAULT_LIMIT): { limit: number; offset: number; state: Paging } {
  const limit = limitOf(query, fallback);
  const offset = query.integer("offset") ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw badRequest("limit must be an integer from 1 to 1000");
  if (!Number.isInteger(offset) || offset < 0) throw badRequest("offset must be an integer, 0 or more");
  return { limit, offset, state: { maxResults: limit, firstResult: offset } };
}

/** A toll-free `pattern` (`8**`, `85*`, `855`: up to three digits after the 1, `*` for any) as a number prefix. */
function prefixOfPattern(pattern: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  const match = /^(\d{0,3})\**$/.exec(pattern.trim());
  if (!match || pattern.trim().length > 3)
    throw badRequest(`pattern must be like 85* (three characters), got ${pattern}`);
  return match[1] === "" ? undefined : `1${match[1]}`;
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}
