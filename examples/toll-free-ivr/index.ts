/**
 * A toll-free hotline whose inbound calls run an IVR dialplan.
 *
 * Tunables (stack config, optional): `greeting` (the text read to callers) and `transferNumber` (where
 * pressing 1 transfers the caller, default 13125550100).
 */
import * as pulumi from "@pulumi/pulumi";
import * as callfire from "pulumi-callfire";

const config = new pulumi.Config();
const greeting = config.get("greeting") ?? "Thanks for calling. Press 1 to reach an agent.";
const transferNumber = config.get("transferNumber") ?? "13125550100";

/** Escapes text for an XML attribute or element. */
function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const dialplanXml = [
  '<dialplan name="Hotline">',
  '  <menu maxDigits="1" timeout="5000" name="main">',
  `    <play type="tts">${xml(greeting)}</play>`,
  '    <keypress pressed="1">',
  `      <transfer mode="ringall">${xml(transferNumber)}</transfer>`,
  "    </keypress>",
  "  </menu>",
  "</dialplan>",
].join("\n");

const hotline = new callfire.PhoneNumber("hotline", {
  tollFree: true,
  callFeature: "ENABLED",
  inboundCallConfiguration: { type: "IVR", dialplanXml },
});

export const number = hotline.number;
export const nationalFormat = hotline.nationalFormat;
