// As alias-in-two-interfaces, all three interfaces provided by one component and also exported: blob, left's blob
// and right's thing are one resource in the exports too.
export default { components: ['provider.wasm', 'app.wasm'], exports: ['app', 'provider'] };
