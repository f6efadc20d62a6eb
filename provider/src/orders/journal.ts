/**
 * A journal of orders, one small JSON file per order, so that a purchase is never lost when the process dies
 * (Ctrl-C, a killed CI job, a crashed host) or Pulumi fails to save its state. An entry is written before the
 * order request is sent, gets the order id as soon as CallFire answers, and is kept until the resource shows
 * up in Pulumi's saved state (the next diff, read, update or delete of it forgets the entry). A create of the
 * same resource with the same selection that finds an entry nobody works on claims it (an atomic rename, so
 * two creates never claim one order): with an order id it resumes that order instead of placing another;
 * without one, it knows an order may have been placed whose answer never arrived. Entries hold the order id,
 * a hash of the account, resource and selection, and when it was placed: no credential.
 */
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A journaled order. */
export interface JournalEntry {
  /** CallFire's order id; absent while the order request is in flight (or if its answer never arrived). */
  orderId?: string;
  /** When the order was placed, ISO 8601. */
  placedAt: string;
  /** What was ordered, for people reading the file. */
  description: string;
}

/** A claimed entry: the order to resume and the file to remove once its outcome is recorded. */
export interface ClaimedEntry extends JournalEntry {
  /** The claimed file. */
  file: string;
}

/** The default journal folder: `.pulumi-callfire/orders` in the Pulumi project directory (the host's cwd). */
export function defaultJournalDir(): string {
  return path.join(process.cwd(), ".pulumi-callfire", "orders");
}

/** The key of an order: a hash of the account's identity (see `accountIdentity`) and what was asked for. */
export function journalKey(account: string, selection: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([account, selection]))
    .digest("hex")
    .slice(0, 32);
}

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
      for (const entry of active) fs.utimes(entry, now, now, () => undefined); // removed meanwhile: nothing to do
    }, HEARTBEAT_INTERVAL_MS).unref();
  } else if (active.size === 0 && heartbeat) {
    clearInterval(heartbeat);
    heartbeat = undefined;
  }
}

/**
 * Whether the process that wrote an entry has stopped working on it: this process, if it is not working on it
 * any more; another process on this machine, if it is gone or its heartbeat stopped (process ids are reused,
 * e.g. in a new container); a process on another machine, always (the folder was carried over, as a CI cache).
 */
function abandoned(file: string, host: string, pid: number): boolean {
  if (host !== HOST) return true;
  if (pid === process.pid) return !active.has(file);
  if (!alive(pid)) return true;
  try {
    return Date.now() - fs.statSync(file).mtimeMs > HEARTBEAT_STALE_MS;
  } catch {
    return false;
  }
}

/** `<key>.<token: the order id, or placing_<random> before the answer>.<host>.<pid>.claimed.json` */
const ENTRY_NAME = /^([0-9a-f]+)\.(\w+)\.([A-Za-z0-9-]+)\.(\d+)\.claimed\.json$/;

/** An entry's token: its order id, or `placing_<random>` while the id is unknown. It survives claims. */
export function journalToken(entry: Pick<ClaimedEntry, "file">): string {
  return ENTRY_NAME.exec(path.basename(entry.file))?.[2] ?? path.basename(entry.file);
}

/** The order journal in one folder. */
export class OrderJournal {
  /** The folder holding the entries. */
  readonly dir: string;

  /** Uses `dir`; `begin` creates it when needed. */
  constructor(dir: string) {
    this.dir = dir;
  }

  /**
   * Writes the entry of an order about to be placed (no order id yet). Throws, before anything is ordered,
   * when it cannot be written: an order without an entry could be lost if the process died while waiting.
   */
  begin(key: string, entry: Omit<JournalEntry, "orderId">): ClaimedEntry {
    const file = this.#fileName(key, `placing_${randomBytes(6).toString("hex")}`);
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      write(file, entry);
    } catch (error) {
      throw new Error(
        `the order journal folder ${this.dir} is not writable (${(error as Error).message}); nothing was ordered. ` +
          "Set callfire:journalDir (or CALLFIRE_JOURNAL_DIR) to a writable folder that is kept between runs.",
      );
    }
    track(file, true);
    return { ...entry, file };
  }

  /** Adds CallFire's order id to an entry from `begin`; returns the entry to remove later. */
  record(entry: ClaimedEntry, orderId: string): ClaimedEntry {
    const { file, ...content } = entry;
    const recorded = { ...content, orderId };
    // The id goes into the file first, then the name: a crash between the two leaves a readable entry.
    write(file, recorded);
    const named = this.#fileName(path.basename(file).split(".")[0], orderId);
    fs.renameSync(file, named);
    track(named, true);
    track(file, false);
    return { ...recorded, file: named };
  }

  /**
   * Claims an unfinished order for `key`: one whose writer has stopped working on it. Returns undefined when
   * there is none. The rename makes a claim exclusive.
   */
  claim(key: string): ClaimedEntry | undefined {
    for (const { file: from, token } of this.#abandonedEntries(key)) {
      const file = this.#fileName(key, token);
      try {
        fs.renameSync(from, file);
        const now = new Date();
        fs.utimesSync(file, now, now); // fresh for the other processes on this machine
        const entry = read(file);
        track(file, true);
        return { ...entry, file };
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
   * Forgets the entry for `key` with `token` (see `journalToken`) unless a process works on it: the state that
   * accounts for it is saved now, so it has nothing left to recover. Later entries of the same resource, which
   * that state knows nothing about, stay.
   */
  forget(key: string, token: string): void {
    for (const entry of this.#abandonedEntries(key)) {
      if (entry.token === token) fs.rmSync(entry.file, { force: true });
    }
  }

  /**
   * Records that a new resource state holds the asset with holder key `key` (see `ProviderContext.holderKey`),
   * and returns its generation: one more than the last holder's. Only the newest holder may release an asset,
   * so the old half of a replacement that took the asset over (`pulumi up --replace`, `adoptExisting`) leaves it
   * alone, even when it is deleted in a later run.
   */
  hold(key: string): number {
    const generation = this.holder(key) + 1;
    fs.mkdirSync(this.dir, { recursive: true });
    write(this.#holderFile(key), { generation });
    return generation;
  }

  /** The generation of the newest holder of an asset, 0 when none is recorded. */
  holder(key: string): number {
    try {
      return (JSON.parse(fs.readFileSync(this.#holderFile(key), "utf8")) as { generation: number })
        .generation;
    } catch {
      return 0;
    }
  }

  /** Forgets the holders of a released asset. */
  dropHolder(key: string): void {
    fs.rmSync(this.#holderFile(key), { force: true });
  }

  /** Removes an entry whose order bought nothing (refused, ended without delivering, or never placed). */
  remove(entry: ClaimedEntry): void {
    fs.rmSync(entry.file, { force: true });
    track(entry.file, false);
  }

  /** The entries for `key` that no process works on, in name order, with their tokens. */
  #abandonedEntries(key: string): { file: string; token: string }[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    return names.sort().flatMap((name) => {
      const match = ENTRY_NAME.exec(name);
      const file = path.join(this.dir, name);
      return match?.[1] === key && abandoned(file, match[3], Number(match[4]))
        ? [{ file, token: match[2] }]
        : [];
    });
  }

  /** The file that records the newest holder of an asset. */
  #holderFile(key: string): string {
    return path.join(this.dir, `${key}.holder.json`);
  }

  /** The file of an entry claimed by this process. */
  #fileName(key: string, orderId: string): string {
    return path.join(this.dir, `${key}.${orderId}.${HOST}.${process.pid}.claimed.json`);
  }
}

/** Writes a file whole or not at all (a temporary file renamed over it), so a reader never sees half of one. */
function write(file: string, entry: JournalEntry | { generation: number }): void {
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(entry, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

/** Reads an entry; one that cannot be read (e.g. a full disk) is an order whose id is unknown, placed when written. */
function read(file: string): JournalEntry {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as JournalEntry;
  } catch {
    return { placedAt: fs.statSync(file).mtime.toISOString(), description: "an order (unreadable entry)" };
  }
}
