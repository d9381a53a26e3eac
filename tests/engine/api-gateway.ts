import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A gateway in front of an emulator: another base URL that serves the very same objects (an API
 * reached under a new address), and where a token can be revoked (the gateway then answers 401
 * with the API's error envelope, docs/api-contract.md#errors, as the API does for a revoked token).
 */
export interface ApiGateway {
  /** The gateway's base URL: its own port, the emulator's path. */
  url: string;
  /** From now on, requests carrying `token` are refused with 401. */
  revoke(token: string): void;
  close(): Promise<void>;
}

/** Starts a gateway on a loopback port forwarding every request to the API at `target`. */
export async function startApiGateway(target: string): Promise<ApiGateway> {
  const upstream = new URL(target);
  const revoked = new Set<string>();
  const server = createServer((incoming, answer) => {
    const token = (incoming.headers.authorization ?? "").replace(/^Bearer /, "");
    if (revoked.has(token)) {
      const body = {
        type: "error",
        request_id: "gateway-revoked",
        error: { type: "authentication_error", message: "The token was revoked." },
      };
      answer.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify(body));
      return;
    }
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    forwarded.on("error", () => answer.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    revoke: (token) => revoked.add(token),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
