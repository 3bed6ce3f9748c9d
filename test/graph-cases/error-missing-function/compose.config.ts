// The consumer imports math with double and triple, the provider exports only double.
export default { components: ['app.wasm', 'lib.wasm'] };
