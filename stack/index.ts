/**
 * The root stack (`Pulumi.yaml`, project `callfire-inventory`): provisions the CallFire numbers and keywords
 * listed in stack config and exports a summary of them.
 *
 * ```yaml
 * config:
 *   callfire-inventory:numbers:
 *     - name: support
 *       region: { prefix: "1213" }
 *       callFeature: ENABLED
 *   callfire-inventory:keywords:
 *     - name: promo
 *       keyword: pizza
 * ```
 *
 * Each entry becomes a `PhoneNumber` or `Keyword` named by its `name`; the rest of the entry are the resource
 * arguments. Bad config stops the program before anything is registered, with one error listing every problem.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import * as callfire from "pulumi-callfire";
import { type Inventory, InventoryError, parseInventory } from "./inventory";

const config = new pulumi.Config();

/** A config value as JSON when it is JSON, else the raw string (so `numbers: abc` is reported, not a crash). */
function readValue(key: string): unknown {
  const text = config.get(key);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The parsed inventory; a config problem ends the program with a message and no stack trace. */
function readInventory(): Inventory {
  try {
    return parseInventory({ numbers: readValue("numbers"), keywords: readValue("keywords") });
  } catch (error) {
    if (error instanceof InventoryError) throw new pulumi.RunError(error.message);
    throw error;
  }
}

const inventory = readInventory();

const numbers = inventory.numbers.map(
  (entry) =>
    [entry.name, new callfire.PhoneNumber(entry.name, entry.args as callfire.PhoneNumberArgs)] as const,
);
const keywords = inventory.keywords.map(
  (entry) =>
    [entry.name, new callfire.Keyword(entry.name, entry.args as unknown as callfire.KeywordArgs)] as const,
);

/** What was provisioned: name → number (or keyword), lease status and last day of the current lease. */
export const summary = {
  numbers: Object.fromEntries(
    numbers.map(([name, resource]) => [
      name,
      { number: resource.number, status: resource.status, leaseEnd: resource.leaseEnd },
    ]),
  ),
  keywords: Object.fromEntries(
    keywords.map(([name, resource]) => [
      name,
      { keyword: resource.keyword, status: resource.status, leaseEnd: resource.leaseEnd },
    ]),
  ),
};
