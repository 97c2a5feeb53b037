/**
 * Data augmentation on image batches [N, C, H, W] (MNIST is [N, 1, 28, 28]): each example gets
 * its own random transform, drawn from a seeded Generator, so an augmented epoch is repeatable.
 *   horizontalFlip: x'[h, w] = x[h, W − 1 − w] with probability p
 *   shift:          x'[h, w] = x[h − dy, w − dx], integer dx, dy in [−maxShift, maxShift], zeros enter
 *   rotate:         bilinear sampling at the point rotated by −θ about the centre, θ in [−maxDegrees, maxDegrees]
 *   gaussianNoise:  x' = x + std·N(0, 1) (optionally clipped to a range)
 * The results are new tensors; nothing here records gradients.
 */
import { tensorArg } from "../tensor/check";
import { options } from "../args";
import { ShapeError, check, show } from "../errors";
import { Generator } from "../random";
import { Tensor } from "../tensor/tensor";
import { allocLike } from "./rows";
import { seededGenerator } from "./seeded";
import { numberIn, wholeCount } from "./validate";

function checkImages(fn: string, X: Tensor): [number, number, number, number] {
  check(
    X instanceof Tensor && X.shape.length === 4,
    () =>
      new ShapeError({
        fn,
        arg: "X",
        expected: "a batch of images [N, C, H, W]",
        received: X instanceof Tensor ? `shape ${show(X.shape)}` : show(X),
        fix:
          X instanceof Tensor && X.shape.length === 2
            ? "Reshape flat rows to images first, e.g. X.reshape([N, 1, 28, 28])."
            : "Pass NCHW images, as gl.data.mnist returns.",
      }),
  );
  return X.shape as [number, number, number, number];
}

/** Applies `perExample(g, src, dst, offset)` to each example's C·H·W block. */
function perImage(
  X: Tensor,
  g: Generator,
  fn: (g: Generator, n: number, out: ArrayLike<number> & { [i: number]: number }) => void,
): Tensor {
  const out = allocLike(X.data, X.size);
  for (let n = 0; n < X.shape[0]; n++) fn(g, n, out);
  return new Tensor(out, [...X.shape]);
}

/**
 * Mirrors each image left-right with probability p (default 0.5). Not for digits: a mirrored 2 is no digit.
 * @example
 * const X = gl.rand([8, 1, 28, 28]); // a batch of 8 one-channel images
 * const Xa = gl.data.horizontalFlip(X, { p: 0.5, seed: 0 });
 * Xa.shape; // [8, 1, 28, 28]
 */
export function horizontalFlip(X: Tensor, opts: { p?: number; seed?: number } = {}): Tensor {
  const { p = 0.5, seed } = options<{ p?: number; seed?: number }>("data.horizontalFlip", "opts", opts, [
    "p",
    "seed",
  ]) as { p?: number; seed?: number };
  const [, C, H, W] = checkImages("data.horizontalFlip", X);
  numberIn("data.horizontalFlip", "p", p, 0, 1);
  const size = C * H * W;
  return perImage(X, seededGenerator(seed), (g, n, out) => {
    const flip = g.random() < p;
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++) {
          const base = n * size + (c * H + h) * W;
          out[base + w] = X.data[base + (flip ? W - 1 - w : w)];
        }
  });
}

/**
 * Shifts each image by a random whole number of pixels in both directions (zeros fill the gap).
 * @example
 * const X = gl.rand([8, 1, 28, 28]); // a batch of 8 one-channel images
 * const Xa = gl.data.shift(X, { maxShift: 2, seed: 0 });
 * Xa.shape; // [8, 1, 28, 28]
 */
export function shift(X: Tensor, opts: { maxShift?: number; seed?: number } = {}): Tensor {
  const { maxShift = 2, seed } = options<{ maxShift?: number; seed?: number }>("data.shift", "opts", opts, [
    "maxShift",
    "seed",
  ]) as { maxShift?: number; seed?: number };
  const [, C, H, W] = checkImages("data.shift", X);
  wholeCount("data.shift", "maxShift", maxShift, 0);
  const size = C * H * W;
  return perImage(X, seededGenerator(seed), (g, n, out) => {
    const dy = g.int(2 * maxShift + 1) - maxShift;
    const dx = g.int(2 * maxShift + 1) - maxShift;
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++) {
          const sh = h - dy;
          const sw = w - dx;
          const inside = sh >= 0 && sh < H && sw >= 0 && sw < W;
          out[n * size + (c * H + h) * W + w] = inside ? X.data[n * size + (c * H + sh) * W + sw] : 0;
        }
  });
}

/**
 * Rotates each image by a random angle in [−maxDegrees, maxDegrees] about its centre (bilinear,
 * zeros outside), or by exactly `degrees` when given. Positive angles turn counter-clockwise as
 * the image is displayed (row 0 at the top).
 * @example
 * const X = gl.rand([8, 1, 28, 28]); // a batch of 8 one-channel images
 * const Xa = gl.data.rotate(X, { maxDegrees: 10, seed: 0 });
 * Xa.shape; // [8, 1, 28, 28]
 */
export function rotate(X: Tensor, opts: { maxDegrees?: number; degrees?: number; seed?: number } = {}): Tensor {
  const {
    maxDegrees = 10,
    degrees,
    seed,
  } = options<{ maxDegrees?: number; degrees?: number; seed?: number }>("data.rotate", "opts", opts, [
    "maxDegrees",
    "degrees",
    "seed",
  ]) as { maxDegrees?: number; degrees?: number; seed?: number };
  const [, C, H, W] = checkImages("data.rotate", X);
  numberIn("data.rotate", "maxDegrees", maxDegrees, 0, 180);
  if (degrees !== undefined) numberIn("data.rotate", "degrees", degrees, -360, 360);
  const size = C * H * W;
  const cy = (H - 1) / 2;
  const cx = (W - 1) / 2;
  return perImage(X, seededGenerator(seed), (g, n, out) => {
    const angle = degrees ?? g.uniform(-maxDegrees, maxDegrees);
    const theta = (-angle * Math.PI) / 180; // rows grow downwards, so screen counter-clockwise is −θ here
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    for (let h = 0; h < H; h++)
      for (let w = 0; w < W; w++) {
        // the source point that lands on (h, w): rotate (h, w) back by −θ
        const y = cy + (h - cy) * cos - (w - cx) * sin;
        const x = cx + (h - cy) * sin + (w - cx) * cos;
        const y0 = Math.floor(y);
        const x0 = Math.floor(x);
        const fy = y - y0;
        const fx = x - x0;
        for (let c = 0; c < C; c++) {
          const at = (yy: number, xx: number): number =>
            yy >= 0 && yy < H && xx >= 0 && xx < W ? X.data[n * size + (c * H + yy) * W + xx] : 0;
          out[n * size + (c * H + h) * W + w] =
            (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1)) +
            fy * ((1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1));
        }
      }
  });
}

/**
 * Adds gaussian noise of standard deviation `std` to every value; `clip` (e.g. [0, 1]) keeps pixels in range.
 * Works on any shape.
 * @example
 * const X = gl.rand([8, 1, 28, 28]); // a batch of 8 one-channel images
 * const Xa = gl.data.gaussianNoise(X, { std: 0.1, clip: [0, 1], seed: 0 });
 * Xa.shape; // [8, 1, 28, 28]
 */
export function gaussianNoise(X: Tensor, opts: { std?: number; clip?: [number, number]; seed?: number } = {}): Tensor {
  tensorArg("data.gaussianNoise", "X", X);
  const {
    std = 0.1,
    clip,
    seed,
  } = options<{ std?: number; clip?: [number, number]; seed?: number }>("data.gaussianNoise", "opts", opts, [
    "std",
    "clip",
    "seed",
  ]) as { std?: number; clip?: [number, number]; seed?: number };
  numberIn("data.gaussianNoise", "std", std, 0);
  const g = seededGenerator(seed);
  const out = allocLike(X.data, X.size);
  for (let i = 0; i < X.size; i++) {
    let v = X.data[i] + std * g.normal();
    if (clip) v = Math.min(clip[1], Math.max(clip[0], v));
    out[i] = v;
  }
  return new Tensor(out, [...X.shape]);
}
