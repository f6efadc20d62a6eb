/**
 * The resources as a program registers them (Pulumi mocks): type tokens, declared outputs, normalised inputs,
 * and a serialized provider that is small, identical for every resource, and free of credentials and paths.
 */
import * as os from "node:os";
import { captureProgram, REPO_ROOT } from "./harness";

const PASSWORD = "Zq-distinctive-secret-4471";

test("PhoneNumber and Keyword register with their tokens, normalised inputs and a tiny shared shim", async () => {
  const { Keyword, PhoneNumber } = await import("pulumi-callfire");
  const resources = await captureProgram(
    () => {
      new PhoneNumber("a", { number: "+1 (213) 555-0100", callFeature: "ENABLED" });
      new PhoneNumber("b", { region: { prefix: "1213" } });
      new Keyword("k", { keyword: " pizza " });
    },
    { config: { "callfire:username": "alice", "callfire:password": PASSWORD } },
  );
  resources.sort((x, y) => x.name.localeCompare(y.name));
  expect(resources.map((r) => [r.type, r.name])).toEqual([
    ["pulumi-nodejs:dynamic/callfire:PhoneNumber", "a"],
    ["pulumi-nodejs:dynamic/callfire:PhoneNumber", "b"],
    ["pulumi-nodejs:dynamic/callfire:Keyword", "k"],
  ]);
  expect(resources[0].inputs).toMatchObject({ number: "12135550100", callFeature: "ENABLED" });
  expect(resources[2].inputs).toMatchObject({ keyword: "PIZZA" });
  expect(resources[0].inputs).not.toHaveProperty("nationalFormat");

  const shims = resources.map((r) => r.inputs.__provider as string);
  expect(shims[0]).toBe(shims[1]);
  for (const shim of shims) {
    expect(Buffer.byteLength(shim)).toBeLessThanOrEqual(2500);
    expect(shim).toContain('require("pulumi-callfire/provider")');
    for (const forbidden of [PASSWORD, "alice", REPO_ROOT, os.homedir(), os.tmpdir()]) {
      expect(shim).not.toContain(forbidden);
    }
  }
  expect(resources.every((r) => !r.providerIsSecret)).toBe(true);
});

test("declared outputs resolve on the resource objects", async () => {
  const pulumi = await import("@pulumi/pulumi");
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        id: "12135550100",
        state: {
          ...args.inputs,
          number: "12135550100",
          status: "ACTIVE",
          leaseEnd: "2026-12-26",
          orderId: "1001",
        },
      }),
      call: () => ({}),
    },
    "project",
    "stack",
    false,
  );
  const { PhoneNumber } = await import("pulumi-callfire");
  const phone = new PhoneNumber("p", { region: { prefix: "1213" } });
  const value = <T>(output: import("@pulumi/pulumi").Output<T>) =>
    new Promise<T>((resolve) => output.apply((v) => resolve(v)));
  expect(await value(phone.number)).toBe("12135550100");
  expect(await value(phone.status)).toBe("ACTIVE");
  expect(await value(phone.leaseEnd)).toBe("2026-12-26");
  expect(await value(phone.orderId)).toBe("1001");
});

test("each resource names itself in __resource, under its parent's type and name, without waiting on siblings", async () => {
  const pulumi = await import("@pulumi/pulumi");
  const { PhoneNumber } = await import("pulumi-callfire");
  const resources = await captureProgram(() => {
    new PhoneNumber("main", { tollFree: true });
    for (const team of ["sales", "support"]) {
      const parent = new pulumi.ComponentResource("acme:team:Team", team);
      const main = new PhoneNumber("main", { tollFree: true }, { parent });
      // Siblings, one of them using the other's output: the identity must not make them wait for each other.
      new PhoneNumber("backup", { number: main.number.apply(() => "+1 213 555 0100") }, { parent });
    }
  });
  const identities = resources.map((r) => r.inputs.__resource).sort();
  expect(identities).toEqual([
    "project/stack/PhoneNumber/main",
    "project/stack/acme:team:Team::sales/PhoneNumber/backup",
    "project/stack/acme:team:Team::sales/PhoneNumber/main",
    "project/stack/acme:team:Team::support/PhoneNumber/backup",
    "project/stack/acme:team:Team::support/PhoneNumber/main",
  ]);
});

test("nested arguments may be Outputs and Promises: the engine receives the resolved values", async () => {
  const pulumi = await import("@pulumi/pulumi");
  const { PhoneNumber } = await import("pulumi-callfire");
  const resources = await captureProgram(() => {
    const other = new PhoneNumber("other", { number: "+1 312 555 0100" });
    new PhoneNumber("tracked", {
      region: { city: pulumi.output("Seattle"), state: Promise.resolve("wa") },
      inboundCallConfiguration: {
        type: "TRACKING",
        transferNumbers: [other.number, pulumi.output("+1 213 555 0100")],
        record: pulumi.output(true),
      },
    });
  });
  const tracked = resources.find((resource) => resource.name === "tracked");
  expect(tracked?.inputs).toMatchObject({
    region: { city: "Seattle", state: "wa" },
    inboundCallConfiguration: {
      type: "TRACKING",
      transferNumbers: ["13125550100", "+1 213 555 0100"],
      record: true,
    },
  });
});
