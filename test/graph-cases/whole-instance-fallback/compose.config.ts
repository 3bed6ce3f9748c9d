// Issue 8 (5): app's import env needs a whole instance (log and count); the argument names instance host, which
// also has an export named env, but a function: it does not fit, so the whole instance is the argument.
export default {
  components: ['app.wasm', 'host.wasm'],
  instances: { host: { component: 'host' }, app: { component: 'app', with: { env: 'host' } } },
  exports: ['app'],
};
