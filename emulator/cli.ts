#!/usr/bin/env node
/**
 * Standalone Qoder Cloud API emulator: `npm run emulator -- --port 8080 --fault 503:0.1`.
 * Prints the base URL on the first line of stdout and runs until SIGINT or SIGTERM.
 */
import { parseCliArguments, USAGE } from "./cli-arguments";
import { startEmulator } from "./start-emulator";

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArguments>;
  try {
    options = parseCliArguments(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  console.log(emulator.url);
  const stop = (signal: NodeJS.Signals) => {
    console.error(`Qoder emulator: ${signal} received, stopping.`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error("Qoder emulator failed to start:", error);
  process.exit(1);
});
