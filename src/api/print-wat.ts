import { importJco } from '../io/optional-package.js';

/**
 * A component as WebAssembly text, printed by jco's printer (wasm-tools `print`, compiled to WebAssembly): what
 * `wcompose plug -t` and `wcompose build -t` show, as `wac … -t` does. jco is loaded on first use only.
 */
export async function printWat(bytes: Uint8Array): Promise<string> {
  const { print } = await importJco(() => import('@bytecodealliance/jco-transpile/wasm-tools'), 'WAT outputs (-t/--wat)');
  const text = await print(bytes);
  return text.endsWith('\n') ? text : `${text}\n`;
}
