import { SessionProvider } from "./provider";

let shared: SessionProvider | undefined;

/**
 * The provider instance of this process. The serialized shim in state calls this, so every
 * Session resource served by one provider process shares one client and one connection pool.
 */
export function sharedProvider(): SessionProvider {
  shared ??= new SessionProvider();
  return shared;
}
