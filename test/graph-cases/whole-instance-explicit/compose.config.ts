// Issue 8 (5): the config says "the whole instance" (whole: true), though host has an export named env.
export default {
  components: ['app.wasm', 'host.wasm'],
  instances: { host: { component: 'host' }, app: { component: 'app', with: { env: { instance: 'host', whole: true } } } },
  exports: ['app'],
};
