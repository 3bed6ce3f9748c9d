/**
 * The spec requires every resource an export's type uses to be named by an import or an earlier export. wcompose
 * orders the composition's exports that way, and refuses (rather than writing an invalid component) when nothing
 * would name the resource.
 */
import { describe, expect, it } from 'vitest';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { compose } from '../src/api/compose.js';
import type { ComponentInput, ExportSpec } from '../src/graph/model.js';
import { decodeComponent } from '../src/types/decode.js';
import { validateComponent } from './support/jco.js';

/** Defines resource r, exports it in demo:r/types and exports `make: func() -> own<r>` at the top level. */
const maker = `(component
  (type $r (resource (rep i32)))
  (core func $new (canon resource.new $r))
  (core module $m
    (import "" "new" (func $new (param i32) (result i32)))
    (func (export "make") (result i32) i32.const 7 call $new))
  (core instance $i (instantiate $m (with "" (instance (export "new" (func $new))))))
  (instance $types (export "r" (type $r)))
  (export $types-out "demo:r/types@0.1.0" (instance $types))
  (alias export $types-out "r" (type $r-out))
  (type $own (own $r-out))
  (func $make (result $own) (canon lift (core func $i "make")))
  (export "make" (func $make))
)`;

async function composeWith(exports: ExportSpec[]): Promise<Uint8Array> {
  const bytes = await parse(maker);
  const component: ComponentInput = { name: 'maker', file: 'maker.wat', bytes, type: decodeComponent(bytes) };
  return compose({ components: [component], instances: [{ name: 'maker', component: 'maker', with: {} }], exports }).bytes;
}

describe('exports that use resources', () => {
  it('come after the export that names the resource, whatever order they were asked in', async () => {
    const bytes = await composeWith([
      { instance: 'maker', export: 'make' },
      { instance: 'maker', export: 'demo:r/types@0.1.0' },
    ]);
    await validateComponent(bytes);
    expect([...decodeComponent(bytes).exports.keys()]).toEqual(['demo:r/types@0.1.0', 'make']);
  });

  it('are refused when nothing would name the resource, with the export that could', async () => {
    await expect(composeWith([{ instance: 'maker', export: 'make' }])).rejects.toThrow(
      'export "make" uses resource "r", which no import or export of the composition names: export "demo:r/types@0.1.0" of instance "maker" too',
    );
  });
});
