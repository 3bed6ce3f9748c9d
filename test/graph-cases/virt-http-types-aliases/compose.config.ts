// Issues 8 (1) and (3): a virtualizer exports a wasi:http/types-like interface (resources fields and request, with
// aliases headers and trailers of fields); handler and middleware both import it, the middleware imports the
// handler's demo:h/handler. All three share virt's resources; the middleware's handler and virt's types are
// exported (the handler uses virt's request).
export default {
  components: ['virt.wasm', 'handler.wasm', 'middleware.wasm'],
  instances: {
    virt: { component: 'virt' },
    handler: { component: 'handler' },
    middleware: { component: 'middleware', with: { 'demo:h/handler@0.1.0': 'handler' } },
  },
  exports: ['virt', 'middleware'],
};
