import type { QoderClientOptions } from "../api/client";
import { DEFAULT_API_URL } from "../api/endpoint";
import { QoderConfigError, type TokenSource } from "../errors";

/** Settings of a provider; anything left out comes from stack config or the environment. */
export interface ProviderOptions {
  /** Base URL of the API, e.g. `https://api.qoder.com/api/v1/cloud`. */
  apiUrl?: string;
  /** Qoder personal or service access token. */
  token?: string;
  /** Retries after a transient failure: a connection error, 408 or 5xx (default 4). */
  maxRetries?: number;
  /**
   * Time within which a rate-limited request (429, or 503 with Retry-After) is retried, however
   * often, in milliseconds (default 300000, 5 minutes).
   */
  rateLimitBudgetMs?: number;
  /** Time allowed for each attempt, in milliseconds (default 30000). */
  requestTimeoutMs?: number;
}

/** Reads a configuration value by its fully qualified key, as `configure` receives it. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function apiUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a URL";
  }
  const loopback = LOOPBACK.has(url.hostname) || url.hostname.startsWith("127.");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    return "must use https (plain http is accepted only for a loopback address such as a local emulator)";
  }
  if (url.username || url.password) return "must not embed credentials";
  if (url.search || url.hash) return "must not have a query or fragment";
  return undefined;
}

function wholeNumber(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new QoderConfigError(`${name} must be a whole number ≥ ${min}, got "${value}"`);
  }
  return number;
}

/** `qoder:rateLimitBudget`, given in whole seconds, in milliseconds. */
function budgetFromConfig(value: string | undefined): number | undefined {
  const seconds = wholeNumber(value, "config qoder:rateLimitBudget (seconds)", 0);
  return seconds === undefined ? undefined : seconds * 1000;
}

/**
 * Resolves the client settings: explicit options first, then stack config (`qoder:token`,
 * `qoder:apiUrl`, `qoder:maxRetries`, `qoder:rateLimitBudget` in seconds, `qoder:requestTimeout`), then the environment
 * (`QODER_ACCESS_TOKEN`, then `QODER_PAT`; `QODER_API_URL`).
 */
export function resolveClientOptions(
  options: ProviderOptions,
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): QoderClientOptions {
  const candidates: [TokenSource, string | undefined][] = [
    ["provider options", options.token],
    ["config qoder:token", config?.get("qoder:token")],
    ["QODER_ACCESS_TOKEN", env.QODER_ACCESS_TOKEN],
    ["QODER_PAT", env.QODER_PAT],
  ];
  const found = candidates.find(([, value]) => value !== undefined && value !== "");
  if (!found) {
    throw new QoderConfigError(
      "No Qoder token is set: run `pulumi config set --secret qoder:token <token>`, or set QODER_ACCESS_TOKEN in the environment; then run `pulumi up` or `pulumi refresh --run-program` (a plain `pulumi refresh` keeps the settings of the last `pulumi up`)",
    );
  }
  const [tokenSource, token] = found as [TokenSource, string];
  if (/\s/.test(token)) throw new QoderConfigError(`The Qoder token from ${tokenSource} contains whitespace; check for a trailing newline`);

  const urlCandidates: [string, string | undefined][] = [
    ["provider option apiUrl", options.apiUrl],
    ["config qoder:apiUrl", config?.get("qoder:apiUrl")],
    ["QODER_API_URL", env.QODER_API_URL],
  ];
  const [urlSource, apiUrl] = (urlCandidates.find(([, value]) => value !== undefined && value !== "") ?? ["default", DEFAULT_API_URL]) as [
    string,
    string,
  ];
  const problem = apiUrlProblem(apiUrl);
  if (problem) throw new QoderConfigError(`The Qoder API URL from ${urlSource} ${problem}: "${apiUrl}"`);

  const maxRetries = options.maxRetries ?? wholeNumber(config?.get("qoder:maxRetries"), "config qoder:maxRetries", 0);
  const requestTimeoutMs =
    options.requestTimeoutMs ?? wholeNumber(config?.get("qoder:requestTimeout"), "config qoder:requestTimeout (milliseconds)", 1);
  const rateLimitBudgetMs = options.rateLimitBudgetMs ?? budgetFromConfig(config?.get("qoder:rateLimitBudget"));
  if (rateLimitBudgetMs !== undefined && !(rateLimitBudgetMs >= 0 && Number.isFinite(rateLimitBudgetMs))) {
    throw new QoderConfigError(`The provider option rateLimitBudgetMs must be a number of milliseconds ≥ 0, got ${rateLimitBudgetMs}`);
  }
  const retry = { ...(maxRetries !== undefined && { maxRetries }), ...(rateLimitBudgetMs !== undefined && { rateLimitBudgetMs }) };
  return {
    apiUrl,
    token,
    tokenSource,
    ...(requestTimeoutMs !== undefined && { requestTimeoutMs }),
    ...(Object.keys(retry).length > 0 && { retry }),
  };
}
