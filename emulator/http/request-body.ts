import type { IncomingMessage } from "node:http";

/** Largest accepted body (docs/api-contract.md#identifiers-and-limits; the China region's API allows 4 MB). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A request body as received and as parsed. */
export interface RequestBody {
  text: string;
  tooLarge: boolean;
  /** `ok: false` for malformed JSON; an empty body parses to `undefined`. */
  json: { ok: boolean; value: unknown };
}

/** Reads the whole body; past the size limit the rest is drained and dropped. */
export async function readRequestBody(request: IncomingMessage): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  const tooLarge = size > MAX_BODY_BYTES;
  const text = tooLarge ? "" : Buffer.concat(chunks).toString("utf8");
  return { text, tooLarge, json: parseJson(text) };
}

function parseJson(text: string): RequestBody["json"] {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, value: undefined };
  }
}
