/**
 * wasm-tools allows at most 1000 instances in a component; runtimes refuse more. The planner says so (WC4017) instead
 * of leaving it to the validator of the output (an internal error) or, without validation, to the runtime.
 */
import { describe, expect, it } from 'vitest';
import { compose } from '../src/api/compose.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import type { ComponentInput, CompositionSpec, InstanceSpec } from '../src/graph/model.js';
import { decodeComponent } from '../src/types/decode.js';
import { validateComponent } from './support/jco.js';
import { parseWat } from './support/wasm-tools.js';

const LINK = `(component
  (import "demo:chain/step@0.1.0" (instance $in (export "n" (func (result u32)))))
  (alias export $in "n" (func $n))
  (instance $out (export "n" (func $n)))
  (export "demo:chain/step@0.1.0" (instance $out)))`;

async function chainSpec(n: number): Promise<CompositionSpec> {
  const bytes = await parseWat(LINK);
  const link: ComponentInput = { name: 'link', file: 'link.wat', bytes, type: decodeComponent(bytes) };
  const instances = Array.from({ length: n }, (_, k): InstanceSpec => ({
    name: `l${k}`,
    component: 'link',
    with: k === 0 ? {} : { 'demo:chain/step@0.1.0': { instance: `l${k - 1}` } },
  }));
  return { components: [link], instances, exports: [{ instance: `l${n - 1}` }], autoPlug: false };
}

describe('the instance limit', () => {
  it('499 instances, 499 aliases of their step exports and the imported step: 999, composed and valid to jco', async () => {
    const { bytes, plan } = compose(await chainSpec(499));
    expect(plan.instances).toHaveLength(499);
    await validateComponent(bytes);
  }, 120_000);

  it('500 instances: 1001 in all, WC4017 from the planner, with the count', async () => {
    const error = (() => {
      try {
        compose(chainSpec500);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    if (!isWcomposeError(error)) throw new Error(`expected WC4017, got ${String(error)}`);
    expect(error.code).toBe('WC4017');
    expect(error.message).toBe('the composed component would have 1001 instances (500 instantiated), more than the 1000 wasm-tools allows');
  });
});

const chainSpec500 = await chainSpec(500);
