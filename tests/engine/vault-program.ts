import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningEmulator } from "../../emulator";
import { createEngineStack, type EngineStack } from "../../engine/local-stack";

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

/** A stack of {@link PROGRAM} against the emulator, with one retry (not yet tracked for disposal). */
export async function vaultProgramStack({ emulator, qoderToken, declared, secrets }: VaultStackOptions): Promise<EngineStack> {
  // The project is copied next to the repository's node_modules, where `pulumi-qoder` resolves.
  const projectDir = mkdtempSync(join(tmpdir(), "vault-project-"));
  writeFileSync(join(projectDir, "Pulumi.yaml"), "name: vaults\nruntime: nodejs\nmain: index.js\n");
  writeFileSync(join(projectDir, "index.js"), PROGRAM);
  try {
    return await createEngineStack({
      source: { projectDir },
      config: {
        "qoder:token": { value: qoderToken, secret: true },
        "qoder:apiUrl": { value: emulator.url },
        "qoder:maxRetries": { value: "1" },
        "vaults:vault": { value: JSON.stringify(declared) },
        ...Object.fromEntries(Object.entries(secrets).map(([key, value]) => [`vaults:${key}`, { value, secret: true }])),
      },
    });
  } finally {
    rmSync(projectDir, { recursive: true, force: true });
  }
}
