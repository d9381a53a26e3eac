import { startEmulator } from "../../emulator";
import { clientFor, createBody, useEmulator } from "./support";

describe("authentication", () => {
  const ctx = useEmulator();

  const expectUnauthorized = (reply: { status: number; body: { error: unknown } }) => {
    expect(reply.status).toBe(401);
    expect(reply.body.error).toEqual({ type: "authentication_error", message: "Invalid API key or token." });
  };

  test("a request without a bearer token is a 401 and creates nothing", async () => {
    expectUnauthorized(await clientFor(ctx.emulator, null).post("/sessions", createBody()));
    expect(ctx.emulator.sessions()).toHaveLength(0);
  });

  test("x-api-key is not accepted, even with a valid token value", async () => {
    expectUnauthorized(await clientFor(ctx.emulator, null).get("/sessions", { "x-api-key": "test-token" }));
  });

  test("an unknown bearer token is a 401", async () => {
    expectUnauthorized(await clientFor(ctx.emulator, "pt-wrong").get("/sessions"));
  });

  test("authentication is checked before the session id", async () => {
    expectUnauthorized(await clientFor(ctx.emulator, null).get("/sessions/sess_unknown"));
  });

  test("the tokens option replaces the default token", async () => {
    const emulator = await startEmulator({ tokens: ["pt-alpha", "pt-beta"] });
    try {
      expect((await clientFor(emulator, "pt-beta").get("/sessions")).status).toBe(200);
      expectUnauthorized(await clientFor(emulator, "test-token").get("/sessions"));
    } finally {
      await emulator.close();
    }
  });
});
