/**
 * A trainable tfjs conv2d (stride 1, no dilation) whose gradients use only kernels that
 * tfjs-backend-wasm 4.22 has. Its Conv2D gradient needs Conv2DBackpropFilter, which the wasm
 * backend lacks, so tf.grads / optimizer.minimize over tf.conv2d throw there. scripts/bench.js
 * compares gradlab with tfjs-wasm on conv training steps, so both gradients here are the fastest
 * formulation tfjs-wasm offers (measured, CPU time on wasm): the comparison should not handicap tfjs.
 *
 * Ops used (all forward Conv2D / Transpose / Reverse / Pad kernels, which wasm runs through XNNPACK):
 *   dx = conv2d(dy, flip(w)ᵀ, explicit padding)          (see conv2dInputGrad)
 *        with flip(w)ᵀ = w reversed in kh, kw and with in/out channels swapped, [kh, kw, O, C].
 *        Not tf.conv2dTranspose (wasm's Conv2DBackpropInput is a naive loop): for B64 14×14×32→64
 *        3×3 it took ≈ 125 ms against ≈ 14 ms for this forward conv.
 *   dW[p,q,c,o] = Σ_{b,i,j} xpad[b,i+p,j+q,c]·dy[b,i,j,o]
 *              = conv2d_valid(xpadᵀ, dyᵀ)[c,p,q,o]     with xpadᵀ = xpad as [C, Hp, Wp, B] (batch ↔ channels)
 *                                                      and  dyᵀ   = dy as the filter [outH, outW, B, O]
 *        giving [C, kh, kw, O], transposed to the filter layout [kh, kw, C, O]. Most of its time is
 *        XNNPACK packing the fresh dy filter; im2col (pad + kh·kw slices + concat, then one tf.matMul,
 *        or one matMul per tap) measured 2–7× slower, so this identity stays.
 * Used by scripts/bench.js (from build/test/helpers/tfjsConv) and checked against tfjs-cpu's own
 * gradients in test/bench/tfjsConvGrad.test.ts.
 */
import * as tf from "@tensorflow/tfjs-core";

export type ConvPad = "same" | "valid";

/** [[top, bottom], [left, right]] padding tfjs applies for `pad` at stride 1 (same: (k − 1) split, floor on top/left). */
export function padAmounts(kh: number, kw: number, pad: ConvPad): [[number, number], [number, number]] {
  if (pad === "valid")
    return [
      [0, 0],
      [0, 0],
    ];
  const split = (k: number): [number, number] => [Math.floor((k - 1) / 2), k - 1 - Math.floor((k - 1) / 2)];
  return [split(kh), split(kw)];
}

/**
 * The input gradient of conv2d(x, w, 1, pad) for upstream gradient dy, as one forward conv.
 * Per spatial axis, forward y[i] = Σ_p x[i + p − t]·w[p] (pad t before, b after, t + b = k − 1 for
 * 'same', TF's split with the extra row at the bottom/right; 0, 0 for 'valid'), so
 * dx[m] = Σ_p dy[m + t − p]·w[p] = Σ_p' dy[m − (k − 1 − t) + p']·w[k − 1 − p']: a correlation of dy,
 * padded k − 1 − t before and k − 1 − b after, with the flipped filter. The transpose thus pads the
 * other way round (for 'same': b before, t after; for 'valid': k − 1 on both sides). Odd-k 'same' is
 * symmetric, so plain 'same' does; otherwise conv2d's explicit padding (no tf.pad copy of dy).
 */
export function conv2dInputGrad(dy: tf.Tensor4D, w: tf.Tensor4D, pad: ConvPad): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw] = w.shape;
    const wT = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D; // [kh, kw, O, C]
    if (pad === "same" && kh % 2 === 1 && kw % 2 === 1) return tf.conv2d(dy, wT, 1, "same");
    const [[t, b], [l, r]] = padAmounts(kh, kw, pad);
    return tf.conv2d(dy, wT, 1, [
      [0, 0],
      [kh - 1 - t, kh - 1 - b],
      [kw - 1 - l, kw - 1 - r],
      [0, 0],
    ]);
  });
}

/** The filter gradient of conv2d(x, w, 1, pad) for upstream gradient dy, by the conv identity above. */
export function conv2dFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number, pad: ConvPad): tf.Tensor4D {
  return tf.tidy(() => {
    const [[t, b], [l, r]] = padAmounts(kh, kw, pad);
    const xpad =
      t + b + l + r > 0
        ? tf.pad(x, [
            [0, 0],
            [t, b],
            [l, r],
            [0, 0],
          ])
        : x;
    const xT = tf.transpose(xpad, [3, 1, 2, 0]) as tf.Tensor4D; // [C, Hp, Wp, B]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [outH, outW, B, O]
    const g = tf.conv2d(xT, dyT, 1, "valid"); // [C, kh, kw, O]
    return tf.transpose(g, [1, 2, 0, 3]) as tf.Tensor4D; // [kh, kw, C, O]
  });
}

/**
 * conv2d(x, w, 1, pad) (x NHWC, w [kh, kw, C, O]) with a custom gradient that needs no
 * Conv2DBackpropFilter kernel: usable inside tf.grads / optimizer.minimize on tfjs-backend-wasm.
 */
export const conv2dTrainable: (x: tf.Tensor4D, w: tf.Tensor4D, pad: ConvPad) => tf.Tensor4D = (() => {
  const byPad = new Map<ConvPad, (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D>();
  const make = (pad: ConvPad) =>
    tf.customGrad((x, w, save) => {
      const xx = x as tf.Tensor4D;
      const ww = w as tf.Tensor4D;
      (save as tf.GradSaveFunc)([xx, ww]);
      return {
        value: tf.conv2d(xx, ww, 1, pad),
        gradFunc: (dy, saved) => {
          const [sx, sw] = saved as [tf.Tensor4D, tf.Tensor4D];
          const d = dy as tf.Tensor4D;
          const dx = conv2dInputGrad(d, sw, pad);
          const dw = conv2dFilterGrad(sx, d, sw.shape[0], sw.shape[1], pad);
          return [dx, dw];
        },
      };
    }) as unknown as (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;
  return (x, w, pad) => {
    let f = byPad.get(pad);
    if (!f) byPad.set(pad, (f = make(pad)));
    return f(x, w);
  };
})();
