import { join } from "node:path";
import { ROOT_PROGRAM } from "../engine/local-stack";

/** Which provider a benchmark stack runs. */
export type VariantName = "provider" | "noop";

/** A benchmark program: its Pulumi project name and compiled entry point. */
export interface Variant {
  name: VariantName;
  /** Project name; also the namespace of the program's config keys. */
  project: string;
  programJs: string;
}

/** (a) the root program with the Session provider; (b) the no-op program, the engine's floor. */
export const VARIANTS: Record<VariantName, Variant> = {
  provider: { name: "provider", project: "qoder-sessions", programJs: ROOT_PROGRAM },
  noop: { name: "noop", project: "qoder-noop", programJs: join(__dirname, "noop", "program.js") },
};
