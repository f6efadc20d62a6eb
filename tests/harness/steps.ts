/**
 * The engine's step executor, reduced to what the harness needs: steps run in parallel up to a limit, and after
 * the first failed step no new step starts (pkg/resource/deploy/step_executor.go, `cancelDueToError`); steps
 * already running finish.
 * @module
 */

/** How a step ended: `failed` stops the queue; `continue` is a failure the engine continues past (protection). */
export type StepEnd = "ok" | "failed" | "continue";

/** A bounded pool of concurrently running steps. */
export class StepQueue {
  /** Set by the first failed step (or by the harness when the CLI is killed): no further step starts. */
  stopped = false;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly started: Promise<void>[] = [];

  /** @param limit the most steps running at once (`--parallel`) */
  constructor(private readonly limit: number) {}

  /** Queues a step; it starts once a slot is free, unless the queue has stopped by then. */
  add(step: () => Promise<StepEnd>): void {
    this.started.push(this.run(step));
  }

  /** Resolves once every queued step has finished or been skipped. */
  async drain(): Promise<void> {
    while (this.started.length > 0) await Promise.all(this.started.splice(0));
  }

  private async run(step: () => Promise<StepEnd>): Promise<void> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      if (!this.stopped && (await step()) === "failed") this.stopped = true;
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
