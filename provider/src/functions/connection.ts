/**
 * How the functions reach CallFire: explicit options, else the program's `callfire:*` stack config, else the
 * `CALLFIRE_*` environment variables, the same settings the resources use.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CallFireClient } from "../client/client.js";
import { CONFIG_KEYS, createClient, ENV_KEYS, resolveSettings } from "../resources/settings.js";

/** Connection options every function accepts; each overrides stack config and the environment. */
export interface FunctionOptions {
  /** API login. */
  username?: string;
  /** API password. */
  password?: string;
  /** Base URL of the 1.1 REST API, e.g. a sandbox URL. */
  baseUrl?: string;
}

/** A client for a function call. */
export function functionClient(options: FunctionOptions = {}): CallFireClient {
  const config = new pulumi.Config("callfire");
  const fromOptions: Record<string, string | undefined> = {
    username: options.username,
    password: options.password,
    baseUrl: options.baseUrl,
  };
  const settings = resolveSettings((name) => {
    const key = CONFIG_KEYS[name].slice("callfire:".length);
    return fromOptions[name] ?? config.get(key) ?? process.env[ENV_KEYS[name]];
  });
  return createClient(settings);
}
