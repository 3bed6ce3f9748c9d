// a needs b's math, b needs a's logger: a cycle.
export default { components: ['a.wasm', 'b.wasm'] };
