/** A response kept for replay, byte for byte. */
export interface RememberedResponse {
  status: number;
  bodyText: string;
}

/** Who sent a keyed request and where: keys are scoped per token, method and path. */
export interface IdempotencyScope {
  token: string;
  method: string;
  path: string;
  key: string;
}

/** What to do with a keyed request. */
export type IdempotencyLookup = { kind: "new" } | { kind: "replay"; response: RememberedResponse } | { kind: "conflict" };

interface Entry {
  fingerprint: string;
  response: RememberedResponse;
  storedAtMs: number;
}

/** Retention of idempotency keys (docs/api-contract.md#idempotency). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Remembers the response to each `Idempotency-Key` for 24 hours. The same key with the same body
 * replays the response; with a different body it is a conflict.
 */
export class IdempotencyStore {
  /** Insertion order is storage order, which lets expiry stop at the first live entry. */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => Date) {}

  /** Looks the key up; `fingerprint` identifies the request body (see {@link bodyFingerprint}). */
  lookup(scope: IdempotencyScope, fingerprint: string): IdempotencyLookup {
    this.expire();
    const entry = this.entries.get(scopeKey(scope));
    if (!entry || this.isExpired(entry)) return { kind: "new" };
    return entry.fingerprint === fingerprint ? { kind: "replay", response: entry.response } : { kind: "conflict" };
  }

  /** Keeps the response to a request that was looked up as new. */
  remember(scope: IdempotencyScope, fingerprint: string, response: RememberedResponse): void {
    const key = scopeKey(scope);
    this.entries.delete(key);
    this.entries.set(key, { fingerprint, response, storedAtMs: this.now().getTime() });
  }

  private expire(): void {
    for (const [key, entry] of this.entries) {
      if (!this.isExpired(entry)) break;
      this.entries.delete(key);
    }
  }

  private isExpired(entry: Entry): boolean {
    return this.now().getTime() - entry.storedAtMs >= IDEMPOTENCY_TTL_MS;
  }
}

/**
 * Identifies a request body for idempotency: JSON bodies compare by content regardless of member
 * order or whitespace; anything else compares as raw text.
 */
export function bodyFingerprint(rawBody: string, parsed: { ok: boolean; value: unknown }): string {
  return parsed.ok && parsed.value !== undefined ? `json:${canonicalJson(parsed.value)}` : `raw:${rawBody}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}

function scopeKey(scope: IdempotencyScope): string {
  return JSON.stringify([scope.token, scope.method, scope.path, scope.key]);
}
