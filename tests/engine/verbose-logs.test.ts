import type { RunningEmulator } from "../../emulator";
import type { EngineStack } from "../../engine/local-stack";
import { perTestResources } from "./per-test";
import { programStack } from "./program-stack";
import { secretForms } from "./vault-program";

/**
 * What `pulumi up --logtostderr -v=N` prints of secrets that did not come from stack config (a
 * Session's GitHub token from `pulumi.secret(process.env.…)`), with our provider and with a bare
 * stack of a trivial dynamic resource holding the same secret: the engine's own logging is the
 * yardstick, and our provider must add nothing to it. See README.md, "Secrets in engine logs".
 */

const QODER_TOKEN = "qoder_pat_vlogs_7f3e9a1c";
const TOKENS = ["ghp_vlogs_first_4d5e6f7a", "ghp_vlogs_second_8b9c0d1e", "ghp_vlogs_third_2f3a4b5c"];
/** The engine's marker of a secret value (`sig.Secret`), which its RPC dumps print just before the value. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Our program: one Session whose token is a secret from the environment, not from stack config. */
const SESSION_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { Session } = require("pulumi-qoder");
const session = new Session("logs", {
  agent: "agent_019e390add9f",
  environmentId: "env_019e2590d33f",
  title: "Verbose logs",
  repositories: [{ url: "https://github.com/acme/backend", mountPath: "/app/backend", authorizationToken: pulumi.secret(process.env.VL_GH_TOKEN) }],
});
exports.sessionId = session.sessionId;
`;

/** The bare engine: a trivial dynamic resource and a stack output holding the same secret, nothing of ours. */
const BARE_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const noop = {
  async create(inputs) { return { id: "noop", outs: inputs }; },
  async update(id, olds, news) { return { outs: news }; },
};
new pulumi.dynamic.Resource(noop, "noop", { token: pulumi.secret(process.env.VL_GH_TOKEN) }, {});
exports.token = pulumi.secret(process.env.VL_GH_TOKEN);
`;

const { newEmulator, track } = perTestResources(QODER_TOKEN, []);

async function stackOf(program: string, emulator: RunningEmulator): Promise<EngineStack> {
  const env = { VL_GH_TOKEN: TOKENS[0] };
  return track(await programStack({ project: "vlogs", program, qoderToken: QODER_TOKEN, apiUrl: emulator.url, env }));
}

/** One line the CLI printed that holds a secret, by where it comes from. */
interface Hit {
  /** The log message's template: its text up to the first property value, with addresses and names stripped. */
  site: string;
  /** How many times the line holds the secret. */
  count: number;
  /** Whether every occurrence follows the engine's secret marker within the same RPC dump. */
  marked: boolean;
}

/** Every line of `printed` holding any form of `secret`, by site. */
function hitsOf(printed: string, secret: string): Hit[] {
  return printed
    .split("\n")
    .flatMap((line) => {
      const form = secretForms(secret).find((f) => line.includes(f));
      if (form === undefined) return [];
      const parts = line.split(form);
      const msg = line.replace(/^.*?"msg":"/, "").replace("eventSink::Debug(<{%reset%}>", "");
      const site = msg
        .replace(/(RegisterResource RPC finished).*/, "$1")
        .replace(/(arshaling property for RPC\[[A-Za-z]+)(\[0x[0-9a-f]+\])?\.(\w+)\(.*?\)(\.\w+)?\].*/, "$1.$3$4")
        .slice(0, 80);
      const marked = parts.slice(0, -1).every((before) => before.slice(-400).includes(SECRET_SIG));
      return [{ site, count: parts.length - 1, marked }];
    })
    .filter((hit, i, all) => all.findIndex((h) => JSON.stringify(h) === JSON.stringify(hit)) === i);
}

/** Runs `up` at `-v=verbosity` with `token` as the environment's secret; returns what that run printed. */
async function verboseUp(engine: EngineStack, verbosity: number, token: string): Promise<string> {
  (engine.stack.workspace as unknown as { envVars: Record<string, string> }).envVars.VL_GH_TOKEN = token;
  const from = engine.output.length;
  await engine.stack.up({ logToStdErr: true, logVerbosity: verbosity });
  return engine.output.slice(from).join("\n");
}

/** The engine dumps that print resource properties at -v=9 (and only those may hold a token). */
const ENGINE_DUMPS = /^(Marshaling property for RPC|Unmarshaling property for RPC|RegisterResource RPC finished)/;

test("verbose engine logs: our provider prints no token beyond what the engine alone prints at -v=3, -v=5 and -v=9", async () => {
  const emulator = await newEmulator();
  const ours = await stackOf(SESSION_PROGRAM, emulator);
  const bare = await stackOf(BARE_PROGRAM, emulator);
  // Create at -v=3, rotate in place at -v=5, rotate again at -v=9: each run with the token it sets.
  const runs = [3, 5, 9].map((verbosity, i) => ({ verbosity, token: TOKENS[i] }));
  const printed: Record<string, { ours: string; bare: string }> = {};
  for (const { verbosity, token } of runs) {
    printed[verbosity] = { ours: await verboseUp(ours, verbosity, token), bare: await verboseUp(bare, verbosity, token) };
  }
  // The rotations reached the API: these are real creates and updates, not no-ops.
  expect(emulator.requests.filter((r) => r.method !== "GET").length).toBeGreaterThan(1);

  for (const { verbosity, token } of runs.filter((run) => run.verbosity < 9)) {
    const { ours: oursPrinted, bare: barePrinted } = printed[verbosity];
    const oursHits = hitsOf(oursPrinted, token);
    const bareHits = hitsOf(barePrinted, token);
    // The engine alone prints the secret: its `RegisterResource RPC finished` line dumps the
    // resource's outputs, secrets included (behind the secret marker), once.
    expect(bareHits).toEqual([{ site: "RegisterResource RPC finished", count: 1, marked: true }]);
    // Ours prints it in that same line, as often, and behind the marker too: no output of the
    // provider carries it unmarked (a second, unmarked copy would show up as count 2 or marked false).
    expect(oursHits).toEqual(bareHits);
    // Neither prints the config secret nor an earlier token at these levels.
    for (const other of [QODER_TOKEN, ...TOKENS.filter((t) => t !== token)]) {
      expect({ verbosity, other, ours: hitsOf(oursPrinted, other), bare: hitsOf(barePrinted, other) }).toEqual({
        verbosity,
        other,
        ours: [],
        bare: [],
      });
    }
  }

  // At -v=9 the engine alone prints the token and the `qoder:token` config secret in plaintext
  // (its property dumps print a secret's element unmarked) ...
  const v9 = printed[9];
  expect(hitsOf(v9.bare, TOKENS[2]).length).toBeGreaterThan(0);
  expect(hitsOf(v9.bare, QODER_TOKEN).map((hit) => hit.site)).toContain("Marshaling property for RPC[Provider.Configure.inputs");
  // ... and with ours every line that holds a secret is one of those engine dumps, never a
  // message or error of the provider.
  const oursSites = [TOKENS[2], TOKENS[1], QODER_TOKEN].flatMap((secret) => hitsOf(v9.ours, secret).map((hit) => hit.site));
  expect(oursSites.length).toBeGreaterThan(0);
  expect(oursSites.filter((site) => !ENGINE_DUMPS.test(site))).toEqual([]);
}, 180_000);
