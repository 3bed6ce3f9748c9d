// Issue 8 (1), the other side: the consumer's headers is an alias of fields, the provider's headers a resource of
// its own. An alias matches only the resource it names: a type error.
export default { components: ['provider.wasm', 'app.wasm'] };
