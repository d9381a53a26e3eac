import { createHash } from "node:crypto";
import { z } from "zod";
import { QoderApiError, QoderConfigError, QoderError, QoderNetworkError, QoderProtocolError } from "../errors";
import type { QoderClient, QoderClientOptions } from "./client";

/** The request that proves a token and URL work: the smallest page of the Session list (docs/api-contract.md#sessions). */
const CREDENTIAL_CHECK_PATH = "/sessions?limit=1";

/** Any page of a list endpoint: only its shape is checked, so a change in the Session model cannot fail it. */
const anyPage = z.object({ data: z.array(z.unknown()) });

/** Checks made in this process, by API URL and a digest of the token (the token itself is not kept). */
const checks = new Map<string, Promise<void>>();

/**
 * Checks the token and API URL of `settings` once per process: the first caller sends one
 * authenticated read, later callers with the same URL and token share its outcome, a failure
 * included. `client` is asked for only when a request is needed.
 */
export function checkCredentialsOnce(settings: QoderClientOptions, client: () => QoderClient): Promise<void> {
  const key = `${settings.apiUrl}\n${createHash("sha256").update(settings.token).digest("hex")}`;
  let check = checks.get(key);
  if (!check) {
    check = checkCredentials(client(), settings);
    checks.set(key, check);
  }
  return check;
}

/**
 * Sends one cheap authenticated read and turns a failure into a message that names the setting to
 * fix: the token's for a 401 or 403, `qoder:apiUrl` for a 404 or an answer that is not the API's,
 * the URL for a network failure. No message holds the token (client errors are scrubbed of it).
 */
export async function checkCredentials(client: QoderClient, settings: QoderClientOptions): Promise<void> {
  try {
    await client.call({ method: "GET", path: CREDENTIAL_CHECK_PATH }, anyPage);
  } catch (error) {
    throw explain(error as Error, settings);
  }
}

function explain(error: Error, { apiUrl, tokenSource }: QoderClientOptions): Error {
  const lead = `The Qoder credentials check (GET ${apiUrl}/sessions) failed`;
  const fixUrl =
    "Check qoder:apiUrl (or QODER_API_URL, or the provider option apiUrl): the Qoder API lives under /api/v1/cloud, e.g. https://api.qoder.com/api/v1/cloud";
  if (error instanceof QoderApiError) {
    const answer = `${error.status} ${error.errorType}: ${error.apiMessage}${error.requestId ? ` (request_id ${error.requestId})` : ""}`;
    const token = `the Qoder token taken from ${tokenSource ?? "the provider settings"}`;
    const setToken =
      "`pulumi config set --secret qoder:token <token>` or the QODER_ACCESS_TOKEN environment variable, then run the command again (`pulumi refresh --run-program` rather than a plain `pulumi refresh`, which keeps the settings of the last `pulumi up`)";
    if (error.status === 401) {
      return new QoderConfigError(`${lead}: ${apiUrl} refused ${token} (${answer}). Set a valid token with ${setToken}`, error);
    }
    if (error.status === 403) {
      return new QoderConfigError(
        `${lead}: ${apiUrl} does not allow ${token} to list Sessions (${answer}). Check the token's scope in the Qoder console, or set another with ${setToken}`,
        error,
      );
    }
    if (error.status === 404 || error.errorType === "unknown_error") {
      return new QoderConfigError(`${lead}: ${apiUrl} did not answer as the Qoder API (${answer}). ${fixUrl}`, error);
    }
    return new QoderError(`${lead}: ${error.message}`, error);
  }
  if (error instanceof QoderProtocolError) {
    return new QoderConfigError(`${lead}: ${apiUrl} did not answer as the Qoder API (${error.message}). ${fixUrl}`, error);
  }
  if (error instanceof QoderNetworkError) {
    return new QoderError(`${lead}: could not reach ${apiUrl} (${error.message}). Check the network, and qoder:apiUrl (or QODER_API_URL)`);
  }
  return error;
}
