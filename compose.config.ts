// The bundled example: `npx wcompose build` composes it into out/example.wasm.
// app.wat is written against demo:math/ops; ops.wat implements it. wcompose plugs one into the other.
import { defineConfig } from 'wcompose';

export default defineConfig({
  components: ['fixtures/example/*.wat'],
  output: 'out/example.wasm',
  exports: ['app'],
});
