// As alias-in-two-interfaces, left and right provided by lib, which imports types from the host as app does: both
// aliases in lib's exports must name the host's blob that app's types import names.
export default { components: ['lib.wasm', 'app.wasm'] };
