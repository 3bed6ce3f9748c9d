(component
  (type (;0;)
    (instance
      (export (;0;) "blob" (type (sub resource)))
      (type (;1;) (own 0))
      (type (;2;) (func (param "n" u32) (result 1)))
      (export (;0;) "[constructor]blob" (func (type 2)))
      (type (;3;) (borrow 0))
      (type (;4;) (func (param "self" 3) (result u32)))
      (export (;1;) "[method]blob.size" (func (type 4)))
    )
  )
  (import "demo:t/types@0.1.0" (instance $types (;0;) (type 0)))
  (alias export $types "blob" (type $blob (;1;)))
  (type (;2;)
    (instance
      (alias outer 1 $blob (type (;0;)))
      (export (;1;) "blob" (type (eq 0)))
      (type (;2;) (borrow 1))
      (type (;3;) (func (param "b" 2) (result u32)))
      (export (;0;) "measure" (func (type 3)))
    )
  )
  (import "demo:t/store@0.1.0" (instance $store (;1;) (type 2)))
  (alias export $types "[constructor]blob" (func $ctor (;0;)))
  (alias export $store "measure" (func $measure (;1;)))
  (core func $ctor-lower (;0;) (canon lower (func $ctor)))
  (core func $measure-lower (;1;) (canon lower (func $measure)))
  (core func $blob-drop (;2;) (canon resource.drop $blob))
  (core module $main (;0;)
    (type (;0;) (func (param i32) (result i32)))
    (type (;1;) (func (param i32)))
    (import "types" "[constructor]blob" (func $ctor (;0;) (type 0)))
    (import "types" "[resource-drop]blob" (func $drop (;1;) (type 1)))
    (import "store" "measure" (func $measure (;2;) (type 0)))
    (export "run" (func 3))
    (func (;3;) (type 0) (param $n i32) (result i32)
      (local $b i32) (local $r i32)
      local.get $n
      call $ctor
      local.set $b
      local.get $b
      call $measure
      local.set $r
      local.get $b
      call $drop
      local.get $r
    )
  )
  (core instance (;0;)
    (export "[constructor]blob" (func $ctor-lower))
    (export "[resource-drop]blob" (func $blob-drop))
  )
  (core instance (;1;)
    (export "measure" (func $measure-lower))
  )
  (core instance $main (;2;) (instantiate $main
      (with "types" (instance 0))
      (with "store" (instance 1))
    )
  )
  (type (;3;) (func (param "n" u32) (result u32)))
  (alias core export $main "run" (core func (;3;)))
  (func $run (;2;) (type 3) (canon lift (core func 3)))
  (instance $app (;2;)
    (export "run" (func $measure))
  )
  (export (;3;) "demo:t/app@0.1.0" (instance $app))
)
