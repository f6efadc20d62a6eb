/**
 * How the functions reach CallFire: explicit options, else the program's `callfire:*` stack config, else the
 * `CALLFIRE_*` environment variables, the same settings the resources use.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CallFireClient } from "../client/client.js";
import {
  CONFIG_KEYS,
  createClient,
  environment,
  firstOf,
  resolveConnection,
} from "../client/connectionSettings.js";

/** Connection options every function accepts; each overrides stack config and the environment. */
export interface FunctionOptions {
  /** API login. */
  username?: string;
  /** API password. */
  password?: string;
  /** Which CallFire API to speak, `"1.1"` or `"v2"` (stack config `callfire:apiVersion`). */
  apiVersion?: "1.1" | "v2";
  /** Base URL of the API, e.g. a sandbox URL; the version's production URL by default. */
  baseUrl?: string;
}

/** A client for a function call. */
export function functionClient(options: FunctionOptions = {}): CallFireClient {
  const given: Record<string, string | undefined> = { ...options };
  const connection = resolveConnection(
    firstOf(
      (name) => given[name],
      (name) => pulumi.runtime.getConfig(CONFIG_KEYS[name]),
      environment,
    ),
  );
  return createClient(connection);
}
