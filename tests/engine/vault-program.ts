import type { RunningEmulator } from "../../emulator";
import type { EngineStack } from "../../engine/local-stack";
import { programStack } from "./program-stack";

/** The forms a secret could leak in: raw, base64 and URL-encoded. */
export const secretForms = (secret: string) => [secret, Buffer.from(secret).toString("base64"), encodeURIComponent(`${secret}/`)];

/**
 * A program declaring one Vault from stack config (`vaults:vault`): each credential names the
 * secret config key of its token or value in `secretKey`, read with `requireSecret`.
 */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { Vault } = require("pulumi-qoder");
const config = new pulumi.Config();
const { credentials, ...declared } = config.requireObject("vault");
const vault = new Vault("team", {
  ...declared,
  credentials: credentials.map(({ secretKey, ...credential }) => {
    const secret = config.requireSecret(secretKey);
    return credential.type === "environment_variable" ? { ...credential, secretValue: secret } : { ...credential, token: secret };
  }),
});
exports.vaultId = vault.id;
`;

/** What a vault stack is made of: the API, the Qoder token, the vault as declared, and each secret config value by key. */
export interface VaultStackOptions {
  emulator: RunningEmulator;
  qoderToken: string;
  declared: object;
  secrets: Record<string, string>;
}

/** A stack of {@link PROGRAM} against the emulator (not yet tracked for disposal). */
export function vaultProgramStack({ emulator, qoderToken, declared, secrets }: VaultStackOptions): Promise<EngineStack> {
  const config = {
    "vaults:vault": { value: JSON.stringify(declared) },
    ...Object.fromEntries(Object.entries(secrets).map(([key, value]) => [`vaults:${key}`, { value, secret: true }])),
  };
  return programStack({ project: "vaults", program: PROGRAM, qoderToken, apiUrl: emulator.url, config });
}
