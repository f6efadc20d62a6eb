/**
 * The inventory the root stack provisions, read from stack config: a `numbers` list (each a `name` plus
 * `PhoneNumber` arguments) and a `keywords` list (each a `name` plus `Keyword` arguments).
 *
 * {@link parseInventory} is pure: it checks the structure and names here and every argument with the
 * resources' own checks (`validatePhoneNumberArgs`, `validateKeywordArgs` from pulumi-callfire), so a bad entry
 * fails the program before any resource is registered, and nothing is half applied.
 * @module
 */
import { type ArgumentProblem, validateKeywordArgs, validatePhoneNumberArgs } from "pulumi-callfire";

/** One entry of a list: the resource name and the arguments exactly as given (checked, not rewritten). */
export interface InventoryEntry {
  /** The resource name, unique within its list; also the key in the stack's `summary` output. */
  name: string;
  /** The resource arguments (everything in the entry except `name`). */
  args: Record<string, unknown>;
}

/** The wanted CallFire inventory. */
export interface Inventory {
  /** Phone numbers, in config order. */
  numbers: InventoryEntry[];
  /** SMS keywords, in config order. */
  keywords: InventoryEntry[];
}

/** Thrown by {@link parseInventory}: every problem, one line each, naming the entry and the field. */
export class InventoryError extends Error {
  /** The problems, e.g. `numbers[1] ("sales").region.prefix: must be …`. */
  readonly problems: string[];

  constructor(problems: string[]) {
    const count = problems.length === 1 ? "a problem" : `${problems.length} problems`;
    super(`The inventory in stack config has ${count}:\n${problems.map((line) => `  - ${line}`).join("\n")}`);
    this.name = "InventoryError";
    this.problems = problems;
  }
}

/**
 * Resource names: a letter or digit, then letters, digits, `.`, `_` or `-`, at most 100 characters. Pulumi
 * itself is laxer; this keeps names readable in URNs, logs and the summary output.
 */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** What each list holds, for messages and the per-resource check. */
const LISTS = {
  numbers: {
    what: "PhoneNumber",
    example: '{ name: "support", region: { prefix: "1213" } }',
    validate: validatePhoneNumberArgs,
  },
  keywords: {
    what: "Keyword",
    example: '{ name: "promo", keyword: "pizza" }',
    validate: validateKeywordArgs,
  },
} as const;

/** A short description of a bad value. */
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return `a list ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Reads one list, adding a line to `problems` for each thing wrong with it. */
function parseList(key: keyof typeof LISTS, raw: unknown, problems: string[]): InventoryEntry[] {
  const { what, example, validate } = LISTS[key];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${key}: must be a list of ${what} entries such as ${example}, got ${describe(raw)}`);
    return [];
  }
  const entries: InventoryEntry[] = [];
  const seen = new Map<string, number>();
  raw.forEach((item: unknown, index) => {
    const at = `${key}[${index}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      problems.push(`${at}: must be an object such as ${example}, got ${describe(item)}`);
      return;
    }
    const { name, ...args } = item as Record<string, unknown>;
    const label = typeof name === "string" && name !== "" ? `${at} (${JSON.stringify(name)})` : at;
    const before = problems.length;
    if (name === undefined || name === "") {
      problems.push(`${at}.name: is required: the resource name, e.g. "support"`);
    } else if (typeof name !== "string" || !NAME.test(name)) {
      problems.push(
        `${label}.name: must start with a letter or digit and use only letters, digits, ".", "_" and "-" ` +
          `(at most 100 characters), got ${describe(name)}`,
      );
    } else if (seen.has(name)) {
      problems.push(`${label}.name: ${key}[${seen.get(name)}] already uses this name; names must be unique`);
    } else {
      seen.set(name, index);
    }
    for (const problem of validate(args)) problems.push(`${label}.${formatProperty(problem)}`);
    if (problems.length === before) entries.push({ name: name as string, args });
  });
  return entries;
}

/** `region.prefix: reason`; conflicting properties (`number, region`) are shown as `{number, region}`. */
function formatProperty({ property, reason }: ArgumentProblem): string {
  return property.includes(", ") ? `{${property}}: ${reason}` : `${property}: ${reason}`;
}

/**
 * Checks the raw config values (parsed from stack config by `stack/index.ts`: JSON, or the raw text when it
 * is not JSON; absent lists count as empty) and returns the inventory, or throws one {@link InventoryError} listing every problem, e.g.
 *
 * ```
 * numbers[1] ("sales").region.prefix: must be 4 to 7 digits starting with the country code 1, …
 * keywords[0].name: is required: the resource name, e.g. "support"
 * ```
 */
export function parseInventory(raw: { numbers?: unknown; keywords?: unknown }): Inventory {
  const problems: string[] = [];
  const inventory: Inventory = {
    numbers: parseList("numbers", raw.numbers, problems),
    keywords: parseList("keywords", raw.keywords, problems),
  };
  if (problems.length > 0) throw new InventoryError(problems);
  return inventory;
}
