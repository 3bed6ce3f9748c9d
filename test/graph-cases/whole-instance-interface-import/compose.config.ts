// A whole instance as the argument of an interface import: host's top-level export log is what
// demo:log/logger needs.
export default {
  components: ['app.wasm', 'host.wasm'],
  instances: { host: { component: 'host' }, app: { component: 'app', with: { 'demo:log/logger@0.1.0': 'host' } } },
  exports: ['app'],
};
