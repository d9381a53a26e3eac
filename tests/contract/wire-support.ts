/**
 * What the request-body tests expect on the wire, worked out independently of the provider: each
 * declared input's SDK name, a whole declaration in SDK terms, and where a recorded request body
 * falls short of it or of the SDK's params.
 */
import type { RecordedRequest } from "../../emulator";
import { conformance, endpointOf } from "./sdk-params";

/**
 * The SDK's name for each input name a resource declares, at any depth, transcribed from the SDK's
 * params types. An input name missing here makes {@link wireOf} throw, so a test cannot declare
 * an input without saying what the SDK calls it.
 */
const SDK_NAMES: Readonly<Record<string, string>> = {
  // Agent
  name: "name",
  model: "model",
  id: "id",
  effort: "effort",
  speed: "speed",
  system: "system",
  description: "description",
  tools: "tools",
  type: "type",
  enabledTools: "enabled_tools",
  disallowedTools: "disallowed_tools",
  configs: "configs",
  enabled: "enabled",
  permissionPolicy: "permission_policy",
  defaultConfig: "default_config",
  mcpServerName: "mcp_server_name",
  inputSchema: "input_schema",
  mcpServers: "mcp_servers",
  url: "url",
  skills: "skills",
  skillId: "skill_id",
  version: "version",
  metadata: "metadata",
  // Environment
  config: "config",
  networking: "networking",
  allowedHosts: "allowed_hosts",
  allowPackageManagers: "allow_package_managers",
  allowMcpServers: "allow_mcp_servers",
  packages: "packages",
  apt: "apt",
  cargo: "cargo",
  gem: "gem",
  go: "go",
  npm: "npm",
  pip: "pip",
  setupScript: "setup_script",
  // Vault and credential
  displayName: "display_name",
  mcpServerUrl: "mcp_server_url",
  token: "token",
  secretName: "secret_name",
  secretValue: "secret_value",
  injectionLocation: "injection_location",
  body: "body",
  header: "header",
};

/** Inputs whose value is a map of the user's own keys (or any JSON), sent exactly as declared. */
const VERBATIM = new Set(["metadata", "inputSchema"]);

type Json = Record<string, unknown>;
const isPlainObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** A declaration in SDK terms: every key renamed by {@link SDK_NAMES}, except inside verbatim values. */
export function wireOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wireOf);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const name = SDK_NAMES[key];
      if (name === undefined) throw new Error(`the test declares "${key}", which has no SDK name in SDK_NAMES`);
      return [name, VERBATIM.has(key) ? inner : wireOf(inner)];
    }),
  );
}

/** The credential fields outside `auth`: a credential's own name and metadata. */
const CREDENTIAL_TOP_LEVEL = new Set(["displayName", "metadata"]);

/**
 * A declared vault credential in the SDK's create shape: `{ auth: {...}, display_name?, metadata? }`.
 * An environment variable with no networking declared carries `{ type: "unrestricted" }`, which the
 * SDK requires on create.
 */
export function credentialCreateOf(credential: Json): Json {
  const auth = Object.fromEntries(Object.entries(credential).filter(([key]) => !CREDENTIAL_TOP_LEVEL.has(key)));
  if (credential.type === "environment_variable" && auth.networking === undefined) auth.networking = { type: "unrestricted" };
  const top = Object.fromEntries(Object.entries(credential).filter(([key]) => CREDENTIAL_TOP_LEVEL.has(key)));
  return { ...(wireOf(top) as Json), auth: wireOf(auth) };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Where `body` falls short of `expected`: every leaf of `expected` (a scalar, or an empty list or
 * object) must be in `body` at the same path with the same value. Extra members of `body` are not
 * this check's business (the SDK check reports those). One line per problem, naming its path.
 */
export function missingOnWire(body: unknown, expected: unknown, path = ""): string[] {
  const at = path || "body";
  if (isPlainObject(expected) && Object.keys(expected).length > 0) {
    if (!isPlainObject(body)) return [`${at}: expected an object, got ${JSON.stringify(body)}`];
    return Object.entries(expected).flatMap(([key, inner]) => {
      const inside = path ? `${path}.${key}` : key;
      if (!(key in body)) return [`${inside}: not sent (declared ${JSON.stringify(inner)})`];
      return missingOnWire(body[key], inner, inside);
    });
  }
  if (Array.isArray(expected) && expected.length > 0) {
    if (!Array.isArray(body) || body.length !== expected.length)
      return [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(body)}`];
    return expected.flatMap((inner, index) => missingOnWire(body[index], inner, `${path}[${index}]`));
  }
  return sameJson(body, expected) ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(body)}`];
}

/**
 * Every recorded request checked against the SDK: a request to an endpoint the SDK does not have,
 * or whose body does not fit the SDK's params for it, is one line naming method, path and problem.
 */
export function sdkProblems(requests: readonly RecordedRequest[]): string[] {
  return requests.flatMap((request) => {
    const endpoint = endpointOf(request.method, request.path);
    const where = `${request.method} ${request.path}`;
    if (!endpoint) return [`${where}: the SDK has no such endpoint`];
    return conformance(request.body, endpoint.body).map((problem) => `${where}: ${problem}`);
  });
}

/** The requests sent to `method` and exactly `path`. */
export function sentTo(requests: readonly RecordedRequest[], method: string, path: string): RecordedRequest[] {
  return requests.filter((request) => request.method === method && request.path === path);
}

/** Runs `action`, returning its error rather than throwing it, so the requests it sent can be checked first. */
export async function attempt<T>(action: () => Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await action() };
  } catch (error) {
    return { error };
  }
}
