// The provider's double takes and returns u64, the consumer's u32: a type error naming the parameter.
export default { components: ['app.wasm', 'lib.wasm'] };
