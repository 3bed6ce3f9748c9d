// Two instances export what app imports: an explicit argument must choose.
export default { components: ['app.wasm', 'fast.wasm', 'slow.wasm'] };
