;; A component whose exported instance, besides its function, exports the function's type by name (`op`), and
;; which exports an instance type by name at top level (`shape`).
(component
  (core module $m (func (export "double") (param i32) (result i32) local.get 0 i32.const 2 i32.mul))
  (core instance $i (instantiate $m))
  (type $op (func (param "x" u32) (result u32)))
  (func $double (type $op) (canon lift (core func $i "double")))
  (type $shape (instance (export "double" (func (type $op)))))
  (export "shape" (type $shape))
  (component $wrap
    (import "f" (func $f (param "x" u32) (result u32)))
    (type $t (func (param "x" u32) (result u32)))
    (export $op "op" (type $t))
    (export "double" (func $f) (func (type $op))))
  (instance $math (instantiate $wrap (with "f" (func $double))))
  (export "demo:w/math@0.1.0" (instance $math)))
