// Runs the composed example (out/example.wasm) in Node through jco, and prints what it does.
import { readFile, mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { transpileBytes } from '@bytecodealliance/jco-transpile';

const file = process.argv[2] ?? 'out/example.wasm';
const bytes = await readFile(file);
const { files } = await transpileBytes(bytes, { name: 'example' });
const dir = await mkdtemp(join(tmpdir(), 'wcompose-example-'));
for (const [name, data] of Object.entries(files)) {
  await mkdir(dirname(join(dir, name)), { recursive: true });
  await writeFile(join(dir, name), data);
}
const mod = await import(pathToFileURL(join(dir, 'example.js')).href);
const app = mod['demo:math/app@0.1.0'] ?? mod.app;
console.log(`${file}: demo:math/app.double(21) = ${app.double(21)}`);
