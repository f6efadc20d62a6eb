/**
 * Engine-level test harness: drives the real Pulumi dynamic-provider host over gRPC like the Pulumi engine does.
 *
 * - {@link startHost} spawns the host and wraps its RPCs ({@link Host});
 * - {@link captureProgram} runs a Pulumi program under mocks and returns the resources the engine would receive;
 * - {@link Engine} applies them (`up`, `preview`, `refresh`, `destroy`), each run on a fresh host, and keeps the
 *   stack state; {@link Engine.killCli} models a killed CLI whose host keeps running.
 * @module
 */
export { Engine, type EngineOptions, type KillOptions, type RunOptions, type UpOptions } from "./engine";
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
  PendingOperation,
  PlannedStep,
  PreviewResult,
  RefreshResult,
  ResourceState,
  RunOutcome,
  StateSnapshot,
  StepFailure,
  UpResult,
} from "./results";
export { type PropertyMap, UNKNOWN } from "./wire";
