import type { EngineStack } from "../../engine/local-stack";

/** Sizes in the state a stack exports, for resources of one type. */
export interface StateSize {
  /** Resources of the measured type. */
  resources: number;
  /** Bytes of the serialized provider (`__provider`) of one resource, the largest seen. */
  providerBytes: number;
  /** Bytes of one resource's entry in the export (inputs, outputs and all), on average. */
  bytesPerResource: number;
  /** Bytes of the whole export divided by the resource count. */
  exportBytesPerResource: number;
  exportBytes: number;
}

type Exported = Awaited<ReturnType<EngineStack["exportState"]>>;

/** Measures the export of `pulumi stack export` (secrets stay encrypted) for resources whose type ends in `typeSuffix`. */
export function stateSize(exported: Exported, typeSuffix: string): StateSize {
  const resources = exported.deployment.resources.filter((resource) => resource.type.endsWith(typeSuffix));
  const providerBytes = Math.max(
    0,
    ...resources.map((resource) => {
      const provider = resource.inputs?.__provider ?? resource.outputs?.__provider;
      return typeof provider === "string" ? Buffer.byteLength(provider) : 0;
    }),
  );
  const entryBytes = resources.reduce((sum, resource) => sum + Buffer.byteLength(JSON.stringify(resource)), 0);
  const exportBytes = Buffer.byteLength(JSON.stringify(exported));
  const count = Math.max(1, resources.length);
  return {
    resources: resources.length,
    providerBytes,
    bytesPerResource: Math.round(entryBytes / count),
    exportBytesPerResource: Math.round(exportBytes / count),
    exportBytes,
  };
}
