/**
 * The operations the sandbox serves: the NumberService operations by their CallFire 1.1 names (API v2 requests
 * count as the 1.1 operation they perform), then the reads only API v2 has.
 */
export const API_OPERATIONS = [
  "QueryRegions",
  "QueryNumbers",
  "GetNumber",
  "ConfigureNumber",
  "SearchAvailableNumbers",
  "QueryKeywords",
  "SearchAvailableKeywords",
  "CreateNumberOrder",
  "GetNumberOrder",
  "Release",
  "QueryNumberConfigs",
  "GetNumberConfig",
  "GetKeyword",
  "IsKeywordAvailable",
  "QueryOrders",
] as const;

/** A NumberService operation name; the key of request counts and of fault rules. */
export type ApiOperation = (typeof API_OPERATIONS)[number];

/** Request counts per operation. */
export type RequestCounts = Record<ApiOperation, number>;

/** Whether `name` is an operation name. */
export function isApiOperation(name: unknown): name is ApiOperation {
  return typeof name === "string" && (API_OPERATIONS as readonly string[]).includes(name);
}

/** A fresh all-zero count table. */
export function zeroCounts(): RequestCounts {
  return Object.fromEntries(API_OPERATIONS.map((op) => [op, 0])) as RequestCounts;
}
