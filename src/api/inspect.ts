import { componentTypeJson, type JsonComponentType } from '../types/json.js';
import type { ComponentType } from '../types/model.js';
import { printWorld } from '../wit/print-world.js';
import { loadComponentType } from '../io/read-input.js';

export interface InspectResult {
  file: string;
  /** The component's type in the model. */
  type: ComponentType;
  /** Its world as WIT text. */
  wit: string;
  /** Its imports and exports as plain data. */
  json: JsonComponentType;
}

/** Decodes a component binary and describes its world. */
export async function inspect(file: string): Promise<InspectResult> {
  const { type } = await loadComponentType(file);
  return { file, type, wit: printWorld(type), json: componentTypeJson(type) };
}
