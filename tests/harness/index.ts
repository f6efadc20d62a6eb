/**
 * Engine-level test harness: drives the real Pulumi dynamic-provider host over gRPC like the Pulumi engine does.
 *
 * - {@link startHost} spawns the host and wraps its RPCs ({@link Host});
 * - {@link captureProgram} runs a Pulumi program under mocks and returns the resources the engine would receive;
 * - {@link Engine} applies them to a host (`up`, `preview`, `refresh`, `destroy`) and keeps the stack state.
 * @module
 */
export { Engine, type UpOptions } from "./engine";
export { type InitFailure, ProviderError } from "./errors";
export {
  type CheckFailure,
  type CheckResult,
  type CreateResult,
  type DiffResult,
  type Host,
  type HostOptions,
  REPO_ROOT,
  type ReadResult,
  startHost,
} from "./host";
export {
  type CapturedStack,
  type CaptureOptions,
  captureProgram,
  captureStack,
  type DesiredResource,
} from "./program";
export type {
  DestroyResult,
  PlannedStep,
  PreviewResult,
  RefreshResult,
  ResourceState,
  StateSnapshot,
  StepFailure,
  UpResult,
} from "./results";
export { type PropertyMap, UNKNOWN } from "./wire";
