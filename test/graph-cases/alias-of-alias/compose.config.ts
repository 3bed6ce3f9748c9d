// An alias of an alias (type headers = fields; type request-headers = headers): all one resource, each alias
// kept with the name it aliases.
export default { components: ['app.wasm'] };
