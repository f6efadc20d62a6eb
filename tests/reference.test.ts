/**
 * `PhoneNumber.get` and `Keyword.get`: read-only references to assets another stack manages. The program sends a
 * ReadResource with the id and no arguments; the engine then calls the provider's `read` with that id and the
 * ReadResource properties as both inputs and state (pulumi/pulumi `pkg/resource/deploy/step.go`, `ReadStep.Apply`),
 * and never updates or deletes the resource (it is external).
 */
import * as pulumi from "@pulumi/pulumi";
import { Keyword, PhoneNumber } from "pulumi-callfire";
import type { PropertyMap } from "./harness";
import { outputsOf, startStack, type TestStack } from "./support/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** A ReadResource as the program sends it: type, name, id and properties (mocks answer with nothing). */
interface ReadRequest {
  type: string;
  name: string;
  id: string;
  properties: PropertyMap;
}

/** Runs `program` under mocks and returns its ReadResource requests. */
async function captureReads(program: () => unknown): Promise<ReadRequest[]> {
  const reads: ReadRequest[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.id !== undefined) {
          reads.push({ type: args.type, name: args.name, id: args.id, properties: args.inputs });
        }
        return { id: args.id, state: {} };
      },
      call: () => ({}),
    },
    "project",
    "stack",
  );
  try {
    program();
  } finally {
    await pulumi.runtime.disconnect();
  }
  return reads;
}

/** What the engine gets back for a ReadResource: the provider's `read` through a fresh, configured real host. */
async function engineRead(read: ReadRequest, name = read.name) {
  const host = await stack.startHost();
  return host.read(`urn:pulumi:stack::project::${read.type}::${name}`, read.id, read.properties);
}

test("PhoneNumber.get reads a number another stack manages, knowing only its id", async () => {
  const managed = await stack.engine.up(
    await stack.capture(
      () =>
        new PhoneNumber("forwarding", {
          region: { prefix: "1213" },
          callFeature: "ENABLED",
          inboundCallConfiguration: { type: "TRACKING", transferNumbers: ["+1 312 555 0100"], record: true },
        }),
    ),
  );
  expect(managed.failed).toEqual([]);
  const number = outputsOf(stack.engine, "forwarding").number as string;
  const national = `+1 (${number.slice(1, 4)}) ${number.slice(4, 7)}-${number.slice(7)}`;

  const [read] = await captureReads(() => PhoneNumber.get("reference", national));
  expect(read).toMatchObject({ type: "pulumi-nodejs:dynamic/callfire:PhoneNumber", id: national });
  expect(Object.keys(read.properties)).toEqual(["__provider"]);

  const answer = await engineRead(read);
  expect(answer.id).toBe(national);
  expect(answer.properties).toMatchObject({
    number,
    status: "ACTIVE",
    autoRenew: true,
    callFeature: "ENABLED",
    inboundCallConfiguration: { type: "TRACKING", transferNumbers: ["13125550100"], record: true },
  });
  expect(answer.properties).not.toHaveProperty("args");
  expect(answer.properties).not.toHaveProperty("__journal");

  // Reading it again (a refresh of the reference) reads CallFire again, and still changes nothing there.
  const account = async () => {
    const { owned, released, orders } = await stack.sandbox.state();
    return { owned, released, orders };
  };
  const before = await account();
  const again = await engineRead({ ...read, properties: answer.properties }, "reference");
  expect(again.properties).toMatchObject({ number, status: "ACTIVE" });
  expect(await account()).toEqual(before);
});

test("Keyword.get reads a keyword another stack manages, knowing only its id", async () => {
  expect(
    (await stack.engine.up(await stack.capture(() => new Keyword("promo", { keyword: "tacos" })))).failed,
  ).toEqual([]);
  const [read] = await captureReads(() => Keyword.get("reference", "Tacos"));
  expect(Object.keys(read.properties)).toEqual(["__provider"]);
  const answer = await engineRead(read);
  expect(answer.properties).toMatchObject({ keyword: "TACOS", shortCode: "67076", status: "ACTIVE" });
});

test("a reference to an asset the account does not own fails, naming it", async () => {
  const [number] = await captureReads(() => PhoneNumber.get("missing", "+1 213 555 0199"));
  await expect(engineRead(number)).rejects.toThrow(
    "PhoneNumber.get: number 12135550199 is not in this CallFire account",
  );
  const [keyword] = await captureReads(() => Keyword.get("missing", "nosuch"));
  await expect(engineRead(keyword)).rejects.toThrow(
    "Keyword.get: keyword NOSUCH is not in this CallFire account",
  );
  const [bad] = await captureReads(() => PhoneNumber.get("bad", "hello"));
  await expect(engineRead(bad)).rejects.toThrow("id of PhoneNumber.get");
});

test("isInstance tells the two resources apart", async () => {
  await captureReads(() => {
    const number = PhoneNumber.get("n", "+1 213 555 0100");
    const keyword = Keyword.get("k", "PIZZA");
    expect([PhoneNumber.isInstance(number), PhoneNumber.isInstance(keyword)]).toEqual([true, false]);
    expect([Keyword.isInstance(keyword), Keyword.isInstance(number), Keyword.isInstance(undefined)]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
