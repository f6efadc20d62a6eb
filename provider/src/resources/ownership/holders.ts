/**
 * Holder records: for each number or keyword, the states that hold it, kept in the journal folder, one small
 * file per holder (`<journalDir>/holders/<shard>/<asset key>.<token>.json`, the shard being the key's first
 * character). A state joins when its create takes the asset (before configuring it, so a process killed there
 * leaves its record) and leaves when its delete runs. A delete releases only when no other holder is left: the
 * old half of a replacement, or an adopter of an asset another resource manages, leaves the asset to the holder
 * that remains. A create that claims an order's journal entry again (the state of the previous claim never
 * reached Pulumi, or it is the old half of `pulumi up --replace`) supersedes the holders that entry gave out, so a
 * lost state never keeps an asset forever.
 *
 * One file per holder, written whole (a temporary file renamed) and removed whole, so no process ever rewrites
 * what another wrote: two processes joining or leaving the same asset at once (two stacks on one machine) cannot
 * lose each other's change, and need no lock. No credential is stored.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { writeInFolder } from "../../orders/files.js";

/** One state that holds an asset. */
export interface Holder {
  /** The token recorded in that state as `__holder`. */
  token: string;
  /** The resource that holds it (project, stack, parent chain, type and name). */
  resource: string;
  /** The journal entry (its token) whose order delivered the asset to this holder; absent for adoptions. */
  entry?: string;
}

/** Per asset key, the last change in this process, so that one process's holds and leaves run one at a time. */
const queues = new Map<string, Promise<unknown>>();

/** The holder records of one journal folder. */
export class HolderRecords {
  /** The folder of the records. */
  readonly dir: string;

  /** Records in `<journalDir>/holders`. */
  constructor(journalDir: string) {
    this.dir = path.join(journalDir, "holders");
  }

  /** The holders of the asset with key `key` (see `ProviderContext.holderKey`). */
  async holders(key: string): Promise<Holder[]> {
    const folder = this.#shard(key);
    const names = await fs.readdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [] as string[];
      throw new Error(`the holder records in ${folder} cannot be read (${error.message})`);
    });
    const holders: Holder[] = [];
    for (const name of names.sort()) {
      if (!name.startsWith(`${key}.`) || !name.endsWith(".json")) continue;
      const holder = await this.#read(path.join(folder, name));
      if (holder) holders.push(holder);
    }
    return holders;
  }

  /**
   * The journal tokens (order ids, once CallFire answered) of the orders that delivered an asset a holder
   * records, across every asset: those orders are accounted for.
   */
  async entries(): Promise<string[]> {
    const shards = await fs.readdir(this.dir).catch(() => [] as string[]);
    const entries: string[] = [];
    for (const shard of shards) {
      for (const name of await fs.readdir(path.join(this.dir, shard)).catch(() => [] as string[])) {
        if (!name.endsWith(".json")) continue;
        const holder = await this.#read(path.join(this.dir, shard, name));
        if (holder?.entry) entries.push(holder.entry);
      }
    }
    return entries;
  }

  /**
   * Adds a holder of the asset and returns its token; the holders that the same journal entry gave out before
   * to the same resource are superseded (their states never reached Pulumi, or are the old half of a
   * replacement that took the order over). `refuse` sees the other holders first and may return an error to
   * throw instead, changing nothing. Throws when the record cannot be written.
   */
  hold(
    key: string,
    holder: Omit<Holder, "token">,
    refuse: (others: Holder[]) => Error | undefined = () => undefined,
  ): Promise<string> {
    return this.#serially(key, async () => {
      const holders = await this.holders(key);
      // Only the same resource's earlier claims of the same order are superseded: an order belongs to one
      // resource, so another resource recording it (a lost answer's listing took its order) is refused.
      const superseded = (other: Holder) =>
        !!holder.entry && other.entry === holder.entry && other.resource === holder.resource;
      const refusal = refuse(holders.filter((other) => !superseded(other)));
      if (refusal) throw refusal;
      const token = `h_${randomBytes(6).toString("hex")}`;
      const file = this.#file(key, token);
      // Whole or not at all: a temporary file renamed into place.
      const temporary = `${file}.${process.pid}.tmp`;
      await writeInFolder(temporary, `${JSON.stringify({ ...holder, token }, null, 2)}\n`);
      await fs.rename(temporary, file);
      for (const other of holders.filter(superseded))
        await fs.rm(this.#file(key, other.token), { force: true });
      return token;
    });
  }

  /** Removes the holder with `token` (if any) and returns the holders left. */
  leave(key: string, token: string | undefined): Promise<Holder[]> {
    return this.#serially(key, async () => {
      if (token) await fs.rm(this.#file(key, token), { force: true });
      return this.holders(key);
    });
  }

  /** Runs one change of an asset's holders after the previous change in this process. */
  #serially<T>(key: string, change: () => Promise<T>): Promise<T> {
    const run = (queues.get(key) ?? Promise.resolve()).then(change);
    const settled = run.catch(() => undefined);
    queues.set(key, settled);
    settled.then(() => queues.get(key) === settled && queues.delete(key));
    return run;
  }

  /** Reads one holder's file; one removed meanwhile is no holder. */
  async #read(file: string): Promise<Holder | undefined> {
    try {
      return JSON.parse(await fs.readFile(file, "utf8")) as Holder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new Error(`the holder record ${file} cannot be read (${(error as Error).message})`);
    }
  }

  /** The shard folder of an asset key. */
  #shard(key: string): string {
    return path.join(this.dir, key.slice(0, 1));
  }

  /** The file of one holder of an asset. */
  #file(key: string, token: string): string {
    return path.join(this.#shard(key), `${key}.${token}.json`);
  }
}
