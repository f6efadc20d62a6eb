/**
 * File helpers the order journal and the holder records share.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

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
