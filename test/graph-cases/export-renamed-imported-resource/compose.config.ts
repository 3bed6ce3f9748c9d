// An export renamed to a plain name, its interface using a resource of an import of the composition.
export default { components: ['lib.wasm'], exports: [{ instance: 'lib', export: 'demo:t/store@0.1.0', as: 'shelf' }] };
