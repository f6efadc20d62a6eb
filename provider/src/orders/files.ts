/**
 * File helpers the order journal and the holder records share: where a key's files go, and writing one.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

/**
 * The shard folder of a key (a hex hash, see `journalKey`): its first hex digit. The order journal and the holder
 * records both spread their files over these sixteen folders, made once and kept.
 */
export function shardOf(key: string): string {
  return key.slice(0, 1);
}

/** The shard folders, as named by {@link shardOf}. */
export const SHARDS = [..."0123456789abcdef"];

/**
 * Writes `file` (with `flag`, e.g. `wx` for a new file only), making its folder first when it does not exist
 * yet. Folders are made once and kept, so a write usually costs no folder check at all.
 */
export async function writeInFolder(file: string, text: string, flag = "w"): Promise<void> {
  try {
    await fs.writeFile(file, text, { flag });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text, { flag });
  }
}
