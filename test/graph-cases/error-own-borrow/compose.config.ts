// The consumer's peek takes an own<blob>, the provider's a borrow<blob>: own and borrow are different types.
export default { components: ['caller.wasm', 'callee.wasm'] };
