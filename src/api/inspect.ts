import { componentTypeJson, type JsonComponentType } from '../types/json.js';
import type { ComponentType } from '../types/model.js';
import { printWorld } from '../wit/print-world.js';
import { loadComponentFile } from '../io/read-input.js';

export interface InspectResult {
  file: string;
  /** The component's type in the model. */
  type: ComponentType;
  /**
   * Its world as WIT text, as `wasm-tools component wit` prints it. Computed when first read, and throws (WC2003)
   * for a component WIT cannot represent (e.g. one that exports a type), which `json` still describes.
   */
  readonly wit: string;
  /** Its imports and exports as plain data. */
  json: JsonComponentType;
}

/** Decodes a component binary and describes its world. */
export async function inspect(file: string): Promise<InspectResult> {
  // Inspecting embeds nothing: the component layer is validated, not the core modules' code (see LoadOptions).
  const { type } = await loadComponentFile(file, { coreCode: false });
  let wit: string | undefined;
  return {
    file,
    type,
    get wit(): string {
      return (wit ??= printWorld(type));
    },
    json: componentTypeJson(type),
  };
}
