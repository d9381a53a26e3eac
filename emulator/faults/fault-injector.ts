import { compileFaultRoute, type RouteMatcher } from "./fault-route";
import { DEFAULT_FAULT_DELAY_MS, ERROR_FAULTS, type ErrorFault, FAULT_KINDS, type FaultKind, type FaultRule } from "./fault-rule";
import { mulberry32 } from "./prng";

/** The faults chosen for one request. */
export interface FaultDecision {
  /** Kinds that were applied, in rule order. */
  kinds: FaultKind[];
  extraDelayMs: number;
  /** Answer with this error instead of handling the request. */
  error?: ErrorFault;
  resetBefore: boolean;
  dropAfterCommit: boolean;
  stallAfterCommit: boolean;
}

interface ActiveRule {
  rule: FaultRule;
  matches: RouteMatcher;
  matched: number;
}

/**
 * Decides, per request, which fault rules fire. Deterministic: the decisions depend only on the
 * seed, the rules and the order of requests. Every rule whose route matches counts the request,
 * even when an earlier rule already answers it; the first status, reset or drop fault that fires
 * is the one applied, and all latency faults that fire add up.
 */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private random: () => number;

  constructor(
    rules: readonly FaultRule[],
    private readonly seed: number,
  ) {
    this.random = mulberry32(seed);
    this.replace(rules);
  }

  /** Installs new rules, restarting their counters and the PRNG from the seed. */
  replace(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule: checkRule(rule), matches: compileFaultRoute(rule.route), matched: 0 }));
    this.random = mulberry32(this.seed);
  }

  /** The faults for a request to `path` (below the base path). */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { kinds: [], extraDelayMs: 0, resetBefore: false, dropAfterCommit: false, stallAfterCommit: false };
    let terminalChosen = false;
    for (const active of this.rules) {
      if (!active.matches(method, path)) continue;
      const index = active.matched++;
      if (!this.fires(active.rule, index)) continue;
      const kind = active.rule.kind;
      if (kind === "latency") {
        decision.extraDelayMs += active.rule.delayMs ?? DEFAULT_FAULT_DELAY_MS;
        decision.kinds.push(kind);
        continue;
      }
      if (terminalChosen) continue;
      terminalChosen = true;
      decision.kinds.push(kind);
      if (kind === "reset-before") decision.resetBefore = true;
      else if (kind === "drop-after-commit") decision.dropAfterCommit = true;
      else if (kind === "stall-after-commit") decision.stallAfterCommit = true;
      else decision.error = ERROR_FAULTS[kind];
    }
    return decision;
  }

  private fires(rule: FaultRule, index: number): boolean {
    if (rule.times !== undefined && index >= rule.times) return false;
    if (rule.sequence) return rule.sequence[index] === true;
    const probability = rule.probability ?? 1;
    if (probability >= 1) return true;
    if (probability <= 0) return false;
    return this.random() < probability;
  }
}

function checkRule(rule: FaultRule): FaultRule {
  const problem = (what: string) => new Error(`Invalid fault rule ${JSON.stringify(rule)}: ${what}.`);
  if (!FAULT_KINDS.includes(rule.kind)) throw problem(`kind must be one of ${FAULT_KINDS.join(", ")}`);
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
    throw problem("probability must be between 0 and 1");
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) {
    throw problem("times must be a non-negative integer");
  }
  if (rule.delayMs !== undefined && !(rule.delayMs >= 0)) throw problem("delayMs must not be negative");
  if (rule.sequence !== undefined && !rule.sequence.every((step) => typeof step === "boolean")) {
    throw problem("sequence must hold booleans");
  }
  return { ...rule, sequence: rule.sequence && [...rule.sequence] };
}
