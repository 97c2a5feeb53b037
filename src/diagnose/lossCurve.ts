/**
 * Readings of a History's loss curves: the initial loss against ln C, a loss that went NaN or rose
 * (learning rate too high), one that hardly moved (no learning) or fell slowly in a straight line
 * (learning rate too low), a validation loss that rises while the training loss falls
 * (overfitting), and both losses high and close together (underfitting).
 */
import type { History } from "../train/history";
import { f3, pct, type Finding } from "./finding";
import * as T from "./thresholds";

/** Mean of values[from, to). */
function mean(values: number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i];
  return s / Math.max(1, to - from);
}

/** Window means of a loss curve: first, last, lowest (sliding), and the window size. */
export interface CurveSummary {
  n: number;
  window: number;
  first: number;
  last: number;
  lowest: number;
  lowestAt: number;
  /** Means of the four quarters of the run. */
  quarters: [number, number, number, number];
}

export function summarize(loss: number[]): CurveSummary {
  const n = loss.length;
  const w = Math.max(1, Math.min(n, Math.max(T.WINDOW_MIN, Math.round(n * T.WINDOW_FRACTION))));
  let lowest = Infinity;
  let lowestAt = 0;
  for (let i = 0; i + w <= n; i++) {
    const m = mean(loss, i, i + w);
    if (m < lowest) {
      lowest = m;
      lowestAt = i;
    }
  }
  const q = (k: number): number =>
    mean(loss, Math.floor((k * n) / 4), Math.max(Math.floor(((k + 1) * n) / 4), Math.floor((k * n) / 4) + 1));
  return {
    n,
    window: w,
    first: mean(loss, 0, w),
    last: mean(loss, n - w, n),
    lowest,
    lowestAt,
    quarters: [q(0), q(1), q(2), q(3)],
  };
}

/** The step losses that are finite (a run stopped by NaN keeps the ones before it), and whether it ended non-finite. */
export function finiteLosses(history: History): { loss: number[]; nonFinite: boolean } {
  const all = history.steps.loss;
  const cut = all.findIndex((v) => !Number.isFinite(v));
  const loss = cut < 0 ? all : all.slice(0, cut);
  return { loss, nonFinite: cut >= 0 || history.stopped.reason === "nonFinite" };
}

/** initial-loss: the first loss against ln C. */
export function initialLoss(history: History, numClasses: number): Finding | null {
  const l0 = history.steps.loss[0];
  if (l0 === undefined || !Number.isFinite(l0)) return null;
  const ln = Math.log(numClasses);
  const ratio = l0 / ln;
  const evidence = {
    firstLoss: l0,
    lnC: ln,
    numClasses,
    ratio,
    allowedRatio: `${T.INITIAL_LOSS_LOW}–${T.INITIAL_LOSS_HIGH}`,
  };
  if (ratio > T.INITIAL_LOSS_HIGH)
    return {
      code: "initial-loss",
      severity: "warning",
      message:
        `The first loss was ${f3(l0)}, but a ${numClasses}-class classifier that knows nothing should start near ` +
        `ln ${numClasses} = ${f3(ln)} (${ratio.toFixed(1)}× that): before any training it is confidently wrong, ` +
        `which usually means the last layer's weights are too large.`,
      evidence,
      fix:
        "Scale the last layer's initialization down (e.g. multiply its weights by 0.01, or use Xavier/He init) and check " +
        "that the first loss is ≈ ln C. A regularization penalty added to the loss also raises it: check with the penalty off.",
    };
  if (ratio < T.INITIAL_LOSS_LOW)
    return {
      code: "initial-loss",
      severity: "warning",
      message:
        `The first loss was ${f3(l0)}, far below ln ${numClasses} = ${f3(ln)}, the loss of a ${numClasses}-class ` +
        `classifier that knows nothing: an untrained model should not beat chance by that much.`,
      evidence,
      fix: "Check that the model is freshly initialized, that the labels do not leak into the inputs, and that numClasses is right.",
    };
  return null;
}

/** lr-too-high from the curve: NaN/Inf, or a loss that rose well above its lowest level. */
export function lossRose(history: History): Finding | null {
  const { loss, nonFinite } = finiteLosses(history);
  const lr = history.steps.lr[0];
  const lower = Number.isFinite(lr) ? ` (to ${f3(lr / 10)} from ${f3(lr)}, to start)` : "";
  if (nonFinite) {
    const at = loss.length;
    return {
      code: "lr-too-high",
      severity: "error",
      message:
        `Training stopped at step ${at}: the loss (or a gradient or weight) became NaN/Inf` +
        (loss.length ? `, after going from ${f3(loss[0])} to ${f3(loss[loss.length - 1])}` : "") +
        `. Steps that large throw the weights out of range: the learning rate is too high.`,
      evidence: {
        nonFiniteAtStep: at,
        firstLoss: loss[0] ?? null,
        lastFiniteLoss: loss[loss.length - 1] ?? null,
        lr: lr ?? null,
      },
      fix: `Lower the learning rate${lower}; if it still goes NaN, clip gradients (clipGradNorm in gl.fit) and check the inputs for NaN.`,
    };
  }
  if (loss.length < T.MIN_STEPS) return null;
  const c = summarize(loss);
  let peakAt = 0;
  for (let i = 1; i < loss.length; i++) if (loss[i] > loss[peakAt]) peakAt = i;
  if (loss[peakAt] >= T.SPIKE_FACTOR * loss[0]) {
    const recovered = c.last < loss[0];
    return {
      code: "lr-too-high",
      severity: recovered ? "warning" : "error",
      message:
        `The loss jumped to ${f3(loss[peakAt])} at step ${peakAt}, ${f3(loss[peakAt] / loss[0])}× its first value ${f3(loss[0])}: ` +
        `a step overshot far past the minimum. ` +
        (recovered
          ? `It came back down (to ${f3(c.last)} at the end), but the learning rate is too high.`
          : `It never came back below where it started (${f3(c.last)} at the end): the learning rate is too high.`),
      evidence: {
        firstLoss: loss[0],
        peakLoss: loss[peakAt],
        peakStep: peakAt,
        lastWindowLoss: c.last,
        spikeFactor: T.SPIKE_FACTOR,
        lr: lr ?? null,
      },
      fix: `Lower the learning rate${lower}; with ReLUs, re-initialize: units killed by the jump stay dead.`,
    };
  }
  if (c.last < T.RISE_FACTOR * c.lowest) return null;
  const diverged = c.last >= c.first;
  return {
    code: "lr-too-high",
    severity: diverged ? "error" : "warning",
    message: diverged
      ? `The loss diverged: it went from ${f3(c.first)}${c.lowestAt > 0 ? ` down to ${f3(c.lowest)} and then` : ""} up to ${f3(c.last)}, above where it started ` +
        `(means over ${c.window}-step windows). Each step overshoots the minimum: the learning rate is too high.`
      : `The loss rose from its lowest ${f3(c.lowest)} to ${f3(c.last)} by the end (${(c.last / c.lowest).toFixed(1)}×, means over ${c.window}-step windows): ` +
        `the steps are too large to stay in the minimum they found.`,
    evidence: {
      firstWindowLoss: c.first,
      lowestWindowLoss: c.lowest,
      lastWindowLoss: c.last,
      riseFactor: T.RISE_FACTOR,
      lr: lr ?? null,
    },
    fix: `Lower the learning rate${lower}, or decay it during training (gl.optim schedulers).`,
  };
}

/** How much the loss fell over the run, and whether it was still falling at the end at its early rate. */
export function descent(history: History): { drop: number; stillFalling: boolean; c: CurveSummary } | null {
  const { loss, nonFinite } = finiteLosses(history);
  if (nonFinite || loss.length < T.MIN_STEPS) return null;
  const c = summarize(loss);
  const drop = (c.first - c.last) / Math.abs(c.first || 1);
  const [q1, q2, q3, q4] = c.quarters;
  const early = q1 - q2;
  const late = q3 - q4;
  return { drop, stillFalling: late > 0 && late >= T.SLOW_STILL_FALLING * early, c };
}

/** no-learning: the loss stayed at its first level. `why` adds what the gradients and updates say. */
export function noLearning(history: History, why: string[]): Finding | null {
  const d = descent(history);
  if (!d || Math.abs(d.drop) >= T.NO_LEARNING_DROP) return null;
  const zeroGrad = history.steps.gradNorm.length > 0 && history.steps.gradNorm.every((g) => g === 0);
  const causes = zeroGrad
    ? [
        "the gradient norm was 0 at every step: no gradient reaches the parameters (frozen layers, or a graph cut by a detached tensor)",
      ]
    : why.length
      ? why
      : [
          "the labels may not match the inputs (shuffled or wrong labels)",
          "the optimizer may hold no (or the wrong) parameters",
          "the learning rate may be far too small",
        ];
  return {
    code: "no-learning",
    severity: "error",
    message:
      `The loss stayed at its initial level: ${f3(d.c.first)} at the start, ${f3(d.c.last)} at the end of ${d.c.n} steps ` +
      `(a change of ${pct(d.drop)}, means over ${d.c.window}-step windows). Nothing was learned; ${causes.join("; ")}.`,
    evidence: {
      firstWindowLoss: d.c.first,
      lastWindowLoss: d.c.last,
      drop: d.drop,
      threshold: T.NO_LEARNING_DROP,
      meanGradNorm: history.steps.gradNorm.length
        ? history.steps.gradNorm.reduce((a, b) => a + b, 0) / history.steps.gradNorm.length
        : null,
    },
    fix:
      "Overfit a tiny subset first (20–50 examples must reach ≈ 0 loss); if even that fails, check that the optimizer was built " +
      "from model.parameters(), that no layer is frozen, that the labels belong to the inputs, and that the learning rate is not tiny.",
  };
}

/** lr-too-low from the curve: a slow, straight descent still going at the end. */
export function slowDescent(history: History): Finding | null {
  const d = descent(history);
  if (!d || d.drop < T.NO_LEARNING_DROP || d.drop >= T.SLOW_DROP || !d.stillFalling) return null;
  const lr = history.steps.lr[0];
  return {
    code: "lr-too-low",
    severity: "warning",
    message:
      `The loss falls, but slowly: from ${f3(d.c.first)} to ${f3(d.c.last)} in ${d.c.n} steps (${pct(d.drop)}), and it was still ` +
      `falling at the end about as fast as at the start: a straight, slow descent, not a curve that has converged.`,
    evidence: {
      firstWindowLoss: d.c.first,
      lastWindowLoss: d.c.last,
      drop: d.drop,
      threshold: T.SLOW_DROP,
      quarterMeans: d.c.quarters,
      lr: lr ?? null,
    },
    fix: `Raise the learning rate${Number.isFinite(lr) ? ` (try ${f3(lr * 10)}, 10× the ${f3(lr)} used)` : ""}, or find one with gl.lrFinder.`,
  };
}

/** overfitting: the validation loss rises (or the gap keeps widening) while the training loss falls. */
export function overfitting(history: History): Finding | null {
  const t = history.epochs.loss;
  const v = history.epochs.valLoss;
  if (v.length < 3 || v.some((x) => x === null || !Number.isFinite(x))) return null;
  const val = v as number[];
  const best = val.indexOf(Math.min(...val));
  const last = val.length - 1;
  const evidence = {
    bestEpoch: best,
    bestValLoss: val[best],
    lastValLoss: val[last],
    trainLossAtBest: t[best],
    lastTrainLoss: t[last],
  };
  const stop =
    `Stop at epoch ${best} (gl.fit's earlyStopping: { patience: 2 } stops there and restores those weights), and regularize: ` +
    "weight decay, dropout, data augmentation, or more training data.";
  if (val[last] >= (1 + T.OVERFIT_RISE) * val[best] && t[last] < t[best])
    return {
      code: "overfitting",
      severity: "warning",
      message:
        `The validation loss rose from ${f3(val[best])} at epoch ${best} to ${f3(val[last])} at epoch ${last} while the ` +
        `training loss kept falling (${f3(t[best])} → ${f3(t[last])}): the model is memorizing the training examples.`,
      evidence,
      fix: stop,
    };
  const gap = val.map((x, i) => x - t[i]);
  const k = T.OVERFIT_GAP_EPOCHS;
  if (gap.length > k) {
    const widening = gap.slice(-k - 1).every((g, i, a) => i === 0 || g > a[i - 1]);
    if (widening && gap[last] >= T.OVERFIT_GAP * val[last] && t[last] < t[last - k] && val[last] >= val[last - k])
      return {
        code: "overfitting",
        severity: "warning",
        message:
          `Over the last ${k} epochs the training loss kept falling (${f3(t[last - k])} → ${f3(t[last])}) but the validation loss did not ` +
          `(${f3(val[last - k])} → ${f3(val[last])}): the gap between them widened every epoch, to ${f3(gap[last])}. The model is starting to memorize the training examples.`,
        evidence: { ...evidence, gap: gap },
        fix: stop,
      };
  }
  return null;
}

/** underfitting: training and validation losses both high and close. */
export function underfitting(history: History): Finding | null {
  const t = history.epochs.loss;
  const v = history.epochs.valLoss;
  const l0 = history.steps.loss[0];
  const last = t.length - 1;
  if (last < 0 || v[last] === null || v[last] === undefined || !Number.isFinite(l0)) return null;
  const tl = t[last];
  const vl = v[last] as number;
  if (tl <= T.UNDERFIT_LOSS * l0 || Math.abs(vl - tl) > T.UNDERFIT_CLOSE * tl) return null;
  return {
    code: "underfitting",
    severity: "warning",
    message:
      `After ${t.length} epoch(s) the training loss is still ${f3(tl)} (${pct(tl / l0)} of the first loss ${f3(l0)}) and the ` +
      `validation loss ${f3(vl)} is close to it: the model does not fit even the training data.`,
    evidence: {
      firstLoss: l0,
      lastTrainLoss: tl,
      lastValLoss: vl,
      highIfAbove: T.UNDERFIT_LOSS,
      closeWithin: T.UNDERFIT_CLOSE,
    },
    fix: "Give the model more capacity (wider or deeper layers), train longer, or raise the learning rate; reduce regularization if there is any.",
  };
}
