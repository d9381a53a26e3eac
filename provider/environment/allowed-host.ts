/**
 * What an entry of `networking.allowedHosts` may be. The API documents the list but not the form
 * of an entry (unconfirmed, docs/api-contract.md#environments), so the provider accepts only what
 * any reading of "host" allows: a host name (or IPv4 address), optionally with a leading `*.`
 * wildcard label, and nothing a URL adds (scheme, port, path, query).
 */

/** Longest host name DNS allows. */
const MAX_HOST_LENGTH = 253;
/** One DNS label: letters, digits and inner hyphens, 1–63 characters. */
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const EXAMPLE = 'a host name such as "api.github.com" or "*.github.com"';

/** The host a URL-like entry names, to suggest in a message; undefined when there is none. */
function hostOf(entry: string): string | undefined {
  try {
    return new URL(entry.includes("://") ? entry : `https://${entry}`).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** What is wrong with one allowed-hosts entry, or undefined when it is a host name. */
export function allowedHostProblem(entry: string): string | undefined {
  if (entry === "") return "must not be empty";
  if (/\s/.test(entry)) return `must be ${EXAMPLE}, without whitespace`;
  if (entry === "*") return 'must not be "*" alone; use networking type "unrestricted" to allow every host';
  const suggestion = hostOf(entry);
  const use = suggestion ? `; use "${suggestion}"` : "";
  if (entry.includes("://")) return `must be ${EXAMPLE}, without a scheme${use}`;
  if (/[/?#]/.test(entry)) return `must be ${EXAMPLE}, without a path${use}`;
  if (entry.includes(":")) return `must be ${EXAMPLE}, without a port${use}`;
  const name = entry.startsWith("*.") ? entry.slice(2) : entry;
  if (name.includes("*")) return `may use "*" only as a whole first label, as in "*.github.com"`;
  if (name.length > MAX_HOST_LENGTH) return `must be at most ${MAX_HOST_LENGTH} characters`;
  if (!name.split(".").every((label) => LABEL.test(label))) return `must be ${EXAMPLE}, got "${entry}"`;
  return undefined;
}

/** The form two entries are compared in: host names are case-insensitive. */
export function hostKey(entry: string): string {
  return entry.toLowerCase();
}
