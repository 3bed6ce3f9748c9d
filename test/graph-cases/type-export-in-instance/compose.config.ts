// Issue 8 (5): type exports inside an exported instance (the function type op) and an instance type exported at
// top level (shape). The instance still satisfies app's demo:w/math (an instance may export more than asked).
export default { components: ['lib.wat', 'app.wasm'], exports: ['app'] };
