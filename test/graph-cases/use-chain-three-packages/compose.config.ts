// Issue 8 (4): a use chain across three packages (draw uses shapes.line, which uses geo.point), left as imports:
// each interface keeps its use of the previous one, and each comes after the one it uses.
export default { components: ['app.wasm'] };
