/**
 * Limits applied before any API call. Where the contract gives no number, the value follows the
 * closest documented analogue (noted per constant) so that input the API might refuse is refused
 * early, with a message that names the property.
 */
export const LIMITS = {
  /** Analogue (Anthropic, Zhipu): 1–4096 characters; unconfirmed for Qoder. */
  tokenMaxLength: 4096,
  /** Analogue (Zhipu): at most 2048 characters; unconfirmed for Qoder. */
  urlMaxLength: 2048,
  /** Not documented; a generous bound that keeps paths sane. */
  mountPathMaxLength: 1024,
  /** Documented on the session search page. */
  metadataKeyMaxLength: 64,
  metadataValueMaxLength: 512,
  /** Analogue (Anthropic): at most 16 pairs; unconfirmed for Qoder. */
  metadataMaxPairs: 16,
  /** Not documented; ids seen are prefix + 24 to 32 hex characters. */
  idMaxLength: 128,
  /** Git refuses longer ref names on most file systems. */
  branchMaxLength: 255,
} as const;
