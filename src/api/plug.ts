import { resolve, basename, extname } from 'node:path';
import { WcomposeError } from '../diagnostics/error.js';
import { writeFileAtomic } from '../emit/write-atomic.js';
import type { ComponentInput, InstanceSpec } from '../graph/model.js';
import { loadComponentFile } from '../io/read-input.js';
import { composeChunks } from './compose.js';
import type { BuildResult } from './build.js';

export interface PlugOptions {
  socket: string;
  plugs: string[];
  output: string;
  cwd?: string | undefined;
}

/**
 * Quick mode, as `wac plug`: the socket's imports are filled from the plugs' exports (plugs may also fill each
 * other's imports); the socket's exports are the result's exports; what nobody fills stays an import.
 */
export async function plug(options: PlugOptions): Promise<Omit<BuildResult, 'configFile' | 'artifacts'>> {
  const cwd = options.cwd ?? process.cwd();
  const files = [options.socket, ...options.plugs].map((f) => resolve(cwd, f));
  const names = new Set<string>();
  const components: ComponentInput[] = [];
  for (const [i, file] of files.entries()) {
    // Named after the file, made unique: the names only show in messages.
    const stem = i === 0 ? 'socket' : basename(file, extname(file));
    let name = stem;
    for (let n = 2; names.has(name); n++) name = `${stem}-${n}`;
    names.add(name);
    components.push({ name, file, ...(await loadComponentFile(file)) });
  }
  const socket = components[0]!;
  if (socket.type.exports.size === 0) {
    throw new WcomposeError('WC4011', 'the socket component exports nothing', { file: socket.file });
  }
  const instances: InstanceSpec[] = components.map((c) => ({ name: c.name, component: c.name, with: {} }));
  const { plan, chunks, size } = composeChunks({ components, instances, exports: [{ instance: socket.name }] });
  const output = resolve(cwd, options.output);
  await writeFileAtomic(output, chunks);
  return { output, size, plan };
}
