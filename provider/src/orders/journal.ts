/**
 * A journal of orders, one small JSON file per order, so that a purchase is never lost when the process dies
 * (Ctrl-C, a killed CI job, a crashed host) or Pulumi fails to save its state. An entry is written before the
 * order request is sent, is renamed to carry the order id as soon as CallFire answers, and is kept until the
 * resource shows up in Pulumi's saved state (the next diff, read, update or delete of it forgets the entry). A
 * create of the same resource with the same selection that finds an entry nobody works on claims it (an atomic
 * rename, so two creates never claim one order): with an order id it resumes that order instead of placing
 * another; without one, it knows an order may have been placed whose answer never arrived. An entry nobody
 * works on or claims for {@link ENTRY_EXPIRY_DAYS} days expires: it is removed with a warning naming its order.
 *
 * Layout: `<dir>/<shard>/<key>.<token>.<host>.<pid>.json`. The key is a hash of the account, resource and
 * selection; the shard is its first hex digit, so a create lists a sixteenth of the entries, and the sixteen
 * folders are made once and kept (making and removing a folder per key cost more than the entries themselves).
 * Every file operation is asynchronous: a host serving hundreds of creates never blocks its event loop on the
 * disk. A create touches one file, twice: it writes the entry before ordering and renames it when CallFire
 * answers. An entry's name carries its order id; the file holds a description and when it was placed: no
 * credential.
 */
import { createHash, randomBytes } from "node:crypto";
import { promises as fs, utimes } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SHARDS, shardOf, writeInFolder } from "./files.js";

/** A journaled order. */
export interface JournalEntry {
  /** CallFire's order id; absent while the order request is in flight (or if its answer never arrived). */
  orderId?: string;
  /** When the order was placed, ISO 8601. */
  placedAt: string;
  /** What was ordered, for people reading the file. */
  description: string;
  /**
   * The exact number or keyword ordered was not the account's just before the order was placed (looked up
   * then): the proof a lost answer's reconciliation needs before it takes an owned asset as this order's.
   */
  unownedBefore?: boolean;
}

/** A claimed entry: the order to resume and the file to remove once its outcome is recorded. */
export interface ClaimedEntry extends JournalEntry {
  /** The claimed file. */
  file: string;
  /** The entry's token: its order id, or `placing_<random>` while the id is unknown. It survives claims. */
  token: string;
}

/** An entry that another live process on this machine is working on: claiming it could buy twice. */
export class JournalBusyError extends Error {
  /** The class name, `JournalBusyError`, shown in stack traces and logs. */
  override name = "JournalBusyError";
}

/**
 * The default journal folder: `.pulumi-callfire/journal` in the user's home directory. Not the project
 * directory: a program run through Pulumi's Automation API with an inline program gets a new temporary working
 * directory every run, which would lose the journal exactly when it is needed. Keys carry the account, project,
 * stack and resource, so one folder serves every project on the machine.
 */
export function defaultJournalDir(): string {
  return path.join(os.homedir(), ".pulumi-callfire", "journal");
}

/** The key of an order: a hash of the account's identity (see `accountIdentity`) and what was asked for. */
export function journalKey(account: string, selection: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([account, selection]))
    .digest("hex")
    .slice(0, 32);
}

/** An entry nobody worked on or claimed for this many days expires (removed, with a warning naming its order). */
export const ENTRY_EXPIRY_DAYS = 30;

/** Whether a process with this id is alive on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** This machine's name as it appears in entry file names. */
const HOST = os.hostname().replace(/[^A-Za-z0-9-]/g, "-") || "host";

/** How often this process refreshes the entries it is working on. */
const HEARTBEAT_INTERVAL_MS = 30_000;

/** An entry whose modification time is older than this (three missed refreshes) is abandoned. */
const HEARTBEAT_STALE_MS = 3 * HEARTBEAT_INTERVAL_MS;

/** Entries this process is working on, from writing or claiming one until it is removed or let go. */
const active = new Set<string>();

/** Refreshes the modification time of every active entry, while there are any. */
let heartbeat: NodeJS.Timeout | undefined;

/** Starts (or stops) working on an entry, keeping the heartbeat running exactly while there is one. */
function track(file: string, working: boolean): void {
  if (working) active.add(file);
  else active.delete(file);
  if (active.size > 0 && !heartbeat) {
    heartbeat = setInterval(() => {
      const now = new Date();
      for (const entry of active) utimes(entry, now, now, () => undefined); // removed meanwhile: nothing to do
    }, HEARTBEAT_INTERVAL_MS).unref();
  } else if (active.size === 0 && heartbeat) {
    clearInterval(heartbeat);
    heartbeat = undefined;
  }
}

/** `<key>.<token: the order id, or placing_<random> before the answer>.<host>.<pid>.json` */
const ENTRY_NAME = /^([0-9a-f]+)\.(\w+)\.([A-Za-z0-9-]+)\.(\d+)\.json$/;

/** The order id a token carries, if the order's answer arrived. */
function orderIdOf(token: string): string | undefined {
  return token.startsWith("placing_") ? undefined : token;
}

/** One entry file, as its name and modification time describe it. */
interface Listed {
  /** The file. */
  file: string;
  /** Its token. */
  token: string;
  /** Who works on it: this process, another live process on this machine, or nobody. */
  writer: "this process" | "alive" | "nobody";
  /** Nobody worked on it or claimed it for {@link ENTRY_EXPIRY_DAYS} days. */
  expired: boolean;
}

/** {@link ENTRY_EXPIRY_DAYS} in milliseconds. */
const EXPIRY_MS = ENTRY_EXPIRY_DAYS * 24 * 3600_000;

/** Journal folders whose expired entries this process has already looked for. */
const swept = new Set<string>();

/** The order journal in one folder. */
export class OrderJournal {
  /** The folder holding the entries. */
  readonly dir: string;
  /** Where warnings about expired entries go. */
  readonly #warn: (message: string) => void;

  /** Uses `dir`; `begin` creates it when needed. */
  constructor(dir: string, warn: (message: string) => void = () => undefined) {
    this.dir = dir;
    this.#warn = warn;
  }

  /**
   * Writes the entry of an order about to be placed (no order id yet). Throws, before anything is ordered,
   * when it cannot be written: an order without an entry could be lost if the process died while waiting.
   */
  async begin(key: string, entry: Omit<JournalEntry, "orderId">): Promise<ClaimedEntry> {
    const token = `placing_${randomBytes(6).toString("hex")}`;
    const file = this.#fileName(key, token);
    try {
      await writeInFolder(file, `${JSON.stringify(entry, null, 2)}\n`, "wx");
    } catch (error) {
      throw new Error(
        `the order journal folder ${this.dir} is not writable (${(error as Error).message}); nothing was ordered. ` +
          "Set callfire:journalDir (or CALLFIRE_JOURNAL_DIR) to a writable folder that is kept between runs.",
      );
    }
    track(file, true);
    return { ...entry, file, token };
  }

  /**
   * Gives an entry from `begin` CallFire's order id: one rename, the id in the name (a name changes whole or not
   * at all). Returns the entry to remove later.
   */
  async record(entry: ClaimedEntry, orderId: string): Promise<ClaimedEntry> {
    const named = this.#fileName(keyOf(entry.file), orderId);
    await fs.rename(entry.file, named);
    track(named, true);
    track(entry.file, false);
    return { ...entry, orderId, file: named, token: orderId };
  }

  /**
   * Claims an unfinished order for `key`: one whose writer has stopped working on it. Returns undefined when
   * there is none. The rename makes a claim exclusive. Throws `JournalBusyError` when another live process on
   * this machine works on an order for the key (a previous run's host still waiting for it): ordering again
   * could buy twice, and taking its order from under it could hand one asset to two states. An expired entry is
   * removed with a warning instead of being claimed.
   */
  async claim(key: string): Promise<ClaimedEntry | undefined> {
    this.#sweep();
    for (const { file: from, token, writer, expired } of await this.#entriesOf(key)) {
      if (writer === "this process") continue;
      if (expired) {
        await this.#expire(from, token);
        continue;
      }
      if (writer === "alive") {
        throw new JournalBusyError(
          `another process on this machine (${path.basename(from)}) is still working on an order for this ` +
            "resource, e.g. the host of an earlier run whose CLI was stopped; nothing was ordered. Let it finish " +
            `or stop that process, then run again (its entry is in ${path.dirname(from)})`,
        );
      }
      const file = this.#fileName(key, token);
      try {
        await fs.rename(from, file);
        const now = new Date();
        await fs.utimes(file, now, now); // fresh for the other processes on this machine
        const entry = await read(file, token);
        track(file, true);
        return entry;
      } catch {
        // Another process claimed it first, or the file vanished: look further.
      }
    }
    return undefined;
  }

  /**
   * Stops working on an entry without removing it, once its outcome is handed to Pulumi: until the resource
   * shows up in the saved state, a later create of it (in a later run) can claim the entry again.
   */
  letGo(entry: ClaimedEntry): void {
    track(entry.file, false);
  }

  /**
   * Forgets the entry for `key` with `token` unless a process works on it: the state that accounts for it is
   * saved now, so it has nothing left to recover. Later entries of the same resource, which that state knows
   * nothing about, stay.
   */
  async forget(key: string, token: string): Promise<void> {
    for (const entry of await this.#entriesOf(key)) {
      if (entry.token === token && entry.writer === "nobody") await this.#delete(entry.file);
    }
  }

  /**
   * The order ids of every entry in the folder, of any key (the journal folder may serve several accounts: an
   * order id of another account never meets this one's orders). The orders these entries track are accounted
   * for, so a lost answer's reconciliation never takes one of them as its own.
   */
  async orderIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const shard of SHARDS) {
      for (const name of await fs.readdir(path.join(this.dir, shard)).catch(() => [] as string[])) {
        const id = orderIdOf(ENTRY_NAME.exec(name)?.[2] ?? "placing_");
        if (id) ids.push(id);
      }
    }
    return ids;
  }

  /** Removes an entry whose order bought nothing (refused, ended without delivering, or never placed). */
  async remove(entry: ClaimedEntry): Promise<void> {
    track(entry.file, false);
    await this.#delete(entry.file);
  }

  /** Removes an entry file (gone already: fine). */
  async #delete(file: string): Promise<void> {
    await fs.rm(file, { force: true });
  }

  /** Removes an expired entry with a warning that names its order. */
  async #expire(file: string, token: string): Promise<void> {
    const entry = await read(file, token).catch(() => undefined);
    if (!entry) return; // claimed or removed meanwhile
    await this.#delete(file);
    this.#warn(
      `the order journal entry for ${entry.description}${entry.orderId ? ` (CallFire order ${entry.orderId})` : ""}, ` +
        `placed ${entry.placedAt}, was not claimed for ${ENTRY_EXPIRY_DAYS} days and is removed (${file}). If that ` +
        "order bought a number or keyword that no stack manages, release it in the CallFire account; if a stack " +
        "manages it, nothing is to be done",
    );
  }

  /**
   * Once per process and folder, in the background: expires every entry, of any key, that nobody touched for
   * {@link ENTRY_EXPIRY_DAYS} days, so that the entry of a resource that never comes back is not kept, silently,
   * forever.
   */
  #sweep(): void {
    if (swept.has(this.dir)) return;
    swept.add(this.dir);
    const sweep = async () => {
      for (const shard of SHARDS) {
        for (const { file, token, expired } of await this.#list(shard)) {
          if (expired) await this.#expire(file, token);
        }
      }
    };
    sweep().catch(() => undefined); // best effort: an unreadable folder fails the claims that need it
  }

  /**
   * The entries of one shard folder, in name order, with their tokens and who works on them: those for `key`
   * when it is given, else all of them.
   */
  async #list(shard: string, key?: string): Promise<Listed[]> {
    const folder = path.join(this.dir, shard);
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    const listed: Listed[] = [];
    for (const name of names.sort()) {
      const match = ENTRY_NAME.exec(name);
      if (!match || (key !== undefined && match[1] !== key)) continue;
      const file = path.join(folder, name);
      const modified = await fs.stat(file).catch(() => undefined);
      if (!modified) continue; // claimed or removed meanwhile
      const who = writer(file, match[3], Number(match[4]), modified.mtimeMs);
      const expired = Date.now() - modified.mtimeMs > EXPIRY_MS;
      listed.push({ file, token: match[2], writer: who, expired });
    }
    return listed;
  }

  /** The entries for `key` (see {@link #list}). */
  #entriesOf(key: string): Promise<Listed[]> {
    return this.#list(shardOf(key), key);
  }

  /** The file of an entry claimed by this process. */
  #fileName(key: string, token: string): string {
    return path.join(this.dir, shardOf(key), `${key}.${token}.${HOST}.${process.pid}.json`);
  }
}

/** The key in an entry's file name. */
function keyOf(file: string): string {
  return path.basename(file).split(".")[0];
}

/**
 * Who works on an entry: this process, while it tracks it; another process on this machine, while it is alive
 * and its heartbeat runs (process ids are reused, e.g. in a new container); a process on another machine, never
 * (the folder was carried over, as a CI cache).
 */
function writer(file: string, host: string, pid: number, modifiedMs: number): Listed["writer"] {
  if (host !== HOST) return "nobody";
  if (pid === process.pid) return active.has(file) ? "this process" : "nobody";
  if (!alive(pid)) return "nobody";
  return Date.now() - modifiedMs > HEARTBEAT_STALE_MS ? "nobody" : "alive";
}

/** Reads an entry; one that cannot be read (a full disk cut it short) is an order whose id is unknown. */
async function read(file: string, token: string): Promise<ClaimedEntry> {
  const orderId = orderIdOf(token);
  try {
    const entry = JSON.parse(await fs.readFile(file, "utf8")) as JournalEntry;
    return { ...entry, orderId, file, token };
  } catch {
    const placedAt = (await fs.stat(file)).mtime.toISOString();
    return { placedAt, description: "an order (unreadable entry)", orderId, file, token };
  }
}
