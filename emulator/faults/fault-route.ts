import { compilePathPattern } from "../http/path-pattern";

/** Tests whether a request falls under a fault rule's route. */
export type RouteMatcher = (method: string, path: string) => boolean;

/** Compiles a rule's `route` (see `FaultRule.route`); `undefined` matches every request. */
export function compileFaultRoute(route: string | undefined): RouteMatcher {
  const words = (route ?? "")
    .trim()
    .split(/\s+/)
    .filter((word) => word !== "");
  const hasMethod = words.length > 0 && !words[0].startsWith("/");
  const method = hasMethod ? words[0].toUpperCase() : "*";
  const pattern = hasMethod ? words[1] : words[0];
  if (words.length > (hasMethod ? 2 : 1)) throw new Error(`Invalid fault route '${route}'.`);
  const pathMatches = pattern === undefined ? undefined : compilePathPattern(pattern);
  return (requestMethod, path) =>
    (method === "*" || method === requestMethod) && (pathMatches === undefined || pathMatches(path) !== undefined);
}
