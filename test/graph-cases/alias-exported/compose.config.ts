// Issue 8 (1): as alias-plugged, also exporting the provider's interface: in the exported interface too, headers
// and trailers are aliases of fields.
export default { components: ['provider.wasm', 'app.wasm'], exports: ['app', 'provider'] };
