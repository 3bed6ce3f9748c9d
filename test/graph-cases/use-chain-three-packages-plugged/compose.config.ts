// Issue 8 (4): as use-chain-three-packages, with draw provided by painter, which imports shapes and geo as app
// does: the composition imports geo and shapes once, and they are the types both instances see.
export default { components: ['painter.wasm', 'app.wasm'] };
