/**
 * A model's loss as a function of two of its weights, and the path an optimizer takes through
 * that plane — the picture behind "scale your inputs": for a linear model y = w₁x₁ + w₂x₂ with
 * MSE, the loss is a quadratic bowl whose Hessian is 2·XᵀX/N, so features on scales 1 and 100 give
 * curvatures 10⁴× apart: elongated contours, a learning rate capped by the steep direction and a
 * zig-zag crawl along the flat one. Standardized features give round contours and a direct path.
 *   lossGrid:    L(w) on an n×n grid over two entries of one parameter (everything else fixed)
 *   descentPath: full-batch steps of a real optimizer, recording those two entries and the loss
 */
import { backward } from "../autograd/engine";
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

function planeOf(fn: string, model: Module, opts: ParameterPlaneOptions): { p: Tensor; a: number; b: number } {
  const name = opts.param ?? "weight";
  const [a, b] = opts.entries ?? [0, 1];
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
  const { p, a, b } = planeOf("probe.lossGrid", model, opts);
  const n = opts.n ?? 41;
  check(
    Number.isInteger(n) && n >= 2,
    () => new ArgumentError({ fn: "probe.lossGrid", arg: "n", expected: "a whole number ≥ 2", received: show(n) }),
  );
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
  const { p, a, b } = planeOf("probe.descentPath", model, opts);
  const steps = opts.steps ?? 100;
  check(
    Number.isInteger(steps) && steps >= 0,
    () =>
      new ArgumentError({
        fn: "probe.descentPath",
        arg: "steps",
        expected: "a whole number ≥ 0",
        received: show(steps),
      }),
  );
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
