/**
 * The URL map: which NumberService operation or admin action a method and path resolve to, and which
 * methods a known path allows.
 */
import type { ApiOperation } from "../state/operations";
import type { V2Endpoint } from "./v2/routes";

/** Where the CallFire REST API lives on the sandbox origin. */
export const API_BASE_PATH = "/api/1.1/rest";

/** Where CallFire API v2 lives on the sandbox origin. */
export const V2_BASE_PATH = "/v2";

/** Where the sandbox's own admin endpoints live. */
const ADMIN_BASE_PATH = "/__sandbox";

/** The admin actions. */
export type AdminAction =
  | "state"
  | "clock"
  | "reset"
  | "getFaults"
  | "setFaults"
  | "clearFaults"
  | "finishOrder";

/** What a request's method and path resolve to. */
export type Route =
  | {
      /** A NumberService operation. */
      kind: "api";
      /** Which one (for a v2 lease update, the one its body may turn into Release). */
      operation: ApiOperation;
      /** The v2 endpoint, for API v2 requests; absent for API 1.1. */
      v2?: V2Endpoint;
      /** The `{Number}` or `{Id}` path segment, URL-decoded. */
      pathParam?: string;
      /** Whether the path carried the `.json` suffix. */
      json: boolean;
    }
  | {
      /** An admin endpoint. */
      kind: "admin";
      /** Which one. */
      action: AdminAction;
      /** The `{id}` path segment of `orders/{id}/finish`. */
      pathParam?: string;
    }
  | {
      /** A known path with a method it does not serve. */
      kind: "methodNotAllowed";
      /** The methods it serves. */
      allow: string[];
    }
  | {
      /** No such path. */
      kind: "notFound";
    };

/** A path pattern (its first group is the path parameter) and what each method resolves to. */
export interface RouteDef<T> {
  pattern: RegExp;
  methods: Partial<Record<string, T>>;
}

// First match wins: the fixed names come before /number/{Number}.
const API_ROUTES: RouteDef<ApiOperation>[] = [
  { pattern: /^\/number$/, methods: { GET: "QueryNumbers" } },
  { pattern: /^\/number\/regions$/, methods: { GET: "QueryRegions" } },
  { pattern: /^\/number\/search$/, methods: { GET: "SearchAvailableNumbers" } },
  { pattern: /^\/number\/keyword$/, methods: { GET: "QueryKeywords" } },
  { pattern: /^\/number\/keyword\/search$/, methods: { GET: "SearchAvailableKeywords" } },
  { pattern: /^\/number\/order$/, methods: { POST: "CreateNumberOrder" } },
  { pattern: /^\/number\/order\/([^/]+)$/, methods: { GET: "GetNumberOrder" } },
  { pattern: /^\/number\/release$/, methods: { PUT: "Release" } },
  { pattern: /^\/number\/([^/]+)$/, methods: { GET: "GetNumber", PUT: "ConfigureNumber" } },
];

const ADMIN_ROUTES: RouteDef<AdminAction>[] = [
  { pattern: /^\/state$/, methods: { GET: "state" } },
  { pattern: /^\/clock$/, methods: { POST: "clock" } },
  { pattern: /^\/reset$/, methods: { POST: "reset" } },
  { pattern: /^\/faults$/, methods: { GET: "getFaults", POST: "setFaults", DELETE: "clearFaults" } },
  { pattern: /^\/orders\/([^/]+)\/finish$/, methods: { POST: "finishOrder" } },
];

/** Resolves a method and URL path (without query) to a route; API v2 paths are resolved by `v2/routes`. */
export function resolveRoute(method: string, pathname: string): Route {
  if (pathname.startsWith(`${API_BASE_PATH}/`)) {
    const rest = pathname.slice(API_BASE_PATH.length);
    const json = rest.endsWith(".json");
    const found = match(API_ROUTES, method, json ? rest.slice(0, -".json".length) : rest);
    if (found.kind !== "found") return found;
    return { kind: "api", operation: found.target, pathParam: found.param, json };
  }
  if (pathname.startsWith(`${ADMIN_BASE_PATH}/`)) {
    const found = match(ADMIN_ROUTES, method, pathname.slice(ADMIN_BASE_PATH.length));
    if (found.kind !== "found") return found;
    return { kind: "admin", action: found.target, pathParam: found.param };
  }
  return { kind: "notFound" };
}

/** The first route whose pattern matches `path`, and what `method` resolves to there. */
export function match<T>(
  routes: RouteDef<T>[],
  method: string,
  path: string,
): { kind: "found"; target: T; param?: string } | Extract<Route, { kind: "notFound" | "methodNotAllowed" }> {
  for (const route of routes) {
    const found = route.pattern.exec(path);
    if (!found) continue;
    const target = route.methods[method];
    if (target === undefined) return { kind: "methodNotAllowed", allow: Object.keys(route.methods) };
    return { kind: "found", target, param: found[1] === undefined ? undefined : safeDecode(found[1]) };
  }
  return { kind: "notFound" };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
