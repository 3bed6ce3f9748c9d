;; A component that exports a function type by name next to an interface (a shape some toolchains write, e.g. to
;; name the type of a callback): `callback` is a type export, not a function.
(component
  (core module $m (func (export "double") (param i32) (result i32) local.get 0 i32.const 2 i32.mul))
  (core instance $i (instantiate $m))
  (type $callback (func (param "x" u32) (result u32)))
  (export $cb "callback" (type $callback))
  (func $double (type $cb) (canon lift (core func $i "double")))
  (instance $math (export "double" (func $double)))
  (export "demo:w/math@0.1.0" (instance $math)))
