/**
 * Limits applied before any API call, so that input the API might refuse is refused early with a
 * message naming the property. Where the API states no number, the value is a conservative
 * assumption (docs/api-contract.md#identifiers-and-limits).
 */
export const LIMITS = {
  /** Unconfirmed: 1–4096 characters assumed. */
  tokenMaxLength: 4096,
  /** Unconfirmed: a Git password or access token of 1–4096 characters assumed. */
  passwordMaxLength: 4096,
  /** Repository URLs: unconfirmed, at most 2048 characters assumed. MCP server URLs: documented for vault credentials. */
  urlMaxLength: 2048,
  /** Not documented; a generous bound that keeps paths sane. */
  mountPathMaxLength: 1024,
  /** Documented. */
  metadataKeyMaxLength: 64,
  metadataValueMaxLength: 512,
  /** Unconfirmed: at most 16 pairs assumed, one of which holds the provider's create marker. */
  metadataMaxPairs: 15,
  /** Not documented; the ids seen are a prefix and 24 to 32 hex characters. */
  idMaxLength: 128,
  /** Git refuses longer ref names on most file systems. */
  branchMaxLength: 255,
  /** Documented for environments; memory stores and vaults allow 255. */
  nameMaxLength: 255,
  /** Documented for agents: 1–256 characters. */
  agentNameMaxLength: 256,
  /** Documented for agents: at most 20 skills. */
  agentSkillsMax: 20,
} as const;
