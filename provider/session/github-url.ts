import { LIMITS } from "../api/limits";

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Explains why `url` is not a GitHub repository URL of the form `https://github.com/<owner>/<repo>`,
 * or returns undefined when it is. The explanation never repeats a URL that carries credentials.
 */
export function githubUrlProblem(url: string): string | undefined {
  const expected = "expected https://github.com/<owner>/<repo>";
  if (url.length === 0) return `must not be empty; ${expected}`;
  if (url.length > LIMITS.urlMaxLength) return `must be at most ${LIMITS.urlMaxLength} characters`;
  // No owner or repository name holds an "@": one is user information, or ends a password that
  // holds "/", "?" or "#", which `new URL` would read as part of the host or path.
  if (url.includes("@")) {
    return 'must not embed credentials; put the token in authorizationToken (or, for a Git repository with the username in its URL, set type: "git")';
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `is not a URL; ${expected}`;
  }
  if (parsed.protocol !== "https:") return `must use https, not ${parsed.protocol.replace(/:$/, "")}; ${expected}`;
  if (parsed.hostname !== "github.com" || parsed.port) {
    return `must be on github.com, not ${parsed.host}; ${expected}, or set type: "git" for a repository on another host`;
  }
  if (parsed.search || parsed.hash) return `must not have a query or fragment; ${expected}`;
  const path = parsed.pathname;
  if (path.endsWith(".git")) {
    return `must not end with .git; use ${url.replace(/\.git$/, "")}`;
  }
  if (path.length > 1 && path.endsWith("/")) return `must not end with a slash; use ${url.replace(/\/+$/, "")}`;
  const segments = path.split("/").slice(1);
  if (segments.length !== 2) return `must name exactly an owner and a repository; ${expected}`;
  const [owner, repo] = segments;
  if (!OWNER.test(owner)) return `has an invalid owner "${owner}"; owners are letters, digits and hyphens`;
  if (!REPO.test(repo) || repo === "." || repo === "..") {
    return `has an invalid repository name "${repo}"; names are letters, digits, '.', '_' and '-'`;
  }
  return undefined;
}
