// Issue 8 (1): an imported interface names one resource three times, as wasi:http/types does (type headers =
// fields; type trailers = fields). Re-encoded as an import of the composition, the aliases stay aliases of fields,
// and fields stays the declaration (its constructor returns fields, not trailers).
export default { components: ['app.wasm'] };
