/**
 * The sandbox clock: real time plus an offset that only grows. Tests and the admin endpoint move it
 * forward to make orders finish and leases end without waiting. This is the one place in the sandbox
 * that reads the real time; the state machine only ever sees {@link VirtualClock.now}.
 */
export class VirtualClock {
  private offsetMs = 0;

  /** @param source the real-time source, `Date.now` unless a test injects its own. */
  constructor(private readonly source: () => number = Date.now) {}

  /** The current virtual time in epoch milliseconds (bound: safe to pass around as a function). */
  readonly now = (): number => this.source() + this.offsetMs;

  /** Moves the clock forward by `seconds` (finite, not negative). */
  advanceSeconds(seconds: number): void {
    this.advance(seconds, "seconds");
  }

  /** Moves the clock forward by `days` (finite, not negative). */
  advanceDays(days: number): void {
    this.advance(days * 86_400, "days");
  }

  /** Back to real time (offset 0). */
  reset(): void {
    this.offsetMs = 0;
  }

  /** Moves the clock forward by `seconds`; a refusal names the `unit` the caller counted in. */
  private advance(seconds: number, unit: "seconds" | "days"): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`the clock only moves forward: give a finite number of ${unit}, 0 or more`);
    }
    this.offsetMs += seconds * 1000;
  }
}
