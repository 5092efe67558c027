;; WebAssembly twin of radix-order.ts's RadixSorter.sort: a stable LSD radix sort (4 passes of 8
;; bits, a pass skipped when every key shares its digit) of float32 values carrying their sample
;; indices. Same keys (−0 folded into +0), same stable order, so both give identical output; ~4×
;; faster at 1,000 values. Source of radix-sort-bytes.ts (`node --import tsx tools/build/build-wasm.ts`).
;;
;; All areas are byte offsets into the exported memory, laid out by the caller (wasm-radix.ts):
;;   $vals f32[] (the metric, by sample index), $index i32[m] (the samples to sort),
;;   $sorted f64[m] and $order i32[m] (the result), $keys/$keysTmp/$idx/$idxTmp i32[m] (scratch),
;;   $counts i32[4 × 256].
(module
  (memory (export "memory") 1)

  (func (export "sort") (param $vals i32) (param $index i32) (param $m i32) (param $sorted i32) (param $order i32)
    (param $keys i32) (param $keysTmp i32) (param $idx i32) (param $idxTmp i32) (param $counts i32)
    (local $k i32) (local $i i32) (local $u i32) (local $key i32) (local $pass i32) (local $shift i32)
    (local $base i32) (local $b i32) (local $total i32) (local $c i32) (local $to i32) (local $t i32)
    (local.set $k (i32.const 0))
    (loop $zero
      (v128.store (i32.add (local.get $counts) (local.get $k)) (v128.const i64x2 0 0))
      (local.set $k (i32.add (local.get $k) (i32.const 16)))
      (br_if $zero (i32.lt_u (local.get $k) (i32.const 4096))))
    ;; Keys in unsigned order: negatives get their magnitude bits flipped, −0 becomes +0, then the
    ;; sign bit is flipped (radix-order.ts flips the top digit instead: the same order). Four histograms.
    (local.set $k (i32.const 0))
    (block $keysDone
      (loop $keyLoop
        (br_if $keysDone (i32.ge_u (local.get $k) (local.get $m)))
        (local.set $i (i32.load (i32.add (local.get $index) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $u (i32.load (i32.add (local.get $vals) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $key
          (i32.xor
            (select (i32.const 0)
              (select (i32.xor (local.get $u) (i32.const 0x7fffffff)) (local.get $u) (i32.lt_s (local.get $u) (i32.const 0)))
              (i32.eq (local.get $u) (i32.const 0x80000000)))
            (i32.const 0x80000000)))
        (i32.store (i32.add (local.get $keys) (i32.shl (local.get $k) (i32.const 2))) (local.get $key))
        (i32.store (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2))) (local.get $i))
        (local.set $t (i32.add (local.get $counts) (i32.shl (i32.and (local.get $key) (i32.const 255)) (i32.const 2))))
        (i32.store (local.get $t) (i32.add (i32.load (local.get $t)) (i32.const 1)))
        (local.set $t (i32.add (local.get $counts) (i32.shl (i32.and (i32.shr_u (local.get $key) (i32.const 8)) (i32.const 255)) (i32.const 2))))
        (i32.store offset=1024 (local.get $t) (i32.add (i32.load offset=1024 (local.get $t)) (i32.const 1)))
        (local.set $t (i32.add (local.get $counts) (i32.shl (i32.and (i32.shr_u (local.get $key) (i32.const 16)) (i32.const 255)) (i32.const 2))))
        (i32.store offset=2048 (local.get $t) (i32.add (i32.load offset=2048 (local.get $t)) (i32.const 1)))
        (local.set $t (i32.add (local.get $counts) (i32.shl (i32.shr_u (local.get $key) (i32.const 24)) (i32.const 2))))
        (i32.store offset=3072 (local.get $t) (i32.add (i32.load offset=3072 (local.get $t)) (i32.const 1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $keyLoop)))
    (block $passesDone
      (loop $passLoop
        (br_if $passesDone (i32.ge_u (local.get $pass) (i32.const 4)))
        (local.set $shift (i32.shl (local.get $pass) (i32.const 3)))
        (local.set $base (i32.add (local.get $counts) (i32.shl (local.get $pass) (i32.const 10))))
        (block $skip
          ;; A digit shared by every key leaves the order unchanged: skip the pass.
          (br_if $skip (i32.eqz (local.get $m)))
          (br_if $skip (i32.eq (local.get $m)
            (i32.load (i32.add (local.get $base) (i32.shl (i32.and (i32.shr_u (i32.load (local.get $keys)) (local.get $shift)) (i32.const 255)) (i32.const 2))))))
          (local.set $total (i32.const 0))
          (local.set $b (i32.const 0))
          (loop $prefix
            (local.set $t (i32.add (local.get $base) (local.get $b)))
            (local.set $c (i32.load (local.get $t)))
            (i32.store (local.get $t) (local.get $total))
            (local.set $total (i32.add (local.get $total) (local.get $c)))
            (local.set $b (i32.add (local.get $b) (i32.const 4)))
            (br_if $prefix (i32.lt_u (local.get $b) (i32.const 1024))))
          (local.set $k (i32.const 0))
          (loop $scatter
            (local.set $key (i32.load (i32.add (local.get $keys) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $t (i32.add (local.get $base) (i32.shl (i32.and (i32.shr_u (local.get $key) (local.get $shift)) (i32.const 255)) (i32.const 2))))
            (local.set $to (i32.load (local.get $t)))
            (i32.store (local.get $t) (i32.add (local.get $to) (i32.const 1)))
            (i32.store (i32.add (local.get $keysTmp) (i32.shl (local.get $to) (i32.const 2))) (local.get $key))
            (i32.store (i32.add (local.get $idxTmp) (i32.shl (local.get $to) (i32.const 2)))
              (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br_if $scatter (i32.lt_u (local.get $k) (local.get $m))))
          (local.set $t (local.get $keys))
          (local.set $keys (local.get $keysTmp))
          (local.set $keysTmp (local.get $t))
          (local.set $t (local.get $idx))
          (local.set $idx (local.get $idxTmp))
          (local.set $idxTmp (local.get $t)))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        (br $passLoop)))
    ;; The sample indices in order, and their values widened to f64.
    (local.set $k (i32.const 0))
    (block $outDone
      (loop $outLoop
        (br_if $outDone (i32.ge_u (local.get $k) (local.get $m)))
        (local.set $i (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))))
        (i32.store (i32.add (local.get $order) (i32.shl (local.get $k) (i32.const 2))) (local.get $i))
        (f64.store (i32.add (local.get $sorted) (i32.shl (local.get $k) (i32.const 3)))
          (f64.promote_f32 (f32.load (i32.add (local.get $vals) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $outLoop))))
)
