/** Applies a metadata merge patch in place: a `null` value deletes the key, any other value sets it. */
export function applyMetadataPatch(metadata: Record<string, string>, patch: Readonly<Record<string, string | null>>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete metadata[key];
    else metadata[key] = value;
  }
}
