/**
 * Holder records: for each number or keyword, the states that hold it, kept in the journal folder
 * (`<journalDir>/holders/<asset key>.json`). A state joins when its create takes the asset (before configuring
 * it, so a process killed there leaves its record) and leaves when its delete runs. A delete releases only when
 * no other holder is left: the old half of a replacement, or an adopter of an asset another resource manages,
 * leaves the asset to the holder that remains. A create that claims an order's journal entry again (the state
 * of the previous claim never reached Pulumi, or it is the old half of `pulumi up --replace`) supersedes the
 * holders that entry gave out, so a lost state never keeps an asset forever. No credential is stored.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";

/** One state that holds an asset. */
export interface Holder {
  /** The token recorded in that state as `__holder`. */
  token: string;
  /** The resource that holds it (project, stack, parent chain, type and name). */
  resource: string;
  /** The journal entry (its token) whose order delivered the asset to this holder; absent for adoptions. */
  entry?: string;
}

/** Holder folders this process has made (never removed, so made once). */
const made = new Set<string>();

/** Per asset key, the last read-modify-write in this process, so that holds and releases run one at a time. */
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
    try {
      return (JSON.parse(await fs.readFile(this.#file(key), "utf8")) as { holders: Holder[] }).holders;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new Error(`the holder record ${this.#file(key)} cannot be read (${(error as Error).message})`);
    }
  }

  /**
   * The journal tokens (order ids, once CallFire answered) of the orders that delivered an asset a holder
   * records, across every asset: those orders are accounted for.
   */
  async entries(): Promise<string[]> {
    const files = await fs.readdir(this.dir).catch(() => [] as string[]);
    const entries: string[] = [];
    for (const file of files.filter((name) => name.endsWith(".json"))) {
      for (const holder of await this.holders(file.slice(0, -".json".length))) {
        if (holder.entry) entries.push(holder.entry);
      }
    }
    return entries;
  }

  /**
   * Adds a holder of the asset and returns its token; the holders that the same journal entry gave out before
   * to the same resource are superseded (their states never reached Pulumi, or are the old half of a
   * replacement that took the order over). `refuse` sees the other holders first and may return an error to throw instead, changing
   * nothing. Throws when the record cannot be written.
   */
  hold(
    key: string,
    holder: Omit<Holder, "token">,
    refuse: (others: Holder[]) => Error | undefined = () => undefined,
  ): Promise<string> {
    return this.#update(key, (holders) => {
      // Only the same resource's earlier claims of the same order are superseded: an order belongs to one
      // resource, so another resource recording it (a lost answer's listing took its order) is refused.
      const others = holders.filter(
        (other) => !holder.entry || other.entry !== holder.entry || other.resource !== holder.resource,
      );
      const refusal = refuse(others);
      if (refusal) throw refusal;
      const token = `h_${randomBytes(6).toString("hex")}`;
      return { holders: [...others, { ...holder, token }], result: token };
    });
  }

  /** Removes the holder with `token` (if any) and returns the holders left. */
  leave(key: string, token: string | undefined): Promise<Holder[]> {
    return this.#update(key, (holders) => {
      const left = holders.filter((holder) => holder.token !== token);
      return { holders: left, result: left };
    });
  }

  /** Reads, changes and writes one asset's record, one change at a time in this process. */
  #update<T>(key: string, change: (holders: Holder[]) => { holders: Holder[]; result: T }): Promise<T> {
    const run = (queues.get(key) ?? Promise.resolve()).then(async () => {
      const { holders, result } = change(await this.holders(key));
      const file = this.#file(key);
      if (holders.length === 0) {
        await fs.rm(file, { force: true });
      } else {
        // Whole or not at all: a temporary file renamed over the record.
        if (!made.has(this.dir)) await fs.mkdir(this.dir, { recursive: true });
        made.add(this.dir);
        const temporary = `${file}.${process.pid}.tmp`;
        await fs.writeFile(temporary, `${JSON.stringify({ holders }, null, 2)}\n`);
        await fs.rename(temporary, file);
      }
      return result;
    });
    const settled = run.catch(() => undefined);
    queues.set(key, settled);
    settled.then(() => queues.get(key) === settled && queues.delete(key));
    return run;
  }

  /** The record of one asset. */
  #file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}
