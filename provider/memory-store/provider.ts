import { ObjectApi } from "../api/objects";
import { type ObjectWire, objectWire } from "../api/wire";
import { ObjectProvider } from "../dynamic/object-provider";
import { rulesOf } from "../dynamic/properties";
import { type MemoryStoreInputs, memoryStoreProperties, memoryStoreSchema } from "./model";

/** The dynamic provider of `MemoryStore`: `/memory_stores`, every change in place, destroy by `deletionMode`. */
export class MemoryStoreProvider extends ObjectProvider<MemoryStoreInputs, MemoryStoreInputs, ObjectWire> {
  protected readonly what = "Memory store";
  protected readonly schema = memoryStoreSchema;
  protected readonly rules = rulesOf(memoryStoreProperties);

  protected collection(): ObjectApi<ObjectWire> {
    return new ObjectApi(this.api(), "/memory_stores", objectWire);
  }
}
