import * as pulumi from "@pulumi/pulumi";
import { Session, type SessionArgs } from "pulumi-qoder";
import { NoopSession } from "../noop/session";

const registered: pulumi.runtime.MockResourceArgs[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push(args);
      return { id: `${args.name}_id`, state: args.inputs };
    },
    call: () => ({}),
  },
  "project",
  "stack",
  false,
);

function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply((value) => done(value)));
}

/** The inputs registered for `name` by the resource of `type`, without the serialized provider. */
function inputsOf(name: string, type: string): Record<string, unknown> {
  const found = registered.find((args) => args.name === name && args.type.endsWith(type));
  if (!found) throw new Error(`${type} ${name} was not registered`);
  const { __provider: provider, ...inputs } = found.inputs;
  expect(typeof provider).toBe("string");
  return inputs;
}

/** Names of the resource's output properties (one per registered property, set or not). */
function outputKeys(resource: pulumi.Resource): string[] {
  const members = resource as unknown as Record<string, unknown>;
  return Object.keys(members)
    .filter((key) => pulumi.Output.isInstance(members[key]))
    .sort();
}

const repositories = [
  { url: "https://github.com/acme/backend", mountPath: "/data/workspace/backend", authorizationToken: "ghp_bench_a" },
  { url: "https://github.com/acme/docs", authorizationToken: "ghp_bench_b" },
];

describe("the no-op Session registers what a Session registers", () => {
  const cases: [string, SessionArgs][] = [
    ["plain", { agent: "agent_1", environmentId: "env_1", title: "t", metadata: { suite: "bench" }, repositories }],
    ["output", { agent: { id: "agent_1", version: 2 }, environmentId: "env_1", repositories: pulumi.output(repositories) }],
  ];

  it.each(cases)("with repositories given %s", async (name, args) => {
    const session = new Session(name, args);
    const noop = new NoopSession(name, args);
    await Promise.all([resolve(session.id), resolve(noop.id)]);

    const real = inputsOf(name, ":Session");
    const floor = inputsOf(name, ":NoopSession");
    // Same keys, same values, same secret-ness (a secret arrives wrapped in its signature).
    expect(Object.keys(floor).sort()).toEqual(Object.keys(real).sort());
    expect(floor).toEqual(real);
    expect(real.__owner).toBe(`/project/stack/${name}`); // no organization under these mocks
    // The tokens travel apart, secret; the repositories themselves stay plaintext.
    expect((real.repositorySecrets as Record<string, unknown>)[pulumi.runtime.specialSigKey]).toBe(pulumi.runtime.specialSecretSig);
    expect((real.repositories as Record<string, unknown>)[pulumi.runtime.specialSigKey]).toBeUndefined();

    // Same output properties, the unset ones included.
    expect(outputKeys(noop)).toEqual(outputKeys(session));
    expect(outputKeys(session)).toEqual(expect.arrayContaining(["mounts", "sessionId", "status", "createdAt", "archivedAt"]));
  });
});
