/**
 * A component as WebAssembly text, printed by jco's printer (wasm-tools `print`, compiled to WebAssembly): what
 * `wcompose plug -t` and `wcompose build -t` show, as `wac … -t` does. jco is loaded on first use only.
 */
export async function printWat(bytes: Uint8Array): Promise<string> {
  const { print } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const text = await print(bytes);
  return text.endsWith('\n') ? text : `${text}\n`;
}
