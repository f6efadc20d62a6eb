/**
 * Number configurations: the one a new number starts with, and validating and applying a ConfigureNumber
 * change.
 */
import { badRequest } from "./errors";
import type { ConfigurationChange, Feature, NumberConfiguration, TrackingConfig } from "./types";

const TRACKING_FIELDS = {
  transferNumbers: "TransferNumber",
  screen: "Screen",
  record: "Record",
  introSoundId: "IntroSoundId",
  whisperSoundId: "WhisperSoundId",
} as const;

/** The configuration of a newly bought number: calls and texts enabled (texts UNSUPPORTED on toll-free), no inbound config. */
export function defaultConfiguration(tollFree: boolean): NumberConfiguration {
  return { callFeature: "ENABLED", textFeature: tollFree ? "UNSUPPORTED" : "ENABLED", inbound: null };
}

/** What a configuration change applies to. */
export interface ChangeTarget {
  /** The number, for messages. */
  number: string;
  /** Toll-free numbers cannot change their text feature. */
  tollFree: boolean;
  /** Hands out a new inbound-config id (called only when the change is valid and needs one). */
  nextInboundId: () => number;
}

/**
 * Validates `change` and returns the configuration it produces from `current` (which is not touched).
 * Fields not in the change keep their values; an inbound type replaces the inbound configuration,
 * keeping its id when the type stays the same. Throws a 400 {@link SandboxError} naming the parameter.
 */
export function applyConfigurationChange(
  current: NumberConfiguration,
  change: ConfigurationChange,
  target: ChangeTarget,
): NumberConfiguration {
  const next = structuredClone(current);
  if (change.callFeature !== undefined) next.callFeature = settableFeature(change.callFeature, "CallFeature");
  if (change.textFeature !== undefined) {
    if (target.tollFree) {
      throw badRequest(
        `TextFeature is UNSUPPORTED on toll-free number ${target.number} and cannot be changed`,
      );
    }
    next.textFeature = settableFeature(change.textFeature, "TextFeature");
  }
  const type = change.inboundCallConfigurationType;
  const trackingSent = (Object.keys(TRACKING_FIELDS) as (keyof typeof TRACKING_FIELDS)[])
    .filter((key) => change[key] !== undefined)
    .map((key) => TRACKING_FIELDS[key]);
  if (type === undefined) {
    const sent = change.dialplanXml === undefined ? trackingSent : [...trackingSent, "DialplanXml"];
    if (sent.length > 0) throw badRequest(`${names(sent)} InboundCallConfigurationType (TRACKING or IVR)`);
    return next;
  }
  if (type !== "TRACKING" && type !== "IVR") {
    throw badRequest(`InboundCallConfigurationType must be TRACKING or IVR, not ${type}`);
  }
  if (type === "TRACKING" && change.dialplanXml !== undefined) {
    throw badRequest("DialplanXml needs InboundCallConfigurationType=IVR");
  }
  if (type === "IVR" && trackingSent.length > 0) {
    throw badRequest(`${names(trackingSent)} InboundCallConfigurationType=TRACKING`);
  }
  const keptId = current.inbound?.type === type ? current.inbound.id : undefined;
  const id = () => keptId ?? target.nextInboundId();
  if (type === "TRACKING") {
    const tracking = trackingConfig(change);
    next.inbound = { type, id: id(), ...tracking };
  } else {
    next.inbound = {
      type,
      id: id(),
      ...(change.dialplanXml !== undefined && { dialplanXml: change.dialplanXml }),
    };
  }
  return next;
}

function trackingConfig(change: ConfigurationChange): Omit<TrackingConfig, "id" | "type"> {
  const transferNumbers = (change.transferNumbers ?? []).map((n) => n.replace(/^\+/, ""));
  const bad = transferNumbers.filter((n) => !/^\d{11}$/.test(n));
  if (bad.length > 0) throw badRequest(`TransferNumber must be 11-digit numbers: ${bad.join(" ")}`);
  return {
    transferNumbers,
    screen: change.screen ?? false,
    record: change.record ?? false,
    ...soundId(change.introSoundId, "IntroSoundId", "introSoundId"),
    ...soundId(change.whisperSoundId, "WhisperSoundId", "whisperSoundId"),
  };
}

function soundId<K extends string>(
  value: number | undefined,
  param: string,
  key: K,
): Partial<Record<K, number>> {
  if (value === undefined) return {};
  if (!Number.isSafeInteger(value) || value < 1) throw badRequest(`${param} must be a positive integer`);
  return { [key]: value } as Partial<Record<K, number>>;
}

function settableFeature(value: string, param: string): Feature {
  if (value === "ENABLED" || value === "DISABLED") return value;
  if (value === "UNSUPPORTED" || value === "PENDING") {
    throw badRequest(`${param} ${value} is set by the server; send ENABLED or DISABLED`);
  }
  throw badRequest(`${param} must be ENABLED or DISABLED, not ${value}`);
}

/** "Screen needs" / "Screen, Record need" */
function names(params: string[]): string {
  return `${params.join(", ")} ${params.length === 1 ? "needs" : "need"}`;
}
