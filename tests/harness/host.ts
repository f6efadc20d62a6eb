/**
 * Starts the real Pulumi dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) as a child process and talks
 * to it over gRPC the way the Pulumi engine does.
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { type ClientUnaryCall, credentials, type ServiceError } from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import {
  CheckRequest,
  type CheckResponse,
  ConfigureRequest,
  type ConfigureResponse,
  CreateRequest,
  type CreateResponse,
  DeleteRequest,
  DiffRequest,
  DiffResponse,
  ReadRequest,
  type ReadResponse,
  UpdateRequest,
  type UpdateResponse,
} from "@pulumi/pulumi/proto/provider_pb";
import type { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { ProviderError } from "./errors";
import { fromStruct, type PropertyMap, secret, toStruct, urnParts } from "./wire";

/** The repository root (`/work/main`): the default project directory of the host. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The host program of the `@pulumi/pulumi` that `cwd` resolves, as the engine runs the project's own copy. */
function hostScript(cwd: string): string {
  return require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js", { paths: [cwd] });
}

/** How to start the host. */
export interface HostOptions {
  /**
   * The project directory; the host is the one in the `@pulumi/pulumi` it resolves, and every `require()` inside
   * `__provider` resolves from here. Default: the repo root.
   */
  cwd?: string;
  /** Variables merged over this process's environment (the engine passes its own environment on). */
  env?: NodeJS.ProcessEnv;
  /** Extra Node.js options before the host script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}

/** One `check` failure, as the provider reported it. */
export interface CheckFailure {
  /** The offending input property. */
  property: string;
  /** Why it was rejected. */
  reason: string;
}

/** The answer to `check`. */
export interface CheckResult {
  /** The checked inputs (the host always copies `__provider` from the new inputs into them). */
  inputs: PropertyMap;
  /** Validation failures; non-empty means the engine would stop. */
  failures: CheckFailure[];
}

/** The answer to `diff`. The host only forwards `changes`, `replaces` and `deleteBeforeReplace`. */
export interface DiffResult {
  /** `unknown` when the provider has no `diff` or left `changes` unset: the engine then diffs the inputs itself. */
  changes: "none" | "some" | "unknown";
  /** Properties whose change requires a replacement. */
  replaces: string[];
  /** Whether the old resource must be deleted before its replacement is created. */
  deleteBeforeReplace: boolean;
}

/** The answer to `create`. */
export interface CreateResult {
  /** The new resource's id. */
  id: string;
  /** Its outputs; the host adds `__provider`. */
  properties: PropertyMap;
}

/** The answer to `read`. */
export interface ReadResult {
  /** The id, or `""` when the resource is gone. */
  id: string;
  /** The refreshed outputs (with `__provider`). */
  properties: PropertyMap;
  /** Refreshed inputs, only when the provider's `read` returned `inputs`. */
  inputs?: PropertyMap;
}

/** A running dynamic-provider host. Every RPC rejects with a {@link ProviderError} when the host answers an error. */
export interface Host {
  /** The host's process id. */
  readonly pid: number;
  /** Sends `Configure` with the whole stack config (namespaced keys); `secretKeys` go as secret-wrapped values. */
  configure(config: Record<string, string>, secretKeys?: string[]): Promise<void>;
  /** `Check(olds, news)`: old inputs (`{}` for a new resource) and the program's new inputs. */
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult>;
  /** `Diff(id, olds, news)`: `olds` are the stored outputs, `news` the checked inputs. */
  diff(
    urn: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs?: PropertyMap,
  ): Promise<DiffResult>;
  /** `Create(properties)`; the host ignores `timeoutSeconds` (custom timeouts never reach dynamic providers). */
  create(urn: string, properties: PropertyMap, timeoutSeconds?: number): Promise<CreateResult>;
  /** `Read(id, properties)`; the host ignores `inputs`. */
  read(urn: string, id: string, properties: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  /** `Update(id, olds, news)`: `olds` are the stored outputs; returns the new outputs (with `__provider`). */
  update(
    urn: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs?: PropertyMap,
  ): Promise<{ properties: PropertyMap }>;
  /** `Delete(id, properties)` with the stored outputs. */
  delete(urn: string, id: string, properties: PropertyMap, oldInputs?: PropertyMap): Promise<void>;
  /** Everything the host printed on stdout so far (the first line is its port). */
  stdout(): string;
  /** Everything the host printed on stderr so far. */
  stderr(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Sends a signal (default `SIGKILL`) and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /**
   * Drops the engine's side of the connection as a killed CLI does: in-flight calls are cancelled on this side
   * (they reject), the channel is closed, and the process is left running with whatever it was doing.
   */
  abandon(): void;
  /**
   * Closes the channel and stops the process as the engine closes a plugin: `SIGINT`, then `SIGKILL` if it has not
   * exited within 5 s (sdk/go/common/resource/plugin/plugin.go, `kill`). Resolves once it has exited.
   */
  close(): Promise<void>;
}

/** Spawns the host with `cwd` as the project directory, reads its port from stdout and connects to it. */
export async function startHost(options: HostOptions = {}): Promise<Host> {
  const cwd = options.cwd ?? REPO_ROOT;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), hostScript(cwd), "127.0.0.1:1"], {
    cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout?.setEncoding("utf8").on("data", (text: string) => (output.stdout += text));
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (output.stderr += text));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = () => {
      const newline = output.stdout.indexOf("\n");
      if (newline >= 0) {
        child.stdout?.off("data", onData);
        resolve(Number(output.stdout.slice(0, newline)));
      }
    };
    child.stdout?.on("data", onData);
    child.once("error", reject);
    void exited.then(() => reject(new Error(`provider host exited before listening:\n${output.stderr}`)));
  });
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, credentials.createInsecure());
  return new HostProcess(child, client, output, exited);
}

/** The {@link Host} implementation: request building and response decoding for each RPC. */
class HostProcess implements Host {
  readonly pid: number;
  /** Calls not answered yet, cancelled by {@link abandon}. */
  private readonly inFlight = new Set<ClientUnaryCall>();

  constructor(
    private readonly child: ChildProcess,
    private readonly client: ResourceProviderClient,
    private readonly output: { stdout: string; stderr: string },
    private readonly exited: Promise<void>,
  ) {
    this.pid = child.pid ?? 0;
  }

  async configure(config: Record<string, string>, secretKeys: string[] = []): Promise<void> {
    const request = new ConfigureRequest()
      .setArgs(
        toStruct(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, wrap(k, v, secretKeys)]))),
      )
      .setAcceptsecrets(true)
      .setAcceptresources(true)
      .setSendsOldInputs(true)
      .setSendsOldInputsToDelete(true);
    for (const [key, value] of Object.entries(config)) {
      request.getVariablesMap().set(key, value);
    }
    await this.call<ConfigureResponse>((callback) => this.client.configure(request, callback));
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const request = named(new CheckRequest(), urn)
      .setOlds(toStruct(olds))
      .setNews(toStruct(news))
      .setRandomseed(randomBytes(32));
    const response = await this.call<CheckResponse>((callback) => this.client.check(request, callback));
    return {
      inputs: fromStruct(response.getInputs()),
      failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: PropertyMap, news: PropertyMap, oldInputs?: PropertyMap) {
    const request = named(new DiffRequest(), urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news));
    if (oldInputs) request.setOldInputs(toStruct(oldInputs));
    const response = await this.call<DiffResponse>((callback) => this.client.diff(request, callback));
    const changes = {
      [DiffResponse.DiffChanges.DIFF_NONE]: "none",
      [DiffResponse.DiffChanges.DIFF_SOME]: "some",
    } as const;
    return {
      changes: changes[response.getChanges() as keyof typeof changes] ?? "unknown",
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: PropertyMap, timeoutSeconds = 0): Promise<CreateResult> {
    const request = named(new CreateRequest(), urn)
      .setProperties(toStruct(properties))
      .setTimeout(timeoutSeconds);
    const response = await this.call<CreateResponse>((callback) => this.client.create(request, callback));
    return { id: response.getId(), properties: fromStruct(response.getProperties()) };
  }

  async read(urn: string, id: string, properties: PropertyMap, inputs?: PropertyMap): Promise<ReadResult> {
    const request = named(new ReadRequest(), urn).setId(id).setProperties(toStruct(properties));
    if (inputs) request.setInputs(toStruct(inputs));
    const response = await this.call<ReadResponse>((callback) => this.client.read(request, callback));
    const result: ReadResult = { id: response.getId(), properties: fromStruct(response.getProperties()) };
    if (response.hasInputs()) result.inputs = fromStruct(response.getInputs());
    return result;
  }

  async update(urn: string, id: string, olds: PropertyMap, news: PropertyMap, oldInputs?: PropertyMap) {
    const request = named(new UpdateRequest(), urn).setId(id).setOlds(toStruct(olds)).setNews(toStruct(news));
    if (oldInputs) request.setOldInputs(toStruct(oldInputs));
    const response = await this.call<UpdateResponse>((callback) => this.client.update(request, callback));
    return { properties: fromStruct(response.getProperties()) };
  }

  async delete(urn: string, id: string, properties: PropertyMap, oldInputs?: PropertyMap): Promise<void> {
    const request = named(new DeleteRequest(), urn).setId(id).setProperties(toStruct(properties));
    if (oldInputs) request.setOldInputs(toStruct(oldInputs));
    await this.call<Empty>((callback) => this.client.delete(request, callback));
  }

  stdout(): string {
    return this.output.stdout;
  }

  stderr(): string {
    return this.output.stderr;
  }

  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (this.alive()) this.child.kill(signal);
    await this.exited;
  }

  abandon(): void {
    for (const call of this.inFlight) call.cancel();
    this.client.close();
  }

  async close(): Promise<void> {
    this.client.close();
    const timer = setTimeout(() => void this.kill("SIGKILL"), 5000);
    await this.kill("SIGINT");
    clearTimeout(timer);
  }

  /** Runs one unary RPC, turning a gRPC error into a {@link ProviderError}. */
  private call<T>(
    invoke: (callback: (error: ServiceError | null, response: T) => void) => ClientUnaryCall,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const call = invoke((error, response) => {
        this.inFlight.delete(call);
        if (error) reject(new ProviderError(error));
        else resolve(response);
      });
      this.inFlight.add(call);
    });
  }
}

/** Fills the URN, type and name fields every resource request carries (the host reads none of them). */
function named<T extends { setUrn(v: string): T; setName(v: string): T; setType(v: string): T }>(
  request: T,
  urn: string,
): T {
  const { type, name } = urnParts(urn);
  return request.setUrn(urn).setName(name).setType(type);
}

/** A config value as the engine puts it in `ConfigureRequest.args`: secret keys wrapped, others plain. */
function wrap(key: string, value: string, secretKeys: string[]): unknown {
  return secretKeys.includes(key) ? secret(value) : value;
}
