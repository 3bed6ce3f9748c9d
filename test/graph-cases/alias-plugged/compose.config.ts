// Issue 8 (1): the interface with aliased resources is provided by another component: the consumer's aliases
// match the provider's (headers and trailers are fields on both sides).
export default { components: ['provider.wasm', 'app.wasm'] };
