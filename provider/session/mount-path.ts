import { posix } from "node:path";
import { LIMITS } from "./limits";

/** Explains why `path` is not an absolute, normalised container path, or returns undefined. */
export function mountPathProblem(path: string): string | undefined {
  if (!path.startsWith("/")) return `must be an absolute path starting with "/", got "${path}"`;
  if (path.length > LIMITS.mountPathMaxLength) return `must be at most ${LIMITS.mountPathMaxLength} characters`;
  if (/[\u0000-\u001f\u007f]/.test(path)) return "must not contain control characters";
  if (path === "/") return "must not be the container root \"/\"";
  if (path.split("/").includes("..")) return `must not contain ".." segments, got "${path}"`;
  const normal = posix.normalize(path).replace(/\/+$/, "");
  if (normal !== path) return `must be normalised: use "${normal}" instead of "${path}"`;
  return undefined;
}

/** True when `inner` lies strictly inside the directory `outer`. */
export function isInside(inner: string, outer: string): boolean {
  return inner.startsWith(outer + "/");
}
