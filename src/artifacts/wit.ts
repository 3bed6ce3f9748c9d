import { WcomposeError, isWcomposeError } from '../diagnostics/error.js';
import { decodeComponent } from '../types/decode.js';
import { printWorldWithDependencies } from '../wit/print-world.js';

/**
 * The composed component's world as one WIT file: exactly what `printWorld` (and `jco wit`) prints, followed by the
 * foreign packages it uses as nested `package … { … }` blocks, so the file stands alone (wit-parser reads it back).
 */
export function witArtifact(bytes: Uint8Array, output: string): string {
  try {
    return printWorldWithDependencies(decodeComponent(bytes));
  } catch (e) {
    const why = isWcomposeError(e) ? e.message : e instanceof Error ? e.message : String(e);
    throw new WcomposeError('WC5001', why, { file: output, path: ['artifacts.wit'] });
  }
}
