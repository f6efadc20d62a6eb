/**
 * Search and query functions, each in the two forms Pulumi SDKs offer: `fn(args, options?)` takes plain
 * values and returns a Promise; `fnOutput(args, options?)` takes `pulumi.Input`s and returns an `Output`.
 *
 * Searches answer with what is available right now, which changes from run to run. Never feed a search
 * result straight into `PhoneNumber.number`: every `pulumi up` would then see a different number and buy
 * again. Pin the number you chose as a literal, or let `PhoneNumber` pick one with `region`.
 */
import * as pulumi from "@pulumi/pulumi";
import type {
  CallFireKeyword,
  CallFireNumber,
  GetNumberArgs,
  GetNumberOrderArgs,
  NumberOrder,
  Page,
  QueryKeywordsArgs,
  QueryNumbersArgs,
  QueryRegionsArgs,
  Region,
  SearchAvailableKeywordsArgs,
  SearchAvailableNumbersArgs,
} from "../client/types.js";
import type { DeepInputShape } from "../input.js";
import { type FunctionOptions, functionClient } from "./connection.js";

export type { FunctionOptions } from "./connection.js";

/** The arguments of an `…Output` function: every field, at every level (each array element too), may be a `pulumi.Input`. */
export type InputArgs<T> = DeepInputShape<T>;

/** The parameters of an `…Output` function: `args` may be left out when every argument is optional. */
export type OutputParameters<A> =
  Partial<A> extends A
    ? [args?: InputArgs<A>, options?: FunctionOptions]
    : [args: InputArgs<A>, options?: FunctionOptions];

/** Makes the Output form of a Promise function. */
function outputForm<A, R>(
  fn: (args: A, options?: FunctionOptions) => Promise<R>,
): (...parameters: OutputParameters<A>) => pulumi.Output<R> {
  return (...[args, options]: OutputParameters<A>) =>
    pulumi.output((args ?? {}) as pulumi.Input<A>).apply((plain) => fn(plain as A, options));
}

/** Numbers that can be bought now (SearchAvailableNumbers). The answer changes from run to run. */
export async function searchAvailableNumbers(
  args: SearchAvailableNumbersArgs,
  options?: FunctionOptions,
): Promise<CallFireNumber[]> {
  return functionClient(options).searchAvailableNumbers(args);
}
/** `searchAvailableNumbers` taking Inputs and returning an Output. */
export const searchAvailableNumbersOutput = outputForm(searchAvailableNumbers);

/** Which of the given keywords can be bought now (SearchAvailableKeywords). */
export async function searchAvailableKeywords(
  args: SearchAvailableKeywordsArgs,
  options?: FunctionOptions,
): Promise<CallFireKeyword[]> {
  return functionClient(options).searchAvailableKeywords(args);
}
/** `searchAvailableKeywords` taking Inputs and returning an Output. */
export const searchAvailableKeywordsOutput = outputForm(searchAvailableKeywords);

/** Regions that local numbers can come from (QueryRegions), one page. */
export async function queryRegions(
  args: QueryRegionsArgs = {},
  options?: FunctionOptions,
): Promise<Page<Region>> {
  return functionClient(options).queryRegions(args);
}
/** `queryRegions` taking Inputs and returning an Output. */
export const queryRegionsOutput = outputForm(queryRegions);

/** Numbers the account owns (QueryNumbers), one page. */
export async function queryNumbers(
  args: QueryNumbersArgs = {},
  options?: FunctionOptions,
): Promise<Page<CallFireNumber>> {
  return functionClient(options).queryNumbers(args);
}
/** `queryNumbers` taking Inputs and returning an Output. */
export const queryNumbersOutput = outputForm(queryNumbers);

/** One owned number with its lease and configuration (GetNumber). */
export async function getNumber(args: GetNumberArgs, options?: FunctionOptions): Promise<CallFireNumber> {
  return functionClient(options).getNumber(args);
}
/** `getNumber` taking Inputs and returning an Output. */
export const getNumberOutput = outputForm(getNumber);

/** Keywords the account owns (QueryKeywords), one page. */
export async function queryKeywords(
  args: QueryKeywordsArgs = {},
  options?: FunctionOptions,
): Promise<Page<CallFireKeyword>> {
  return functionClient(options).queryKeywords(args);
}
/** `queryKeywords` taking Inputs and returning an Output. */
export const queryKeywordsOutput = outputForm(queryKeywords);

/** The state of an order (GetNumberOrder). */
export async function getNumberOrder(
  args: GetNumberOrderArgs,
  options?: FunctionOptions,
): Promise<NumberOrder> {
  return functionClient(options).getNumberOrder(args);
}
/** `getNumberOrder` taking Inputs and returning an Output. */
export const getNumberOrderOutput = outputForm(getNumberOrder);
