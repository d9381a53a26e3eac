import * as pulumi from "@pulumi/pulumi";
import { fingerprintField, fingerprintOf, type SecretFields, splitItem } from "./secret-split";

type Lifted<T> = T extends string | number | boolean
  ? T
  : T extends readonly (infer Item)[]
    ? pulumi.Input<Lifted<Item>>[]
    : { [K in keyof T]: pulumi.Input<Lifted<T[K]>> };

/** A resource's arguments: its resolved inputs with every value, at any depth, allowed to be an `Input`. */
export type ArgsOf<Inputs> = { [K in keyof Inputs]: pulumi.Input<Lifted<Inputs[K]>> };

/** A resource's outputs as the resource object exposes them. */
export type OutputsOf<State> = { readonly [K in keyof State]-?: pulumi.Output<State[K]> };

type Entry = Record<string, unknown>;

function splitOutput(entry: pulumi.Input<Entry>, secret: SecretFields) {
  const resolved = pulumi.output(entry) as unknown as pulumi.Output<Entry>;
  return {
    visible: pulumi.unsecret(resolved.apply((item) => splitItem(item, secret).visible)),
    secrets: pulumi.secret(resolved.apply((item) => splitItem(item, secret).secrets)),
  };
}

/**
 * Splits a declared list into the list without its secret fields and a list of the same length with
 * only them (see secret-split.ts). Where the list and its entries are plain values, every other
 * field stays as declared, known or not, so previews show it; where an entry or the whole list
 * arrives as an output, it is split once resolved. The secret fields are always secret, even when
 * given as plain strings, and the rest never is; each keeps a plaintext fingerprint, computed as
 * the provider computes it (`fingerprintOf`), so the two never disagree.
 */
export function splitSecretArgs(
  list: pulumi.Input<pulumi.Input<object>[]>,
  secret: SecretFields,
): { visible: pulumi.Input<unknown>; secrets: pulumi.Input<unknown> } {
  if (!Array.isArray(list)) {
    const resolved = pulumi.output(list) as unknown as pulumi.Output<Entry[]>;
    return {
      visible: pulumi.unsecret(resolved.apply((items) => items.map((item) => splitItem(item, secret).visible))),
      secrets: pulumi.secret(resolved.apply((items) => items.map((item) => splitItem(item, secret).secrets))),
    };
  }
  const parts = list.map((entry: pulumi.Input<object>) => {
    if (pulumi.Output.isInstance(entry) || entry instanceof Promise) return splitOutput(entry as pulumi.Input<Entry>, secret);
    const { visible, secrets } = splitItem(entry as Entry, secret);
    for (const [key, value] of Object.entries(secrets)) {
      if (typeof value !== "string" && value !== undefined) {
        const print = (known: string) => fingerprintOf(key, secret[key], known);
        visible[fingerprintField(key)] = pulumi.unsecret(pulumi.output(value as pulumi.Input<string>).apply(print));
      }
    }
    return { visible, secrets: Object.fromEntries(Object.entries(secrets).map(([key, value]) => [key, pulumi.secret(value)])) };
  });
  return { visible: parts.map((part) => part.visible), secrets: pulumi.secret(parts.map((part) => part.secrets)) };
}
