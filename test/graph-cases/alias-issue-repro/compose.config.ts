// Issue 8 (1), the repro: a one-component config over a component importing a resource and an alias of it
// (trailers = fields). jco rejected the output: "[constructor]fields is not valid … expected resource name trailers".
export default { components: ['app.wat'] };
