import { type RunningEmulator, startEmulator } from "../../emulator";
import { objectsStack } from "../../engine/local-stack";
import { type ApiGateway, startApiGateway } from "./api-gateway";
import { perTestResources } from "./per-test";

// Every hint that names a command names one that works (README "Recovering a stack"). A plain
// `pulumi refresh` runs the provider with the settings the last `pulumi up` recorded, so a token
// fixed in stack config since is not used by it; `pulumi refresh --run-program` and `pulumi up` are.

const REVOKED = "qoder_pat_recovery_revoked_7a2c";
const FIXED = "qoder_pat_recovery_fixed_1e9b";
const { track } = perTestResources(
  REVOKED,
  [REVOKED, FIXED].flatMap((secret) => [secret, Buffer.from(secret).toString("base64")]),
);

let emulator: RunningEmulator | undefined;
let gateway: ApiGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  await emulator?.close();
});

const failure = (operation: Promise<unknown>) =>
  operation.then(
    () => "succeeded",
    (error: Error) => String(error),
  );

test("a revoked token fixed in stack config: the 401 hint names `pulumi refresh --run-program`, which works; a plain refresh does not", async () => {
  emulator = await startEmulator({ tokens: [REVOKED, FIXED] });
  gateway = await startApiGateway(emulator.url);
  const store = { kind: "MemoryStore", name: "notes", args: { name: "team-notes" } };
  const engine = track(await objectsStack({ apiUrl: gateway.url, qoderToken: REVOKED, objects: [store] }));
  await engine.stack.up();

  gateway.revoke(REVOKED);
  const refused = await failure(engine.stack.refresh());
  expect(refused).toContain("401 authentication_error: The token was revoked.");
  expect(refused).toContain(
    "The Qoder token (taken from config qoder:token) is invalid or expired; set a valid one with `pulumi config set --secret qoder:token <token>`, " +
      "then run `pulumi up` or `pulumi refresh --run-program`: a plain `pulumi refresh` or `pulumi destroy` keeps using the token the last `pulumi up` recorded",
  );

  // Fixed in stack config: a plain refresh still sends the token the last `up` recorded.
  await engine.stack.setConfig("qoder:token", { value: FIXED, secret: true });
  const plain = await failure(engine.stack.refresh());
  expect(plain).toContain("401 authentication_error: The token was revoked.");
  expect(plain).toContain("then run `pulumi up` or `pulumi refresh --run-program`");

  // The command the hint names works, and records the settings it ran with: plain refresh works after it.
  expect(await failure(engine.stack.refresh({ runProgram: true }))).toBe("succeeded");
  expect(await failure(engine.stack.refresh())).toBe("succeeded");
  expect(emulator.memoryStores().map((held) => held.archived_at)).toEqual([null]);
  const { deployment } = await engine.exportState();
  expect(deployment.resources.filter((resource) => resource.type === "pulumi-nodejs:dynamic/qoder:MemoryStore")).toHaveLength(1);
});
