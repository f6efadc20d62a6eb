/**
 * gRPC failures from the provider host, with the `ErrorResourceInitFailed` detail decoded when present.
 * @module
 */
import type { ServiceError } from "@grpc/grpc-js";
import { ErrorResourceInitFailed } from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { fromStruct, type PropertyMap } from "./wire";

/** A resource the provider created but could not finish initializing (Pulumi records it with init errors). */
export interface InitFailure {
  /** The id the provider reported: the resource exists. */
  id: string;
  /** The properties to record as the resource's outputs, exactly as the provider threw them. */
  properties: PropertyMap;
  /** Human-readable reasons; Pulumi stores them as the resource's `initErrors`. */
  reasons: string[];
}

const INIT_FAILED_TYPE = "pulumirpc.ErrorResourceInitFailed";

/** A failed provider RPC. */
export class ProviderError extends Error {
  /** The gRPC status code (the host answers `UNKNOWN` = 2 for anything a provider method throws). */
  readonly code: number;
  /** Set when the status details carry `pulumirpc.ErrorResourceInitFailed` (thrown by create/update with an `id`). */
  readonly initFailure?: InitFailure;

  /** Wraps a grpc-js error; `message` is the provider's own message, without the gRPC status prefix. */
  constructor(error: ServiceError) {
    super(error.details || error.message);
    this.name = "ProviderError";
    this.code = error.code;
    this.initFailure = decodeInitFailure(error);
  }
}

/** Reads `ErrorResourceInitFailed` from the `grpc-status-details-bin` trailer (a serialized `google.rpc.Status`). */
function decodeInitFailure(error: ServiceError): InitFailure | undefined {
  for (const raw of error.metadata?.get("grpc-status-details-bin") ?? []) {
    const status = Status.deserializeBinary(new Uint8Array(raw as Buffer));
    for (const detail of status.getDetailsList()) {
      const failure = detail.unpack(ErrorResourceInitFailed.deserializeBinary, INIT_FAILED_TYPE);
      if (failure) {
        return {
          id: failure.getId(),
          properties: fromStruct(failure.getProperties()),
          reasons: failure.getReasonsList(),
        };
      }
    }
  }
  return undefined;
}
