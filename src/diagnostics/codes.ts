/**
 * The one table of diagnostics, in the manner of the TypeScript compiler's: every error or warning wcompose can
 * report has a stable code here, so that documentation, tests and machines (`--json`) can rely on it.
 *
 * Codes are grouped by pipeline phase: 1xxx read (binary), 2xxx types/WIT, 3xxx check, 4xxx config/plan, 5xxx emit,
 * 9xxx usage and I/O.
 */
export const diagnostics = {
  // read: the binary layer
  WC1001: { title: 'unexpected end of input', hint: 'the file is truncated or is not a WebAssembly component' },
  WC1002: { title: 'bad magic number', hint: 'a WebAssembly file starts with \\0asm' },
  WC1003: { title: 'not a component', hint: 'this is a core WebAssembly module; wrap it with `wasm-tools component new` or `jco new`' },
  WC1004: { title: 'unsupported component version', hint: 'the file was written for another draft of the component model binary format' },
  WC1005: { title: 'integer too large', hint: 'a LEB128 number overflows its type; the file is corrupt' },
  WC1006: { title: 'section overruns its container', hint: 'a section size points past the end of the file; the file is truncated or corrupt' },
  WC1007: { title: 'unknown section id', hint: 'the file uses a section wcompose does not know, or is corrupt' },
  WC1008: { title: 'invalid UTF-8 in a name', hint: 'names in components must be valid UTF-8' },
  WC1009: { title: 'unknown opcode', hint: 'the file uses an encoding wcompose does not know, or is corrupt' },
  WC1010: { title: 'trailing bytes in a section', hint: 'a section holds more bytes than its contents use; the file is corrupt' },
  // types: decoding components into the type model
  WC2001: { title: 'index out of range', hint: 'the component refers to a definition that does not exist; validate it with `wasm-tools validate`' },
  WC2002: { title: 'definition of the wrong kind', hint: 'the component refers to a definition of another kind than expected; validate it with `wasm-tools validate`' },
  WC2003: { title: 'unsupported construct', hint: 'wcompose cannot type this part of the component yet' },
  // I/O and usage
  WC9001: { title: 'cannot read file', hint: 'check the path' },
  WC9002: { title: 'cannot write file', hint: 'check that the folder exists and is writable' },
} as const satisfies Record<string, { title: string; hint: string }>;

export type DiagnosticCode = keyof typeof diagnostics;
