/** Replaces every occurrence of each secret in `text` (and its URL-encoded form) with `[secret]`. */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("[secret]");
  }
  return out;
}
