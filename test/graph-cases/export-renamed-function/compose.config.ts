// A function export renamed (double as twice), next to one kept as it is.
export default { components: ['lib.wasm'], exports: [{ instance: 'lib', export: 'double', as: 'twice' }, { instance: 'lib', export: 'halve' }] };
