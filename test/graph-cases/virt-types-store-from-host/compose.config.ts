// Issue 8 (3), the limit: virt defines blob, but app's demo:t/store is left to the host. The host's store would
// have to use virt's blob, which the composition's imports cannot name (they come before any instance).
export default { components: ['virt.wasm', 'app.wasm'] };
