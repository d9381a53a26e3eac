import type { RunningEmulator } from "../../emulator";
import { createEngineStack, type EngineStack, ROOT_PROGRAM } from "../../engine/local-stack";
import { perTestResources } from "./per-test";

// A pull request's `pulumi preview` must fail on a wrong token or API URL: the provider checks
// them with one read when the engine configures it (README "Faults, crashes and retries").

const QODER_TOKEN = "qoder_pat_preview_check_3e9a71";
const WRONG_TOKEN = "qoder_pat_preview_wrong_5c2d80";
const GITHUB_TOKEN = "ghp_preview_check_6a1f42";
const SECRET_FORMS = [QODER_TOKEN, WRONG_TOKEN, GITHUB_TOKEN].flatMap((secret) => [
  secret,
  Buffer.from(secret).toString("base64"),
  encodeURIComponent(secret),
]);

const { newEmulator, track } = perTestResources(QODER_TOKEN, SECRET_FORMS);

const session = {
  name: "reviewed",
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  title: "Reviewed in a pull request",
  repositories: [{ url: "https://github.com/acme/backend", mountPath: "/app/backend" }],
};

/** A stack of the root program with one new Session, with the given Qoder token and API URL. */
async function stackWith(token: string, apiUrl: string): Promise<EngineStack> {
  return track(
    await createEngineStack({
      source: { project: "qoder-sessions", programJs: ROOT_PROGRAM },
      config: {
        "qoder-sessions:sessions": { value: JSON.stringify([session]) },
        "qoder-sessions:githubToken": { value: GITHUB_TOKEN, secret: true },
        "qoder:token": { value: token, secret: true },
        "qoder:apiUrl": { value: apiUrl },
      },
    }),
  );
}

const requestLines = (emulator: RunningEmulator) => emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

test("a preview with a wrong token fails, naming the token setting and the URL, after one read", async () => {
  const emulator = await newEmulator();
  const engine = await stackWith(WRONG_TOKEN, emulator.url);
  const refused = String(await engine.stack.preview().catch((e: Error) => e));
  expect(refused).toContain(`${emulator.url} refused the Qoder token taken from config qoder:token (401 authentication_error`);
  expect(refused).toContain("`pulumi config set --secret qoder:token <token>` or the QODER_ACCESS_TOKEN environment variable");
  expect(requestLines(emulator)).toEqual(["GET /sessions 401"]);
});

test("a preview with a URL that is not the API fails, naming qoder:apiUrl and the URL", async () => {
  const emulator = await newEmulator();
  const notTheApi = `${new URL(emulator.url).origin}/not-the-api`;
  const engine = await stackWith(QODER_TOKEN, notTheApi);
  const refused = String(await engine.stack.preview().catch((e: Error) => e));
  expect(refused).toContain(
    `The Qoder credentials check (GET ${notTheApi}/sessions) failed: ${notTheApi} did not answer as the Qoder API (404`,
  );
  expect(refused).toContain("Check qoder:apiUrl");
  expect(requestLines(emulator)).toEqual(["GET /not-the-api/sessions 404"]);
});

test("with the right token and URL, the preview makes exactly one read and succeeds", async () => {
  const emulator = await newEmulator();
  const engine = await stackWith(QODER_TOKEN, emulator.url);
  const preview = await engine.stack.preview();
  expect(preview.changeSummary).toEqual({ create: 2 }); // the stack and the Session
  expect(emulator.requests.map((r) => [r.method, r.path, r.query, r.status])).toEqual([["GET", "/sessions", { limit: "1" }, 200]]);
});
