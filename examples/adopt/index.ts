/**
 * Adopt: bring a number the account already owns under Pulumi's management without buying it again, and
 * leave it in the account when the stack is destroyed.
 *
 * Tunables (stack config): `existingNumber` (required, any common format), `callFeature` (ENABLED or
 * DISABLED, default ENABLED), `textFeature` (default ENABLED).
 */
import * as pulumi from "@pulumi/pulumi";
import * as callfire from "pulumi-callfire";

const config = new pulumi.Config();
const feature = (key: string): callfire.FeatureSetting =>
  config.get(key) === "DISABLED" ? "DISABLED" : "ENABLED";

const existing = new callfire.PhoneNumber("existing", {
  number: config.require("existingNumber"),
  // The account owns it already: manage it instead of failing with "already owned".
  adoptExisting: true,
  // Destroying the stack (or removing this resource) keeps the number in the account.
  releaseOnDelete: false,
  callFeature: feature("callFeature"),
  textFeature: feature("textFeature"),
});

export const number = existing.number;
export const status = existing.status;
