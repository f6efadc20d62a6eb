/**
 * The Keyword dynamic provider: create = order and wait, update = resume a pending order or record new
 * settings, read = refresh from QueryKeywords, delete = release the keyword with its short code.
 */
import type * as pulumi from "@pulumi/pulumi";
import { normalizeKeyword } from "../client/normalize.js";
import type { CallFireKeyword } from "../client/types.js";
import { checkKeyword } from "./check.js";
import { settingsChanged } from "./compare.js";
import { type ProviderContext, plain, providerContext, settingsProblems } from "./context.js";
import type { KeywordInputs, KeywordState, PendingOrder } from "./inputs.js";
import { type AssetKind, acquire, carryJournal, forgetJournal, resumeAcquire } from "./ownership/acquire.js";
import { type Releaser, releaseAsset } from "./ownership/release.js";

/** The owned, unreleased keyword, if the account has it. */
async function findOwned(context: ProviderContext, keyword: string): Promise<CallFireKeyword | undefined> {
  for await (const owned of context.client.iterateKeywords()) {
    if (owned.keyword.toUpperCase() === keyword && owned.status !== "RELEASED") return owned;
  }
  return undefined;
}

/**
 * A read-only reference (`Keyword.get`): only the id, the keyword, is known. It reads the keyword as CallFire
 * reports it, never journals or releases anything, and fails, naming the keyword, if the account does not own it.
 */
async function readReference(id: string): Promise<Omit<KeywordState, "args">> {
  const keyword = normalizeKeyword(id, "id of Keyword.get");
  const owned = await findOwned(providerContext(`Keyword ${keyword}`), keyword);
  if (!owned) {
    throw new Error(
      `Keyword.get: keyword ${keyword} is not in this CallFire account; a read-only reference needs a keyword the account owns (check the id and callfire:baseUrl)`,
    );
  }
  return plain(reported(owned));
}

/** Complete outputs from a QueryKeywords item. */
function stateOf(args: KeywordInputs, keyword: CallFireKeyword, orderId: string | undefined): KeywordState {
  return plain({ args, ...reported(keyword), orderId });
}

/** The keyword as CallFire reports it, in the outputs' shape. */
function reported(keyword: CallFireKeyword): Omit<KeywordState, "args"> {
  return {
    keyword: keyword.keyword,
    shortCode: keyword.shortCode,
    status: keyword.status,
    leaseBegin: keyword.leaseInfo?.leaseBegin,
    leaseEnd: keyword.leaseInfo?.leaseEnd,
    autoRenew: keyword.leaseInfo?.autoRenew,
  };
}

/** How Keyword plugs into the shared create/resume logic. */
const keywordKind: AssetKind<KeywordInputs, KeywordState> = {
  noun: "keyword",
  exact: (inputs) => inputs.keyword,
  request: (context, inputs) => ({
    order: { keywords: [inputs.keyword] },
    item: "keywords",
    description: `keyword ${inputs.keyword}`,
    journalKey: context.keyOf(inputs.__resource, { keyword: inputs.keyword }),
  }),
  lease: async (context, keyword) => {
    const owned = await findOwned(context, keyword);
    return owned && (owned.leaseInfo ?? { autoRenew: true });
  },
  available: async (context, keyword) =>
    (await context.client.searchAvailableKeywords({ keywords: [keyword] })).some(
      (k) => k.keyword === keyword,
    ),
  partialState: (args, keyword, orderId, pendingOrder?: PendingOrder) =>
    plain({ args, keyword: keyword ?? args.keyword, orderId, pendingOrder }),
  async finish(context, inputs, keyword, orderId) {
    const owned = await findOwned(context, keyword);
    if (!owned) throw new Error(`keyword ${keyword} is not in the account's keywords`);
    return stateOf(inputs, owned, orderId);
  },
};

/**
 * How a keyword is released: with its short code, and only if the account holds it (a keyword the account does
 * not hold cannot be released), so it is looked up.
 */
const keywordReleaser: Releaser = {
  kind: "keywords",
  async args(context, keyword) {
    const owned = await findOwned(context, keyword.toUpperCase());
    return owned && { number: owned.shortCode, keyword: owned.keyword };
  },
};

type Inputs = KeywordInputs & { __provider?: string };

/** The Keyword provider implementation that the serialized shim delegates to. */
export const keywordProvider: pulumi.dynamic.ResourceProvider<Inputs, KeywordState> = {
  async check(_olds, news) {
    const result = checkKeyword(news as unknown as Record<string, unknown>);
    return { ...result, failures: [...result.failures, ...settingsProblems()] };
  },

  async diff(_id, olds, news) {
    await forgetJournal(keywordKind, olds);
    const replace = olds.args?.keyword !== news.keyword;
    return {
      changes: replace || !!olds.pendingOrder || settingsChanged(olds.args, news),
      replaces: replace ? ["keyword"] : [],
      deleteBeforeReplace: false,
    };
  },

  async create(inputs) {
    const context = providerContext(`Keyword ${inputs.keyword}`, inputs.orderTimeoutSeconds);
    return acquire(keywordKind, context, inputs, inputs.__provider);
  },

  async update(id, olds, news) {
    await forgetJournal(keywordKind, olds);
    const context = providerContext(`Keyword ${news.keyword}`, news.orderTimeoutSeconds);
    if (olds.pendingOrder) {
      return {
        outs: await resumeAcquire(keywordKind, context, id, news, olds.pendingOrder, news.__provider),
      };
    }
    if (olds.status) return { outs: plain({ ...olds, args: news }) };
    return { outs: carryJournal(olds, await keywordKind.finish(context, news, olds.keyword, olds.orderId)) };
  },

  async read(id, props) {
    // A reference has no `args`: it was never checked or created here.
    if (!props?.args) return { id, props: (await readReference(id)) as KeywordState };
    await forgetJournal(keywordKind, props);
    if (!props || props.pendingOrder) return { id, props };
    const context = providerContext(`Keyword ${props.keyword}`);
    const owned = await findOwned(context, props.keyword);
    // The journal token and holder token carry over: the same state, read again.
    if (owned) return { id, props: carryJournal(props, stateOf(props.args, owned, props.orderId)) };
    // The state leaves Pulumi's: it leaves the keyword's holder records too.
    await context.holders.leave(context.holderKey(props.keyword), props.__holder);
    return { id: "" };
  },

  async delete(id, props) {
    await releaseAsset(`Keyword ${props.keyword ?? id}`, props, props.keyword, keywordReleaser);
    await forgetJournal(keywordKind, props);
  },
};
