/**
 * Quick start: one local number in the 213 area code with call tracking, and an SMS keyword.
 *
 * Tunables (stack config, all optional): `record` (record forwarded calls, default true), `transferNumber`
 * (where inbound calls are forwarded, default "+1 (312) 555-0100") and `keyword` (default "pizza").
 */
import * as pulumi from "@pulumi/pulumi";
import * as callfire from "pulumi-callfire";

const config = new pulumi.Config();
const record = config.getBoolean("record") ?? true;
const transferNumber = config.get("transferNumber") ?? "+1 (312) 555-0100";
const keywordText = config.get("keyword") ?? "pizza";

const support = new callfire.PhoneNumber("support", {
  region: { prefix: "1213" },
  callFeature: "ENABLED",
  inboundCallConfiguration: { type: "TRACKING", transferNumbers: [transferNumber], record },
});

const promo = new callfire.Keyword("promo", { keyword: keywordText });

export const number = support.number;
export const keyword = promo.keyword;
