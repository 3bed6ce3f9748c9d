import type { ComponentType } from '../types/model.js';

/** Placeholder until the WIT printer lands. */
export function printWorld(_t: ComponentType): string {
  return 'package root:component;\n\nworld root {\n}\n';
}
