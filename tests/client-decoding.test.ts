/**
 * Tolerant decoding: a small server answers with the variants real CallFire responses show (numbers as JSON
 * numbers, a one-item list as an object, a missing list key, space-separated lists, booleans as strings,
 * unknown enum values) and with a 403, and the client reads each into its one canonical form.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { CallFireClient, ForbiddenError, isAmbiguous, UnexpectedResponseError } from "pulumi-callfire";

const BODIES: Record<string, [number, unknown]> = {
  "/api/1.1/rest/number/18554459732.json": [
    200,
    {
      Resource: {
        Number: {
          Number: 18554459732,
          NationalFormat: "(855) 445-9732",
          TollFree: "true",
          Status: "SOMETHING_NEW",
          Region: { Prefix: 1855445, Zipcode: 90079, Lata: 730, Latitude: "34.05" },
          LeaseInfo: { LeaseBegin: "2016-04-20Z", LeaseEnd: "2016-05-19Z", AutoRenew: "false" },
          NumberConfiguration: {
            CallFeature: "ENABLED",
            TextFeature: "UNSUPPORTED",
            InboundCallConfigurationType: "TRACKING",
            InboundCallConfiguration: {
              CallTrackingConfig: { "@id": "77", TransferNumber: "12135550100 13125550199", Screen: "true" },
            },
          },
        },
      },
    },
  ],
  "/api/1.1/rest/number/regions.json": [
    200,
    { ResourceList: { "@totalResults": "1", Region: { Prefix: 1213555 } } },
  ],
  "/api/1.1/rest/number/keyword.json": [200, { ResourceList: { "@totalResults": 0 } }],
  "/api/1.1/rest/number/order/42.json": [
    200,
    {
      Resource: {
        NumberOrder: {
          "@id": 42,
          Status: "PARTIALLY_ADJUSTED",
          Created: "2016-04-20T12:56:20Z",
          TotalCost: "7.0",
          LocalNumbers: { Ordered: "2", UnitCost: 1.5, Fulfilled: "12135550100 12135550101" },
          Keywords: { Ordered: 1, UnitCost: 5.5, Fulfilled: "KW" },
        },
      },
    },
  ],
  "/api/1.1/rest/number/order.json": [201, { Unexpected: true }],
  "/api/1.1/rest/number.json": [403, { ResourceException: { HttpStatus: 403, Message: "FORBIDDEN" } }],
};

let server: http.Server;
let client: CallFireClient;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const [status, body] = BODIES[(req.url ?? "").split("?")[0]] ?? [404, {}];
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new CallFireClient({
    baseUrl: `http://127.0.0.1:${port}/api/1.1/rest`,
    username: "u",
    password: "p",
  });
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

test("numbers as JSON numbers, booleans as strings, space-separated lists, unknown enums", async () => {
  expect(await client.getNumber({ number: "+1 855 445 9732" })).toEqual({
    number: "18554459732",
    nationalFormat: "(855) 445-9732",
    tollFree: true,
    status: "SOMETHING_NEW",
    region: { prefix: "1855445", zipcode: "90079", lata: "730", latitude: 34.05 },
    leaseInfo: { leaseBegin: "2016-04-20", leaseEnd: "2016-05-19", autoRenew: false },
    numberConfiguration: {
      callFeature: "ENABLED",
      textFeature: "UNSUPPORTED",
      inboundCallConfigurationType: "TRACKING",
      inboundCallConfiguration: {
        callTrackingConfig: { id: "77", transferNumbers: ["12135550100", "13125550199"], screen: true },
      },
    },
  });
});

test("a one-item list as an object, and a missing list key when empty", async () => {
  expect(await client.queryRegions()).toEqual({ totalResults: 1, items: [{ prefix: "1213555" }] });
  expect(await client.queryKeywords()).toEqual({ totalResults: 0, items: [] });
});

test("an order with space-separated Fulfilled lists and numeric strings", async () => {
  expect(await client.getNumberOrder({ id: "42" })).toEqual({
    id: "42",
    status: "PARTIALLY_ADJUSTED",
    created: "2016-04-20T12:56:20Z",
    totalCost: 7,
    localNumbers: { ordered: 2, unitCost: 1.5, fulfilled: ["12135550100", "12135550101"] },
    keywords: { ordered: 1, unitCost: 5.5, fulfilled: ["KW"] },
  });
});

test("403 is a ForbiddenError with CallFire's message", async () => {
  const error = await client.queryNumbers().catch((e) => e);
  expect(error).toBeInstanceOf(ForbiddenError);
  expect(error.status).toBe(403);
  expect(error.callFireMessage).toBe("FORBIDDEN");
});

test("an order answer of the wrong shape is an UnexpectedResponseError that counts as ambiguous", async () => {
  const error = await client.createNumberOrder({ keywords: ["GARBLED"] }).catch((e) => e);
  expect(error).toBeInstanceOf(UnexpectedResponseError);
  expect(error.status).toBe(201);
  expect(error.message).toContain("expected a ResourceReference");
  expect(isAmbiguous(error)).toBe(true);
});
