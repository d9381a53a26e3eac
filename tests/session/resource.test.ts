import * as pulumi from "@pulumi/pulumi";
import { secretFields } from "../../provider/dynamic/resource-args";
import { repositoryProperties } from "../../provider/session/model";
import { SESSION_TYPE, Session } from "../../provider/session/resource";

const TOKEN = "ghp_unit_secret_token_0001";
const registered: pulumi.runtime.MockResourceArgs[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push(args);
      return { id: "sess_mock", state: { ...args.inputs, sessionId: "sess_mock" } };
    },
    call: () => ({}),
  },
  "project",
  "stack",
  false,
  // The resource's create identity names the organization, which a real program always has.
  "organization",
);

function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((done) => output.apply((value) => done(value)));
}

describe("Session resource", () => {
  beforeAll(async () => {
    const session = new Session("demo", {
      agent: "agent_1",
      environmentId: "env_1",
      repositories: [{ url: "https://github.com/acme/backend", authorizationToken: TOKEN }],
    });
    await resolve(session.id);
  });

  test("registers with the type token pulumi-nodejs:dynamic/qoder:Session", () => {
    expect(SESSION_TYPE).toBe("pulumi-nodejs:dynamic/qoder:Session");
    expect(registered.map((args) => args.type)).toEqual([SESSION_TYPE]);
  });

  test("a token given as a plain string becomes a secret", async () => {
    const repositories = secretFields([{ url: "https://github.com/acme/backend", authorizationToken: TOKEN }], repositoryProperties);
    const [repo] = repositories as { url: string; authorizationToken: pulumi.Output<string> }[];
    expect(await pulumi.isSecret(repo.authorizationToken)).toBe(true);
    expect(repo.url).toBe("https://github.com/acme/backend");
  });

  test("a repository list given as an output is secret as a whole", async () => {
    const repositories = secretFields(
      pulumi.output([{ url: "https://github.com/acme/backend", authorizationToken: TOKEN }]),
      repositoryProperties,
    );
    expect(await pulumi.isSecret(repositories as pulumi.Output<unknown>)).toBe(true);
  });

  test("the serialized provider is a thin shim under 3 KB that holds no token", () => {
    const provider = registered[0].inputs.__provider as string;
    expect(typeof provider).toBe("string");
    expect(Buffer.byteLength(provider)).toBeLessThan(3 * 1024);
    expect(provider).toContain('require("pulumi-qoder/runtime")');
    expect(provider).not.toContain(TOKEN);
    expect(provider).not.toContain(Buffer.from(TOKEN).toString("base64"));
  });
});
