import { dirname, relative, sep } from 'node:path';
import type { Plan } from '../graph/model.js';
import { version } from '../version.js';
import type { WadmArtifactPlan } from './resolve.js';

/**
 * A wasmCloud application manifest (wadm, OAM `core.oam.dev/v1beta1`) that runs the composed component: one
 * component, referenced as `file://` relative to the manifest (as wasmCloud's examples do) or as an OCI image,
 * scaled by a spreadscaler. The imports the composition leaves open are listed in a comment: on wasmCloud they are
 * satisfied by the host or by capability providers linked in the manifest.
 */
export function wadmArtifact(plan: WadmArtifactPlan, output: string, composition: Plan): string {
  const image = plan.image ?? fileReference(plan.path, output);
  const description = plan.description ?? `composed by wcompose from ${composition.instances.map((i) => i.name).join(', ')}`;
  const annotations: [string, string][] = [
    ...(plan.version === undefined ? [] : [['version', plan.version] as [string, string]]),
    ['description', description],
    ...Object.entries(plan.annotations),
  ];
  const imports = composition.imports.map((i) => i.name);
  const lines = [
    `# A wasmCloud application for ${relative(dirname(plan.path), output).split(sep).join('/')}, written by wcompose ${version}.`,
    '# Deploy it from this folder: wash app deploy <this file>',
    ...(imports.length === 0
      ? ['# The component imports nothing.']
      : ['# The component imports (the host or linked capability providers supply them):', ...imports.map((n) => `#   ${n}`)]),
    'apiVersion: core.oam.dev/v1beta1',
    'kind: Application',
    'metadata:',
    `  name: ${plan.name}`,
    '  annotations:',
    ...annotations.map(([k, v]) => `    ${key(k)}: ${scalar(v)}`),
    'spec:',
    '  components:',
    `    - name: ${plan.name}`,
    '      type: component',
    '      properties:',
    `        image: ${scalar(image)}`,
    '      traits:',
    '        - type: spreadscaler',
    '          properties:',
    `            instances: ${plan.instances}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** `file://./out/app.wasm`: the composed file, relative to the manifest's folder. */
function fileReference(manifest: string, output: string): string {
  const rel = relative(dirname(manifest), output).split(sep).join('/');
  return `file://${rel.startsWith('../') ? rel : `./${rel}`}`;
}

/** A YAML key: plain when it is safe (`wasmcloud.dev/authors`), else double-quoted. */
function key(k: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9_./-]*$/.test(k) ? k : JSON.stringify(k);
}

/** A YAML string scalar, always double-quoted (a JSON string is a valid YAML double-quoted scalar). */
function scalar(v: string): string {
  return JSON.stringify(v);
}
