/** The NumberService operations the sandbox serves, by their CallFire names. */
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
