;; The minimal repro of issue 8 (1): an imported instance with a resource `fields` and an alias `trailers` of it.
(component
  (import "demo:h/types@0.1.0" (instance
    (export "fields" (type $f (sub resource)))
    (export "trailers" (type (eq $f)))
    (type $o (own $f)) (export "[constructor]fields" (func (result $o)))))
  (core module $m (func (export "f") (result i32) i32.const 1))
  (core instance $i (instantiate $m))
  (func $g (result u32) (canon lift (core func $i "f")))
  (export "get" (func $g)))
