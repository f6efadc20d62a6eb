/**
 * callfire-sandbox: a local CallFire NumberService that speaks the real REST JSON wire formats of API 1.1 and
 * (below `/v2`) API v2 over one account, with a virtual clock, admin endpoints and fault injection.
 */
export { type RunningSandbox, type SandboxOptions, startSandbox } from "./sandbox";
export { Account, type AccountOptions, type AccountSnapshot } from "./state/account";
export { VirtualClock } from "./state/clock";
export { SandboxError } from "./state/errors";
export {
  type DelayFault,
  type DropFault,
  FaultPlan,
  FaultPlanError,
  type FaultRule,
  type HttpFault,
  type OrderFault,
  type StatusFault,
} from "./state/faults";
export { REGIONS, SHORT_CODE, TAKEN_KEYWORDS, TOLL_FREE_PREFIXES } from "./state/inventory";
export { API_OPERATIONS, type ApiOperation, type RequestCounts } from "./state/operations";
export { type OrderView, UNIT_COSTS } from "./state/orders";
export { type Random, seededRandom } from "./state/random";
export * from "./state/types";
