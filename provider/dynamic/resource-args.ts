import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { rulesOf } from "./properties";

type Lifted<T> = T extends string | number | boolean
  ? T
  : T extends readonly (infer Item)[]
    ? pulumi.Input<Lifted<Item>>[]
    : { [K in keyof T]: pulumi.Input<Lifted<T[K]>> };

/** A resource's arguments: its resolved inputs with every value, at any depth, allowed to be an `Input`. */
export type ArgsOf<Inputs> = { [K in keyof Inputs]: pulumi.Input<Lifted<Inputs[K]>> };

/** A resource's outputs as the resource object exposes them. */
export type OutputsOf<State> = { readonly [K in keyof State]-?: pulumi.Output<State[K]> };

/**
 * Marks every field declared secret in `itemShape` secret, in each entry of a list, even when it
 * is given as a plain string. Where the list and its entries are plain values only those fields
 * become secret, so previews still show the rest; where an entry or the list arrives as an
 * output, the whole entry (or list) is marked secret instead.
 */
export function secretFields(list: pulumi.Input<pulumi.Input<object>[]>, itemShape: z.ZodRawShape): pulumi.Input<unknown> {
  const secret = rulesOf(itemShape).flatMap(([name, rule]) => (rule.secret ? [name] : []));
  if (!Array.isArray(list)) return pulumi.secret(list);
  return list.map((entry: pulumi.Input<object>) => {
    if (pulumi.Output.isInstance(entry) || entry instanceof Promise) return pulumi.secret(entry);
    const plain: Record<string, unknown> = { ...entry };
    for (const name of secret) if (plain[name] !== undefined) plain[name] = pulumi.secret(plain[name]);
    return plain;
  });
}
