/**
 * Provider settings: stack config `callfire:*` (delivered to the dynamic provider's `configure`), then the
 * `CALLFIRE_*` environment variables, then defaults (the connection part lives in `client/connectionSettings`).
 * `configure` stores the config synchronously: the dynamic-provider host caches a provider before awaiting
 * `configure`, so calls that arrive together on a fresh host must already see it. Credentials live only in
 * memory, never in state.
 */
import {
  CONFIG_KEYS,
  type Connection,
  environment,
  firstOf,
  positiveSeconds,
  resolveConnection,
  type SettingName,
  type SettingSource,
} from "../client/connectionSettings.js";

/** Default wait for an order, in seconds. */
const DEFAULT_ORDER_TIMEOUT_SECONDS = 300;

/** Resolved provider settings. */
export interface Settings extends Connection {
  /** Default order wait budget, in seconds. */
  orderTimeoutSeconds: number;
  /** Where pending orders are journaled; see `orders/journal`. */
  journalDir?: string;
}

/** Anything with a `get(key)` like Pulumi's dynamic-provider config or a plain map lookup. */
export interface ConfigSource {
  /** Returns the value of a namespaced key such as `callfire:username`, or undefined. */
  get(key: string): string | undefined;
}

let stackConfig: Partial<Record<SettingName, string>> = {};

/** Stores the stack config. Synchronous on purpose (see the module comment). */
export function configure(source: ConfigSource): void {
  const values: Partial<Record<SettingName, string>> = {};
  for (const name of Object.keys(CONFIG_KEYS) as SettingName[]) {
    const value = source.get(CONFIG_KEYS[name]);
    if (value !== undefined && value !== "") values[name] = value;
  }
  stackConfig = values;
}

/** The stack config given to the provider's `configure`. */
const providerConfig: SettingSource = (name) => stackConfig[name];

/** The configured API version's raw value (stack config, else the environment), without needing credentials. */
export function configuredApiVersion(): string | undefined {
  return firstOf(providerConfig, environment)("apiVersion");
}

/** Resolves every provider setting: stack config, else the environment, else defaults. */
export function resolveSettings(
  lookupSetting: SettingSource = firstOf(providerConfig, environment),
): Settings {
  return {
    ...resolveConnection(lookupSetting),
    orderTimeoutSeconds: positiveSeconds(lookupSetting, "orderTimeoutSeconds", DEFAULT_ORDER_TIMEOUT_SECONDS),
    journalDir: lookupSetting("journalDir"),
  };
}
