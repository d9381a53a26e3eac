import type { CheckoutWire } from "../api/wire";
import type { CheckoutInput } from "./inputs";

/** The wire form of a declared checkout. */
export function checkoutToWire(checkout: CheckoutInput): CheckoutWire {
  return checkout.branch !== undefined ? { type: "branch", name: checkout.branch } : { type: "commit", sha: checkout.commit };
}

/** The declared form of a checkout the API reported. */
export function checkoutFromWire(checkout: CheckoutWire | null | undefined): CheckoutInput | null {
  if (!checkout) return null;
  return checkout.type === "branch" ? { branch: checkout.name } : { commit: checkout.sha };
}

/** True when two declared checkouts name the same branch or commit (absent equals absent). */
export function sameCheckout(a: CheckoutInput | null | undefined, b: CheckoutInput | null | undefined): boolean {
  return (a?.branch ?? null) === (b?.branch ?? null) && (a?.commit ?? null) === (b?.commit ?? null);
}
