/**
 * pulumi-callfire: CallFire phone numbers and SMS keywords as Pulumi resources, the search and query
 * functions, and a typed client for the CallFire NumberService (API 1.1 or v2).
 *
 * @packageDocumentation
 */
export {
  type ApiVersion,
  CallFireClient,
  type CallFireClientOptions,
  DEFAULT_BASE_URL,
  DEFAULT_V2_BASE_URL,
} from "./client/client.js";
export * from "./client/errors.js";
export { normalizeKeyword, normalizePhoneNumber } from "./client/normalize.js";
export type { RetryOptions } from "./client/transport.js";
export type * from "./client/types.js";
export * from "./functions/index.js";
export type * from "./input.js";
export { type OrderPhase, orderPhase } from "./orders/status.js";
export { type OrderWaitResult, type WaitForOrderOptions, waitForOrder } from "./orders/wait.js";
export type {
  FeatureSetting,
  InboundConfiguration,
  IvrConfiguration,
  TrackingConfiguration,
} from "./resources/inputs.js";
export { Keyword, type KeywordArgs } from "./resources/keyword.js";
export { LeasedAsset, type PurchaseArgs } from "./resources/leasedAsset.js";
export { PhoneNumber, type PhoneNumberArgs } from "./resources/phoneNumber.js";
export {
  type ArgumentProblem,
  validateKeywordArgs,
  validatePhoneNumberArgs,
} from "./resources/validate.js";
