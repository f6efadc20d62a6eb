/**
 * A small stand-in for the Pulumi engine: applies captured programs the way `pulumi up`, `preview`, `refresh` and
 * `destroy` do, each run on a fresh provider host, keeping its own stack state. Every modelled behaviour cites the
 * file of pulumi/pulumi (v3.248–v3.260) it comes from; the harness must never be kinder than the engine.
 * @module
 */
import * as os from "node:os";
import { isDeepStrictEqual } from "node:util";
import type { DiffResult, Host } from "./host";
import type { DesiredResource } from "./program";
import {
  type DestroyResult,
  inOrder,
  type PendingOperation,
  type PlannedStep,
  type PreviewResult,
  type RefreshResult,
  type ResourceState,
  type RunOutcome,
  type StateSnapshot,
  type StepFailure,
  stepFailure,
  type UpResult,
} from "./results";
import { type StepEnd, StepQueue } from "./steps";
import { type PropertyMap, SECRET_SIG, SIG_KEY } from "./wire";

/** What the engine needs besides its state. */
export interface EngineOptions {
  /** Starts a fresh provider host: the engine starts one per run (pkg/engine/deployment.go loads plugins per run). */
  startHost: () => Promise<Host>;
  /** The whole stack config with namespaced keys (`callfire:username`), sent with Configure at the start of a run. */
  config: Record<string, string>;
  /** Config keys sent as secrets (the host unwraps them). */
  secretKeys?: string[];
}

/** Options every run takes. */
export interface RunOptions {
  /**
   * `--parallel`: the most steps running at once. Default 4 × the CPU count, the CLI's default
   * (pkg/cmd/pulumi/operations/up.go, `defaultParallel`). `1` runs one step at a time.
   */
  parallel?: number;
}

/** How `up` runs. */
export interface UpOptions extends RunOptions {
  /**
   * Run a preview first, on its own host, and stop if it fails: `pulumi up` without `--skip-preview`. Default
   * `false`, like `--skip-preview` and the Automation API's `up`: resources registered before a failing Check
   * may already be created.
   */
  preview?: boolean;
  /** `--replace URN`: replace these resources without calling Diff (pkg/resource/deploy/step_generator.go). */
  replace?: string[];
}

/** What happens to the host when the CLI is killed. */
export interface KillOptions {
  /** `orphan` (default): the host keeps running and working, as plugins run in their own process group. */
  host?: "orphan" | "kill";
}

/** A step the step generator decided on. */
type Plan =
  | { op: "create"; resource: DesiredResource; inputs: PropertyMap }
  | { op: "update"; resource: DesiredResource; inputs: PropertyMap; old: ResourceState; diff: DiffResult }
  | { op: "same"; resource: DesiredResource; inputs: PropertyMap; old: ResourceState; diff: DiffResult }
  | {
      op: "replace";
      resource: DesiredResource;
      inputs: PropertyMap;
      old: ResourceState;
      diff: DiffResult;
      deleteBeforeReplace: boolean;
    };

/** One run: its host, its step executor, and whether its CLI was killed. */
interface Run {
  host: Host;
  queue: StepQueue;
  killed: boolean;
  finished?: Promise<unknown>;
}

/** The CLI's default `--parallel` on this machine. */
const DEFAULT_PARALLEL = 4 * os.availableParallelism();

/** Drives provider hosts with engine semantics. Every resource is treated as independent of the others. */
export class Engine {
  /** The live resources by URN, in creation order (a pending delete-before-replace included). */
  readonly state = new Map<string, ResourceState>();
  /** Old halves of create-before-delete replacements, marked for deletion; the next successful run deletes them. */
  readonly pendingDeletes: ResourceState[] = [];
  /** Operations a killed CLI left unfinished. */
  readonly pendingOperations: PendingOperation[] = [];
  /** Every host this engine started, oldest first (their output stays readable after they exit). */
  readonly hosts: Host[] = [];
  /**
   * Every state a resource was ever recorded with, oldest first, with its generation: a URN's generation grows
   * with each Create, so two records of one generation are one physical resource (for the invariants).
   */
  readonly history: Array<{ generation: number; state: ResourceState }> = [];
  private readonly generation = new WeakMap<ResourceState, number>();
  private generations = 0;
  private current?: Run;

  constructor(private readonly options: EngineOptions) {}

  /** Whether a run is in progress. */
  get running(): boolean {
    return this.current !== undefined;
  }

  /** The host of the running run, or of the last one. */
  get host(): Host | undefined {
    return this.hosts.at(-1);
  }

  /** Everything every host printed (stdout, then stderr, host by host). */
  output(): string {
    return this.hosts.map((host) => host.stdout() + host.stderr()).join("\n");
  }

  /**
   * Streams the program's registrations like the step generator: each resource is checked and diffed in turn,
   * and its step (create, update, replace, same) starts at once, in parallel with earlier ones. An invalid Check
   * or a Diff error aborts the run, and after the first failed step no new step starts
   * (pkg/resource/deploy/step_generator.go, deployment_executor.go, step_executor.go). Deletions (dropped
   * resources and old halves of replacements, this run's and earlier runs') run after the whole program has
   * registered, and not at all if anything failed.
   */
  async up(resources: DesiredResource[], options: UpOptions = {}): Promise<UpResult> {
    const result: UpResult = {
      created: [],
      updated: [],
      replaced: [],
      deleted: [],
      same: [],
      failed: [],
      warnings: [],
    };
    if (options.preview) {
      const preview = await this.preview(resources, options);
      if (preview.failed.length > 0) return { ...result, failed: preview.failed };
    }
    const order = [...resources.map((resource) => resource.urn), ...[...this.state.keys()].reverse()];
    return this.execute(result, options, order, async (run) => {
      for (const resource of resources) {
        if (run.queue.stopped) return;
        const plan = await this.generate(run, resource, options.replace ?? [], result.failed);
        if (run.killed) return;
        if (!plan) {
          run.queue.stopped = true;
          return;
        }
        run.queue.add(() => this.apply(run, plan, result));
      }
      await run.queue.drain();
      if (run.queue.stopped) return;
      const wanted = new Set(resources.map((resource) => resource.urn));
      this.queueDeletes(
        run,
        [...this.state.values()].filter((entry) => !wanted.has(entry.urn)),
        result,
      );
    });
  }

  /** Runs the checks and diffs `up` would run (nothing else), on its own host, and returns the planned steps. */
  async preview(resources: DesiredResource[], options: UpOptions = {}): Promise<PreviewResult> {
    const result: PreviewResult = { steps: [], failed: [], warnings: [] };
    const order = resources.map((resource) => resource.urn);
    return this.execute(
      result,
      options,
      order,
      async (run) => {
        for (const resource of resources) {
          const plan = await this.generate(run, resource, options.replace ?? [], result.failed);
          if (!plan) return;
          const step: PlannedStep = { urn: plan.resource.urn, op: plan.op, inputs: plan.inputs };
          if (plan.op !== "create") step.diff = plan.diff;
          if (plan.op === "replace") step.deleteBeforeReplace = plan.deleteBeforeReplace;
          result.steps.push(step);
        }
        const wanted = new Set(order);
        for (const urn of this.state.keys()) if (!wanted.has(urn)) result.steps.push({ urn, op: "delete" });
      },
      true,
    );
  }

  /**
   * Reads every resource in parallel, old halves marked for deletion included (not a delete-before-replace whose
   * Delete already ran). An empty id drops it; otherwise the outputs, and the inputs if Read returned any, replace
   * the stored ones and init errors are cleared (or set, with a warning, by an init failure). Then Diff is called
   * with the refreshed outputs as olds and the old inputs as news; an error fails the resource's refresh
   * (pkg/resource/deploy/step.go, RefreshStep.Apply).
   */
  async refresh(options: RunOptions = {}): Promise<RefreshResult> {
    const result: RefreshResult = { refreshed: [], deleted: [], changed: [], failed: [], warnings: [] };
    const entries = [...this.state.values(), ...this.pendingDeletes].filter((e) => !e.pendingReplacement);
    return this.execute(
      result,
      options,
      entries.map((entry) => entry.urn),
      async (run) => {
        for (const entry of entries) run.queue.add(() => this.read(run, entry, result));
      },
    );
  }

  /**
   * Deletes every resource and every old half in parallel (no dependencies are known); a protected resource is a
   * failure the run continues past, any other failure stops new deletes from starting
   * (pkg/resource/deploy/step_executor.go, `cancelDueToError`).
   */
  async destroy(options: RunOptions = {}): Promise<DestroyResult> {
    const result: DestroyResult = { deleted: [], failed: [], warnings: [] };
    const order = [...this.state.keys()].reverse();
    return this.execute(result, options, order, async (run) => {
      this.queueDeletes(run, [...this.state.values()], result);
    });
  }

  /**
   * Kills the CLI during the current run (call it while a run's promise is pending). Steps already finished are
   * in state; the answers of steps in flight are never recorded and their operations stay pending
   * (pkg/backend/snapshot.go). The host is left running as an orphan, or killed. Resolves once the run has ended;
   * the run's result then has `interrupted: true`.
   */
  async killCli(options: KillOptions = {}): Promise<void> {
    const run = this.current;
    if (!run) throw new Error("killCli: no run is in progress");
    run.killed = true;
    run.queue.stopped = true;
    if (options.host === "kill") await run.host.kill();
    else run.host.abandon();
    await run.finished;
  }

  /** Kills the current run's host (SIGKILL) while the CLI keeps running: its calls fail like a crashed plugin's. */
  async killHost(): Promise<void> {
    if (!this.current) throw new Error("killHost: no run is in progress");
    await this.current.host.kill();
  }

  /** Stops every host still running (orphans included). */
  async close(): Promise<void> {
    await Promise.all(this.hosts.map((host) => host.kill()));
  }

  /** A JSON-serializable deep copy of the state as the checkpoint stores it: secret values are ciphertext. */
  snapshot(): StateSnapshot {
    const hide = (bag: PropertyMap, secrets: string[] = []) =>
      Object.fromEntries(
        Object.entries(bag).map(([k, v]) => [
          k,
          secrets.includes(k) ? { [SIG_KEY]: SECRET_SIG, ciphertext: "[encrypted]" } : v,
        ]),
      );
    const encrypted = (entry: ResourceState) => ({
      ...entry,
      inputs: hide(entry.inputs, entry.secrets),
      outputs: hide(entry.outputs, entry.secrets),
    });
    return JSON.parse(
      JSON.stringify({
        resources: [...this.state.values()].map(encrypted),
        pendingDeletes: this.pendingDeletes.map(encrypted),
        pendingOperations: this.pendingOperations.map((op) => ({
          ...op,
          inputs: hide(op.inputs, op.secrets),
        })),
      }),
    );
  }

  /**
   * Runs `body` on a fresh, configured host and closes the host afterwards (unless the CLI was killed). Outside a
   * preview (`dryRun`), warns about pending operations like pkg/resource/deploy/deployment_executor.go
   * (`printPendingOperationsWarning`).
   */
  private async execute<T extends RunOutcome>(
    result: T,
    options: RunOptions,
    order: string[],
    body: (run: Run) => Promise<void>,
    dryRun = false,
  ): Promise<T> {
    if (this.current) throw new Error("another run of this stack is in progress (the stack is locked)");
    const run: Run = {
      host: undefined as unknown as Host,
      queue: new StepQueue(options.parallel ?? DEFAULT_PARALLEL),
      killed: false,
    };
    this.current = run;
    const work = async () => {
      run.host = await this.options.startHost();
      this.hosts.push(run.host);
      if (this.pendingOperations.length > 0 && !dryRun) {
        const list = this.pendingOperations.map((op) => `  * ${op.urn}, interrupted while ${op.type}`);
        result.warnings.push(
          `Attempting to deploy or update resources with ${list.length} pending operations from previous deployment.\n${list.join("\n")}`,
        );
      }
      try {
        await run.host.configure(this.options.config, this.options.secretKeys ?? []);
      } catch (error) {
        result.failed.push(stepFailure("", error));
        return;
      }
      await body(run);
      await run.queue.drain();
    };
    run.finished = work().finally(() => {
      this.current = undefined;
    });
    try {
      await run.finished;
    } finally {
      if (!run.killed) await run.host?.close();
    }
    if (run.killed) result.interrupted = true;
    return inOrder(result, order);
  }

  /** `Check`, then `Diff` for an existing resource, then the step; `undefined` when the run must abort. */
  private async generate(
    run: Run,
    resource: DesiredResource,
    replaceTargets: string[],
    failed: StepFailure[],
  ): Promise<Plan | undefined> {
    const { urn } = resource;
    const old = this.state.get(urn);
    const targeted = old !== undefined && replaceTargets.includes(urn);
    // A targeted replacement's Check gets no olds (step_generator.go, `isTargetedReplace`).
    const checked = await this.check(run, resource, old && !targeted ? old.inputs : {}, failed);
    if (!checked) return undefined;
    if (!old) return { op: "create", resource, inputs: checked };
    let diff: DiffResult = { changes: "some", replaces: ["id"], deleteBeforeReplace: false };
    if (!targeted) {
      try {
        diff = await run.host.diff(urn, old.id, old.outputs, checked, old.inputs);
      } catch (error) {
        failed.push(stepFailure(urn, error));
        return undefined;
      }
    }
    // Init errors make a change even when the provider reports none (step_generator.go, `applyReplaceOnChanges`).
    const changed =
      old.initErrors.length > 0 ||
      (diff.changes === "unknown" ? !isDeepStrictEqual(old.inputs, checked) : diff.changes === "some");
    if (!changed && !old.pendingReplacement) return { op: "same", resource, inputs: checked, old, diff };
    if (diff.replaces.length === 0 && !targeted && !old.pendingReplacement) {
      return { op: "update", resource, inputs: checked, old, diff };
    }
    if (old.protect && resource.protect) {
      failed.push({
        urn,
        message: `unable to replace resource ${urn} as it is currently marked for protection`,
      });
      return undefined;
    }
    // A replacement's inputs come from a second Check without olds, except for a targeted one.
    const inputs = targeted ? checked : await this.check(run, resource, {}, failed);
    if (!inputs) return undefined;
    // The resource option overrides the provider (step_generator.go, `goal.DeleteBeforeReplace`).
    const deleteBeforeReplace = resource.deleteBeforeReplace ?? diff.deleteBeforeReplace;
    return { op: "replace", resource, inputs, old, diff, deleteBeforeReplace };
  }

  /** `Check(olds, news)`: the checked inputs, or `undefined` (failures recorded) when invalid or failed. */
  private async check(run: Run, resource: DesiredResource, olds: PropertyMap, failed: StepFailure[]) {
    try {
      const result = await run.host.check(resource.urn, olds, resource.inputs);
      for (const { property, reason } of result.failures) {
        failed.push({ urn: resource.urn, message: `${property}: ${reason}` });
      }
      return result.failures.length > 0 ? undefined : result.inputs;
    } catch (error) {
      failed.push(stepFailure(resource.urn, error));
      return undefined;
    }
  }

  /** Runs one planned step. */
  private async apply(run: Run, plan: Plan, result: UpResult): Promise<StepEnd> {
    const { urn } = plan.resource;
    if (plan.op === "create") return this.create(run, plan.resource, plan.inputs, result, "created");
    if (plan.op === "same") {
      this.record(plan.resource, plan.old.id, plan.inputs, plan.old.outputs, plan.old.initErrors);
      result.same.push(urn);
      return "ok";
    }
    if (plan.op === "update") return this.update(run, plan.old, plan.resource, plan.inputs, result);
    const { old } = plan;
    if (plan.deleteBeforeReplace) {
      // The old resource stays in state, pending replacement, once its Delete succeeded (step.go, DeleteStep).
      if (!old.pendingReplacement) {
        if ((await this.remove(run, old, true, result.failed)) !== "ok") return "failed";
        const marked: ResourceState = { ...old, pendingReplacement: true };
        this.state.set(urn, marked);
        this.remember(marked, old);
      }
      return this.create(run, plan.resource, plan.inputs, result, "replaced");
    }
    const end = await this.create(run, plan.resource, plan.inputs, result, "replaced");
    // The old half is marked for deletion as soon as the new one exists, init errors or not (step.go, CreateStep).
    if (this.state.get(urn) !== old && !run.killed) this.pendingDeletes.push(old);
    return end;
  }

  /**
   * `Create`: an init failure is recorded with the error's id and properties and the reasons, and still fails the
   * step; an empty id is an error and nothing is recorded (provider_plugin.go, `Create`).
   */
  private async create(
    run: Run,
    resource: DesiredResource,
    inputs: PropertyMap,
    result: UpResult,
    list: "created" | "replaced",
  ): Promise<StepEnd> {
    const { urn } = resource;
    const op: PendingOperation = { type: "creating", urn, inputs, secrets: resource.secretInputs };
    return this.operation(run, op, async () => {
      let answer: { id: string; properties: PropertyMap; reasons: string[] };
      let failure: StepFailure | undefined;
      try {
        answer = { ...(await run.host.create(urn, inputs)), reasons: [] };
      } catch (error) {
        failure = stepFailure(urn, error);
        if (run.killed || !failure.initFailure) return this.fail(run, failure, result.failed);
        answer = failure.initFailure;
      }
      if (run.killed) return "failed";
      if (answer.id === "") {
        return this.fail(
          run,
          { urn, message: `plugin returned empty resource.ID from create '${urn}'` },
          result.failed,
        );
      }
      this.record(resource, answer.id, inputs, answer.properties, answer.reasons, true);
      if (failure) return this.fail(run, failure, result.failed);
      result[list].push(urn);
      return "ok";
    });
  }

  /**
   * `Update` with the stored outputs as olds: success clears init errors; an init failure keeps the old inputs and
   * records the error's properties as outputs (pkg/engine/update.go).
   */
  private async update(
    run: Run,
    old: ResourceState,
    resource: DesiredResource,
    inputs: PropertyMap,
    result: UpResult,
  ): Promise<StepEnd> {
    const { urn } = resource;
    const op: PendingOperation = { type: "updating", urn, inputs, secrets: resource.secretInputs };
    return this.operation(run, op, async () => {
      try {
        const { properties } = await run.host.update(urn, old.id, old.outputs, inputs, old.inputs);
        if (run.killed) return "failed";
        this.record(resource, old.id, inputs, properties, []);
        result.updated.push(urn);
        return "ok";
      } catch (error) {
        const failure = stepFailure(urn, error);
        const init = failure.initFailure;
        if (init && !run.killed) this.record(resource, old.id, old.inputs, init.properties, init.reasons);
        return this.fail(run, failure, result.failed);
      }
    });
  }

  /** Queues the deletion of `removed` (state entries) and of every old half marked for deletion. */
  private queueDeletes(
    run: Run,
    removed: ResourceState[],
    result: { deleted: string[]; failed: StepFailure[] },
  ): void {
    for (const old of [...this.pendingDeletes]) {
      run.queue.add(async () => {
        const end = await this.remove(run, old, true, result.failed);
        if (end === "ok") this.pendingDeletes.splice(this.pendingDeletes.indexOf(old), 1);
        return end;
      });
    }
    for (const entry of [...removed].reverse()) {
      run.queue.add(async () => {
        // A delete-before-replace whose Delete ran is only dropped (step_generator.go, RemovePendingReplaceStep).
        const end = entry.pendingReplacement ? "ok" : await this.remove(run, entry, false, result.failed);
        if (end === "ok") {
          this.state.delete(entry.urn);
          result.deleted.push(entry.urn);
        }
        return end;
      });
    }
  }

  /**
   * Calls Delete unless protected (a failure the run continues past, except for replacements, which ignore it)
   * or retained (a state-only removal).
   */
  private async remove(
    run: Run,
    entry: ResourceState,
    replacing: boolean,
    failed: StepFailure[],
  ): Promise<StepEnd> {
    if (entry.protect && !replacing) {
      failed.push({
        urn: entry.urn,
        message: `resource ${entry.urn} cannot be deleted because it is protected`,
      });
      return "continue";
    }
    if (entry.retainOnDelete) return "ok";
    const op: PendingOperation = {
      type: "deleting",
      urn: entry.urn,
      inputs: entry.inputs,
      secrets: entry.secrets,
    };
    return this.operation(run, op, async () => {
      try {
        await run.host.delete(entry.urn, entry.id, entry.outputs, entry.inputs);
        return run.killed ? "failed" : "ok";
      } catch (error) {
        return this.fail(run, stepFailure(entry.urn, error), failed);
      }
    });
  }

  /** One refresh step (see {@link refresh}). */
  private async read(run: Run, entry: ResourceState, result: RefreshResult): Promise<StepEnd> {
    const { urn } = entry;
    let read: { id: string; properties: PropertyMap; inputs?: PropertyMap };
    let initErrors: string[] = [];
    try {
      read = await run.host.read(urn, entry.id, entry.outputs, entry.inputs);
    } catch (error) {
      const failure = stepFailure(urn, error);
      if (run.killed || !failure.initFailure) return this.fail(run, failure, result.failed);
      read = failure.initFailure;
      initErrors = failure.initFailure.reasons;
      result.warnings.push(
        `${urn}: Refreshed resource is in an unhealthy state:\n* ${initErrors.join("\n* ")}`,
      );
    }
    if (run.killed) return "failed";
    const pending = this.pendingDeletes.indexOf(entry);
    if (read.id === "") {
      if (pending >= 0) this.pendingDeletes.splice(pending, 1);
      else this.state.delete(urn);
      result.deleted.push(urn);
      return "ok";
    }
    const inputs = read.inputs ?? entry.inputs;
    const refreshed: ResourceState = { ...entry, id: read.id, inputs, outputs: read.properties, initErrors };
    let diff: DiffResult;
    try {
      diff = await run.host.diff(urn, refreshed.id, refreshed.outputs, entry.inputs, inputs);
    } catch (error) {
      return this.fail(run, stepFailure(urn, error), result.failed);
    }
    if (run.killed) return "failed";
    if (pending >= 0) this.pendingDeletes[this.pendingDeletes.indexOf(entry)] = refreshed;
    else this.state.set(urn, refreshed);
    this.remember(refreshed, entry);
    result.refreshed.push(urn);
    const changed =
      diff.changes === "unknown" ? !isDeepStrictEqual(inputs, entry.inputs) : diff.changes === "some";
    if (changed) result.changed.push(urn);
    return "ok";
  }

  /**
   * Runs a provider operation, pending in the checkpoint while it runs (pkg/backend/snapshot.go): it stays pending
   * only if the CLI is killed before the operation ends.
   */
  private async operation(run: Run, op: PendingOperation, body: () => Promise<StepEnd>): Promise<StepEnd> {
    this.pendingOperations.push(op);
    const end = await body();
    if (!run.killed) this.pendingOperations.splice(this.pendingOperations.indexOf(op), 1);
    return end;
  }

  /** Records a failure (unless the CLI was killed: nothing is recorded then) and ends the step as failed. */
  private fail(run: Run, failure: StepFailure, failed: StepFailure[]): StepEnd {
    if (!run.killed) failed.push(failure);
    return "failed";
  }

  /**
   * Stores a resource's new state, keeping its place in creation order, with its secret keys re-marked; `created`
   * starts a new generation (see {@link history}).
   */
  private record(
    resource: DesiredResource,
    id: string,
    inputs: PropertyMap,
    outputs: PropertyMap,
    errors: string[],
    created = false,
  ) {
    const { type, name, urn } = resource;
    const entry: ResourceState = { type, name, urn, id, inputs, outputs, initErrors: errors };
    if (resource.protect) entry.protect = true;
    if (resource.retainOnDelete) entry.retainOnDelete = true;
    if (resource.secretInputs) entry.secrets = [...resource.secretInputs];
    const previous = this.state.get(urn);
    this.state.set(urn, entry);
    this.remember(entry, created || !previous ? undefined : previous);
  }

  /** Adds a state to {@link history}, in the generation of `previous` (a new one without it). */
  private remember(state: ResourceState, previous?: ResourceState): void {
    const generation = (previous && this.generation.get(previous)) ?? ++this.generations;
    this.generation.set(state, generation);
    this.history.push({ generation, state });
  }
}
