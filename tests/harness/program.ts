/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and captures each custom resource exactly as the engine would
 * receive it, ready to hand to {@link Engine.up}.
 *
 * Jest caveat: the mocks are installed when the capture starts, so a module that constructs resources at load time
 * must be required inside `program`, not at the top of the test file. Jest caches modules per test file: to run the
 * same module twice, require it inside `jest.isolateModules` (or call `jest.resetModules()` between captures).
 *
 * A resource whose registration fails inside the SDK (for example a `__provider` closure that cannot be serialized)
 * never reaches the mock monitor: it is simply missing from the result, and the SDK's error surfaces separately as
 * an unhandled rejection. Assert the number of captured resources when that matters.
 * @module
 */
import * as pulumi from "@pulumi/pulumi";
import type { RegisterResourceRequest, RegisterResourceResponse } from "@pulumi/pulumi/proto/resource_pb";
import { fromStruct, type PropertyMap, RESOURCE_SIG, SECRET_SIG, SIG_KEY } from "./wire";

/** A resource the program asks for, with its inputs in wire form (secrets unwrapped, as the engine sends them). */
export interface DesiredResource {
  /** The type token, e.g. `pulumi-nodejs:dynamic/callfire:PhoneNumber`. */
  type: string;
  /** The logical name. */
  name: string;
  /** The URN. */
  urn: string;
  /** The inputs, `__provider` (a string) included; values the program did not know are {@link UNKNOWN}. */
  inputs: PropertyMap;
  /** True when the program sent `__provider` as a secret (its closure captured a secret). */
  providerIsSecret?: boolean;
  /** Top-level inputs that were (or contained) secrets; the engine strips the marks before calling the provider. */
  secretInputs?: string[];
  /** The `protect` resource option: the engine refuses to delete or replace the resource. */
  protect?: boolean;
  /** The `retainOnDelete` resource option: deleting only drops the resource from the state. */
  retainOnDelete?: boolean;
  /** The `deleteBeforeReplace` resource option, when the program set it (it then overrides the provider's choice). */
  deleteBeforeReplace?: boolean;
}

/** Where and how the program runs. */
export interface CaptureOptions {
  /** Project name (default `project`). */
  project?: string;
  /** Stack name (default `stack`). */
  stack?: string;
  /** The program-side stack config (`pulumi.Config`), e.g. `{ "callfire:username": "alice" }`. */
  config?: Record<string, string>;
  /** Run as a preview: values not known until deployment (such as ids) arrive as {@link UNKNOWN}. */
  preview?: boolean;
}

/** The outcome of running a program. */
export interface CapturedStack {
  /** The custom resources in registration order (component resources never reach a provider). */
  resources: DesiredResource[];
  /** What the program returned (its stack outputs), when every value in it is known; ids never are under mocks. */
  outputs?: PropertyMap;
}

/** Runs `program` under mocks and returns the custom resources it registered. */
export async function captureProgram(
  program: () => unknown | Promise<unknown>,
  options?: CaptureOptions,
): Promise<DesiredResource[]> {
  return (await captureStack(program, options)).resources;
}

/** Runs `program` under mocks and returns its resources and stack outputs. Safe to call repeatedly in one process. */
export async function captureStack(
  program: () => unknown | Promise<unknown>,
  options: CaptureOptions = {},
): Promise<CapturedStack> {
  pulumi.runtime.setAllConfig(options.config ?? {});
  await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: undefined, state: args.inputs }), call: () => ({}) },
    options.project ?? "project",
    options.stack ?? "stack",
    options.preview ?? false,
  );
  const resources = recordRegistrations();
  let returned: unknown;
  try {
    returned = await program();
  } finally {
    // Waits until every registration has been answered, so none can spill into the next capture.
    await pulumi.runtime.disconnect();
  }
  return { resources, outputs: await knownValue(returned) };
}

/** The slice of the mock monitor we wrap. */
interface Monitor {
  registerResource(
    request: RegisterResourceRequest,
    callback: (error: Error | null, response?: RegisterResourceResponse) => void,
  ): unknown;
  /** How the mocks name a resource (sdk/nodejs/runtime/mocks.ts). */
  newUrn(parent: string, type: string, name: string): string;
}

/**
 * A resource's URN as the engine makes it: its type qualified with the parent's whole qualified type, unless the
 * parent is the root stack (pkg/resource/deploy/deployment.go `generateURN`, sdk/go/common/resource/urn/urn.go
 * `New`). The SDK's mocks qualify it with the parent's last type only, so `Branch$Office$T` and `Office$T`
 * would collide under them.
 */
function engineUrn(parent: string, type: string, name: string): string {
  const parentType = parent ? parent.split("::")[2] : "";
  const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
  return `urn:pulumi:${[pulumi.getStack(), pulumi.getProject(), qualified, name].join("::")}`;
}

/** Wraps the fresh mock monitor's `registerResource` to record each custom resource in request order. */
function recordRegistrations(): DesiredResource[] {
  const resources: DesiredResource[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
  monitor.newUrn = engineUrn;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const resource = request.getCustom() ? desired(request) : undefined;
    if (resource) resources.push(resource);
    return register(request, (error, response) => {
      if (resource && response) resource.urn = response.getUrn();
      if (resource && error) resources.splice(resources.indexOf(resource), 1);
      callback(error, response);
    });
  };
  return resources;
}

/** Builds the desired resource from a registration request (its URN is filled in from the response). */
function desired(request: RegisterResourceRequest): DesiredResource {
  const secretInputs: string[] = [];
  const inputs: PropertyMap = {};
  for (const [key, value] of Object.entries(fromStruct(request.getObject()))) {
    inputs[key] = engineView(value, () => {
      if (!secretInputs.includes(key)) secretInputs.push(key);
    });
  }
  const resource: DesiredResource = { type: request.getType(), name: request.getName(), urn: "", inputs };
  if (secretInputs.length > 0) resource.secretInputs = secretInputs;
  if (secretInputs.includes("__provider")) resource.providerIsSecret = true;
  if (request.getProtect()) resource.protect = true;
  if (request.getRetainondelete()) resource.retainOnDelete = true;
  if (request.getDeletebeforereplacedefined())
    resource.deleteBeforeReplace = request.getDeletebeforereplace();
  return resource;
}

/**
 * A wire value as a provider that accepts neither secrets nor resources receives it: secrets unwrapped (reported
 * through `onSecret`) and resource references replaced by the resource's id (custom) or URN (component).
 */
function engineView(value: unknown, onSecret: () => void): unknown {
  if (Array.isArray(value)) return value.map((item) => engineView(item, onSecret));
  if (value === null || typeof value !== "object") return value;
  const object = value as PropertyMap;
  if (object[SIG_KEY] === SECRET_SIG) {
    onSecret();
    return engineView(object.value, onSecret);
  }
  if (object[SIG_KEY] === RESOURCE_SIG) return object.id ?? object.urn;
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, engineView(v, onSecret)]));
}

/** Resolves the program's return value when it is an object whose values are all known. */
async function knownValue(value: unknown): Promise<PropertyMap | undefined> {
  if (value === null || typeof value !== "object") return undefined;
  const output = pulumi.output(value);
  // `isKnown` exists on every Output at run time but is not in the public typings.
  if (!(await (output as unknown as { isKnown: Promise<boolean> }).isKnown)) return undefined;
  return new Promise((resolve) => output.apply((resolved) => resolve(resolved as PropertyMap)));
}
