// Issue 8 (4), the off-by-one: two component-level type imports (a record and a resource), then a type the world
// defines (record placed, itself a component-level type import), then functions using all three: every later type
// reference must name the right type.
export default { components: ['app.wasm'] };
