// Two components import demo:w/math@0.1.0 with different types for double: one import of the composition cannot
// serve both, an error naming the function and both types.
export default { components: ['a.wasm', 'b.wasm'] };
