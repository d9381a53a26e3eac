import { posix } from "node:path";
import { LIMITS } from "../api/limits";

/** Explains why `path` is not an absolute, normalised container path, or returns undefined. */
export function mountPathProblem(path: string): string | undefined {
  if (!path.startsWith("/")) return `must be an absolute path starting with "/", got "${path}"`;
  if (path.length > LIMITS.mountPathMaxLength) return `must be at most ${LIMITS.mountPathMaxLength} characters`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
  if (/[\u0000-\u001f\u007f]/.test(path)) return "must not contain control characters";
  if (path === "/") return 'must not be the container root "/"';
  if (path.split("/").includes("..")) return `must not contain ".." segments, got "${path}"`;
  const normal = posix.normalize(path).replace(/\/+$/, "");
  if (normal !== path) return `must be normalised: use "${normal}" instead of "${path}"`;
  return undefined;
}

/**
 * Every directory that `path` lies strictly inside, as the prefixes of `path` that end where a
 * "/" follows ("/a/b/c" → "/a", "/a/b").
 */
export function enclosingDirectories(path: string): string[] {
  const directories: string[] = [];
  for (let index = path.indexOf("/", 1); index > 0; index = path.indexOf("/", index + 1)) directories.push(path.slice(0, index));
  return directories;
}

/**
 * The folder the API mounts a repository in when its entry names no `mount_path`: the examples
 * of docs/api-contract.md#session-resources show `/data/workspace/<repo>`, and the emulator uses
 * it too (the SDK's prose says `/workspace/<repo>`; unconfirmed).
 */
export const DEFAULT_MOUNT_ROOT = "/data/workspace";

/**
 * Where the API mounts a repository declared without `mountPath`: {@link DEFAULT_MOUNT_ROOT}, then
 * the last path segment of its URL without `.git` (`https://github.com/acme/api` and
 * `https://deploy@git.example.com/team/api.git` both give `/data/workspace/api`). The only place
 * the provider derives it; undefined when the URL names no usable last segment. State keeps the
 * path the API reports, never this one.
 */
export function defaultMountPath(url: string): string | undefined {
  const trimmed = url.replace(/\/+$/, "");
  const afterHost = trimmed.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/, "");
  const name = afterHost.slice(afterHost.lastIndexOf("/") + 1).replace(/\.git$/, "");
  if (afterHost === "" || name === "" || name === "." || name === "..") return undefined;
  return `${DEFAULT_MOUNT_ROOT}/${name}`;
}
