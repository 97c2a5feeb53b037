/**
 * Where a classifier goes wrong: the confusion matrix (混淆矩阵) C[true][predicted] = number of
 * examples of class `true` predicted as `predicted`, and the mistakes made with the highest
 * confidence (softmax probability of the wrong class) — the test images worth looking at.
 */
import { optionalInt } from "../args";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { tensorArg } from "../tensor/check";
import type { Tensor } from "../tensor/tensor";

function checkPair(fn: string, logits: Tensor, y: Tensor): [number, number] {
  tensorArg(fn, "logits", logits, {
    rank: 2,
    fix: "Pass gl.predict(model, X): one row of class scores per example, [N, C].",
  });
  tensorArg(fn, "y", y, { rank: 1, fix: "Pass the class indices, one per example: y of shape [N]." });
  check(
    y.shape[0] === logits.shape[0],
    () =>
      new ShapeError({
        fn,
        arg: "y",
        expected: `class indices of the same ${logits.shape[0]} examples as logits [N, C] (shape [${logits.shape[0]}])`,
        received: `logits of shape ${show(logits.shape)} and y of shape ${show(y.shape)}`,
        fix: "Pass gl.predict(model, X) (one row of scores per example) and the labels of the same X.",
      }),
  );
  const C = logits.shape[1];
  const bad = Array.from(y.data).findIndex((v) => !(Number.isInteger(v) && v >= 0 && v < C));
  check(
    bad < 0,
    () =>
      new ArgumentError({
        fn,
        arg: "y",
        expected: `class indices: whole numbers in [0, ${C - 1}] (logits have ${C} classes)`,
        received: `y[${bad}] = ${show(y.data[bad])}`,
        fix: "Pass the labels as class indices (not one-hot rows, not the model's scores).",
      }),
  );
  return [logits.shape[0], C];
}

function argmaxRow(d: ArrayLike<number>, i: number, C: number): number {
  let best = 0;
  for (let k = 1; k < C; k++) if (d[i * C + k] > d[i * C + best]) best = k;
  return best;
}

/**
 * C × C counts: row = true class, column = predicted class (argmax of the logits).
 * @example
 * const logits = gl.tensor([[2, 0], [0, 1], [3, 1]]);
 * gl.confusionMatrix(logits, gl.tensor([0, 0, 1])) // [[1, 1], [1, 0]]
 */
export function confusionMatrix(logits: Tensor, y: Tensor): number[][] {
  const [N, C] = checkPair("confusionMatrix", logits, y);
  const out = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  for (let i = 0; i < N; i++) out[y.data[i]][argmaxRow(logits.data, i, C)]++;
  return out;
}

/** One misclassified example: its index, true and predicted class, and the probability given to the prediction. */
export interface Misclassified {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
}

/**
 * The k misclassified examples with the highest softmax probability on the wrong class, most confident first.
 * @example
 * const logits = gl.tensor([[5, 0], [0, 1], [1, 0.5]]);
 * gl.confidentMistakes(logits, gl.tensor([1, 1, 1]), 5).map((m) => m.index) // [0, 2]
 */
export function confidentMistakes(logits: Tensor, y: Tensor, k = 16): Misclassified[] {
  const [N, C] = checkPair("confidentMistakes", logits, y);
  k = optionalInt("confidentMistakes", "k", k, 16, { min: 1 });
  const d = logits.data;
  const out: Misclassified[] = [];
  for (let i = 0; i < N; i++) {
    const predicted = argmaxRow(d, i, C);
    if (predicted === y.data[i]) continue;
    let z = 0;
    for (let c = 0; c < C; c++) z += Math.exp(d[i * C + c] - d[i * C + predicted]);
    out.push({ index: i, label: y.data[i], predicted, confidence: 1 / z });
  }
  return out.sort((a, b) => b.confidence - a.confidence).slice(0, k);
}
