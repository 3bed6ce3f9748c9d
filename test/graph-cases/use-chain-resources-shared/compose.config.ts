// Issues 8 (2) and (4): a use chain across three packages carrying a resource (sums uses pairs.pair, a record of
// two own<cell>, cell from base). summer imports base's cells from the host and exports top's sums; app imports the
// chain and gets sums from summer: one cells and one pairs import, the same cell for both.
export default { components: ['summer.wasm', 'app.wasm'] };
