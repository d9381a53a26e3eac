import { type RecordedRequest, type RunningEmulator, startEmulator } from "../../emulator";
import type { EngineStack } from "../../engine/local-stack";

/**
 * What a test opens, closed after it: emulators and stacks. After each test, nothing the CLI
 * printed for its stacks may hold any of `secretForms`, whatever the test itself checks.
 */
export function perTestResources(qoderToken: string, secretForms: readonly string[]) {
  const opened: (() => Promise<void>)[] = [];
  const stacks: EngineStack[] = [];
  afterEach(async () => {
    try {
      const printed = stacks
        .splice(0)
        .flatMap((engine) => engine.output)
        .join("\n");
      for (const form of secretForms) expect({ form, printed: printed.includes(form) }).toEqual({ form, printed: false });
    } finally {
      for (const close of opened.splice(0).reverse()) await close();
    }
  });
  return {
    /** An emulator accepting the Qoder token, closed after the test. */
    async newEmulator(): Promise<RunningEmulator> {
      const emulator = await startEmulator({ tokens: [qoderToken] });
      opened.push(() => emulator.close());
      return emulator;
    },
    /** Registers a stack: its output is scanned and it is disposed after the test. */
    track(engine: EngineStack): EngineStack {
      stacks.push(engine);
      opened.push(() => engine.dispose());
      return engine;
    },
  };
}

/**
 * The one read a configured provider process sends to check its token and API URL before its
 * first valid check (`GET /sessions?limit=1`): a preview's only request.
 */
const isCredentialsCheck = (request: RecordedRequest) =>
  request.method === "GET" && request.path === "/sessions" && request.query.limit === "1";

/** What reached the emulator beyond the credentials check, e.g. nothing during a preview. */
export const apiCalls = (emulator: RunningEmulator) => emulator.requests.filter((request) => !isCredentialsCheck(request));
