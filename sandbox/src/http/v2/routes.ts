/**
 * The URL map of CallFire API v2 below `/v2`: each method and path resolves to a v2 endpoint and the
 * NumberService operation it performs (the key of request counts and fault rules).
 */
import type { ApiOperation } from "../../state/operations";
import { match, type Route, type RouteDef } from "../routes";

/** The v2 endpoints the sandbox serves. */
export type V2Endpoint =
  | "findNumberRegions"
  | "findNumberLeases"
  | "findNumberLeaseConfigs"
  | "getNumberLeaseConfig"
  | "updateNumberLeaseConfig"
  | "getNumberLease"
  | "updateNumberLease"
  | "findNumbersLocal"
  | "findNumbersTollfree"
  | "findKeywordLeases"
  | "getKeywordLease"
  | "updateKeywordLease"
  | "findKeywords"
  | "isKeywordAvailable"
  | "orderNumbers"
  | "orderKeywords"
  | "findOrders"
  | "getOrder";

/** The operation each endpoint performs; a lease update that turns auto-renew off is a Release (see the API layer). */
const V2_OPERATIONS: Record<V2Endpoint, ApiOperation> = {
  findNumberRegions: "QueryRegions",
  findNumberLeases: "QueryNumbers",
  findNumberLeaseConfigs: "QueryNumberConfigs",
  getNumberLeaseConfig: "GetNumberConfig",
  updateNumberLeaseConfig: "ConfigureNumber",
  getNumberLease: "GetNumber",
  updateNumberLease: "ConfigureNumber",
  findNumbersLocal: "SearchAvailableNumbers",
  findNumbersTollfree: "SearchAvailableNumbers",
  findKeywordLeases: "QueryKeywords",
  getKeywordLease: "GetKeyword",
  updateKeywordLease: "Release",
  findKeywords: "SearchAvailableKeywords",
  isKeywordAvailable: "IsKeywordAvailable",
  orderNumbers: "CreateNumberOrder",
  orderKeywords: "CreateNumberOrder",
  findOrders: "QueryOrders",
  getOrder: "GetNumberOrder",
};

// First match wins: fixed names before `{number}`, `{keyword}` and `{id}`.
const V2_ROUTES: RouteDef<V2Endpoint>[] = [
  { pattern: /^\/numbers\/regions$/, methods: { GET: "findNumberRegions" } },
  { pattern: /^\/numbers\/leases$/, methods: { GET: "findNumberLeases" } },
  { pattern: /^\/numbers\/leases\/configs$/, methods: { GET: "findNumberLeaseConfigs" } },
  {
    pattern: /^\/numbers\/leases\/configs\/([^/]+)$/,
    methods: { GET: "getNumberLeaseConfig", PUT: "updateNumberLeaseConfig" },
  },
  { pattern: /^\/numbers\/leases\/([^/]+)$/, methods: { GET: "getNumberLease", PUT: "updateNumberLease" } },
  { pattern: /^\/numbers\/local$/, methods: { GET: "findNumbersLocal" } },
  { pattern: /^\/numbers\/tollfree$/, methods: { GET: "findNumbersTollfree" } },
  { pattern: /^\/keywords\/leases$/, methods: { GET: "findKeywordLeases" } },
  {
    pattern: /^\/keywords\/leases\/([^/]+)$/,
    methods: { GET: "getKeywordLease", PUT: "updateKeywordLease" },
  },
  { pattern: /^\/keywords$/, methods: { GET: "findKeywords" } },
  { pattern: /^\/keywords\/([^/]+)\/available$/, methods: { GET: "isKeywordAvailable" } },
  { pattern: /^\/orders\/numbers$/, methods: { POST: "orderNumbers" } },
  { pattern: /^\/orders\/keywords$/, methods: { POST: "orderKeywords" } },
  { pattern: /^\/orders$/, methods: { GET: "findOrders" } },
  { pattern: /^\/orders\/([^/]+)$/, methods: { GET: "getOrder" } },
];

/** Resolves a method and a path below `/v2` (without query) to a route. */
export function resolveV2Route(method: string, path: string): Route {
  const found = match(V2_ROUTES, method, path);
  if (found.kind !== "found") return found;
  return {
    kind: "api",
    operation: V2_OPERATIONS[found.target],
    v2: found.target,
    pathParam: found.param,
    json: true,
  };
}
