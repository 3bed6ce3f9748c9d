/** A component as WAT text, through the wasm-tools printer jco ships (loaded only when text output is asked for). */
export async function printWat(bytes: Uint8Array): Promise<string> {
  const { print } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  return print(bytes);
}
