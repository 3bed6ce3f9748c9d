// Renaming an export onto the name of another one.
export default { components: ['lib.wasm'], exports: [{ instance: 'lib', export: 'double', as: 'halve' }, { instance: 'lib', export: 'halve' }] };
