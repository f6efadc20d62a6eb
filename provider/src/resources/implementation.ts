/**
 * The provider implementation, loaded by the serialized shims as `pulumi-callfire/provider` from the Pulumi
 * project's `node_modules`. Keeping the code here (not in the serialized text) means state holds a small,
 * stable shim and the installed package version does the work.
 */
export { keywordProvider as keyword } from "./keywordProvider.js";
export { phoneNumberProvider as phoneNumber } from "./phoneNumberProvider.js";
export { configure } from "./settings.js";
