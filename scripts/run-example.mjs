// Shows what the composed example is, then runs it in Node through jco and its WASI shim.
//
//   app.wat on its own targets a world of its own (it imports demo:log/logger); composed with a logger built on
//   wasi:cli/stdout, it targets wasi:cli/command: the same app now runs on any WASI 0.2 host.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { check, formatFinding, inspect } from '../dist/index.js';

const file = process.argv[2] ?? 'out/example.wasm';
const world = { wit: 'wit/wasi-0.2.12', world: 'command' };
const names = (m) => [...m.keys()].join(', ') || '(nothing)';

for (const component of ['fixtures/example/app.wat', file]) {
  const { type } = await inspect(component);
  const { ok, findings } = await check({ component: type, ...world });
  console.log(`${component}`);
  console.log(`  imports: ${names(type.imports)}`);
  console.log(`  exports: ${names(type.exports)}`);
  console.log(`  targets wasi:cli/command@0.2.12: ${ok ? 'yes' : `no (${findings.map(formatFinding).join('; ')})`}`);
}

console.log(`running ${file} (wasi:cli/run) in Node with jco + preview2-shim:`);
const { files } = await transpileBytes(await readFile(file), { name: 'example' });
// Inside the project, so the bindings' import of @bytecodealliance/preview2-shim resolves.
const dir = join('node_modules', '.cache', 'wcompose-example');
await rm(dir, { recursive: true, force: true });
for (const [name, data] of Object.entries(files)) {
  await mkdir(dirname(join(dir, name)), { recursive: true });
  await writeFile(join(dir, name), data);
}
const { run } = await import(pathToFileURL(resolve(dir, 'example.js')).href);
run.run();
