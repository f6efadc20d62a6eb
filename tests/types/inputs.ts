/**
 * Type-level tests, checked by `tsc -b` (`npm run typecheck`, part of `npm test`); never run. The programs
 * outside `mustNotCompile` must compile; every statement marked `@ts-expect-error` must NOT compile (the
 * compiler fails the build if one of them does, "Unused '@ts-expect-error' directive").
 */
import * as pulumi from "@pulumi/pulumi";
import * as callfire from "pulumi-callfire";

/** Nested arguments take Outputs and Promises at every level, as Pulumi's generated SDKs do. */
export function mustCompile(): unknown[] {
  const config = new pulumi.Config();
  const other = new callfire.PhoneNumber("other", { tollFree: true });
  const promo = callfire.Keyword.get("promo", "PIZZA");
  const tracked = new callfire.PhoneNumber("tracked", {
    region: {
      city: pulumi.output("Seattle"),
      state: config.require("state"),
      latitude: Promise.resolve(47.6),
    },
    callFeature: "ENABLED",
    textFeature: pulumi.output("DISABLED" as const),
    inboundCallConfiguration: {
      type: "TRACKING",
      transferNumbers: [other.number, "+1 312 555 0100", Promise.resolve("12135550100")],
      record: pulumi.output(true),
      screen: config.requireBoolean("screen"),
    },
  });
  const ivr = new callfire.PhoneNumber("ivr", {
    region: pulumi.output({ prefix: "1213" }),
    inboundCallConfiguration: pulumi.output({ type: "IVR" as const, dialplanXml: "<dialplan/>" }),
  });
  const dialplan = new callfire.PhoneNumber("dialplan", {
    number: other.number,
    inboundCallConfiguration: { type: "IVR", dialplanXml: config.require("dialplan") },
  });
  const transfers = new callfire.PhoneNumber("transfers", {
    tollFree: true,
    inboundCallConfiguration: { type: "TRACKING", transferNumbers: pulumi.output([other.number]) },
  });
  const referenced = callfire.PhoneNumber.get("referenced", "+1 213 555 0100", { protect: true });
  const referencedNumber: pulumi.Output<string> = referenced.number;
  const isNumber: boolean = callfire.PhoneNumber.isInstance(tracked) && !callfire.Keyword.isInstance(tracked);
  return [
    ivr,
    dialplan,
    transfers,
    promo.shortCode,
    referencedNumber,
    isNumber,
    callfire.queryRegionsOutput(),
    callfire.queryNumbersOutput(),
    callfire.queryKeywordsOutput(),
    callfire.queryRegionsOutput({ state: config.require("state") }),
    callfire.searchAvailableNumbersOutput({ prefix: pulumi.output("1213"), count: 5 }),
    callfire.searchAvailableKeywordsOutput({ keywords: [promo.keyword, "TACO"] }),
    callfire.getNumberOutput({ number: other.number }),
  ];
}

/** What the types refuse: wrong values, at any level, and missing required arguments. */
export function mustNotCompile(): unknown[] {
  const other = new callfire.PhoneNumber("other", { tollFree: true });
  return [
    // @ts-expect-error a city is text, not a number
    new callfire.PhoneNumber("a", { region: { city: 98101 } }),
    // @ts-expect-error an Output of the wrong type inside the region
    new callfire.PhoneNumber("b", { region: { city: pulumi.output(98101) } }),
    // @ts-expect-error not a known region field
    new callfire.PhoneNumber("c", { region: { town: "Seattle" } }),
    new callfire.PhoneNumber("d", {
      // @ts-expect-error transfer numbers are text
      inboundCallConfiguration: { type: "TRACKING", transferNumbers: [other.tollFree] },
    }),
    new callfire.PhoneNumber("e", {
      // @ts-expect-error an IVR has no transfer numbers
      inboundCallConfiguration: { type: "IVR", transferNumbers: ["12135550100"] },
    }),
    // @ts-expect-error an IVR needs its dialplan
    new callfire.PhoneNumber("f", { inboundCallConfiguration: { type: "IVR" } }),
    // @ts-expect-error only ENABLED or DISABLED
    new callfire.PhoneNumber("g", { region: { prefix: "1213" }, callFeature: "ON" }),
    // @ts-expect-error a keyword is required
    new callfire.Keyword("h", {}),
    // @ts-expect-error searchAvailableNumbers needs a count, so its argument cannot be left out
    callfire.searchAvailableNumbersOutput(),
    // @ts-expect-error keywords are text
    callfire.searchAvailableKeywordsOutput({ keywords: [pulumi.output(1)] }),
    // @ts-expect-error get takes the id, not arguments
    callfire.PhoneNumber.get("i", { number: "12135550100" }),
  ];
}
