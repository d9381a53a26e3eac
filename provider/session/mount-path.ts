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
