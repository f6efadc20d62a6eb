/**
 * A small stand-in for the Pulumi engine: applies captured programs to a {@link Host} the way `pulumi up`,
 * `preview`, `refresh` and `destroy` would, keeping its own stack state.
 * @module
 */
import { isDeepStrictEqual } from "node:util";
import type { Host } from "./host";
import type { DesiredResource } from "./program";
import {
  type DestroyResult,
  inOrder,
  type PlannedStep,
  type PreviewResult,
  type RefreshResult,
  type ResourceState,
  runSteps,
  type StateSnapshot,
  type StepFailure,
  stepFailure,
  type UpResult,
} from "./results";
import type { PropertyMap } from "./wire";

/** How `up` runs its steps. */
export interface UpOptions {
  /** Run independent steps concurrently, like Pulumi (default `true`). `false` stops at the first failure. */
  parallel?: boolean;
}

/** A desired resource with the inputs its `check` returned. */
interface Checked {
  resource: DesiredResource;
  inputs: PropertyMap;
}

/** Drives a host with engine semantics. Every resource is treated as independent of the others. */
export class Engine {
  /** The live resources by URN, in creation order. */
  readonly state = new Map<string, ResourceState>();
  /** Old resources of create-before-delete replacements still to be deleted. */
  readonly pendingDeletes: ResourceState[] = [];
  private configuring?: Promise<void>;

  /**
   * @param host the provider host to drive
   * @param stackConfig the whole stack config with namespaced keys (`callfire:username`), sent once with Configure
   * @param secretKeys config keys sent as secrets (the host unwraps them)
   */
  constructor(
    private readonly host: Host,
    private readonly stackConfig: Record<string, string>,
    private readonly secretKeys: string[] = [],
  ) {}

  /**
   * Checks every resource (any failure: nothing changes), then creates, updates or replaces each one, then deletes
   * resources the program dropped and the old halves of replacements. As in Pulumi, the deletions are skipped when
   * an earlier step failed.
   */
  async up(resources: DesiredResource[], options: UpOptions = {}): Promise<UpResult> {
    const order = [...resources.map((resource) => resource.urn), ...[...this.state.keys()].reverse()];
    return inOrder(await this.deploy(resources, options.parallel ?? true), order);
  }

  /** The body of `up`; results are listed in completion order. */
  private async deploy(resources: DesiredResource[], parallel: boolean): Promise<UpResult> {
    const result: UpResult = { created: [], updated: [], replaced: [], deleted: [], same: [], failed: [] };
    const checked = await this.checkAll(resources, result.failed, parallel);
    if (result.failed.length > 0) return result;
    const steps = checked.map((c) => () => this.apply(c, result));
    if (!(await runSteps(steps, parallel))) return result;
    const wanted = new Set(resources.map((resource) => resource.urn));
    const removed = [...this.state.values()].filter((entry) => !wanted.has(entry.urn)).reverse();
    const deletions = [
      ...this.pendingDeletes.map((old) => () => this.deleteReplaced(old, result.failed)),
      ...removed.map((entry) => () => this.deleteRemoved(entry, result)),
    ];
    await runSteps(deletions, parallel);
    return result;
  }

  /** Runs the checks and diffs `up` would run (nothing else) and returns the planned steps. */
  async preview(resources: DesiredResource[]): Promise<PreviewResult> {
    const failed: StepFailure[] = [];
    const checked = await this.checkAll(resources, failed, true);
    const order = resources.map((resource) => resource.urn);
    if (failed.length > 0) return { steps: [], failed: inOrder({ failed }, order).failed };
    const planned = await Promise.all(
      checked.map(({ resource, inputs }) => {
        const old = this.state.get(resource.urn);
        return old
          ? this.plan(old, resource, inputs, failed)
          : { urn: resource.urn, op: "create" as const, inputs };
      }),
    );
    const wanted = new Set(resources.map((resource) => resource.urn));
    const deletes = [...this.state.keys()]
      .filter((urn) => !wanted.has(urn))
      .map((urn): PlannedStep => ({ urn, op: "delete" }));
    const steps = [...planned.filter((step) => step !== undefined), ...deletes];
    return { steps, failed: inOrder({ failed }, order).failed };
  }

  /** Reads every resource: an empty id drops it; otherwise outputs (and returned inputs) replace the stored ones. */
  async refresh(): Promise<RefreshResult> {
    await this.configured();
    const result: RefreshResult = { refreshed: [], deleted: [], failed: [] };
    const entries = [...this.state.values()];
    const reads = await Promise.all(
      entries.map((entry) =>
        this.host
          .read(entry.urn, entry.id, entry.outputs, entry.inputs)
          .catch((error) => stepFailure(entry.urn, error)),
      ),
    );
    entries.forEach((entry, index) => {
      const read = reads[index];
      if ("message" in read) {
        result.failed.push(read);
      } else if (read.id === "") {
        this.state.delete(entry.urn);
        result.deleted.push(entry.urn);
      } else {
        const inputs = read.inputs ?? entry.inputs;
        this.state.set(entry.urn, {
          ...entry,
          id: read.id,
          inputs,
          outputs: read.properties,
          initErrors: [],
        });
        result.refreshed.push(entry.urn);
      }
    });
    return result;
  }

  /** Deletes pending replacements, then every resource in reverse creation order; stops at the first failure. */
  async destroy(): Promise<DestroyResult> {
    await this.configured();
    const result: DestroyResult = { deleted: [], failed: [] };
    const removeAll = [...this.state.values()]
      .reverse()
      .map((entry) => () => this.deleteRemoved(entry, result));
    const replaced = this.pendingDeletes.map((old) => () => this.deleteReplaced(old, result.failed));
    await runSteps([...replaced, ...removeAll], false);
    return result;
  }

  /** A JSON-serializable deep copy of the state (for assertions and secret scans). */
  snapshot(): StateSnapshot {
    return JSON.parse(
      JSON.stringify({ resources: [...this.state.values()], pendingDeletes: this.pendingDeletes }),
    );
  }

  /** Sends Configure once, before the first resource call. */
  private configured(): Promise<void> {
    this.configuring ??= this.host.configure(this.stackConfig, this.secretKeys);
    return this.configuring;
  }

  /** `check(oldInputs ?? {}, news)` for every resource; failures are collected, not thrown. */
  private async checkAll(resources: DesiredResource[], failed: StepFailure[], parallel: boolean) {
    await this.configured();
    const checked: Checked[] = [];
    const check = async (resource: DesiredResource, index: number) => {
      try {
        const old = this.state.get(resource.urn);
        const result = await this.host.check(resource.urn, old?.inputs ?? {}, resource.inputs);
        for (const { property, reason } of result.failures) {
          failed.push({ urn: resource.urn, message: `${property}: ${reason}` });
        }
        checked[index] = { resource, inputs: result.inputs };
      } catch (error) {
        failed.push(stepFailure(resource.urn, error));
      }
      return true;
    };
    await runSteps(
      resources.map((resource, index) => () => check(resource, index)),
      parallel,
    );
    return checked;
  }

  /**
   * Diffs an existing resource and decides its step like the engine: `changes: unknown` falls back to comparing
   * old and new inputs; a replacement needs changes and `replaces`; init errors force an update.
   */
  private async plan(
    old: ResourceState,
    resource: DesiredResource,
    inputs: PropertyMap,
    failed: StepFailure[],
  ): Promise<PlannedStep | undefined> {
    const { urn } = resource;
    let diff: PlannedStep["diff"];
    try {
      diff = await this.host.diff(urn, old.id, old.outputs, inputs, old.inputs);
    } catch (error) {
      failed.push(stepFailure(urn, error));
      return undefined;
    }
    const changed =
      diff.changes === "unknown" ? !isDeepStrictEqual(old.inputs, inputs) : diff.changes === "some";
    if (changed && diff.replaces.length > 0) {
      if (old.protect && resource.protect) {
        failed.push({
          urn,
          message: `unable to replace resource ${urn} as it is currently marked for protection`,
        });
        return undefined;
      }
      const deleteBeforeReplace = diff.deleteBeforeReplace || resource.deleteBeforeReplace === true;
      return { urn, op: "replace", inputs, diff, deleteBeforeReplace };
    }
    return { urn, op: changed || old.initErrors.length > 0 ? "update" : "same", inputs, diff };
  }

  /** Runs the create, update, replacement or same step of one checked resource. */
  private async apply({ resource, inputs }: Checked, result: UpResult): Promise<boolean> {
    const { urn } = resource;
    const old = this.state.get(urn);
    if (!old) {
      const ok = await this.create(resource, inputs, result.failed);
      if (ok) result.created.push(urn);
      return ok;
    }
    const step = await this.plan(old, resource, inputs, result.failed);
    if (!step) return false;
    if (step.op === "update") {
      const ok = await this.update(old, resource, inputs, result.failed);
      if (ok) result.updated.push(urn);
      return ok;
    }
    if (step.op === "replace") {
      const ok = await this.replace(old, resource, inputs, step.deleteBeforeReplace === true, result.failed);
      if (ok) result.replaced.push(urn);
      return ok;
    }
    this.record(resource, old.id, inputs, old.outputs, old.initErrors);
    result.same.push(urn);
    return true;
  }

  /** Creates a resource; an init failure is recorded with its init errors (and still counts as failed). */
  private async create(
    resource: DesiredResource,
    inputs: PropertyMap,
    failed: StepFailure[],
  ): Promise<boolean> {
    try {
      const { id, properties } = await this.host.create(resource.urn, inputs);
      this.record(resource, id, inputs, properties, []);
      return true;
    } catch (error) {
      const failure = stepFailure(resource.urn, error);
      const init = failure.initFailure;
      if (init) this.record(resource, init.id, inputs, init.properties, init.reasons);
      failed.push(failure);
      return false;
    }
  }

  /** Updates a resource with `olds` = its stored outputs; success clears init errors. */
  private async update(
    old: ResourceState,
    resource: DesiredResource,
    inputs: PropertyMap,
    failed: StepFailure[],
  ) {
    try {
      const { properties } = await this.host.update(resource.urn, old.id, old.outputs, inputs, old.inputs);
      this.record(resource, old.id, inputs, properties, []);
      return true;
    } catch (error) {
      const failure = stepFailure(resource.urn, error);
      const init = failure.initFailure;
      if (init) this.record(resource, old.id, inputs, init.properties, init.reasons);
      failed.push(failure);
      return false;
    }
  }

  /** Delete-then-create, or create-then-(later)-delete with the old outputs and therefore the old `__provider`. */
  private async replace(
    old: ResourceState,
    resource: DesiredResource,
    inputs: PropertyMap,
    deleteBeforeReplace: boolean,
    failed: StepFailure[],
  ): Promise<boolean> {
    if (deleteBeforeReplace) {
      if (!(await this.remove(old, true, failed))) return false;
      this.state.delete(old.urn);
      return this.create(resource, inputs, failed);
    }
    const ok = await this.create(resource, inputs, failed);
    if (this.state.get(old.urn) !== old) this.pendingDeletes.push(old);
    return ok;
  }

  /** Deletes the old half of a create-before-delete replacement; a failure leaves it pending. */
  private async deleteReplaced(old: ResourceState, failed: StepFailure[]): Promise<boolean> {
    const ok = await this.remove(old, true, failed);
    if (ok) this.pendingDeletes.splice(this.pendingDeletes.indexOf(old), 1);
    return ok;
  }

  /** Deletes a resource the program no longer declares. */
  private async deleteRemoved(
    entry: ResourceState,
    result: { deleted: string[]; failed: StepFailure[] },
  ): Promise<boolean> {
    const ok = await this.remove(entry, false, result.failed);
    if (ok) this.state.delete(entry.urn);
    if (ok) result.deleted.push(entry.urn);
    return ok;
  }

  /** Calls Delete unless protected (refused, except for replacements) or retained (state-only removal). */
  private async remove(entry: ResourceState, replacing: boolean, failed: StepFailure[]): Promise<boolean> {
    if (entry.protect && !replacing) {
      failed.push({
        urn: entry.urn,
        message: `resource ${entry.urn} cannot be deleted because it is protected`,
      });
      return false;
    }
    if (entry.retainOnDelete) return true;
    try {
      await this.host.delete(entry.urn, entry.id, entry.outputs, entry.inputs);
      return true;
    } catch (error) {
      failed.push(stepFailure(entry.urn, error));
      return false;
    }
  }

  /** Stores a resource's new state, keeping its place in creation order. */
  private record(
    resource: DesiredResource,
    id: string,
    inputs: PropertyMap,
    outputs: PropertyMap,
    errors: string[],
  ) {
    const { type, name, urn } = resource;
    const entry: ResourceState = { type, name, urn, id, inputs, outputs, initErrors: errors };
    if (resource.protect) entry.protect = true;
    if (resource.retainOnDelete) entry.retainOnDelete = true;
    this.state.set(urn, entry);
  }
}
