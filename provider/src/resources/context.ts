/**
 * What every provider method needs: resolved settings, a client, the order journal, a logger, and the error
 * that records a half-finished resource in state (Pulumi's "init error").
 */
import * as pulumi from "@pulumi/pulumi";
import { accountIdentity } from "../client/account.js";
import type { CallFireClient } from "../client/client.js";
import { createClient, SettingError } from "../client/connectionSettings.js";
import { defaultJournalDir, journalKey, OrderJournal } from "../orders/journal.js";
import type { PurchaseContext } from "../orders/purchase.js";
import type { ArgumentProblem } from "./checker.js";
import { HolderRecords } from "./ownership/holders.js";
import { resolveSettings, type Settings } from "./settings.js";

/** A provider method's surroundings. */
export interface ProviderContext extends PurchaseContext {
  /** The resolved settings. */
  settings: Settings;
  /** The CallFire client. */
  client: CallFireClient;
  /** The journal key of a resource's selection on this account. */
  keyOf(resource: string | undefined, selection: unknown): string;
  /** Which states hold which asset (see `ownership/holders`). */
  holders: HolderRecords;
  /** The key of an asset (a number or keyword, in any case) in the holder records. */
  holderKey(asset: string): string;
  /** Warnings, which Pulumi shows even without verbose logging. */
  warn: (message: string) => void;
}

/** Where the shared client's retry lines go (a client serves every resource, so they carry no label). */
const retryLog = (message: string) => pulumi.log.info(`[callfire] ${message}`);

/** Builds the context for one call; `label` prefixes log lines, e.g. `PhoneNumber 12135550100`. */
export function providerContext(label: string, orderTimeoutSeconds?: number): ProviderContext {
  const settings = resolveSettings();
  const log = (message: string) => pulumi.log.info(`[callfire ${label}] ${message}`);
  const account = accountIdentity(settings);
  const warn = (message: string) => pulumi.log.warn(`[callfire ${label}] ${message}`);
  const journalDir = settings.journalDir ?? defaultJournalDir();
  return {
    settings,
    client: createClient(settings, retryLog),
    journal: new OrderJournal(journalDir, warn),
    holders: new HolderRecords(journalDir),
    timeoutSeconds: orderTimeoutSeconds ?? settings.orderTimeoutSeconds,
    log,
    keyOf: (resource, selection) => journalKey(account, [resource, selection]),
    holderKey: (asset) => journalKey(account, ["holder", asset.toUpperCase()]), // keywords in any case
    warn,
  };
}

/**
 * The provider settings' problem, if any, as a check failure that names the setting (`callfire:password`, …). Both
 * resources' `check` report it, so a preview already fails on a missing or invalid setting, before any create; it
 * resolves the settings and builds the client exactly as a create does.
 */
export function settingsProblems(): ArgumentProblem[] {
  try {
    createClient(resolveSettings(), retryLog);
    return [];
  } catch (error) {
    if (error instanceof SettingError) return [{ property: error.setting, reason: error.message }];
    throw error;
  }
}

/**
 * An error that still records the resource in state, with `properties` as its outputs, so that the next
 * `pulumi up` calls `update` on it (the dynamic-provider host turns an error with an `id` into an
 * ErrorResourceInitFailed). `__provider` must be carried along: the host does not add it on this path.
 */
export class ResourceInitError extends Error {
  /** The class name, `ResourceInitError`, shown in stack traces and logs. */
  override name = "ResourceInitError";
  /** The resource id to record. */
  readonly id: string;
  /** The outputs to record. */
  readonly properties: Record<string, unknown>;
  /** Why the resource is not finished; shown by Pulumi. */
  readonly reasons: string[];

  /** Joins the reasons into the message. */
  constructor(id: string, properties: object, provider: unknown, reasons: string[]) {
    super(reasons.join("; "));
    this.id = id;
    this.properties = { ...plain(properties), __provider: provider };
    this.reasons = reasons;
  }
}

/** A copy without `undefined` values, which protobuf Structs cannot carry. */
export function plain<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
