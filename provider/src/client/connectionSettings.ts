/**
 * Where a client's connection comes from: the `callfire:*` setting names, their `CALLFIRE_*` environment
 * variables, sources tried in order, and one client per distinct connection. Shared by the resources (stack
 * config given to the provider) and the functions (the program's config and explicit options).
 */
import { CallFireClient, defaultBaseUrl } from "./client.js";
import { API_VERSIONS, type ApiVersion } from "./dialect.js";
import { InvalidInputError } from "./errors.js";

/** The keys this package reads from stack config. */
export const CONFIG_KEYS = {
  username: "callfire:username",
  password: "callfire:password",
  baseUrl: "callfire:baseUrl",
  apiVersion: "callfire:apiVersion",
  orderTimeoutSeconds: "callfire:orderTimeoutSeconds",
  requestTimeoutSeconds: "callfire:requestTimeoutSeconds",
  journalDir: "callfire:journalDir",
} as const;

/** The environment variables used when stack config does not set a value. */
const ENV_KEYS = {
  username: "CALLFIRE_USERNAME",
  password: "CALLFIRE_PASSWORD",
  baseUrl: "CALLFIRE_BASE_URL",
  apiVersion: "CALLFIRE_API_VERSION",
  orderTimeoutSeconds: "CALLFIRE_ORDER_TIMEOUT_SECONDS",
  requestTimeoutSeconds: "CALLFIRE_REQUEST_TIMEOUT_SECONDS",
  journalDir: "CALLFIRE_JOURNAL_DIR",
} as const;

/** A setting's name, e.g. `username`. */
export type SettingName = keyof typeof CONFIG_KEYS;

/** A provider setting that is missing or invalid. The message names the setting, its environment variable and the fix. */
export class SettingError extends Error {
  /** The class name, `SettingError`, shown in stack traces and logs. */
  override name = "SettingError";
  /** The setting's stack config key, e.g. `callfire:baseUrl`. */
  readonly setting: string;

  /** @param name the setting; @param message what is wrong and how to fix it. */
  constructor(name: SettingName, message: string) {
    super(message);
    this.setting = CONFIG_KEYS[name];
  }
}

/** `callfire:<key> (or CALLFIRE_<KEY>)`: how messages name a setting, with both places it can be set. */
function settingLabel(name: SettingName): string {
  return `${CONFIG_KEYS[name]} (or ${ENV_KEYS[name]})`;
}

/** Default time limit of one HTTP request, in seconds. */
const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;

/** A setting that must be a positive number of seconds. */
export function positiveSeconds(
  lookupSetting: SettingSource,
  name: "orderTimeoutSeconds" | "requestTimeoutSeconds",
  fallback: number,
): number {
  const text = lookupSetting(name);
  const seconds = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new SettingError(
      name,
      `${settingLabel(name)} must be a positive number of seconds, got ${JSON.stringify(text)}`,
    );
  }
  return seconds;
}

/** Answers a setting by name, or undefined when it has none. */
export type SettingSource = (name: SettingName) => string | undefined;

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
  /** Which CallFire API to speak: `"1.1"` or `"v2"`. */
  apiVersion: ApiVersion;
  /** Base URL of the API; the version's production URL unless set. */
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
    throw new SettingError(
      username ? "password" : "username",
      `CallFire ${missing} missing. Set them in stack config with ` +
        "`pulumi config set callfire:username <api-login>` and `pulumi config set --secret callfire:password <api-password>`, " +
        `or in the environment variables ${ENV_KEYS.username} and ${ENV_KEYS.password}.`,
    );
  }
  const apiVersion = (lookupSetting("apiVersion") ?? "1.1") as ApiVersion;
  if (!API_VERSIONS.includes(apiVersion)) {
    throw new SettingError(
      "apiVersion",
      `${settingLabel("apiVersion")} must be "1.1" or "v2", got ${JSON.stringify(apiVersion)}`,
    );
  }
  return {
    username,
    password,
    apiVersion,
    baseUrl: lookupSetting("baseUrl") ?? defaultBaseUrl(apiVersion),
    requestTimeoutSeconds: positiveSeconds(
      lookupSetting,
      "requestTimeoutSeconds",
      DEFAULT_REQUEST_TIMEOUT_SECONDS,
    ),
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
    settings.apiVersion,
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
        apiVersion: settings.apiVersion,
        baseUrl: settings.baseUrl,
        username: settings.username,
        password: settings.password,
        timeoutMs,
        log,
      });
    } catch (error) {
      // The setting, not the client's option, is what the user has to fix.
      if (error instanceof InvalidInputError && error.property === "baseUrl") {
        throw new SettingError("baseUrl", `${settingLabel("baseUrl")} ${error.reason}`);
      }
      throw error;
    }
    clients.set(key, client);
  }
  return client;
}
