import { parseArgs } from "node:util";
import { FAULT_KINDS, type FaultKind, type FaultRule } from "./faults/fault-rule";
import type { EmulatorOptions } from "./options";

/** Usage text of the standalone command. */
export const USAGE = `Usage: node dist/emulator/cli.js [options]

  --port <n>            TCP port (default 0: a free port)
  --host <address>      Interface (default 127.0.0.1)
  --token <token>       Accepted bearer token; repeatable
                        (default: $QODER_ACCESS_TOKEN, else "test-token")
  --latency-ms <n>      Delay added to every request
  --fault <spec>        kind:probability[:route], repeatable, e.g.
                          --fault 503:0.2  --fault "429-retry-after:1:POST /sessions"
                          --fault latency=250:0.5:GET /sessions/*
                        kinds: ${FAULT_KINDS.join(", ")}
  --seed <n>            Seed for probabilistic faults (default 1)
  --help                Show this text`;

/** The standalone command's options, or `"help"` when usage was asked for. */
export function parseCliArguments(argv: string[], env: NodeJS.ProcessEnv): EmulatorOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      token: { type: "string", multiple: true },
      "latency-ms": { type: "string" },
      fault: { type: "string", multiple: true },
      seed: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return "help";
  const defaultToken = env.QODER_ACCESS_TOKEN || "test-token";
  const options: EmulatorOptions = {
    tokens: values.token && values.token.length > 0 ? values.token : [defaultToken],
    faults: (values.fault ?? []).map(parseFaultSpec),
  };
  if (values.port !== undefined) options.port = integerFlag("--port", values.port, 0, 65535);
  if (values.host !== undefined) options.host = values.host;
  if (values["latency-ms"] !== undefined) options.latencyMs = integerFlag("--latency-ms", values["latency-ms"], 0);
  if (values.seed !== undefined) options.seed = integerFlag("--seed", values.seed, 0);
  return options;
}

/** Parses `kind:probability[:route]`; the kind `latency=<ms>` sets the extra delay. */
export function parseFaultSpec(spec: string): FaultRule {
  const [kindPart = "", probabilityPart, ...routeParts] = spec.split(":");
  const [kindName = "", delayPart] = kindPart.split("=");
  if (!(FAULT_KINDS as readonly string[]).includes(kindName)) {
    throw new Error(`--fault ${spec}: unknown kind '${kindName}' (expected one of ${FAULT_KINDS.join(", ")}).`);
  }
  if (probabilityPart === undefined) throw new Error(`--fault ${spec}: expected kind:probability[:route].`);
  const probability = Number(probabilityPart);
  if (probabilityPart.trim() === "" || !(probability >= 0 && probability <= 1)) {
    throw new Error(`--fault ${spec}: probability must be a number between 0 and 1.`);
  }
  const rule: FaultRule = { kind: kindName as FaultKind, probability };
  if (routeParts.length > 0) rule.route = routeParts.join(":");
  if (delayPart !== undefined) {
    if (kindName !== "latency") throw new Error(`--fault ${spec}: only 'latency' takes '=<ms>'.`);
    rule.delayMs = integerFlag("--fault latency", delayPart, 0);
  }
  return rule;
}

function integerFlag(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw new Error(`${flag} must be an integer between ${min} and ${max}, got '${raw}'.`);
  return value;
}
