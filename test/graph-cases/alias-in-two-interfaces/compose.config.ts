// A resource declared in one interface (types.blob) and aliased in two others: left uses it by its name, right
// renames it (use types.{blob as thing}). Left as imports, the three stay one resource.
export default { components: ['app.wasm'] };
