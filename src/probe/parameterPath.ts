/**
 * A model's loss as a function of two of its weights, and the path an optimizer takes through
 * that plane — the picture behind "scale your inputs": for a linear model y = w₁x₁ + w₂x₂ with
 * MSE, the loss is a quadratic bowl whose Hessian is 2·XᵀX/N, so features on scales 1 and 100 give
 * curvatures 10⁴× apart: elongated contours, a learning rate capped by the steep direction and a
 * zig-zag crawl along the flat one. Standardized features give round contours and a direct path.
 *   lossGrid:    L(w) on an n×n grid over two entries of one parameter (everything else fixed)
 *   descentPath: full-batch steps of a real optimizer, recording those two entries and the loss
 */
import { fnArg, moduleArg, optionalInt, options } from "../args";
import { backward } from "../autograd/engine";
import { tensorArg } from "../tensor/check";
import { noGrad } from "../autograd/mode";
import { ArgumentError, check, show } from "../errors";
import type { Module } from "../nn/module";
import type { Tensor } from "../tensor/tensor";

type LossFn = (yHat: Tensor, y: Tensor) => Tensor;

export interface ParameterPlaneOptions {
  /** Dotted name of the parameter (default "weight", a Linear layer's); its entries `entries` are the axes. */
  param?: string;
  /** Flat indices of the two entries that span the plane (default [0, 1]). */
  entries?: [number, number];
}

export interface LossGridOptions extends ParameterPlaneOptions {
  xRange: [number, number];
  yRange: [number, number];
  /** Grid points per axis (default 41). */
  n?: number;
}

/** Values z[i][j] = L at (x[j], y[i]): the input of gl.plot.contour. */
export interface LossGrid {
  x: number[];
  y: number[];
  z: number[][];
}

export interface DescentPath {
  /** The first entry after each step (index 0 = the starting point). */
  x: number[];
  /** The second entry after each step. */
  y: number[];
  /** The full-batch loss at each point (z[k] is the loss before step k + 1). */
  z: number[];
  name: string;
  /** First step at which the loss is ≤ target (null if never): "steps to a given loss". */
  stepsTo(target: number): number | null;
}

export interface DescentPathOptions extends ParameterPlaneOptions {
  /** Anything with zeroGrad() and step(), built on the model's parameters (e.g. gl.optim.SGD). */
  optimizer: { zeroGrad(): void; step(): void };
  /** Number of full-batch steps (default 100). */
  steps?: number;
  /** Name of the path in a figure's legend. */
  name?: string;
}

/** The arguments every loss-surface probe takes: a model, a loss function, inputs X and targets y. */
export function checkLossArgs(fn: string, model: unknown, loss: unknown, X: unknown, y: unknown): void {
  moduleArg(fn, "model", model);
  fnArg(fn, "loss", loss, "gl.loss.mse or gl.loss.crossEntropy");
  tensorArg(fn, "X", X, { fix: "Pass the inputs the model takes, one row per example." });
  tensorArg(fn, "y", y, { fix: "Pass the targets of the same examples, as the loss takes them." });
}

function planeOf(fn: string, model: Module, opts: ParameterPlaneOptions): { p: Tensor; a: number; b: number } {
  const name = opts.param ?? "weight";
  const entries = opts.entries ?? [0, 1];
  check(
    Array.isArray(entries) && entries.length === 2,
    () =>
      new ArgumentError({
        fn,
        arg: "entries",
        expected: "two flat indices [i, j] of the parameter's entries",
        received: show(entries),
        fix: "entries: [0, 1] spans the plane of the parameter's first two entries (flat, row by row).",
      }),
  );
  const [a, b] = entries;
  const named = model.namedParameters();
  const found = named.find(([n]) => n === name);
  check(
    found !== undefined,
    () =>
      new ArgumentError({
        fn,
        arg: "param",
        expected: `the name of one of the model's parameters: ${named.map(([n]) => n).join(", ")}`,
        received: show(name),
        fix: 'Parameters are named as model.namedParameters() names them, e.g. "0.weight".',
      }),
  );
  const p = found![1];
  check(
    [a, b].every((i) => Number.isInteger(i) && i >= 0 && i < p.size) && a !== b,
    () =>
      new ArgumentError({
        fn,
        arg: "entries",
        expected: `two different flat indices into ${name} (size ${p.size})`,
        received: show([a, b]),
        fix: "entries: [0, 1] spans the plane of the parameter's first two entries (flat, row by row).",
      }),
  );
  return { p, a, b };
}

/**
 * The loss over a grid of two weights, the other parameters held at their current values.
 * @example
 * const X = gl.tensor([[1, 100], [2, -100], [-1, 50]]), y = gl.tensor([[3], [-1], [1]]);
 * const model = new gl.nn.Linear(2, 1, { bias: false });
 * const g = gl.probe.lossGrid(model, gl.loss.mse, X, y, { xRange: [-2, 4], yRange: [-0.05, 0.05], n: 21 });
 * g.z.length // 21
 */
export function lossGrid(model: Module, loss: LossFn, X: Tensor, y: Tensor, opts: LossGridOptions): LossGrid {
  const fn = "probe.lossGrid";
  checkLossArgs(fn, model, loss, X, y);
  opts = options<LossGridOptions>(fn, "opts", opts, ["xRange", "yRange", "n", "param", "entries"]) as LossGridOptions;
  for (const key of ["xRange", "yRange"] as const) {
    const r: unknown = opts[key];
    check(
      Array.isArray(r) &&
        r.length === 2 &&
        r.every((v) => typeof v === "number" && Number.isFinite(v)) &&
        r[0] !== r[1],
      () =>
        new ArgumentError({
          fn,
          arg: key,
          expected: "a range [low, high] of two different finite numbers",
          received: show(r),
          fix: `e.g. ${key}: [-1, 3]: the values of the ${key === "xRange" ? "first" : "second"} entry the grid spans.`,
        }),
    );
  }
  const { p, a, b } = planeOf(fn, model, opts);
  const n = optionalInt(fn, "n", opts.n, 41, {
    min: 2,
    fix: "n is the number of grid points per axis: 21 to 41 draws a smooth surface.",
  });
  const lin = ([lo, hi]: [number, number]): number[] =>
    Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const xs = lin(opts.xRange);
  const ys = lin(opts.yRange);
  const saved = [p.data[a], p.data[b]];
  try {
    const z = noGrad(() =>
      ys.map((wy) =>
        xs.map((wx) => {
          p.data[a] = wx;
          p.data[b] = wy;
          p.markChanged();
          return loss(model.forward(X), y).item();
        }),
      ),
    );
    return { x: xs, y: ys, z };
  } finally {
    p.data[a] = saved[0];
    p.data[b] = saved[1];
    p.markChanged();
  }
}

/**
 * Full-batch optimizer steps from the model's current weights, recording two weights and the loss.
 * @example
 * const X = gl.tensor([[1, 2], [2, -1], [-1, 1]]), y = gl.tensor([[3], [-1], [1]]);
 * const model = new gl.nn.Linear(2, 1, { bias: false, init: "zeros" });
 * const path = gl.probe.descentPath(model, gl.loss.mse, X, y, { optimizer: new gl.optim.SGD(model.parameters(), { lr: 0.1 }), steps: 50 });
 * path.x.length // 51
 * path.stepsTo(0.01) !== null // true
 */
export function descentPath(model: Module, loss: LossFn, X: Tensor, y: Tensor, opts: DescentPathOptions): DescentPath {
  const fn = "probe.descentPath";
  checkLossArgs(fn, model, loss, X, y);
  opts = options<DescentPathOptions>(fn, "opts", opts, [
    "optimizer",
    "steps",
    "name",
    "param",
    "entries",
  ]) as DescentPathOptions;
  const { p, a, b } = planeOf(fn, model, opts);
  const steps = optionalInt(fn, "steps", opts.steps, 100, {
    min: 0,
    fix: "steps is the number of full-batch optimizer steps, e.g. 100.",
  });
  check(
    typeof opts.optimizer?.step === "function" && typeof opts.optimizer?.zeroGrad === "function",
    () =>
      new ArgumentError({
        fn: "probe.descentPath",
        arg: "optimizer",
        expected: "an optimizer on the model's parameters",
        received: show(opts.optimizer),
        fix: "Pass e.g. { optimizer: new gl.optim.SGD(model.parameters(), { lr: 0.1 }) }.",
      }),
  );
  const xs: number[] = [];
  const ys: number[] = [];
  const zs: number[] = [];
  for (let k = 0; k <= steps; k++) {
    opts.optimizer.zeroGrad();
    const L = loss(model.forward(X), y);
    xs.push(p.data[a]);
    ys.push(p.data[b]);
    zs.push(L.item());
    if (k === steps || !Number.isFinite(zs[k])) break;
    backward(L);
    opts.optimizer.step();
  }
  return {
    x: xs,
    y: ys,
    z: zs,
    name: opts.name ?? "path",
    stepsTo(target: number): number | null {
      const i = zs.findIndex((v) => v <= target);
      return i < 0 ? null : i;
    },
  };
}
