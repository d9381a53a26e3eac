/**
 * Which API each resource lives in (README "Recovering a stack", docs/api-contract.md#base-url-and-authentication).
 * Every resource records the API base URL it was last written through, as the plain state output
 * `apiUrl`, and is never read, updated or deleted through another one: an API that accepts the same
 * token but holds other objects answers 404 for every id, which would otherwise read as "gone" and
 * drop the whole stack. A move is declared explicitly, for one old URL, with `qoder:apiUrlMovedFrom`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { QoderConfigError, QoderIncompleteError, QoderMismatchError } from "../errors";

/** The state output that records the API a resource lives in. */
const API_URL_OUTPUT = "apiUrl";

/** The stack config key that declares a move: the API base URL the stack's objects moved from. */
export const MOVED_FROM_KEY = "qoder:apiUrlMovedFrom";

/** Where a provider sends its requests, and the move the stack config declares, if any. */
export interface ApiLocation {
  /** The API base URL the provider is set to. */
  apiUrl: string;
  /** The value of `qoder:apiUrlMovedFrom`, when set. */
  movedFrom?: string;
}

/** A dynamic provider with every method, that can say where it sends its requests. */
export type LocatedProvider = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">> &
  Pick<pulumi.dynamic.ResourceProvider, "configure"> & { apiLocation(): ApiLocation };

type Props = Record<string, unknown>;

/**
 * A base URL in the one form that is recorded and compared: origin and path, no trailing slash.
 * The settings refuse a URL with credentials, a query or a fragment, so nothing secret is recorded.
 */
export function baseUrlOf(value: string): string {
  const url = new URL(value);
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/** The recorded URL, or undefined for state written before URLs were recorded. */
function recordedUrl(props: Props | undefined): string | undefined {
  const value = props?.[API_URL_OUTPUT];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Refuses to act on the resource `what` `id` through `location` when its state records another API,
 * unless the stack config declares that its objects moved from exactly that one.
 */
function checkApiHome(what: string, id: string, props: Props | undefined, location: ApiLocation): void {
  const recorded = recordedUrl(props);
  if (recorded === undefined) return; // Written before URLs were recorded: the next write records it.
  const current = baseUrlOf(location.apiUrl);
  if (baseUrlOf(recorded) === current) return;
  let movedFrom: string | undefined;
  if (location.movedFrom) {
    try {
      movedFrom = baseUrlOf(location.movedFrom);
    } catch {
      throw new QoderConfigError(`config ${MOVED_FROM_KEY} is not a URL: "${location.movedFrom}"`);
    }
    if (movedFrom === baseUrlOf(recorded)) return;
  }
  const declared = movedFrom ? ` (${MOVED_FROM_KEY} names ${movedFrom}, not that one)` : "";
  throw new QoderMismatchError(
    `${what} ${id} lives in the API at ${recorded}, but the provider is set to ${current}${declared}; ` +
      "it is not read, updated or deleted through another API, so nothing is treated as gone: " +
      `check the API URL (qoder:apiUrl or QODER_API_URL). If the stack's objects moved to ${current}, declare the move with ` +
      `\`pulumi config set ${MOVED_FROM_KEY} ${recorded}\` and run \`pulumi refresh --run-program\`, which records the new URL; ` +
      "then remove the setting",
  );
}

/** `props` without the recorded URL: what the provider's own code reads. */
function withoutHome<T>(props: T): T {
  if (!props || typeof props !== "object" || !(API_URL_OUTPUT in props)) return props;
  const { [API_URL_OUTPUT]: _recorded, ...rest } = props as Props;
  return rest as T;
}

/** `props` recording `location`'s URL. */
function atHome<T>(props: T, location: ApiLocation): T {
  return { ...(props as Props), [API_URL_OUTPUT]: baseUrlOf(location.apiUrl) } as T;
}

/** A create or update that failed half-way keeps its state in the error: that state records the URL too. */
function recordOnFailure(error: unknown, location: () => ApiLocation): never {
  if (error instanceof QoderIncompleteError) error.record({ [API_URL_OUTPUT]: baseUrlOf(location().apiUrl) });
  throw error;
}

/**
 * `provider` with every resource bound to the API it lives in: create, update and read record the
 * provider's API URL in state; read, update and delete first check the recorded one (see
 * {@link checkApiHome}). The provider's own code never sees the recorded URL, so it makes no diff
 * and never becomes an input.
 */
export function boundToApiHome(what: string, provider: LocatedProvider): pulumi.dynamic.ResourceProvider {
  const location = () => provider.apiLocation();
  return {
    configure: async (req) => provider.configure?.(req),
    check: (olds, news) => provider.check(olds, news),
    diff: (id, olds, news) => provider.diff(id, withoutHome(olds), news),
    async create(inputs) {
      const result = await provider.create(inputs).catch((error: unknown) => recordOnFailure(error, location));
      return { ...result, outs: atHome(result.outs, location()) };
    },
    async read(id, props) {
      if (props) checkApiHome(what, id, props, location());
      const result = await provider.read(id, withoutHome(props));
      return result.id ? { ...result, props: atHome(result.props, location()) } : result;
    },
    async update(id, olds, news) {
      checkApiHome(what, id, olds, location());
      const result = await provider.update(id, withoutHome(olds), news).catch((error: unknown) => recordOnFailure(error, location));
      return { ...result, outs: atHome(result.outs, location()) };
    },
    async delete(id, props) {
      checkApiHome(what, id, props, location());
      await provider.delete(id, withoutHome(props));
    },
  };
}
