// Issue 8 (3): virt defines blob (exports demo:t/types); store-impl imports types and exports demo:t/store, which
// uses blob; app imports both. Everyone shares virt's blob: app's types from virt, its store from store-impl, whose
// types is virt's too.
export default { components: ['virt.wasm', 'store-impl.wasm', 'app.wasm'] };
