import type { IncomingHttpHeaders } from "node:http";
import { ApiError } from "../api-error";

/** The token of a valid `Authorization: Bearer <token>` header; `x-api-key` is never accepted. */
export function authenticate(headers: IncomingHttpHeaders, tokens: ReadonlySet<string>): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
  const token = match?.[1];
  if (token === undefined || !tokens.has(token)) {
    throw new ApiError(401, "authentication_error", "Invalid API key or token.");
  }
  return token;
}
