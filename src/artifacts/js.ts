import { WcomposeError } from '../diagnostics/error.js';
import { importJco } from '../io/optional-package.js';
import { version } from '../version.js';
import type { JsArtifactPlan } from './resolve.js';

/** The marker in the bindings folder's package.json that says wcompose wrote the folder (and may replace it). */
export const generatedBy = 'wcompose';

/**
 * JS bindings for the composed component, by jco (`transpileBytes`): `<name>.js` (an ES module for Node and browsers),
 * `<name>.d.ts` and `interfaces/*.d.ts`, the core modules (`<name>.core*.wasm`), and a `package.json` that makes the
 * folder an ES module package wherever it is. File names are relative to the folder.
 */
export async function jsArtifact(bytes: Uint8Array, plan: JsArtifactPlan, output: string): Promise<Record<string, Uint8Array | string>> {
  // Loaded on demand: jco's bindings generator is a large module (and an optional dependency), needed only here.
  const { transpileBytes } = await importJco(() => import('@bytecodealliance/jco-transpile'), 'JS bindings (--js)', output);
  let files: Record<string, Uint8Array>;
  try {
    const result = await transpileBytes(bytes, {
      name: plan.name,
      ...(plan.instantiation === undefined ? {} : { instantiation: plan.instantiation }),
      ...(plan.map === undefined ? {} : { map: { ...plan.map } }),
      emitTypescriptDeclarations: plan.typescript,
    });
    files = result.files;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).split('\n').find((l) => l.trim() !== '')?.trim() ?? 'transpile failed';
    throw new WcomposeError('WC5002', `jco cannot transpile the composed component: ${message}`, { file: output, path: ['artifacts.js'] });
  }
  const pkg = {
    generatedBy: `${generatedBy} ${version}`,
    description: `JS bindings for ${output.split(/[\\/]/).pop()}; this folder is replaced on every build`,
    type: 'module',
    main: `./${plan.name}.js`,
    ...(plan.typescript ? { types: `./${plan.name}.d.ts` } : {}),
  };
  return { ...files, 'package.json': `${JSON.stringify(pkg, null, 2)}\n` };
}
