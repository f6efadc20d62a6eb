/**
 * Request bodies: reading them (with a size cap) and parsing the form bodies that CallFire's write
 * operations send.
 */
import type { IncomingMessage } from "node:http";
import { HttpError } from "./reply";

/** The largest request body the sandbox reads. */
const MAX_BODY_BYTES = 1_048_576;

/** Reads the whole request body as UTF-8 (413 beyond {@link MAX_BODY_BYTES}). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Parses a form body into name/value pairs: `application/x-www-form-urlencoded` (or no content type)
 * fully, `multipart/form-data` minimally (each part's name and its text, file parts included).
 * Anything else is a 415.
 */
export function parseForm(contentType: string | undefined, body: string): [string, string][] {
  if (body === "") return [];
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "" || type === "application/x-www-form-urlencoded") return [...new URLSearchParams(body)];
  if (type === "multipart/form-data") return parseMultipart(contentType ?? "", body);
  throw new HttpError(
    415,
    `unsupported Content-Type ${type}: send application/x-www-form-urlencoded or multipart/form-data`,
  );
}

function parseMultipart(contentType: string, body: string): [string, string][] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new HttpError(400, "multipart/form-data without a boundary");
  const delimiter = `--${boundary[1] ?? boundary[2].trim()}`;
  const fields: [string, string][] = [];
  for (const part of body.split(delimiter).slice(1)) {
    if (part.startsWith("--")) break;
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) continue;
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(part.slice(0, headerEnd));
    if (name) fields.push([name[1], part.slice(headerEnd + 4).replace(/\r\n$/, "")]);
  }
  return fields;
}
