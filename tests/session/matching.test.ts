import type { ResourceWire, SessionWire } from "../../provider/api/wire";
import { checkInputs } from "../../provider/dynamic/properties";
import { matchRepositories } from "../../provider/session/match";
import type { SessionInputs } from "../../provider/session/model";
import { sessionSchema } from "../../provider/session/model";
import { adoptionMismatches } from "../../provider/session/planner";
import type { RepositoryInput } from "../../provider/session/repository-model";

const validateInputs = (inputs: Record<string, unknown>) => checkInputs(sessionSchema, inputs);

const repo = (name: string, mountPath?: string): RepositoryInput => ({
  url: `https://github.com/acme/${name}`,
  ...(mountPath !== undefined && { mountPath }),
  authorizationToken: "ghp_plan_test",
});
const resource = (id: string, name: string, mountPath: string, type = "github_repository"): ResourceWire => ({
  id,
  type,
  url: `https://github.com/acme/${name}`,
  mount_path: mountPath,
});

describe("matchRepositories", () => {
  it("pairs by url and mount path whatever the API's order", () => {
    const declared = [repo("a", "/w/a"), repo("b", "/w/b"), repo("a", "/w/a2")];
    const { matched, unmatched } = matchRepositories(declared, [
      resource("r3", "a", "/w/a2"),
      resource("r2", "b", "/w/b"),
      resource("r1", "a", "/w/a"),
    ]);
    expect(unmatched).toEqual([]);
    expect(declared.map((entry) => matched.get(entry)?.id)).toEqual(["r1", "r2", "r3"]);
  });

  it("gives a url-only entry a mount no entry with an explicit mount path claims, even when listed first", () => {
    const urlOnly = repo("a");
    const explicit = repo("a", "/w/a");
    const { matched } = matchRepositories([urlOnly, explicit], [resource("r1", "a", "/w/a"), resource("r2", "a", "/data/a")]);
    expect(matched.get(explicit)?.id).toBe("r1");
    expect(matched.get(urlOnly)?.id).toBe("r2");
  });

  it("never hands one resource to two entries, and reports what is left unmatched", () => {
    const first = repo("a");
    const second = repo("a");
    const other = repo("c", "/w/c");
    const { matched, unmatched } = matchRepositories(
      [first, second, other],
      [resource("r1", "a", "/w/a"), resource("x", "a", "/w/a", "file")],
    );
    expect(matched.get(first)?.id).toBe("r1");
    expect(unmatched).toHaveLength(2);
    expect(unmatched).toEqual(expect.arrayContaining([second, other]));
  });
});

describe("adoptionMismatches", () => {
  const inputs: SessionInputs = { agent: "agent_1", environmentId: "env_1", repositories: [repo("a", "/w/a")] };
  const session = (resources: ResourceWire[]): SessionWire => ({
    id: "sess_1",
    agent_id: "agent_1",
    environment_id: "env_1",
    status: "idle",
    resources,
    vault_ids: [],
    memory_store_ids: [],
    created_at: "2026-01-01T00:00:00Z",
  });

  it("names a mounted repository the inputs do not declare", () => {
    const resources = [resource("r1", "a", "/w/a"), resource("r2", "b", "/w/b")];
    expect(adoptionMismatches(inputs, session(resources), resources)).toEqual([
      "it also mounts https://github.com/acme/b at /w/b, which the inputs do not declare",
    ]);
  });
});

describe("nested mounts", () => {
  it("names each mount path lying inside another, among many repositories", () => {
    const repositories = Array.from({ length: 500 }, (_, index) => repo(`r${index}`, `/w/r${index}`));
    repositories.push(repo("inner", "/w/r7/vendor/inner"), repo("root", "/w"));
    const { failures } = validateInputs({ agent: "agent_1", environmentId: "env_1", repositories } as unknown as Record<string, unknown>);
    const nested = failures.filter((failure) => /mounts must not nest/.test(failure.reason));
    expect(nested.map((failure) => failure.property).sort()).toEqual(
      [
        ...Array.from({ length: 500 }, (_, index) => `repositories[${index}].mountPath`),
        "repositories[500].mountPath",
        "repositories[500].mountPath",
      ].sort(),
    );
    expect(nested.find((failure) => failure.property === "repositories[7].mountPath")?.reason).toBe(
      `"/w/r7" lies inside repositories[501].mountPath "/w"; mounts must not nest`,
    );
  });
});
