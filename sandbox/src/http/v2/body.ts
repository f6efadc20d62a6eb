/**
 * Typed access to a CallFire API v2 JSON request body. A field of the wrong JSON type is a 400 naming it; an
 * absent or null field reads as undefined; fields the sandbox does not use are ignored, as CallFire does.
 */
import { badRequest } from "../../state/errors";

/** A parsed JSON object body. */
export class JsonBody {
  private readonly fields: Record<string, unknown>;

  /** Parses `text` (empty means `{}`); 400 when it is not a JSON object. */
  constructor(text: string) {
    let parsed: unknown = {};
    if (text.trim() !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw badRequest("the request body is not valid JSON");
      }
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw badRequest("the request body must be a JSON object");
    }
    this.fields = parsed as Record<string, unknown>;
  }

  /** A nested object field, as a body of its own. */
  object(name: string): JsonBody | undefined {
    const value = this.value(name, "an object", (v) => typeof v === "object" && !Array.isArray(v));
    return value === undefined ? undefined : new JsonBody(JSON.stringify(value));
  }

  /** A string field. */
  text(name: string): string | undefined {
    return this.value(name, "a string", (v) => typeof v === "string") as string | undefined;
  }

  /** A boolean field. */
  boolean(name: string): boolean | undefined {
    return this.value(name, "true or false", (v) => typeof v === "boolean") as boolean | undefined;
  }

  /** An integer field (NaN-free; the account checks its range). */
  integer(name: string): number | undefined {
    return this.value(name, "an integer", (v) => Number.isInteger(v)) as number | undefined;
  }

  /** An array-of-strings field. */
  list(name: string): string[] | undefined {
    return this.value(
      name,
      "an array of strings",
      (v) => Array.isArray(v) && v.every((item) => typeof item === "string"),
    ) as string[] | undefined;
  }

  private value(name: string, kind: string, test: (value: unknown) => boolean): unknown {
    const value = this.fields[name];
    if (value === undefined || value === null) return undefined;
    if (!test(value)) throw badRequest(`${name} must be ${kind}`);
    return value;
  }
}
