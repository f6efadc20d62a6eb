/**
 * A journal of orders that are being waited for, one small JSON file per order, so that a purchase is never
 * lost when the process dies mid-wait (Ctrl-C, a killed CI job, a crashed host). An entry is written as soon
 * as CallFire accepts the order and removed once its outcome is in Pulumi state. The next create for the same
 * selection claims the entry (an atomic rename, so two creates never claim one order) and resumes that order
 * instead of placing another. Entries hold the order id, a hash of the account and selection, and when it was
 * placed: no credential.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** A journaled order. */
export interface JournalEntry {
  /** CallFire's order id. */
  orderId: string;
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

/** The key of an order: a hash of the account and what was asked for. */
export function journalKey(account: { baseUrl: string; username: string }, selection: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([account.baseUrl, account.username, selection]))
    .digest("hex")
    .slice(0, 32);
}

/** Whether a process with this id is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Entries this process is working on; pids are reused across containers, so a pid alone is not enough. */
const active = new Set<string>();

/** Whether the process that wrote an entry has stopped working on it. */
function abandoned(file: string, pid: number): boolean {
  return pid === process.pid ? !active.has(file) : !alive(pid);
}

/** The order journal in one folder. */
export class OrderJournal {
  /** The folder holding the entries. */
  readonly dir: string;

  /** Uses `dir`, creating it when the first entry is written. */
  constructor(dir: string) {
    this.dir = dir;
  }

  /** Records an order for `key`, claimed by this process; returns the entry to remove later. */
  record(key: string, entry: JournalEntry): ClaimedEntry {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, `${key}.${entry.orderId}.${process.pid}.claimed.json`);
    fs.writeFileSync(file, `${JSON.stringify(entry, null, 2)}\n`);
    active.add(file);
    return { ...entry, file };
  }

  /**
   * Claims an unfinished order for `key`: one whose claiming process is gone. Returns undefined when there is
   * none. The rename makes a claim exclusive.
   */
  claim(key: string): ClaimedEntry | undefined {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return undefined;
    }
    for (const name of names.sort()) {
      const match = /^([0-9a-f]+)\.(\w+)\.(\d+)\.claimed\.json$/.exec(name);
      if (!match || match[1] !== key || !abandoned(path.join(this.dir, name), Number(match[3]))) continue;
      const file = path.join(this.dir, `${key}.${match[2]}.${process.pid}.claimed.json`);
      try {
        fs.renameSync(path.join(this.dir, name), file);
        active.add(file);
        const entry = JSON.parse(fs.readFileSync(file, "utf8")) as JournalEntry;
        return { ...entry, file };
      } catch {
        // Another process claimed it first, or the file vanished: look further.
      }
    }
    return undefined;
  }

  /** Keeps an entry on disk but lets the next create claim it (its wait failed before an outcome was known). */
  release(entry: ClaimedEntry): void {
    active.delete(entry.file);
  }

  /** Removes an entry whose outcome is now recorded in state. */
  remove(entry: ClaimedEntry): void {
    fs.rmSync(entry.file, { force: true });
    active.delete(entry.file);
  }
}
