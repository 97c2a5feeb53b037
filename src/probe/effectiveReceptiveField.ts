/**
 * Effective receptive field (Luo et al., 2016): how strongly each input pixel influences one
 * output unit, measured as |∂y_unit/∂x| averaged over seeded random inputs (and, optionally,
 * re-initializations). It is nonzero only inside the theoretical receptive field and usually
 * concentrated near its centre (roughly Gaussian).
 */
import { fnArg, moduleArg, optionalInt, options, seedArg } from "../args";
import { checkShape } from "../tensor/check";
import { ArgumentError, ShapeError, check, show } from "../errors";
import type { Module } from "../nn/module";
import { receptiveField } from "../arith/receptiveField";
import { Generator } from "../random";
import { Tensor } from "../tensor/tensor";

export interface ERFOptions {
  /** Output position [row, col] whose gradient is taken (default: the centre). */
  unit?: [number, number];
  /** Output channel, or "sum" to add all channels (default "sum"). */
  channel?: number | "sum";
  /** Random inputs to average over (default 8). */
  trials?: number;
  /** Seed of the random inputs (default 0). */
  seed?: number;
  /** Called before each trial to re-initialize the model (averaging over initializations too). */
  reinit?: (model: Module, trial: number) => void;
}

export interface EffectiveReceptiveField {
  /** mean |∂y/∂x| summed over input channels: map[row][col], input height × width. */
  map: number[][];
  /** The map divided by its maximum (values in [0, 1]). */
  normalized: number[][];
  /** The output position and shape used. */
  unit: [number, number];
  outputShape: number[];
  /** Bounding box of the nonzero entries: where any input pixel influenced the unit (the theoretical RF, clipped to the input). */
  support: { top: number; left: number; height: number; width: number } | null;
  /**
   * The theoretical receptive field of the unit from `gl.arith.receptiveField(model)` (size r,
   * jump j, centre of the first unit `start`, per axis), as a box in input pixels; it may reach
   * into the padding (negative top/left). Null when arith cannot read the model's layers.
   */
  theoretical: {
    top: number;
    left: number;
    height: number;
    width: number;
    r: [number, number];
    j: [number, number];
  } | null;
}

/** The unit's theoretical field as a box, from arith's last row; null if arith cannot describe the model. */
function theoreticalBox(
  model: Module,
  H: number,
  W: number,
  unit: [number, number],
): EffectiveReceptiveField["theoretical"] {
  try {
    const rows = receptiveField(model, { inputSize: [H, W] });
    const last = rows[rows.length - 1];
    if (!last) return null;
    const h = { r: last.r, j: last.j, start: last.start };
    const w = last.width;
    const top = h.start + unit[0] * h.j - (h.r - 1) / 2;
    const left = w.start + unit[1] * w.j - (w.r - 1) / 2;
    return { top, left, height: h.r, width: w.r, r: [h.r, w.r], j: [h.j, w.j] };
  } catch {
    return null; // custom layers arith does not know: the measured map still stands
  }
}

/**
 * Effective receptive field of one output unit of a convolutional model.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Conv2d(1, 4, 3), new gl.nn.Tanh(), new gl.nn.Conv2d(4, 4, 3)]);
 * const erf = gl.probe.effectiveReceptiveField(model, [1, 16, 16], { trials: 4 });
 * erf.theoretical.height // 5
 * erf.support.height // 5
 * const fig = gl.plot.heatmap(erf.normalized, { title: "Effective receptive field", xLabel: "input column (px)",
 *   yLabel: "input row (px)", rects: [{ ...erf.theoretical, label: "theoretical RF" }] });
 */
export function effectiveReceptiveField(
  model: Module,
  inputShape: number[],
  opts: ERFOptions = {},
): EffectiveReceptiveField {
  opts = options<typeof opts>("probe.effectiveReceptiveField", "opts", opts, [
    "unit",
    "channel",
    "trials",
    "seed",
    "reinit",
  ]) as typeof opts;
  const fn = "probe.effectiveReceptiveField";
  moduleArg(fn, "model", model);
  checkShape(fn, "inputShape", inputShape);
  const shape = inputShape.length === 3 ? [1, ...inputShape] : inputShape;
  check(
    shape.length === 4 && shape[0] === 1,
    () =>
      new ShapeError({
        fn: "probe.effectiveReceptiveField",
        arg: "inputShape",
        expected: "[C, H, W] or [1, C, H, W] (one image, NCHW)",
        received: show(inputShape),
        fix: "For MNIST pass [1, 28, 28].",
      }),
  );
  const [, C, H, W] = shape;
  check(
    C >= 1 && H >= 1 && W >= 1,
    () =>
      new ShapeError({
        fn,
        arg: "inputShape",
        expected: "an image of at least one channel and one pixel: [C, H, W] with sizes ≥ 1",
        received: show(inputShape),
        fix: "For MNIST pass [1, 28, 28].",
      }),
  );
  const trials = optionalInt(fn, "trials", opts.trials, 8, {
    min: 1,
    fix: "trials is how many random inputs the map averages over: 8 to 32 is plenty.",
  });
  const gen = new Generator(seedArg(fn, "seed", opts.seed, 0));
  const reinit =
    opts.reinit === undefined || opts.reinit === null
      ? null
      : fnArg<(model: Module, trial: number) => void>(
          fn,
          "reinit",
          opts.reinit,
          "reinit: (model, trial) => { /* re-initialize model's weights */ }",
        );
  const unitOpt = opts.unit ?? undefined;
  check(
    unitOpt === undefined ||
      (Array.isArray(unitOpt) && unitOpt.length === 2 && unitOpt.every((v) => Number.isInteger(v) && v >= 0)),
    () =>
      new ArgumentError({
        fn,
        arg: "unit",
        expected: "an output position [row, col] of two whole numbers ≥ 0",
        received: show(unitOpt),
        fix: "e.g. unit: [4, 4]; leave it out for the centre of the output.",
      }),
  );
  const channel = opts.channel ?? "sum";
  check(
    channel === "sum" || (typeof channel === "number" && Number.isInteger(channel) && channel >= 0),
    () =>
      new ArgumentError({
        fn,
        arg: "channel",
        expected: 'an output channel (a whole number ≥ 0) or "sum"',
        received: show(channel),
        fix: 'e.g. channel: 0 for the first filter; "sum" (the default) adds every channel.',
      }),
  );
  const map = Array.from({ length: H }, () => new Array<number>(W).fill(0));
  const wasTraining = model.training;
  model.eval();
  let unit: [number, number] = [0, 0];
  let outputShape: number[] = [];
  try {
    for (let t = 0; t < trials; t++) {
      if (reinit) reinit(model, t);
      const x = new Tensor(
        Float32Array.from({ length: C * H * W }, () => gen.normal()),
        shape,
        { requiresGrad: true },
      );
      const y = model.forward(x);
      check(
        y.rank === 4,
        () =>
          new ShapeError({
            fn: "probe.effectiveReceptiveField",
            arg: "model",
            expected: "an output of shape [1, C, H, W] (a convolutional feature map)",
            received: `output shape ${show(y.shape)}`,
            fix: "Probe the convolutional part only, e.g. a Sequential of the layers before Flatten.",
          }),
      );
      outputShape = [...y.shape];
      const [, Co, Ho, Wo] = y.shape;
      check(
        channel === "sum" || channel < Co,
        () =>
          new ArgumentError({
            fn,
            arg: "channel",
            expected: `an output channel in [0, ${Co - 1}] (the output has ${Co} channels)`,
            received: show(channel),
            fix: 'Pick a channel the last layer has, or "sum" for all of them.',
          }),
      );
      unit = unitOpt ?? [Math.floor((Ho - 1) / 2), Math.floor((Wo - 1) / 2)];
      const [r, c] = unit;
      check(
        r >= 0 && r < Ho && c >= 0 && c < Wo,
        () =>
          new ArgumentError({
            fn: "probe.effectiveReceptiveField",
            arg: "unit",
            expected: `a position inside the ${Ho}×${Wo} output`,
            received: show(unit),
            fix: "Rows and columns count from 0; leave unit out for the centre of the output.",
          }),
      );
      const seed = new Float32Array(y.size);
      for (let k = 0; k < Co; k++) if (channel === "sum" || channel === k) seed[(k * Ho + r) * Wo + c] = 1;
      y.backward(new Tensor(seed, y.shape));
      const g = x.grad!.data;
      for (let k = 0; k < C; k++)
        for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) map[i][j] += Math.abs(g[(k * H + i) * W + j]) / trials;
      for (const p of model.parameters()) p.grad = null;
    }
  } finally {
    model.train(wasTraining);
  }
  let maxV = 0;
  let top = H,
    left = W,
    bottom = -1,
    right = -1;
  for (let i = 0; i < H; i++)
    for (let j = 0; j < W; j++) {
      const v = map[i][j];
      if (v > maxV) maxV = v;
      if (v <= 0) continue;
      top = Math.min(top, i);
      bottom = Math.max(bottom, i);
      left = Math.min(left, j);
      right = Math.max(right, j);
    }
  return {
    map,
    normalized: map.map((row) => row.map((v) => (maxV > 0 ? v / maxV : 0))),
    unit,
    outputShape,
    support: bottom >= 0 ? { top, left, height: bottom - top + 1, width: right - left + 1 } : null,
    theoretical: theoreticalBox(model, H, W, unit),
  };
}
