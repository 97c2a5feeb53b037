/**
 * Seeded 2-D toy data sets for decision-boundary and preprocessing lessons: spiral (CS231n's),
 * moons and circles (as scikit-learn makes them), gaussian blobs and XOR. Each returns
 * { X: [N, 2], y: [N] } with y holding class indices; the same seed gives the same points.
 */
import { options } from "../args";
import { ArgumentError, check, show } from "../errors";
import { Generator } from "../random";
import { Tensor } from "../tensor/tensor";
import { seededGenerator } from "./seeded";
import { numberIn, wholeCount } from "./validate";

export interface Dataset2d {
  /** Points, shape [N, 2]. */
  X: Tensor;
  /** Class index of each point, shape [N]. */
  y: Tensor;
}

/** Sizes of `classes` groups that add up to n (the first groups get the remainder). */
function splitCount(n: number, classes: number): number[] {
  return Array.from({ length: classes }, (_, c) => Math.floor(n / classes) + (c < n % classes ? 1 : 0));
}

/** Builds the tensors from a point generator, then shuffles the examples (classes interleaved). */
function build(n: number, g: Generator, point: (i: number) => [number, number, number]): Dataset2d {
  const X = new Float32Array(n * 2);
  const y = new Float32Array(n);
  const order = g.permutation(n);
  for (let i = 0; i < n; i++) {
    const [a, b, label] = point(i);
    const k = order[i];
    X[2 * k] = a;
    X[2 * k + 1] = b;
    y[k] = label;
  }
  return { X: new Tensor(X, [n, 2]), y: new Tensor(y, [n]) };
}

/**
 * Interleaved spiral arms, one per class (not linearly separable): for class c, the i-th of m
 * points has radius r = i/(m−1) and angle t = 4c + 4r + noise·N(0, 1).
 * @example
 * const { X, y } = gl.data.spiral({ n: 300, classes: 3, seed: 0 });
 * X.shape; // [300, 2]
 */
export function spiral(opts: { n?: number; classes?: number; noise?: number; seed?: number } = {}): Dataset2d {
  const {
    n = 300,
    classes = 3,
    noise = 0.2,
    seed,
  } = options<{ n?: number; classes?: number; noise?: number; seed?: number }>("data.spiral", "opts", opts, [
    "n",
    "classes",
    "noise",
    "seed",
  ]) as { n?: number; classes?: number; noise?: number; seed?: number };
  wholeCount("data.spiral", "n", n, 1);
  wholeCount("data.spiral", "classes", classes, 1);
  numberIn("data.spiral", "noise", noise, 0);
  const g = seededGenerator(seed);
  const sizes = splitCount(n, classes);
  const labels: [number, number][] = [];
  sizes.forEach((m, c) => {
    for (let i = 0; i < m; i++) labels.push([c, m > 1 ? i / (m - 1) : 0]);
  });
  return build(n, g, (i) => {
    const [c, r] = labels[i];
    const t = 4 * c + 4 * r + noise * g.normal();
    return [r * Math.sin(t), r * Math.cos(t), c];
  });
}

/**
 * Two interleaving half circles (scikit-learn's make_moons): class 0 on the upper arc of the unit
 * circle, class 1 on a lower arc shifted by (1, 0.5); gaussian noise of std `noise` on both axes.
 * @example const { X, y } = gl.data.moons({ n: 200, noise: 0.1, seed: 0 });
 */
export function moons(opts: { n?: number; noise?: number; seed?: number } = {}): Dataset2d {
  const {
    n = 200,
    noise = 0.1,
    seed,
  } = options<{ n?: number; noise?: number; seed?: number }>("data.moons", "opts", opts, ["n", "noise", "seed"]) as {
    n?: number;
    noise?: number;
    seed?: number;
  };
  wholeCount("data.moons", "n", n, 1);
  numberIn("data.moons", "noise", noise, 0);
  const g = seededGenerator(seed);
  const [nOuter] = splitCount(n, 2);
  return build(n, g, (i) => {
    const outer = i < nOuter;
    const m = outer ? nOuter : n - nOuter;
    const k = outer ? i : i - nOuter;
    const t = m > 1 ? (Math.PI * k) / (m - 1) : 0;
    const [a, b] = outer ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    return [a + noise * g.normal(), b + noise * g.normal(), outer ? 0 : 1];
  });
}

/**
 * A small circle (class 1, radius `factor`) inside a large one (class 0, radius 1), as
 * scikit-learn's make_circles: no line separates them, a feature like x² + y² does.
 * @example const { X, y } = gl.data.circles({ n: 200, factor: 0.5, noise: 0.05, seed: 0 });
 */
export function circles(opts: { n?: number; factor?: number; noise?: number; seed?: number } = {}): Dataset2d {
  const {
    n = 200,
    factor = 0.5,
    noise = 0.05,
    seed,
  } = options<{ n?: number; factor?: number; noise?: number; seed?: number }>("data.circles", "opts", opts, [
    "n",
    "factor",
    "noise",
    "seed",
  ]) as { n?: number; factor?: number; noise?: number; seed?: number };
  wholeCount("data.circles", "n", n, 1);
  numberIn("data.circles", "factor", factor, 0, 1);
  numberIn("data.circles", "noise", noise, 0);
  const g = seededGenerator(seed);
  const [nOuter] = splitCount(n, 2);
  return build(n, g, (i) => {
    const outer = i < nOuter;
    const m = outer ? nOuter : n - nOuter;
    const k = outer ? i : i - nOuter;
    const t = (2 * Math.PI * k) / m;
    const r = outer ? 1 : factor;
    return [r * Math.cos(t) + noise * g.normal(), r * Math.sin(t) + noise * g.normal(), outer ? 0 : 1];
  });
}

/**
 * Gaussian blobs: class c ~ N(centre_c, std² I). `centers` is a count (centres drawn uniformly in
 * [−5, 5]²) or a list of [x, y] centres.
 * @example const { X, y } = gl.data.blobs({ n: 300, centers: [[-2, 0], [2, 0], [0, 3]], std: 0.5, seed: 0 });
 */
export function blobs(
  opts: { n?: number; centers?: number | number[][]; std?: number; seed?: number } = {},
): Dataset2d {
  const {
    n = 300,
    centers: givenCenters,
    std = 1,
    seed,
  } = options<{ n?: number; centers?: number | number[][]; std?: number; seed?: number }>("data.blobs", "opts", opts, [
    "n",
    "centers",
    "std",
    "seed",
  ]) as { n?: number; centers?: number | number[][]; std?: number; seed?: number };
  wholeCount("data.blobs", "n", n, 1);
  numberIn("data.blobs", "std", std, 0);
  const centers = givenCenters ?? 3;
  check(
    typeof centers === "number" ||
      (Array.isArray(centers) &&
        centers.length > 0 &&
        centers.every(
          (c) => Array.isArray(c) && c.length === 2 && c.every((v) => typeof v === "number" && Number.isFinite(v)),
        )),
    () =>
      new ArgumentError({
        fn: "data.blobs",
        arg: "centers",
        expected: "a number of centres, or a non-empty list of [x, y] centres",
        received: show(centers),
        fix: "Write centers: 3 (drawn at random) or centers: [[-2, 0], [2, 0], [0, 3]].",
      }),
  );
  const g = seededGenerator(seed);
  const list =
    typeof centers === "number"
      ? Array.from({ length: wholeCount("data.blobs", "centers", centers, 1) }, () => [
          g.uniform(-5, 5),
          g.uniform(-5, 5),
        ])
      : centers;
  const sizes = splitCount(n, list.length);
  const labels: number[] = [];
  sizes.forEach((m, c) => labels.push(...new Array<number>(m).fill(c)));
  return build(n, g, (i) => {
    const c = labels[i];
    return [list[c][0] + std * g.normal(), list[c][1] + std * g.normal(), c];
  });
}

/**
 * XOR: points uniform in [−1, 1]², class 1 when x and y have different signs (the classic problem
 * a single linear layer cannot solve); `noise` jitters the points after labelling.
 * @example const { X, y } = gl.data.xor({ n: 200, seed: 0 });
 */
export function xor(opts: { n?: number; noise?: number; seed?: number } = {}): Dataset2d {
  const {
    n = 200,
    noise = 0,
    seed,
  } = options<{ n?: number; noise?: number; seed?: number }>("data.xor", "opts", opts, ["n", "noise", "seed"]) as {
    n?: number;
    noise?: number;
    seed?: number;
  };
  wholeCount("data.xor", "n", n, 1);
  numberIn("data.xor", "noise", noise, 0);
  const g = seededGenerator(seed);
  return build(n, g, () => {
    const a = g.uniform(-1, 1);
    const b = g.uniform(-1, 1);
    return [a + noise * g.normal(), b + noise * g.normal(), a > 0 !== b > 0 ? 1 : 0];
  });
}
