/** Path parameters captured by a pattern, e.g. `{ session_id: "sess_…" }`. */
export type PathParams = Record<string, string>;

/** Tests a path (without the base path) and returns its parameters, or `undefined` on no match. */
export type PathMatcher = (path: string) => PathParams | undefined;

/**
 * Compiles a path pattern made of `/`-separated segments: a literal, `{name}` (captured
 * parameter), `*` (any one segment) or a final `**` (any number of segments, including none).
 * The router and the fault rules share this one syntax.
 */
export function compilePathPattern(pattern: string): PathMatcher {
  const expected = splitPath(pattern);
  const restIndex = expected.indexOf("**");
  if (restIndex !== -1 && restIndex !== expected.length - 1) {
    throw new Error(`'**' must be the last segment of a path pattern: ${pattern}`);
  }
  return (path) => {
    const actual = splitPath(path);
    if (restIndex === -1 ? actual.length !== expected.length : actual.length < restIndex) return undefined;
    const params: PathParams = {};
    for (let i = 0; i < expected.length && expected[i] !== "**"; i++) {
      const segment = expected[i];
      const value = actual[i];
      if (segment.startsWith("{") && segment.endsWith("}")) {
        const decoded = safeDecode(value);
        if (decoded === undefined) return undefined;
        params[segment.slice(1, -1)] = decoded;
      } else if (segment !== "*" && segment !== value) {
        return undefined;
      }
    }
    return params;
  };
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
