// An export renamed whose interface uses a resource of another export: store exported as demo:t/shelf still uses
// the exported types' blob.
export default { components: ['lib.wasm'], exports: [{ instance: 'lib', export: 'demo:t/types@0.1.0' }, { instance: 'lib', export: 'demo:t/store@0.1.0', as: 'demo:t/shelf@0.1.0' }] };
