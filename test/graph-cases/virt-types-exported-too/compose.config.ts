// Issue 8 (3): as virt-types-and-store, exporting virt's demo:t/types and store-impl's demo:t/store too: the
// exported store uses the exported types' blob.
export default { components: ['virt.wasm', 'store-impl.wasm', 'app.wasm'], exports: ['app', 'virt', 'store-impl'] };
