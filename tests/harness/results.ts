/**
 * The state the {@link Engine} keeps and the results of its operations.
 * @module
 */
import { type InitFailure, ProviderError } from "./errors";
import type { DiffResult } from "./host";
import type { PropertyMap } from "./wire";

/** One resource in the engine's state, like an entry of a Pulumi stack's checkpoint. */
export interface ResourceState {
  /** The type token. */
  type: string;
  /** The logical name. */
  name: string;
  /** The URN (the state's key). */
  urn: string;
  /** The provider-assigned id. */
  id: string;
  /** The last checked inputs (`__provider` included). */
  inputs: PropertyMap;
  /** The provider's outputs (the host adds `__provider` on create/update/read, not to init-failure properties). */
  outputs: PropertyMap;
  /** Reasons of an init failure; non-empty makes the next `up` send an Update even without a diff. */
  initErrors: string[];
  /** Set when the resource was last deployed with `protect`. */
  protect?: true;
  /** Set when the resource was last deployed with `retainOnDelete`. */
  retainOnDelete?: true;
  /**
   * Set on the old resource of a delete-before-replace once its Delete succeeded, until its replacement is created
   * (pkg/resource/deploy/step.go, DeleteStep.Apply): it stays in state, and is not read, diffed or deleted again.
   */
  pendingReplacement?: true;
  /**
   * Top-level input and output keys the engine stores as secrets: the host accepts no secrets, so the engine
   * unwraps them before sending and re-marks same-named properties (provider_plugin.go, `annotateSecrets`).
   */
  secrets?: string[];
}

/** An operation the CLI had started when it was killed (pkg/backend/snapshot.go, `markOperationPending`). */
export interface PendingOperation {
  /** What it was doing. */
  type: "creating" | "updating" | "deleting";
  /** The resource concerned. */
  urn: string;
  /** The inputs it was sent. */
  inputs: PropertyMap;
  /** Top-level input keys stored as secrets (see {@link ResourceState.secrets}). */
  secrets?: string[];
}

/** A JSON-serializable copy of the whole state. */
export interface StateSnapshot {
  /** The live resources, in creation order. */
  resources: ResourceState[];
  /** Resources replaced with create-before-delete whose deletion has not succeeded yet (retried by the next `up`). */
  pendingDeletes: ResourceState[];
  /** Operations interrupted by a killed CLI; kept, with a warning on every run (a refresh does not clear them). */
  pendingOperations: PendingOperation[];
}

/** What every run reports besides its steps. */
export interface RunOutcome {
  /** Failed steps (check failures, provider errors, protection). */
  failed: StepFailure[];
  /** The engine's warnings (pending operations from an earlier run, unhealthy resources on refresh). */
  warnings: string[];
  /** Set when the CLI was killed during the run ({@link Engine.killCli}): later answers were never recorded. */
  interrupted?: true;
}

/** A step that failed. */
export interface StepFailure {
  /** The resource concerned. */
  urn: string;
  /** The provider's message, or `property: reason` for a check failure. */
  message: string;
  /** Present when the provider reported an init failure (the resource was recorded with init errors). */
  initFailure?: InitFailure;
}

/** What `up` did, by URN. */
export interface UpResult extends RunOutcome {
  /** Created resources. */
  created: string[];
  /** Updated resources (including resumed ones that had init errors). */
  updated: string[];
  /** Replaced resources. */
  replaced: string[];
  /** Resources deleted because the program no longer declares them. */
  deleted: string[];
  /** Unchanged resources. */
  same: string[];
}

/** A step `preview` plans. */
export interface PlannedStep {
  /** The resource concerned. */
  urn: string;
  /** What `up` would do. */
  op: "create" | "update" | "replace" | "same" | "delete";
  /** The checked inputs (absent for deletes). */
  inputs?: PropertyMap;
  /** The provider's diff answer (existing resources only). */
  diff?: DiffResult;
  /** For replacements: whether the old resource goes first (diff flag or resource option). */
  deleteBeforeReplace?: boolean;
}

/** What `preview` found. */
export interface PreviewResult extends RunOutcome {
  /** The planned steps: desired resources in program order (up to the first failure), then deletions. */
  steps: PlannedStep[];
}

/** What `refresh` did. */
export interface RefreshResult extends RunOutcome {
  /** Resources that still exist (their outputs, and inputs if the provider returned them, are refreshed). */
  refreshed: string[];
  /** Resources the provider reported gone (empty id), now dropped from the state. */
  deleted: string[];
  /** Refreshed resources whose refresh diff (Diff of the old inputs against the refreshed state) found changes. */
  changed: string[];
}

/** What `destroy` did. */
export interface DestroyResult extends RunOutcome {
  /** Deleted resources. */
  deleted: string[];
}

/** Turns a provider error into a step failure; anything else (a harness bug) is rethrown. */
export function stepFailure(urn: string, error: unknown): StepFailure {
  if (!(error instanceof ProviderError)) throw error;
  const failure: StepFailure = { urn, message: error.message };
  if (error.initFailure) failure.initFailure = error.initFailure;
  return failure;
}

/**
 * Sorts every list of a result (URNs or failures) by position in `urns`; unknown URNs go last. Concurrent steps
 * finish in any order, this makes results deterministic.
 */
export function inOrder<T extends object>(result: T, urns: string[]): T {
  const rank = (item: string | StepFailure) => {
    const index = urns.indexOf(typeof item === "string" ? item : item.urn);
    return index < 0 ? urns.length : index;
  };
  for (const list of Object.values(result)) {
    if (Array.isArray(list)) (list as Array<string | StepFailure>).sort((a, b) => rank(a) - rank(b));
  }
  return result;
}
