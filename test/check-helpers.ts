/** Shared by the check tests: WASI WIT folders and small components made from WIT worlds. */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWitWorld } from '../src/wit/load.js';
import { PROJECT_ROOT } from './support/paths.js';

/** WASI 0.2.12's WIT: wasi:cli at the root (worlds `command` and `imports`), the other packages in deps/. */
export const WASI_0_2_12 = join(PROJECT_ROOT, 'wit', 'wasi-0.2.12');

/** The world of an app built against WASI 0.2.3: a few 0.2.3 imports, and the `wasi:cli/run@0.2.3` export. */
export const APP_0_2_3_WORLD = `package demo:app@0.1.0;

world app {
  import wasi:cli/environment@0.2.3;
  import wasi:cli/stdout@0.2.3;
  import wasi:cli/stderr@0.2.3;
  import wasi:clocks/wall-clock@0.2.3;
  import wasi:clocks/monotonic-clock@0.2.3;
  import wasi:filesystem/preopens@0.2.3;
  import wasi:random/random@0.2.3;
  export wasi:cli/run@0.2.3;
}
`;

/** A component that is no command: it exports a plain function and imports an interface of its own. */
export const TOOL_WORLD = `package demo:tool@0.1.0;

interface custom {
  ping: func() -> string;
}

world tool {
  import custom;
  import wasi:cli/stdout@0.2.3;
  export run: func();
}
`;

/**
 * A WIT folder for `world` with the WASI packages in deps/ at another version (default 0.2.3): the 0.2.12 texts,
 * renumbered (the interfaces used here did not change between 0.2.3 and 0.2.12).
 */
export async function witFolder(world: string, into: string, version = '0.2.3'): Promise<string> {
  const dir = join(into, `wit-${Math.random().toString(36).slice(2)}`);
  await mkdir(join(dir, 'deps'), { recursive: true });
  await writeFile(join(dir, 'world.wit'), world);
  const renumber = async (from: string, to: string): Promise<void> => {
    await mkdir(to, { recursive: true });
    for (const f of await readdir(from)) {
      await writeFile(join(to, f), (await readFile(join(from, f), 'utf8')).replaceAll('@0.2.12', `@${version}`));
    }
  };
  for (const pkg of await readdir(join(WASI_0_2_12, 'deps'))) {
    await renumber(join(WASI_0_2_12, 'deps', pkg), join(dir, 'deps', pkg));
  }
  await mkdir(join(dir, 'deps', 'cli'));
  await writeFile(
    join(dir, 'deps', 'cli', 'package.wit'),
    (await readFile(join(WASI_0_2_12, 'package.wit'), 'utf8')).replaceAll('@0.2.12', `@${version}`),
  );
  return dir;
}

/** A real component binary (a dummy one: its functions trap) whose imports and exports are the world's. */
export async function componentForWorld(path: string, world: string): Promise<Uint8Array> {
  return (await loadWitWorld({ path, world })).bytes;
}

export async function tempDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'wcompose-check-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

