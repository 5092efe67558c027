;; NN-descent's local join in WebAssembly SIMD (the twin of knn-join.ts's joinDistancesJs): the
;; squared distances of a point's candidate pairs, f32x4 lanes (lane l sums dimensions l, l + 4, …
;; of the row, zero-padded to a multiple of 4), the lanes added ((l0 + l1) + l2) + l3, all in
;; float32, which the JavaScript twin reproduces with Math.fround (identical bytes; knn-join.test.ts).
;; Source of knn-join-bytes.ts (`node --import tsx tools/build/build-wasm.ts`).
;;
;; Areas (byte offsets into the exported memory, laid out by knn-join.ts): $data f32[n × 4·chunks],
;; $worst f32[n], $fresh and $old i32 point ids, and joinFiltered's $outP, $outQ i32 and $outD f32
;; (up to nf·(nf − 1)/2 + nf·no each).
(module
  (memory (export "memory") 1)

  ;; ‖a − b‖² of two rows of $chunks f32x4 each.
  (func $dist (param $a i32) (param $b i32) (param $chunks i32) (result f32)
    (local $s v128) (local $d v128)
    (loop $chunk
      (local.set $d (f32x4.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
      (local.set $s (f32x4.add (local.get $s) (f32x4.mul (local.get $d) (local.get $d))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br_if $chunk (local.tee $chunks (i32.sub (local.get $chunks) (i32.const 1)))))
    (f32.add (f32.add (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
      (f32x4.extract_lane 2 (local.get $s))) (f32x4.extract_lane 3 (local.get $s))))

  ;; For a in [0, nf): the pairs of fresh[a] with fresh[a+1 .. nf), then with old[0 .. no), kept
  ;; only where q != p and d < worst[p] or d < worst[q] ($worst f32[n]: each row's current worst
  ;; neighbour distance, never below it): p, q and d of each, in pair order, into $outP, $outQ (i32)
  ;; and $outD (f32); returns how many.
  (func (export "joinFiltered") (param $data i32) (param $chunks i32) (param $fresh i32) (param $nf i32)
    (param $old i32) (param $no i32) (param $worst i32) (param $outP i32) (param $outQ i32) (param $outD i32) (result i32)
    (local $a i32) (local $p i32) (local $t i32)
    (block $done (loop $rows
      (br_if $done (i32.ge_s (local.get $a) (local.get $nf)))
      (local.set $p (i32.load (i32.add (local.get $fresh) (i32.shl (local.get $a) (i32.const 2)))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $t (call $filter (local.get $data) (local.get $chunks) (local.get $p)
        (i32.add (local.get $fresh) (i32.shl (local.get $a) (i32.const 2))) (i32.add (local.get $fresh) (i32.shl (local.get $nf) (i32.const 2)))
        (local.get $worst) (local.get $outP) (local.get $outQ) (local.get $outD) (local.get $t)))
      (local.set $t (call $filter (local.get $data) (local.get $chunks) (local.get $p)
        (local.get $old) (i32.add (local.get $old) (i32.shl (local.get $no) (i32.const 2)))
        (local.get $worst) (local.get $outP) (local.get $outQ) (local.get $outD) (local.get $t)))
      (br $rows)))
    (local.get $t))

  ;; joinFiltered's pairs of p with the ids at [$list, $end); appends from index $t, returns the new count.
  (func $filter (param $data i32) (param $chunks i32) (param $p i32) (param $list i32) (param $end i32)
    (param $worst i32) (param $outP i32) (param $outQ i32) (param $outD i32) (param $t i32) (result i32)
    (local $rowBytes i32) (local $pa i32) (local $q i32) (local $d f32) (local $worstP f32)
    (local.set $rowBytes (i32.shl (local.get $chunks) (i32.const 4)))
    (local.set $pa (i32.add (local.get $data) (i32.mul (local.get $rowBytes) (local.get $p))))
    (local.set $worstP (f32.load (i32.add (local.get $worst) (i32.shl (local.get $p) (i32.const 2)))))
    (block $listDone (loop $pairs
      (br_if $listDone (i32.ge_u (local.get $list) (local.get $end)))
      (local.set $q (i32.load (local.get $list)))
      (local.set $list (i32.add (local.get $list) (i32.const 4)))
      (br_if $pairs (i32.eq (local.get $q) (local.get $p)))
      (local.set $d (call $dist (local.get $pa) (i32.add (local.get $data) (i32.mul (local.get $rowBytes) (local.get $q))) (local.get $chunks)))
      (if (i32.or (f32.lt (local.get $d) (local.get $worstP))
                  (f32.lt (local.get $d) (f32.load (i32.add (local.get $worst) (i32.shl (local.get $q) (i32.const 2))))))
        (then
          (i32.store (i32.add (local.get $outP) (i32.shl (local.get $t) (i32.const 2))) (local.get $p))
          (i32.store (i32.add (local.get $outQ) (i32.shl (local.get $t) (i32.const 2))) (local.get $q))
          (f32.store (i32.add (local.get $outD) (i32.shl (local.get $t) (i32.const 2))) (local.get $d))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))))
      (br $pairs)))
    (local.get $t))
)
