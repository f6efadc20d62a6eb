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
import { shardOf, writeInFolder } from "../../orders/files.js";

/** One state that holds an asset. */
export interface Holder {
  /** The token recorded in that state as `__holder`. */
  token: string;
  /** The resource that holds it (project, stack, parent chain, type and name). */
  resource: string;
  /** The journal entry (its token) whose order delivered the asset to this holder; absent for adoptions. */
  entry?: string;
}

/** A holder token as {@link HolderRecords.hold} makes it; anything else never names a file. */
const TOKEN = /^h_[0-9a-f]{12}$/;

/**
 * A temporary holder file older than this was left by a process killed between writing and renaming it (a
 * write takes milliseconds): it is removed when its asset's holders are read.
 */
const STALE_TEMPORARY_MS = 3600_000;

/** One holder and its file. */
interface Listed {
  /** The holder file. */
  file: string;
  /** What it records. */
  holder: Holder;
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
    return (await this.#list(key)).map(({ holder }) => holder);
  }

  /**
   * The journal tokens (order ids, once CallFire answered) of the orders that delivered an asset a holder
   * records, across every asset: those orders are accounted for.
   */
  async entries(): Promise<string[]> {
    const shards = await fs.readdir(this.dir).catch(() => [] as string[]);
    const entries: string[] = [];
    for (const shard of shards) {
      for (const { holder } of await this.#read(path.join(this.dir, shard), () => true)) {
        if (holder.entry) entries.push(holder.entry);
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
      const listed = await this.#list(key);
      // Only the same resource's earlier claims of the same order are superseded: an order belongs to one
      // resource, so another resource recording it (a lost answer's listing took its order) is refused.
      const superseded = ({ holder: other }: Listed) =>
        !!holder.entry && other.entry === holder.entry && other.resource === holder.resource;
      const refusal = refuse(listed.filter((other) => !superseded(other)).map((other) => other.holder));
      if (refusal) throw refusal;
      const token = `h_${randomBytes(6).toString("hex")}`;
      const file = this.#file(key, token);
      // Whole or not at all: a temporary file renamed into place. The new holder exists before the ones it
      // supersedes go, so the asset is never without a holder in between.
      const temporary = `${file}.${process.pid}.tmp`;
      await writeInFolder(temporary, `${JSON.stringify({ ...holder, token }, null, 2)}\n`);
      await fs.rename(temporary, file);
      try {
        for (const other of listed.filter(superseded)) await fs.rm(other.file, { force: true });
      } catch (error) {
        // The state never learns this token: take the new holder back, so that it cannot keep the asset forever.
        await fs.rm(file, { force: true }).catch(() => undefined);
        throw error;
      }
      return token;
    });
  }

  /**
   * Removes the holder with `token` (if any; a token that {@link hold} did not make names no file) and returns the
   * holders left.
   */
  leave(key: string, token: string | undefined): Promise<Holder[]> {
    return this.#serially(key, async () => {
      if (token && TOKEN.test(token)) await fs.rm(this.#file(key, token), { force: true });
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

  /** The holders of one asset, with their files. */
  #list(key: string): Promise<Listed[]> {
    return this.#read(this.#shard(key), (name) => name.startsWith(`${key}.`));
  }

  /**
   * Reads the holder files of a folder whose names `wanted` accepts. A file that vanishes between the listing
   * and its reading (a holder leaving, or superseded by one written just before) makes it list again: the
   * holder that superseded it may have been written after the listing, and skipping both would show an asset
   * with no holder, which a delete would release. Stale temporary files are removed on the way.
   */
  async #read(folder: string, wanted: (name: string) => boolean): Promise<Listed[]> {
    for (;;) {
      const names = await fs.readdir(folder).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [] as string[];
        throw new Error(`the holder records in ${folder} cannot be read (${error.message})`);
      });
      const listed: Listed[] = [];
      let vanished = false;
      for (const name of names.sort()) {
        if (!wanted(name)) continue;
        const file = path.join(folder, name);
        if (name.endsWith(".tmp")) await dropIfStale(file);
        if (!name.endsWith(".json")) continue;
        try {
          listed.push({ file, holder: JSON.parse(await fs.readFile(file, "utf8")) as Holder });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
            throw new Error(`the holder record ${file} cannot be read (${(error as Error).message})`);
          }
          vanished = true;
        }
      }
      if (!vanished) return listed;
    }
  }

  /** The shard folder of an asset key. */
  #shard(key: string): string {
    return path.join(this.dir, shardOf(key));
  }

  /** The file of one holder of an asset. */
  #file(key: string, token: string): string {
    return path.join(this.#shard(key), `${key}.${token}.json`);
  }
}

/** Removes a temporary holder file older than {@link STALE_TEMPORARY_MS} (best effort: it is ignored anyway). */
async function dropIfStale(file: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat && Date.now() - stat.mtimeMs > STALE_TEMPORARY_MS)
    await fs.rm(file, { force: true }).catch(() => undefined);
}
