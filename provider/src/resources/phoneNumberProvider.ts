/**
 * The PhoneNumber dynamic provider: create = order and wait, update = configure in place (and resume a pending
 * order), read = refresh from GetNumber, delete = release.
 */
import type * as pulumi from "@pulumi/pulumi";
import { NotFoundError } from "../client/errors.js";
import { isTollFreeNumber, normalizePhoneNumber } from "../client/normalize.js";
import type { CallFireNumber, NumberConfiguration } from "../client/types.js";
import type { PurchaseRequest } from "../orders/purchase.js";
import { apiVersionProblems } from "./apiVersionCheck.js";
import { checkPhoneNumber } from "./check.js";
import { UNKNOWN } from "./checker.js";
import { sameValue, settingsChanged } from "./compare.js";
import { type ProviderContext, plain, providerContext, settingsProblems } from "./context.js";
import type {
  InboundConfiguration,
  NumberSelection,
  PendingOrder,
  PhoneNumberInputs,
  PhoneNumberState,
} from "./inputs.js";
import { type AssetKind, acquire, carryJournal, forgetJournal, resumeAcquire } from "./ownership/acquire.js";
import { type Releaser, releaseAsset } from "./ownership/release.js";

/** What a selection orders, which order item delivers it, and how logs and errors name it. */
function selectionOrder(selection: NumberSelection): Omit<PurchaseRequest, "journalKey"> {
  if (selection.number) {
    const item = isTollFreeNumber(selection.number) ? "tollFreeNumbers" : "localNumbers";
    return { description: `number ${selection.number}`, order: { numbers: [selection.number] }, item };
  }
  if (selection.tollFree)
    return { description: "toll-free number", order: { tollFreeCount: 1 }, item: "tollFreeNumbers" };
  return {
    description: `local number in region ${JSON.stringify(selection.region)}`,
    order: { localCount: 1, ...selection.region },
    item: "localNumbers",
  };
}

/** The label of log lines about a number. */
function label(selection: NumberSelection): string {
  return `PhoneNumber ${selectionOrder(selection).description}`;
}

/** The ConfigureNumber request for the settings the user gave; unset tracking switches default to off. */
function configuration(inputs: PhoneNumberInputs): NumberConfiguration | undefined {
  const inbound = inputs.inboundCallConfiguration;
  if (!inputs.callFeature && !inputs.textFeature && !inbound) return undefined;
  return {
    callFeature: inputs.callFeature,
    textFeature: inputs.textFeature,
    inboundCallConfigurationType: inbound?.type,
    inboundCallConfiguration:
      inbound?.type === "TRACKING"
        ? {
            callTrackingConfig: {
              transferNumbers: inbound.transferNumbers,
              screen: inbound.screen ?? false,
              record: inbound.record ?? false,
              introSoundId: inbound.introSoundId,
              whisperSoundId: inbound.whisperSoundId,
            },
          }
        : inbound?.type === "IVR"
          ? { ivrInboundConfig: { dialplanXml: inbound.dialplanXml } }
          : undefined,
  };
}

/** The inbound configuration as CallFire reports it, in the input shape. */
function inboundOf(number: CallFireNumber): InboundConfiguration | undefined {
  const configuration = number.numberConfiguration;
  const tracking = configuration?.inboundCallConfiguration?.callTrackingConfig;
  const ivr = configuration?.inboundCallConfiguration?.ivrInboundConfig;
  if (configuration?.inboundCallConfigurationType === "TRACKING" && tracking) {
    const { id: _id, ...rest } = tracking;
    return { type: "TRACKING", ...rest };
  }
  if (configuration?.inboundCallConfigurationType === "IVR" && ivr) {
    return { type: "IVR", dialplanXml: ivr.dialplanXml ?? "" };
  }
  return undefined;
}

/** Complete outputs from a GetNumber answer. */
function stateOf(
  args: PhoneNumberInputs,
  number: CallFireNumber,
  orderId: string | undefined,
): PhoneNumberState {
  return plain({ args, ...reported(number), orderId });
}

/** The number as CallFire reports it, in the outputs' shape. */
function reported(number: CallFireNumber): Omit<PhoneNumberState, "args"> {
  return {
    number: number.number,
    nationalFormat: number.nationalFormat,
    tollFree: number.tollFree,
    region: number.region ?? {},
    status: number.status,
    leaseBegin: number.leaseInfo?.leaseBegin,
    leaseEnd: number.leaseInfo?.leaseEnd,
    autoRenew: number.leaseInfo?.autoRenew,
    callFeature: number.numberConfiguration?.callFeature as PhoneNumberState["callFeature"],
    textFeature: number.numberConfiguration?.textFeature as PhoneNumberState["textFeature"],
    inboundCallConfiguration: inboundOf(number),
  };
}

/** Whether the configuration the user asked for differs from what CallFire reports. */
function configurationDrifted(state: PhoneNumberState, inputs: PhoneNumberInputs): boolean {
  const wanted = inputs.inboundCallConfiguration;
  const actual = state.inboundCallConfiguration;
  const inboundDrift =
    wanted !== undefined &&
    (wanted.type !== actual?.type ||
      (wanted.type === "TRACKING" && actual.type === "TRACKING"
        ? !sameValue(wanted.transferNumbers, actual.transferNumbers) ||
          (wanted.screen ?? false) !== (actual.screen ?? false) ||
          (wanted.record ?? false) !== (actual.record ?? false) ||
          (wanted.introSoundId !== undefined && wanted.introSoundId !== actual.introSoundId) ||
          (wanted.whisperSoundId !== undefined && wanted.whisperSoundId !== actual.whisperSoundId)
        : wanted.type === "IVR" && actual.type === "IVR" && wanted.dialplanXml !== actual.dialplanXml));
  return (
    inboundDrift ||
    (inputs.callFeature !== undefined && inputs.callFeature !== state.callFeature) ||
    (inputs.textFeature !== undefined && inputs.textFeature !== state.textFeature)
  );
}

/**
 * Whether the number in state still satisfies the (possibly edited) selection, so no new number is needed. An
 * unchanged selection always does: CallFire may describe the number it chose differently from what was asked
 * (the nearest zip code, other coordinates), and replacing it for that would buy a number on every run.
 */
function satisfies(state: PhoneNumberState, inputs: PhoneNumberInputs): boolean {
  const selection = [inputs.number, inputs.tollFree, inputs.region];
  if (selection.some((value) => value === UNKNOWN)) return false;
  if (sameValue([state.args.number, state.args.tollFree, state.args.region], selection)) return true;
  if (!state.number || state.pendingOrder) return false;
  if (inputs.number !== undefined) return inputs.number === state.number;
  if (inputs.tollFree) return state.tollFree === true;
  const region = inputs.region ?? {};
  const actual = (state.region ?? {}) as Record<string, unknown>;
  return (
    state.tollFree !== true &&
    Object.entries(region).every(([field, value]) =>
      field === "prefix"
        ? state.number?.startsWith(String(value))
        : typeof value === "string"
          ? String(actual[field] ?? "").toLowerCase() === value.toLowerCase()
          : actual[field] === value,
    )
  );
}

/**
 * A read-only reference (`PhoneNumber.get`): only the id, the number, is known. It reads the number as CallFire
 * reports it, never journals or releases anything, and fails, naming the number, if the account does not own it.
 */
async function readReference(id: string): Promise<Omit<PhoneNumberState, "args">> {
  const number = normalizePhoneNumber(id, "id of PhoneNumber.get");
  const context = providerContext(`PhoneNumber ${number}`);
  try {
    return plain(reported(await context.client.getNumber({ number })));
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new Error(
      `PhoneNumber.get: number ${number} is not in this CallFire account; a read-only reference needs a number the account owns (check the id and callfire:baseUrl)`,
    );
  }
}

/** How PhoneNumber plugs into the shared create/resume logic. */
const phoneNumberKind: AssetKind<PhoneNumberInputs, PhoneNumberState> = {
  noun: "number",
  exact: (inputs) => inputs.number,
  request(context, inputs) {
    const selection = { number: inputs.number, tollFree: inputs.tollFree, region: inputs.region };
    return { ...selectionOrder(selection), journalKey: context.keyOf(inputs.__resource, selection) };
  },
  async lease(context, number) {
    try {
      const owned = await context.client.getNumber({ number });
      return owned.status === "RELEASED" ? undefined : (owned.leaseInfo ?? { autoRenew: true });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  },
  async available(context, number) {
    const found = await context.client.searchAvailableNumbers({
      prefix: number.slice(0, 7),
      tollFree: isTollFreeNumber(number),
      count: 500,
    });
    return found.some((candidate) => candidate.number === number);
  },
  partialState: (args, number, orderId, pendingOrder?: PendingOrder) =>
    plain({ args, number, orderId, pendingOrder }) as PhoneNumberState,
  async finish(context: ProviderContext, inputs, number, orderId) {
    const wanted = configuration(inputs);
    if (wanted) await context.client.configureNumber({ number, configuration: wanted });
    return stateOf(inputs, await context.client.getNumber({ number }), orderId);
  },
};

/** How a number is released: by itself (Release ignores a number the account does not hold). */
const numberReleaser: Releaser = { kind: "numbers", args: async (_context, number) => ({ number }) };

type Inputs = PhoneNumberInputs & { __provider?: string };

/** The PhoneNumber provider implementation that the serialized shim delegates to. */
export const phoneNumberProvider: pulumi.dynamic.ResourceProvider<Inputs, PhoneNumberState> = {
  async check(_olds, news) {
    const result = checkPhoneNumber(news as unknown as Record<string, unknown>);
    const problems = result.failures.length === 0 ? apiVersionProblems(result.inputs) : [];
    return { ...result, failures: [...result.failures, ...problems, ...settingsProblems()] };
  },

  async diff(_id, olds, news) {
    await forgetJournal(phoneNumberKind, olds);
    const replace = !satisfies(olds, news);
    return {
      changes:
        replace ||
        !!olds.pendingOrder ||
        settingsChanged(olds.args, news) ||
        configurationDrifted(olds, news),
      replaces: replace
        ? ["number", "tollFree", "region"].filter((key) => key in news || key in olds.args)
        : [],
      deleteBeforeReplace: false,
    };
  },

  async create(inputs) {
    const context = providerContext(label(inputs), inputs.orderTimeoutSeconds);
    return acquire(phoneNumberKind, context, inputs, inputs.__provider);
  },

  async update(id, olds, news) {
    await forgetJournal(phoneNumberKind, olds);
    const context = providerContext(
      label({ ...news, number: olds.number ?? news.number }),
      news.orderTimeoutSeconds,
    );
    if (olds.pendingOrder) {
      return {
        outs: await resumeAcquire(phoneNumberKind, context, id, news, olds.pendingOrder, news.__provider),
      };
    }
    const number = olds.number ?? id;
    if (olds.status && !configurationDrifted(olds, news)) return { outs: plain({ ...olds, args: news }) };
    return { outs: carryJournal(olds, await phoneNumberKind.finish(context, news, number, olds.orderId)) };
  },

  async read(id, props) {
    // A reference has no `args`: it was never checked or created here.
    if (!props?.args) return { id, props: (await readReference(id)) as PhoneNumberState };
    await forgetJournal(phoneNumberKind, props);
    if (!props?.number || props.pendingOrder) return { id, props };
    const context = providerContext(`PhoneNumber ${props.number}`);
    const gone = async () => {
      // The state leaves Pulumi's: it leaves the number's holder records too.
      await context.holders.leave(context.holderKey(props.number as string), props.__holder);
      return { id: "" };
    };
    try {
      const number = await context.client.getNumber({ number: props.number });
      if (number.status === "RELEASED") return await gone();
      // The journal token and holder token carry over: the same state, read again.
      return {
        id,
        props: carryJournal(props, stateOf(props.args, number, props.orderId)),
      };
    } catch (error) {
      if (error instanceof NotFoundError) return await gone();
      throw error;
    }
  },

  async delete(id, props) {
    await releaseAsset(`PhoneNumber ${props.number ?? id}`, props, props.number, numberReleaser);
    await forgetJournal(phoneNumberKind, props);
  },
};
