import { NoopSessionProvider } from "./provider";

let shared: NoopSessionProvider | undefined;

/** The no-op provider instance of this process, which the serialized shim calls. */
export function sharedNoopProvider(): NoopSessionProvider {
  shared ??= new NoopSessionProvider();
  return shared;
}
