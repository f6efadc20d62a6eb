/**
 * The building blocks of `check`: the failure type Pulumi reports, and a `Checker` that reads one raw value at a
 * time (booleans, texts, bounded numbers, ids, features, known keys) and collects what is wrong with each.
 */
import * as pulumi from "@pulumi/pulumi";
import { InvalidInputError } from "../client/errors.js";
import { describe } from "../client/normalize.js";

/** The value the engine sends for inputs that are not known yet (during a preview). */
export const UNKNOWN = pulumi.runtime.unknownValue;

/**
 * A problem with resource arguments, as `check` reports it to Pulumi: the property at fault (e.g. `region.prefix`;
 * several when they conflict, e.g. `number, region`) and what is wrong and how to fix it.
 */
export interface ArgumentProblem {
  /** The property at fault, e.g. `region.prefix`. */
  property: string;
  /** What is wrong and how to fix it. */
  reason: string;
}

/** What `check` returns. */
export interface CheckResult<T> {
  /** The normalised inputs (the originals, when there are failures). */
  inputs: T;
  /** Problems found; empty when the inputs are good. */
  failures: ArgumentProblem[];
}

/** Inputs as the engine sends them, not yet checked. */
export type Raw = Record<string, unknown>;

/** Inputs the resource classes add themselves: never the user's mistake. */
const INTERNAL_INPUTS = ["__provider", "__resource"];

/** Collects failures while reading raw inputs. */
export class Checker {
  /** The problems found so far. */
  readonly failures: ArgumentProblem[] = [];

  /** Records a failure. */
  fail(property: string, reason: string): undefined {
    this.failures.push({ property, reason });
    return undefined;
  }

  /** Runs a normaliser that throws `InvalidInputError`, turning the error into a failure. */
  normalise<T>(
    property: string,
    value: unknown,
    normaliser: (value: string, property: string) => T,
  ): T | undefined {
    if (value === UNKNOWN) return value as T;
    try {
      return normaliser(value as string, property);
    } catch (error) {
      if (error instanceof InvalidInputError) return this.fail(property, error.reason);
      throw error;
    }
  }

  /** An optional boolean. */
  boolean(property: string, value: unknown): boolean | undefined {
    if (value === undefined || value === UNKNOWN || typeof value === "boolean")
      return value as boolean | undefined;
    return this.fail(property, `must be true or false, got ${describe(value)}`);
  }

  /** An optional non-empty string. */
  text(property: string, value: unknown, pattern?: RegExp, example?: string): string | undefined {
    if (value === undefined || value === UNKNOWN) return value;
    if (typeof value !== "string" || value.trim() === "" || (pattern && !pattern.test(value.trim()))) {
      return this.fail(property, `must be ${example ?? "a non-empty string"}, got ${describe(value)}`);
    }
    return value.trim();
  }

  /** An optional number within bounds. */
  number(property: string, value: unknown, min: number, max: number, hint: string): number | undefined {
    if (value === undefined || value === UNKNOWN) return value as undefined;
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      return this.fail(property, `must be ${hint}, got ${describe(value)}`);
    }
    return value;
  }

  /** An optional id: digits, given as a string or a whole number. */
  id(property: string, value: unknown): string | undefined {
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) return String(value);
    return this.text(property, value, /^\d+$/, 'a numeric CallFire sound id such as "12345"');
  }

  /** `ENABLED` or `DISABLED`, any case. */
  feature(property: string, value: unknown): "ENABLED" | "DISABLED" | undefined {
    if (value === undefined || value === UNKNOWN) return value as undefined;
    const upper = typeof value === "string" ? value.trim().toUpperCase() : value;
    if (upper === "ENABLED" || upper === "DISABLED") return upper;
    return this.fail(property, `must be "ENABLED" or "DISABLED", got ${describe(value)}`);
  }

  /** Fails for keys outside `allowed`, suggesting a near match. */
  onlyKnown(prefix: string, raw: Raw, allowed: readonly string[]): void {
    for (const key of Object.keys(raw)) {
      if (INTERNAL_INPUTS.includes(key) || allowed.includes(key)) continue;
      const near = allowed.find((name) => name.toLowerCase() === key.toLowerCase());
      this.fail(`${prefix}${key}`, `is not a known property${near ? `; did you mean "${near}"?` : ""}`);
    }
  }

  /** A plain object, or a failure. */
  object(property: string, value: unknown): Raw | undefined {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Raw;
    return this.fail(property, `must be an object, got ${describe(value)}`);
  }
}
