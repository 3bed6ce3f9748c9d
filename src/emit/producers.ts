import { ByteWriter } from '../binary/byte-writer.js';

/** The payload of a `producers` custom section (tool-conventions' format) naming one tool under `processed-by`. */
export function producersSection(tool: string, version: string): Uint8Array {
  const w = new ByteWriter(64);
  w.u32(1).name('processed-by').u32(1).name(tool).name(version);
  return w.finish();
}
