/**
 * Code exercise of lesson 08 (regularization): inverted dropout(x, p, training) →
 *   training: y = x · m / (1 − p), m ~ Bernoulli(1 − p) per element;   eval: y = x.
 * Random masks cannot be compared value for value with gradlab's, so the comparison checks what
 * defines the output on a large input: the factor kept values are multiplied by, and the fraction of
 * zeros (within 5 standard errors of gl.nn.Dropout's); eval mode must return x. Known wrong versions: no rescaling,
 * p read as the keep probability, scaling by (1 − p), and dropping in eval mode too.
 */
import { Dropout } from "../../nn/dropout";
import { rng } from "../../random";
import { Tensor } from "../../tensor/tensor";
import type { CodeExerciseSpec } from "../codeGrader";

/** The reference, gl.nn.Dropout in the requested mode. */
function reference(x: Tensor, p: number, training: boolean): Tensor {
  const d = new Dropout(p);
  return (training ? d.train() : d.eval()).forward(x);
}

/** A mask-based variant: keep with probability `keep`, multiply kept values by `scale`. */
const variant =
  (keepOf: (p: number) => number, scaleOf: (p: number) => number, alsoInEval = false) =>
  (x: Tensor, p: number, training: boolean): Tensor => {
    if (!training && !alsoInEval) return x;
    const keep = keepOf(p);
    const out = new Float32Array(x.size);
    for (let i = 0; i < x.size; i++) out[i] = rng.random() < keep ? x.data[i] * scaleOf(p) : 0;
    return new Tensor(out, [...x.shape]);
  };

/** The input of every case: deterministic values in [0.5, 1.5), recomputable from the shape alone. */
const fixedInput = (shape: number[]): Tensor => {
  const n = shape[0] * shape[1];
  return new Tensor(
    Float32Array.from({ length: n }, (_, i) => 0.5 + ((i * 7) % 11) / 11),
    [...shape],
  );
};

/** The fraction of zeros and the factor kept values were multiplied by (NaN if none kept, or if kept values disagree). */
function dropStats(y: Tensor, x: Tensor): { zeros: number; scale: number } {
  let zeros = 0;
  let scale = NaN;
  for (let i = 0; i < y.size; i++) {
    if (y.data[i] === 0) {
      zeros++;
      continue;
    }
    const r = y.data[i] / x.data[i];
    if (Number.isNaN(scale)) scale = r;
    else if (Math.abs(r - scale) > 1e-4 * Math.abs(scale)) return { zeros: zeros / y.size, scale: Infinity };
  }
  return { zeros: zeros / y.size, scale };
}

/**
 * Compares what defines the output, not the random values: every kept value scaled by the same factor as
 * in `want`, and the fraction of zeros equal to want's within 5 standard errors of a difference of two
 * binomial fractions.
 */
function sameDropout(got: unknown, want: unknown): string | null {
  const w = want as Tensor;
  const x = fixedInput(w.shape);
  const a = dropStats(got as Tensor, x);
  const b = dropStats(w, x);
  if (a.scale === Infinity) return "your kept values are not all multiplied by the same factor.";
  if (b.zeros === 0 && a.zeros > 0)
    return `${(100 * a.zeros).toFixed(1)} % of your outputs are 0, but here none should be.`;
  const se = Math.sqrt((2 * b.zeros * (1 - b.zeros)) / w.size);
  if (Math.abs(a.zeros - b.zeros) > 5 * se + 1e-9)
    return `${(100 * a.zeros).toFixed(1)} % of your outputs are 0, but about ${(100 * b.zeros).toFixed(0)} % should be.`;
  if (!Number.isNaN(b.scale) && Math.abs(a.scale - b.scale) > 1e-4 * b.scale)
    return `your kept values are ${+a.scale.toPrecision(3)}× their input, which is not the factor that keeps the mean unchanged.`;
  return null;
}

const input = (rows: number, p: number, training: boolean) => (): unknown[] => [fixedInput([rows, 40]), p, training];

/** dropout(x, p, training) → inverted dropout. */
export const dropout: CodeExerciseSpec = {
  lesson: "regularization",
  prompt:
    "Write dropout(x, p, training): in training zero each element with probability p and scale the kept ones by 1/(1 − p); in evaluation return x unchanged.",
  hint: "gl.rand(x.shape) gives uniform numbers in [0, 1): an element is kept where that number is < 1 − p. What must the kept values be multiplied by so that the mean stays the same?",
  signature: "dropout(x, p, training) → y",
  args: ["x", "p", "training"],
  cases: [
    { label: "x [50, 40], p = 0.5, training", make: input(50, 0.5, true) },
    { label: "x [60, 40], p = 0.2, training", make: input(60, 0.2, true) },
    { label: "x [30, 40], p = 0.5, evaluation", make: input(30, 0.5, false) },
  ],
  reference,
  compare: sameDropout,
  wrong: [
    {
      name: "no rescaling",
      fn: variant(
        (p) => 1 - p,
        () => 1,
      ),
      why: "You zeroed units but did not scale the kept ones by 1/(1 − p): in training the next layer then sees inputs (1 − p)× as large on average as in evaluation. Inverted dropout rescales in training so eval needs nothing.",
    },
    {
      name: "p as keep probability",
      fn: variant(
        (p) => p,
        (p) => 1 / (1 - p),
      ),
      why: "You kept each unit with probability p. In PyTorch, Keras and gl.nn.Dropout, p is the probability of DROPPING a unit: keep where rand < 1 − p.",
    },
    {
      name: "scaled by 1 − p",
      fn: variant(
        (p) => 1 - p,
        (p) => 1 - p,
      ),
      why: "You multiplied the kept values by (1 − p). That is the old non-inverted convention applied at the wrong time: in training the kept values are divided by (1 − p).",
    },
    {
      name: "dropout in eval",
      fn: variant(
        (p) => 1 - p,
        (p) => 1 / (1 - p),
        true,
      ),
      why: "Your function also drops units in evaluation. In eval mode dropout is the identity: return x.",
    },
  ],
  explain: "Kept values divided by 1 − p keep each unit's expected value, so evaluation needs no rescaling.",
};
