/**
 * Provider settings: stack config `callfire:*` (delivered to the dynamic provider's `configure`), then the
 * `CALLFIRE_*` environment variables, then defaults. `configure` stores the config synchronously: the
 * dynamic-provider host caches a provider before awaiting `configure`, so calls that arrive together on a
 * fresh host must already see it. Credentials live only in this module's memory, never in state.
 */
import { CallFireClient, DEFAULT_BASE_URL } from "../client/client.js";
import { InvalidInputError } from "../client/errors.js";

/** The keys this package reads from stack config. */
export const CONFIG_KEYS = {
  username: "callfire:username",
  password: "callfire:password",
  baseUrl: "callfire:baseUrl",
  orderTimeoutSeconds: "callfire:orderTimeoutSeconds",
  requestTimeoutSeconds: "callfire:requestTimeoutSeconds",
  journalDir: "callfire:journalDir",
} as const;

/** The environment variables used when stack config does not set a value. */
export const ENV_KEYS = {
  username: "CALLFIRE_USERNAME",
  password: "CALLFIRE_PASSWORD",
  baseUrl: "CALLFIRE_BASE_URL",
  orderTimeoutSeconds: "CALLFIRE_ORDER_TIMEOUT_SECONDS",
  requestTimeoutSeconds: "CALLFIRE_REQUEST_TIMEOUT_SECONDS",
  journalDir: "CALLFIRE_JOURNAL_DIR",
} as const;

/** Default wait for an order, in seconds. */
export const DEFAULT_ORDER_TIMEOUT_SECONDS = 300;

/** Default time limit of one HTTP request, in seconds. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;

/** A setting that must be a positive number of seconds. */
function positiveSeconds(
  lookupSetting: (name: SettingName) => string | undefined,
  name: "orderTimeoutSeconds" | "requestTimeoutSeconds",
  fallback: number,
): number {
  const text = lookupSetting(name);
  const seconds = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${CONFIG_KEYS[name]} must be a positive number of seconds, got ${JSON.stringify(text)}`);
  }
  return seconds;
}

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

type SettingName = keyof typeof CONFIG_KEYS;
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

/** Answers a setting by name, or undefined when it has none. */
export type SettingSource = (name: SettingName) => string | undefined;

/** The stack config given to the provider's `configure`. */
const providerConfig: SettingSource = (name) => stackConfig[name];

/** The `CALLFIRE_*` environment variables. */
export const environment: SettingSource = (name) => process.env[ENV_KEYS[name]];

/** The first non-empty answer of the sources, in order. */
export function firstOf(...sources: SettingSource[]): SettingSource {
  return (name) => {
    for (const source of sources) {
      const value = source(name);
      if (value !== undefined && value !== "") return value;
    }
    return undefined;
  };
}

/** What a client needs: credentials, where to send requests, and how long one may take. */
export interface Connection {
  /** API login. */
  username: string;
  /** API password. */
  password: string;
  /** Base URL of the 1.1 REST API. */
  baseUrl: string;
  /** Time limit of one HTTP request to CallFire, in seconds. */
  requestTimeoutSeconds: number;
}

/** Resolves the connection; missing credentials fail with an error that says both ways to set them. */
export function resolveConnection(lookupSetting: SettingSource): Connection {
  const username = lookupSetting("username");
  const password = lookupSetting("password");
  if (!username || !password) {
    const missing = [!username && "username", !password && "password"].filter(Boolean).join(" and ");
    throw new Error(
      `CallFire ${missing} missing. Set them in stack config with ` +
        "`pulumi config set callfire:username <api-login>` and `pulumi config set --secret callfire:password <api-password>`, " +
        `or in the environment variables ${ENV_KEYS.username} and ${ENV_KEYS.password}.`,
    );
  }
  return {
    username,
    password,
    baseUrl: lookupSetting("baseUrl") ?? DEFAULT_BASE_URL,
    requestTimeoutSeconds: positiveSeconds(
      lookupSetting,
      "requestTimeoutSeconds",
      DEFAULT_REQUEST_TIMEOUT_SECONDS,
    ),
  };
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

/** Clients by connection settings; a client is cheap to use but not to build (got instances). */
const clients = new Map<string, CallFireClient>();

/**
 * The client for the resolved settings, built once per distinct connection and reused by every call of the
 * process (a host serving 200 creates builds one). Retries are logged through `log` of the first caller.
 */
export function createClient(settings: Connection, log?: (message: string) => void): CallFireClient {
  const timeoutMs = Math.round(settings.requestTimeoutSeconds * 1000);
  const key = JSON.stringify([
    settings.baseUrl,
    settings.username,
    settings.password,
    timeoutMs,
    log !== undefined,
  ]);
  let client = clients.get(key);
  if (!client) {
    try {
      client = new CallFireClient({
        baseUrl: settings.baseUrl,
        username: settings.username,
        password: settings.password,
        timeoutMs,
        log,
      });
    } catch (error) {
      // The setting, not the client's option, is what the user has to fix.
      if (error instanceof InvalidInputError && error.property === "baseUrl") {
        throw new Error(`${CONFIG_KEYS.baseUrl} (or ${ENV_KEYS.baseUrl}) ${error.reason}`);
      }
      throw error;
    }
    clients.set(key, client);
  }
  return client;
}
