import type { z } from "zod";
import { AgentProvider } from "../../provider/agent/provider";
import { agentWire, deletedWire, objectWire, pageWire, vaultCredentialWire } from "../../provider/api/wire";
import { splitSecrets } from "../../provider/dynamic/secret-split";
import { EnvironmentProvider } from "../../provider/environment/provider";
import { CREDENTIAL_SECRET_FIELDS } from "../../provider/vault/model";
import { VaultProvider } from "../../provider/vault/provider";
import { apiError, closeAll, loopback, QODER_TOKEN, type Received, type Reply } from "../api/loopback-api";
import { DECLARATIONS, type Declarations, environmentWithNetworking, UNDECLARABLE } from "./fixture-declarations";
import fixtureFile from "./sdk-fixtures.json";

// The SDK's recorded responses, read back by the providers. Every response the provider could
// receive must parse with its wire schemas; and an object the API recorded, served at the path the
// provider reads, must read back as no change against what a user would declare for it, however
// they spell it, and as a change against a declaration that really differs.
//
// The SDK records every memory store response as `{}`, so `sdk-fixtures.json` leaves the
// memoryStores.* fixtures out: there is nothing in them to parse or read back.

type Values = Record<string, unknown>;
interface Fixture {
  id: string;
  httpMethod: string;
  path: string;
  response: unknown;
}
const fixtures = fixtureFile as Fixture[];
const fixture = (id: string) => fixtures.find((f) => f.id === id)!.response as Values;

/** The schema the provider parses each fixture's response with. */
const PARSED_WITH: Record<string, z.ZodType> = {
  "agents.create": agentWire,
  "agents.retrieve": agentWire,
  "agents.update": agentWire,
  "agents.list": pageWire(agentWire),
  "agents.archive": agentWire,
  "agents.versions.list": pageWire(agentWire),
  "environments.create": objectWire,
  "environments.retrieve": objectWire,
  "environments.update": objectWire,
  "environments.list": pageWire(objectWire),
  "environments.delete": deletedWire,
  "environments.archive": objectWire,
  "vaults.create": objectWire,
  "vaults.retrieve": objectWire,
  "vaults.list": pageWire(objectWire),
  "vaults.delete": deletedWire,
  "vaults.archive": objectWire,
  "vaults.credentials.create": vaultCredentialWire,
  "vaults.credentials.retrieve": vaultCredentialWire,
  "vaults.credentials.update": vaultCredentialWire,
  "vaults.credentials.list": pageWire(vaultCredentialWire),
  "vaults.credentials.delete": deletedWire,
  "vaults.credentials.archive": vaultCredentialWire,
};

/** Fixtures of endpoints the provider never calls, with the reason. */
const NEVER_CALLED: Record<string, string> = {
  ...Object.fromEntries(
    ["retrieve", "update", "list", "ack", "heartbeat", "poll", "stats", "stop"].map((name) => [
      `environments.work.${name}`,
      "the work queue of self-hosted environments, which the provider does not manage",
    ]),
  ),
  "vaults.credentials.mcpOAuthValidate": "validates mcp_oauth credentials, which the provider does not support",
};

describe("every fixture response parses with the provider's wire schemas", () => {
  test("each fixture is either parsed by the provider or named as an endpoint it never calls", () => {
    const unaccounted = fixtures.map((f) => f.id).filter((id) => !(id in PARSED_WITH) && !(id in NEVER_CALLED));
    expect(unaccounted).toEqual([]);
  });

  test.each(Object.keys(PARSED_WITH))("%s", (id) => {
    const parsed = PARSED_WITH[id].safeParse(fixture(id));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });
});

/** One object of the fixtures: a response, or an entry of a list response, with where it is. */
interface Recorded {
  at: string;
  fixtureId: string;
  object: Values;
}

/** Every object the fixtures the provider parses hold, except deletion answers. */
function recordedObjects(): Recorded[] {
  return Object.keys(PARSED_WITH).flatMap((fixtureId): Recorded[] => {
    const response = fixture(fixtureId);
    if (Array.isArray(response.data)) {
      return (response.data as Values[]).map((object, i) => ({ at: `${fixtureId} data[${i}]`, fixtureId, object }));
    }
    return String(response.type).endsWith("_deleted") ? [] : [{ at: fixtureId, fixtureId, object: response }];
  });
}

const live = recordedObjects().filter((r) => !r.object.archived_at && !(r.at in UNDECLARABLE));
const archived = recordedObjects().filter((r) => r.object.archived_at);

test("every live object of the fixtures has declarations written for it, or a reason why none can be", () => {
  expect(live.map((r) => r.at).filter((at) => !(at in DECLARATIONS))).toEqual([]);
  expect(Object.keys(DECLARATIONS).filter((at) => !live.some((r) => r.at === at))).toEqual([]);
});

/** The live vault the credential fixtures belong to, as the API records it. */
const VAULT_OF_CREDENTIALS = fixture("vaults.retrieve");

/** What the loopback API answers at each path below the base path, for reading `object` as `kind`. */
function routesFor(kind: Declarations["kind"], recorded: Recorded): Record<string, unknown> {
  const { object } = recorded;
  const page = (data: unknown[]) => ({ data, next_page: null, has_more: false, first_id: null, last_id: null });
  switch (kind) {
    case "agent":
      return { [`/agents/${object.id}`]: object };
    case "environment":
      return { [`/environments/${object.id}`]: object };
    case "vault":
      return { [`/vaults/${object.id}`]: object, [`/vaults/${object.id}/credentials`]: page([]) };
    case "credential":
      return {
        [`/vaults/${object.vault_id}`]: VAULT_OF_CREDENTIALS,
        [`/vaults/${object.vault_id}/credentials`]: recorded.fixtureId.endsWith(".list") ? fixture(recorded.fixtureId) : page([object]),
      };
  }
}

/** Answers GETs from `routes`; anything else is the API's 404. */
function answer(routes: Record<string, unknown>) {
  return (request: Received): Reply => {
    const path = request.path.replace(/^\/api\/v1\/cloud/, "");
    if (request.method === "GET" && path in routes) return { status: 200, body: routes[path] };
    return { status: 404, body: apiError("not_found_error", `'${path.split("/").pop()}' was not found.`) };
  };
}

/** The provider of `kind`, and the id it reads the object by. */
function providerFor(kind: Declarations["kind"], apiUrl: string) {
  const options = { apiUrl, token: QODER_TOKEN, maxRetries: 0 };
  if (kind === "agent") return new AgentProvider(options);
  if (kind === "environment") return new EnvironmentProvider(options);
  return new VaultProvider(options);
}

/** Inputs as the engine hands them to the provider: a vault's credential secrets apart from the credentials. */
function engineForm(kind: Declarations["kind"], inputs: Values): Values {
  return kind === "vault" || kind === "credential" ? splitSecrets(inputs, "credentials", CREDENTIAL_SECRET_FIELDS) : inputs;
}

/** What the provider stored after creating `declared`: the inputs, an agent's version, each credential's id. */
function storedState(kind: Declarations["kind"], object: Values, declared: Values): Values {
  if (kind === "agent") return { ...declared, version: object.version };
  if (kind !== "credential") return engineForm(kind, declared);
  const credentials = (declared.credentials as Values[]).map((credential) => ({ ...credential, credentialId: object.id }));
  return engineForm(kind, { ...declared, credentials });
}

/** Serves `recorded`, reads it back with `declared` as stored state, and diffs the result against `declared`. */
async function readBack(kind: Declarations["kind"], recorded: Recorded, declared: Values) {
  const api = await loopback(answer(routesFor(kind, recorded)));
  const provider = providerFor(kind, api.url);
  try {
    const readId = String(kind === "credential" ? recorded.object.vault_id : recorded.object.id);
    const read = await provider.read(readId, storedState(kind, recorded.object, declared) as never);
    const diff = await provider.diff(readId, read.props as never, engineForm(kind, declared) as never);
    return { read, diff };
  } finally {
    await provider.close();
  }
}

afterEach(closeAll);

/** Each declaration of each live object, with whether it should read back as a change. */
const cases = live.flatMap((recorded) => {
  const { kind, declared, same, differs } = DECLARATIONS[recorded.at] ?? { kind: "agent", declared: {}, same: {}, differs: {} };
  return [
    { recorded, kind, how: "as declared plainly", declared, changes: false },
    ...Object.entries(same).map(([how, inputs]) => ({ recorded, kind, how: `declared with ${how}`, declared: inputs, changes: false })),
    ...Object.entries(differs).map(([how, inputs]) => ({ recorded, kind, how: `declared with ${how}`, declared: inputs, changes: true })),
  ];
});

describe("a recorded object read back against what a user declares for it", () => {
  test.each(cases.map((c) => [`${c.recorded.at} ${c.how}: ${c.changes ? "changes" : "no changes"}`, c] as const))(
    "%s",
    async (_name, c) => {
      const { read, diff } = await readBack(c.kind, c.recorded, c.declared);
      expect(read.id).toBe(String(c.kind === "credential" ? c.recorded.object.vault_id : c.recorded.object.id));
      const seen =
        diff.changes === c.changes ? { changes: diff.changes } : { changes: diff.changes, readBack: read.props, declared: c.declared };
      expect(seen).toEqual({ changes: c.changes });
    },
  );
});

describe("networking, which no recorded environment reports, read back from the retrieve answer with it added", () => {
  const base = fixture("environments.retrieve");
  const object = { ...base, config: { ...(base.config as Values), networking: environmentWithNetworking.networking } };
  const recorded: Recorded = { at: "environments.retrieve with networking", fixtureId: "environments.retrieve", object };
  const { declared, same, differs } = environmentWithNetworking.declarations;
  const variants = [
    ["as declared plainly: no changes", declared, false],
    ...Object.entries(same).map(([how, inputs]) => [`declared with ${how}: no changes`, inputs, false]),
    ...Object.entries(differs).map(([how, inputs]) => [`declared with ${how}: changes`, inputs, true]),
  ] as [string, Values, boolean][];

  test.each(variants)("%s", async (_name, inputs, changes) => {
    const { read, diff } = await readBack("environment", recorded, inputs);
    const seen = diff.changes === changes ? { changes } : { changes: diff.changes, readBack: read.props, declared: inputs };
    expect(seen).toEqual({ changes });
  });
});

describe("an archived object reads as gone", () => {
  const kindOf = (fixtureId: string): Declarations["kind"] =>
    fixtureId.startsWith("agents.")
      ? "agent"
      : fixtureId.startsWith("environments.")
        ? "environment"
        : fixtureId.startsWith("vaults.credentials.")
          ? "credential"
          : "vault";

  test.each(archived.map((r) => [r.at, r] as const))("%s", async (_at, recorded) => {
    const kind = kindOf(recorded.fixtureId);
    if (kind !== "credential") {
      const { read } = await readBack(
        kind,
        recorded,
        kind === "agent"
          ? { name: "gone", model: "ultimate" }
          : kind === "environment"
            ? { name: "gone", config: { type: "cloud" } }
            : { displayName: "gone" },
      );
      expect(read.id).toBe("");
      return;
    }
    // An archived credential is dropped from the vault's state, so the next `up` creates it again.
    const declared = DECLARATIONS["vaults.credentials.retrieve"].declared;
    const { read, diff } = await readBack(kind, recorded, declared);
    expect((read.props as { credentials?: unknown[] }).credentials).toEqual([]);
    expect(diff.changes).toBe(true);
  });
});
