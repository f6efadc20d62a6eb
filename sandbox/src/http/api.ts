/**
 * The NumberService operations over HTTP: reads each operation's parameters, calls the account and encodes
 * the answer in CallFire's JSON wire format.
 */
import type { Account } from "../state/account";
import { notFound } from "../state/errors";
import type { ApiOperation } from "../state/operations";
import type { Params } from "./params";
import type { Reply } from "./reply";
import {
  keywordWire,
  numberWire,
  orderWire,
  regionWire,
  resource,
  resourceList,
  resourceReference,
} from "./wire";

/** One API request, parsed. */
export interface ApiRequest {
  /** The operation the route resolved to. */
  operation: ApiOperation;
  /** Query and form parameters. */
  params: Params;
  /** The `{Number}` or `{Id}` path segment. */
  pathParam?: string;
  /** The absolute URL of an order, for `Location` (`<origin>/api/1.1/rest/number/order/<id>`). */
  orderLocation: (id: number) => string;
}

/** Performs one NumberService operation against the account and encodes the answer; throws SandboxError on refusal. */
export function performOperation(account: Account, request: ApiRequest): Reply {
  const { params, pathParam = "" } = request;
  switch (request.operation) {
    case "QueryRegions": {
      const found = account.queryRegions(params.regionFilter(), params.paging());
      return ok(resourceList("Region", found.total, found.items.map(regionWire)));
    }
    case "QueryNumbers": {
      const filter = { ...params.regionFilter(), labelName: params.text("LabelName") };
      const found = account.queryNumbers(filter, params.paging());
      return ok(resourceList("Number", found.total, found.items.map(numberWire)));
    }
    case "GetNumber":
      return ok(resource("Number", numberWire(account.getNumber(pathParam))));
    case "ConfigureNumber":
      account.configureNumber(pathParam, {
        callFeature: params.text("CallFeature"),
        textFeature: params.text("TextFeature"),
        inboundCallConfigurationType: params.text("InboundCallConfigurationType"),
        transferNumbers: params.list("TransferNumber"),
        screen: params.boolean("Screen"),
        record: params.boolean("Record"),
        introSoundId: params.integer("IntroSoundId"),
        whisperSoundId: params.integer("WhisperSoundId"),
        dialplanXml: params.text("DialplanXml"),
      });
      return { status: 204 };
    case "SearchAvailableNumbers": {
      const found = account.searchAvailableNumbers({
        ...params.regionFilter(),
        tollFree: params.boolean("TollFree"),
        count: params.integer("Count"),
      });
      return ok(resourceList("Number", found.length, found.map(numberWire)));
    }
    case "QueryKeywords": {
      const found = account.queryKeywords(params.paging());
      return ok(resourceList("Keyword", found.total, found.items.map(keywordWire)));
    }
    case "SearchAvailableKeywords": {
      const found = account.searchAvailableKeywords(params.list("Keywords") ?? []);
      return ok(resourceList("Keyword", found.length, found.map(keywordWire)));
    }
    case "CreateNumberOrder": {
      const order = account.createOrder({
        numbers: params.list("Numbers"),
        keywords: params.list("Keywords"),
        localCount: params.integer(params.has("localCount") ? "localCount" : "LocalCount"),
        region: params.regionFilter(),
        tollFreeCount: params.integer(params.has("tollFreeCount") ? "tollFreeCount" : "TollFreeCount"),
      });
      const location = request.orderLocation(order.id);
      return { status: 201, headers: { Location: location }, body: resourceReference(order.id, location) };
    }
    case "GetNumberOrder": {
      if (!/^\d{1,15}$/.test(pathParam)) throw notFound(`order ${pathParam} does not exist`);
      return ok(resource("NumberOrder", orderWire(account.getOrder(Number(pathParam)))));
    }
    case "Release":
      account.release({ number: params.text("Number"), keyword: params.text("Keyword") });
      return { status: 204 };
    case "QueryNumberConfigs":
    case "GetNumberConfig":
    case "GetKeyword":
    case "IsKeywordAvailable":
    case "QueryOrders":
      throw notFound(`${request.operation} exists only in CallFire API v2 (below /v2)`);
  }
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}
