import { runLifecycle } from "./scenario";
import { VARIANTS } from "./variants";

async function main() {
  const n = Number(process.argv[2] ?? 10);
  for (const v of [VARIANTS.noop, VARIANTS.provider]) {
    const r = await runLifecycle(v, n, 0, 1, { sampleMs: 50, transport: (process.argv[3] as any) ?? "auto", measureState: true });
    console.log(JSON.stringify(r, null, 1));
  }
}
main();
