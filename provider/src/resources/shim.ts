/**
 * The serialized providers. Pulumi stores a dynamic resource's provider as JavaScript text in state
 * (`__provider`) and runs that text in its dynamic-provider host. These shims capture nothing: every method
 * only loads `pulumi-callfire/provider` from the Pulumi project's `node_modules` and delegates. So state holds
 * no client, credential or machine path, the text is the same on every machine and for every package
 * version, and the installed package always does the work.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The PhoneNumber shim. */
export const phoneNumberShim: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-callfire/provider").configure(req.config),
  check: (olds, news) => require("pulumi-callfire/provider").phoneNumber.check(olds, news),
  diff: (id, olds, news) => require("pulumi-callfire/provider").phoneNumber.diff(id, olds, news),
  create: (inputs) => require("pulumi-callfire/provider").phoneNumber.create(inputs),
  read: (id, props) => require("pulumi-callfire/provider").phoneNumber.read(id, props),
  update: (id, olds, news) => require("pulumi-callfire/provider").phoneNumber.update(id, olds, news),
  delete: (id, props) => require("pulumi-callfire/provider").phoneNumber.delete(id, props),
};

/** The Keyword shim. */
export const keywordShim: pulumi.dynamic.ResourceProvider = {
  configure: (req) => require("pulumi-callfire/provider").configure(req.config),
  check: (olds, news) => require("pulumi-callfire/provider").keyword.check(olds, news),
  diff: (id, olds, news) => require("pulumi-callfire/provider").keyword.diff(id, olds, news),
  create: (inputs) => require("pulumi-callfire/provider").keyword.create(inputs),
  read: (id, props) => require("pulumi-callfire/provider").keyword.read(id, props),
  update: (id, olds, news) => require("pulumi-callfire/provider").keyword.update(id, olds, news),
  delete: (id, props) => require("pulumi-callfire/provider").keyword.delete(id, props),
};
