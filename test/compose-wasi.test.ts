/**
 * Issue #4, "must show" 4: components importing WASI 0.2.x at different patch versions. wasi-banner (WAT) imports
 * wasi:io/error, wasi:io/streams and wasi:cli/stdout at 0.2.3 (stdout's `output-stream` and streams' `error` are
 * `use`d resources) and wraps a wasi:cli/run@0.2.3 command; the cli fixture (componentize-js) is such a command and
 * imports WASI at 0.2.12. Composed, each interface is imported once, at 0.2.12, with the resources unified and the
 * functions either version's user imports, and the command runs on preview2-shim, printing from both components.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { decodeComponent } from '../src/types/decode.js';
import type { Extern } from '../src/types/model.js';
import { runCli } from './support/cli.js';
import { digest, tempProject, type Project } from './support/compose.js';
import { buildComposeWat } from './support/fixtures.js';
import { runCommand, validateComponent } from './support/jco.js';

const EXPECTED_STDOUT = 'banner from wasi 0.2.3\nhello from wcompose cli fixture\n';

function project(): Promise<Project> {
  return tempProject({ banner: { wat: 'wasi-banner' }, cli: { js: 'cli' } });
}

function count(names: Iterable<string>, prefix: string): string[] {
  return [...names].filter((n) => n.startsWith(`${prefix}@`));
}

/** The resource an imported interface exports under `name`. */
function resource(imports: Map<string, Extern>, iface: string, name: string): unknown {
  const i = imports.get(iface);
  if (i?.kind !== 'instance') throw new Error(`no instance import ${iface}`);
  const t = i.type.exports.get(name);
  if (t?.kind !== 'type') throw new Error(`${iface} exports no type ${name}`);
  return t.type;
}

describe('WASI 0.2.3 and 0.2.12 in one composition', () => {
  it('the banner imports WASI at 0.2.3', async () => {
    const type = decodeComponent(await buildComposeWat('wasi-banner'));
    expect([...type.imports.keys()]).toEqual([
      'wasi:io/error@0.2.3',
      'wasi:io/streams@0.2.3',
      'wasi:cli/stdout@0.2.3',
      'wasi:cli/run@0.2.3',
    ]);
  });

  it('merges each interface into one 0.2.12 import, unifies the resources, and runs', async () => {
    const p = await project();
    await p.writeConfig({ components: ['banner.wasm', 'cli.wasm'] });
    const { plan } = await build({ cwd: p.dir });
    expect(plan.instances.map((i) => i.name)).toEqual(['cli', 'banner']);
    const streams = plan.imports.find((i) => i.name.startsWith('wasi:io/streams@'))!;
    expect(streams.users).toEqual([
      { instance: 'cli', name: 'wasi:io/streams@0.2.12' },
      { instance: 'banner', name: 'wasi:io/streams@0.2.3' },
    ]);
    const banner = plan.instances[1]!;
    expect(banner.args.map((a) => `${a.name} ← ${a.source.kind === 'import' ? a.source.name : a.source.kind}`)).toEqual([
      'wasi:io/error@0.2.3 ← wasi:io/error@0.2.12',
      'wasi:io/streams@0.2.3 ← wasi:io/streams@0.2.12',
      'wasi:cli/stdout@0.2.3 ← wasi:cli/stdout@0.2.12',
      'wasi:cli/run@0.2.3 ← export',
    ]);

    const bytes = await p.read('composed.wasm');
    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    const names = [...type.imports.keys()];
    expect(count(names, 'wasi:io/streams')).toEqual(['wasi:io/streams@0.2.12']);
    expect(count(names, 'wasi:cli/stdout')).toEqual(['wasi:cli/stdout@0.2.12']);
    expect(count(names, 'wasi:io/error')).toEqual(['wasi:io/error@0.2.12']);
    expect(names.filter((n) => n.endsWith('@0.2.3'))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    // The `use`d resources are the imported interfaces' own: stdout's output-stream is streams', streams' error is error's.
    expect(resource(type.imports, 'wasi:cli/stdout@0.2.12', 'output-stream')).toBe(resource(type.imports, 'wasi:io/streams@0.2.12', 'output-stream'));
    expect(resource(type.imports, 'wasi:io/streams@0.2.12', 'error')).toBe(resource(type.imports, 'wasi:io/error@0.2.12', 'error'));
    expect([...type.exports.keys()]).toEqual(['wasi:cli/run@0.2.3']);
    // The merged streams import offers what each version's user imports: check-write only the 0.2.12 user does,
    // blocking-write-zeroes-and-flush only the 0.2.3 one (its stream-error is the merged interface's named type).
    const streamsType = type.imports.get('wasi:io/streams@0.2.12');
    const streamsExports = streamsType?.kind === 'instance' ? streamsType.type.exports : new Map<string, Extern>();
    expect([...streamsExports.keys()]).toEqual(
      expect.arrayContaining(['[method]output-stream.check-write', '[method]output-stream.blocking-write-and-flush', '[method]output-stream.blocking-write-zeroes-and-flush']),
    );
    const zeroes = streamsExports.get('[method]output-stream.blocking-write-zeroes-and-flush');
    const streamError = streamsExports.get('stream-error');
    const zeroesResult = zeroes?.kind === 'func' ? zeroes.type.result : undefined;
    expect(typeof zeroesResult === 'object' && zeroesResult.kind === 'result' ? zeroesResult.err : undefined).toBe(
      streamError?.kind === 'type' ? streamError.type : null,
    );

    const run = await runCommand(bytes, 'wasi-mixed');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(EXPECTED_STDOUT);
    expect(run.code).toBe(0);
  });

  it('`wcompose plug banner.wasm --plug cli.wasm` gives the same component', async () => {
    const p = await project();
    await p.writeConfig({ components: ['banner.wasm', 'cli.wasm'] });
    await build({ cwd: p.dir });
    const cli = await runCli(['plug', 'banner.wasm', '--plug', 'cli.wasm', '-o', 'plugged.wasm'], { cwd: p.dir });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(digest(await p.read('plugged.wasm'))).toBe(digest(await p.read('composed.wasm')));
  });
});
