// The bundled example, composed by `npx wcompose build` into out/example.wasm.
//
// fixtures/example/app.wat is written for a world of its own: it imports demo:log/logger.
// fixtures/example/logger-stdout.wat implements demo:log/logger on top of wasi:cli/stdout.
// Composed, the app runs on any WASI 0.2 host: the result imports only wasi:io and wasi:cli interfaces.
import { defineConfig } from 'wcompose';

export default defineConfig({
  components: ['fixtures/example/*.wat'],
  exports: ['app'],
  imports: { allow: ['wasi:*'] },
  output: 'out/example.wasm',
});
