// Issues 8 (1) and (2), the wasi:http middleware shape: handler and middleware both import demo:h/types (resources
// with aliases) from the host; the middleware imports and exports demo:h/handler, which uses request and headers
// (an alias of fields). The handler plugs the middleware: one types import, shared by both.
export default { components: ['middleware.wasm', 'handler.wasm'], instances: { handler: { component: 'handler' }, middleware: { component: 'middleware', with: { 'demo:h/handler@0.1.0': 'handler' } } }, exports: ['middleware'] };
