/**
 * Query parameters in the CallFire API v2 dialect: camelCase names as given, booleans as `true`/`false`, and
 * lists as the key repeated (`?keywords=SUN&keywords=MOON`, Swagger's `collectionFormat: multi`).
 */

/** A value a query parameter can take; `undefined` and empty lists leave it out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Builds the query string of a v2 request. */
export function toQuery(fields: Readonly<Record<string, QueryValue>>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
  }
  return query;
}
