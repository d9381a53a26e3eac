import type { RunningEmulator } from "../../emulator";
import { type EngineStack, rootProgramStack } from "../../engine/local-stack";
import { perTestResources } from "./per-test";

// Repositories declared without mountPath are mounted where the API derives it from their name,
// /data/workspace/<name> (docs/api-contract.md#session-resources). `pulumi preview` must refuse
// two such paths that collide or nest, as it refuses declared ones, before any request: otherwise
// `up` meets the API's 400, or creates a Session whose mounts nest.

const QODER_TOKEN = "qoder_pat_default_mounts_5d2e";
const GITHUB_TOKEN = "ghp_default_mounts_github_3c4b";
const GIT_PASSWORD = "default mounts git password 7";
const { newEmulator, track } = perTestResources(QODER_TOKEN, [GITHUB_TOKEN, GIT_PASSWORD]);

const session = (repositories: object[]) => ({
  name: "mounts",
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  repositories,
});

let emulator: RunningEmulator;
let engine: EngineStack;
beforeEach(async () => {
  emulator = await newEmulator();
  engine = track(
    await rootProgramStack({ apiUrl: emulator.url, qoderToken: QODER_TOKEN, githubToken: GITHUB_TOKEN, sessions: [session([])] }),
  );
  await engine.stack.setConfig("qoder-sessions:gitPassword", { value: GIT_PASSWORD, secret: true });
});

/** What `pulumi preview` printed when it refused the repositories, or a failure if it did not. */
async function refusedPreview(repositories: object[]): Promise<string> {
  await engine.stack.setConfig("qoder-sessions:sessions", { value: JSON.stringify([session(repositories)]) });
  return String(
    await engine.stack.preview().then(
      () => "preview succeeded",
      (error: Error) => error.message,
    ),
  );
}

test.each([
  [
    "one repository name under two owners",
    [{ url: "https://github.com/acme/backend" }, { url: "https://github.com/other/backend" }],
    /property repositories\[1\]\.url .*has a problem: duplicates repositories\[0\]: .*"\/data\/workspace\/backend" is used twice; both take the default mount path/,
  ],
  [
    "a GitHub and a Git repository both named lib",
    [{ url: "https://github.com/acme/lib" }, { type: "git", url: "https://deploy@git.example.com/team/lib.git" }],
    /property repositories\[1\]\.url .*has a problem: duplicates repositories\[0\]: .*"\/data\/workspace\/lib" is used twice; both take the default mount path/,
  ],
  [
    "an explicit /data/workspace/api beside repository acme/api",
    [{ url: "https://github.com/acme/api" }, { url: "https://github.com/acme/gateway", mountPath: "/data/workspace/api" }],
    /property repositories\[1\]\.mountPath .*has a problem: duplicates repositories\[0\]: .*"\/data\/workspace\/api" is used twice; repositories\[0\] takes the default mount path/,
  ],
  [
    "an explicit /data/workspace around the default /data/workspace/web",
    [{ url: "https://github.com/acme/root", mountPath: "/data/workspace" }, { url: "https://github.com/acme/web" }],
    /property repositories\[1\]\.url .*has a problem: "\/data\/workspace\/web" lies inside repositories\[0\]\.mountPath "\/data\/workspace"; mounts must not nest; this repository takes the default mount path/,
  ],
])("%s: preview fails naming the property and both repositories, and no request reaches the API", async (_name, repositories, message) => {
  const printed = await refusedPreview(repositories);
  expect(printed).toMatch(message);
  expect(emulator.requests).toEqual([]);
  expect(emulator.sessions()).toEqual([]);
});

test("default mount paths of different names pass preview, and up mounts them where the check assumed", async () => {
  const repositories = [{ url: "https://github.com/acme/backend" }, { type: "git", url: "https://deploy@git.example.com/team/lib.git" }];
  expect(await refusedPreview(repositories)).toBe("preview succeeded");
  expect(emulator.requests.filter((request) => request.method !== "GET")).toEqual([]);
  expect((await engine.stack.up()).summary.result).toBe("succeeded");
  const [created] = emulator.sessions();
  expect(created.resources.map((resource) => (resource as { mount_path: string }).mount_path).sort()).toEqual([
    "/data/workspace/backend",
    "/data/workspace/lib",
  ]);
});
