import { LIMITS } from "../api/limits";

const EXPECTED = "expected https://<user>@<host>/<path>, e.g. https://deploy@git.example.com/team/repo.git";

/**
 * The authority of a URL as written: its user information (`user` or `user:secret` before the
 * last `@`; undefined without one) and its host. Read from the text, since `new URL` forgives
 * what the API may not: it drops an empty password (`user:@host`) and skips a missing host
 * (`https:///path`).
 */
function authority(url: string): { userInfo?: string; host: string } {
  const text = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, "").split(/[/?#]/, 1)[0];
  const at = text.lastIndexOf("@");
  return at < 0 ? { host: text } : { userInfo: text.slice(0, at), host: text.slice(at + 1) };
}

/**
 * Explains why `url` is not the URL of a generic Git repository as the API takes it: HTTPS, with
 * the username embedded (`https://<user>@<host>/<path>`) and the password given apart (in
 * `password`), or returns undefined when it is (docs/api-contract.md#session-resources). The
 * explanation never repeats the URL, nor any part of its user information.
 */
export function gitUrlProblem(url: string): string | undefined {
  if (url.length === 0) return `must not be empty; ${EXPECTED}`;
  if (url.length > LIMITS.urlMaxLength) return `must be at most ${LIMITS.urlMaxLength} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
  if (/[\s\u0000-\u001f\u007f]/.test(url)) return "must not contain whitespace or control characters";
  const { userInfo, host } = authority(url);
  // Before anything else, so that no later message can be about a URL that holds a password.
  if (userInfo?.includes(":")) {
    return "must not embed a password; keep only the username in the URL (https://<user>@<host>/<path>) and put the password in password";
  }
  if (userInfo?.includes("@")) return 'must not have "@" in the username unencoded; write it as %40';
  if (/^[^/:]+@[^/:]+:/.test(url)) return `is an SSH address; the API clones over HTTPS: ${EXPECTED}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `is not a URL; ${EXPECTED}`;
  }
  if (parsed.protocol !== "https:") return `must use https, not ${parsed.protocol.replace(/:$/, "")}; ${EXPECTED}`;
  if (!host || !parsed.hostname) return `must name a host; ${EXPECTED}`;
  if (!userInfo) {
    // An "@" past the authority may end a password holding "/", "?" or "#": nothing is repeated then.
    if (url.includes("@")) return `must embed the username before the host, with "/", "?", "#" and "@" percent-encoded; ${EXPECTED}`;
    return `must embed the username, as in https://<user>@${parsed.host}${parsed.pathname}; the password goes in password`;
  }
  if (/[?#]/.test(url)) return `must not have a query or fragment; ${EXPECTED}`;
  if (parsed.pathname === "/") return `must name a repository path after the host; ${EXPECTED}`;
  return undefined;
}
