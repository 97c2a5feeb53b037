import { expect } from "chai";
import * as gl from "../../src";
import { CodeExerciseSpec, gradeCode } from "../../src/exercises/codeGrader";
import { linearBackward, tanhBackward } from "../../src/exercises/code/backprop";
import { clipGradNorm } from "../../src/exercises/code/vanishing";
import { softmax } from "../../src/exercises/code/activations";
import { heNormal } from "../../src/exercises/code/initialization";
import { batchNormEval, batchNormTrain } from "../../src/exercises/code/normalization";
import { conv2dNaive } from "../../src/exercises/code/convArithmetic";
import { receptiveField } from "../../src/exercises/code/receptiveFields";
import { confusionCounts } from "../../src/exercises/code/capstone";

type Fn = (...args: never[]) => unknown;
const T = gl.Tensor;

/** A learner's answers, written from the definitions with plain loops where that reads best (independent of the references). */
const correct: Record<string, [CodeExerciseSpec, Fn]> = {
  tanhBackward: [
    tanhBackward,
    ((x: gl.Tensor, dy: gl.Tensor) =>
      new T(
        Float32Array.from(x.data, (v, i) => dy.data[i] * (1 - Math.tanh(v) ** 2)),
        x.shape,
      )) as Fn,
  ],
  linearBackward: [
    linearBackward,
    ((x: gl.Tensor, W: gl.Tensor, _b: gl.Tensor, dy: gl.Tensor) => {
      const [N, I] = x.shape;
      const O = W.shape[0];
      const dx = new Float32Array(N * I);
      const dW = new Float32Array(O * I);
      const db = new Float32Array(O);
      for (let n = 0; n < N; n++)
        for (let o = 0; o < O; o++) {
          const g = dy.data[n * O + o];
          db[o] += g;
          for (let i = 0; i < I; i++) {
            dx[n * I + i] += g * W.data[o * I + i];
            dW[o * I + i] += g * x.data[n * I + i];
          }
        }
      return { dx: new T(dx, [N, I]), dW: new T(dW, [O, I]), db: new T(db, [O]) };
    }) as Fn,
  ],
  clipGradNorm: [
    clipGradNorm,
    ((grads: gl.Tensor[], maxNorm: number) => {
      let sq = 0;
      for (const g of grads) for (const v of g.data) sq += v * v;
      const c = Math.min(1, maxNorm / (Math.sqrt(sq) + 1e-6));
      return grads.map(
        (g) =>
          new T(
            Float32Array.from(g.data, (v) => v * c),
            g.shape,
          ),
      );
    }) as Fn,
  ],
  softmax: [
    softmax,
    ((x: gl.Tensor) => {
      const C = x.shape[x.shape.length - 1];
      const out = new Float32Array(x.size);
      for (let r = 0; r < x.size / C; r++) {
        let m = -Infinity;
        for (let c = 0; c < C; c++) m = Math.max(m, x.data[r * C + c]);
        let s = 0;
        for (let c = 0; c < C; c++) s += Math.exp(x.data[r * C + c] - m);
        for (let c = 0; c < C; c++) out[r * C + c] = Math.exp(x.data[r * C + c] - m) / s;
      }
      return new T(out, x.shape);
    }) as Fn,
  ],
  heNormal: [
    heNormal,
    ((shape: number[]) => gl.randn(shape, { std: Math.sqrt(2 / shape.slice(1).reduce((a, b) => a * b, 1)) })) as Fn,
  ],
  batchNormTrain: [
    batchNormTrain,
    ((x: gl.Tensor, gamma: gl.Tensor, beta: gl.Tensor, eps: number) => {
      const [N, C] = x.shape;
      const S = x.size / (N * C);
      const mean = new Float32Array(C);
      const variance = new Float32Array(C);
      const at = (n: number, c: number, s: number): number => (n * C + c) * S + s;
      for (let c = 0; c < C; c++) {
        let sum = 0;
        for (let n = 0; n < N; n++) for (let s = 0; s < S; s++) sum += x.data[at(n, c, s)];
        mean[c] = sum / (N * S);
        let q = 0;
        for (let n = 0; n < N; n++) for (let s = 0; s < S; s++) q += (x.data[at(n, c, s)] - mean[c]) ** 2;
        variance[c] = q / (N * S);
      }
      const y = new Float32Array(x.size);
      for (let n = 0; n < N; n++)
        for (let c = 0; c < C; c++)
          for (let s = 0; s < S; s++)
            y[at(n, c, s)] =
              (gamma.data[c] * (x.data[at(n, c, s)] - mean[c])) / Math.sqrt(variance[c] + eps) + beta.data[c];
      return { y: new T(y, x.shape), mean: new T(mean, [C]), variance: new T(variance, [C]) };
    }) as Fn,
  ],
  batchNormEval: [
    batchNormEval,
    ((x: gl.Tensor, rm: gl.Tensor, rv: gl.Tensor, g: gl.Tensor, b: gl.Tensor, eps: number) => {
      const [N, C] = x.shape;
      const S = x.size / (N * C);
      return new T(
        Float32Array.from(x.data, (v, i) => {
          const c = Math.floor(i / S) % C;
          return (g.data[c] * (v - rm.data[c])) / Math.sqrt(rv.data[c] + eps) + b.data[c];
        }),
        x.shape,
      );
    }) as Fn,
  ],
  conv2dNaive: [
    conv2dNaive,
    ((x: gl.Tensor, w: gl.Tensor, { stride = 1, padding = 0 }: { stride?: number; padding?: number }) => {
      const [N, C, H, W] = x.shape;
      const [F, , kH, kW] = w.shape;
      const Ho = Math.floor((H + 2 * padding - kH) / stride) + 1;
      const Wo = Math.floor((W + 2 * padding - kW) / stride) + 1;
      const y = new Float32Array(N * F * Ho * Wo);
      for (let n = 0; n < N; n++)
        for (let f = 0; f < F; f++)
          for (let i = 0; i < Ho; i++)
            for (let j = 0; j < Wo; j++) {
              let s = 0;
              for (let c = 0; c < C; c++)
                for (let u = 0; u < kH; u++)
                  for (let v = 0; v < kW; v++) {
                    const r = i * stride + u - padding;
                    const q = j * stride + v - padding;
                    if (r >= 0 && r < H && q >= 0 && q < W)
                      s += x.data[((n * C + c) * H + r) * W + q] * w.data[((f * C + c) * kH + u) * kW + v];
                  }
              y[((n * F + f) * Ho + i) * Wo + j] = s;
            }
      return new T(y, [N, F, Ho, Wo]);
    }) as Fn,
  ],
  receptiveField: [
    receptiveField,
    ((layers: { kernelSize: number; stride?: number; dilation?: number }[]) => {
      let r = 1;
      let j = 1;
      for (const l of layers) {
        r += (l.kernelSize - 1) * (l.dilation ?? 1) * j;
        j *= l.stride ?? 1;
      }
      return r;
    }) as Fn,
  ],
  confusionCounts: [
    confusionCounts,
    ((logits: gl.Tensor, y: gl.Tensor) => {
      const [N, C] = logits.shape;
      const m = Array.from({ length: C }, () => new Array<number>(C).fill(0));
      for (let i = 0; i < N; i++) {
        let best = 0;
        for (let k = 1; k < C; k++) if (logits.data[i * C + k] > logits.data[i * C + best]) best = k;
        m[y.data[i]][best] += 1;
      }
      return m;
    }) as Fn,
  ],
};

describe("exercises: code graders (a learner's function run on seeded inputs)", () => {
  for (const [name, [spec, fn]] of Object.entries(correct)) {
    describe(name, () => {
      it("accepts a correct version written independently of the reference", () => {
        const v = gradeCode(spec, fn);
        expect(v.message).to.match(new RegExp(`^${name} is right on all ${spec.cases.length} inputs`));
        expect(v.correct).to.equal(true);
      });
      for (const w of spec.wrong ?? [])
        it(`names the known wrong version "${w.name}"`, () => {
          const v = gradeCode(spec, w.fn);
          expect(v.correct).to.equal(false);
          expect(v.message).to.equal(w.why);
          expect(v.mistake?.code).to.equal(w.name);
        });
      it("reports a function that throws, naming the input, without throwing itself", () => {
        const v = gradeCode(spec, () => {
          throw new Error("not written yet");
        });
        expect(v.correct).to.equal(false);
        expect(v.message).to.contain("threw: not written yet").and.to.contain(spec.cases[0].label);
      });
      it("reports a result of the wrong type or shape", () => {
        const v = gradeCode(spec, () => gl.zeros([7, 1]));
        expect(v.correct).to.equal(false);
        expect(v.message).to.match(/shape \[7, 1\]|should be|no field/);
      });
      it("hints, and never prints expected values in its messages", () => {
        expect(spec.hint.length).to.be.greaterThan(20);
        const v = gradeCode(spec, () => gl.zeros([7, 1]));
        expect(v.message).not.to.match(/\d\.\d{4,}/);
      });
    });
  }

  it("says a tensor output is off by a constant factor, and where, without the expected values", () => {
    const v = gradeCode(tanhBackward, (x: gl.Tensor, dy: gl.Tensor) =>
      gl.mul(gl.mul(dy, gl.sub(1, gl.square(gl.tanh(x)))), 4 / 3),
    );
    expect(v.message).to.contain("5 of 5 values differ (every element): yours is 1.33× the right value");
  });

  it("notices an input changed in place", () => {
    const v = gradeCode(tanhBackward, (x: gl.Tensor, dy: gl.Tensor) => {
      dy.data[0] = 0;
      return gl.mul(dy, gl.sub(1, gl.square(gl.tanh(x))));
    });
    expect(v.message).to.contain("changed its input dy in place");
  });

  it("notices that the learner only called the op (or autograd) being implemented", () => {
    expect(gradeCode(softmax, (x: gl.Tensor) => gl.softmax(x)).message).to.contain("calls gl.softmax");
    expect(gradeCode(softmax, (x: gl.Tensor) => x.softmax()).message).to.contain("calls gl.softmax");
    expect(
      gradeCode(tanhBackward, (x: gl.Tensor, dy: gl.Tensor) => {
        const xx = gl.tensor(x.toList(), x.shape, { requiresGrad: true });
        gl.tanh(xx).backward(dy);
        return xx.grad;
      }).message,
    ).to.contain("calls autograd");
    expect(gradeCode(conv2dNaive, (x: gl.Tensor, w: gl.Tensor) => gl.conv2d(x, w)).message).to.contain(
      "calls gl.conv2d",
    );
    expect(gradeCode(heNormal, (s: number[]) => gl.init.heNormal(s)).message).to.contain("calls gl.init.heNormal");
  });

  it("does not mistake the learner's own helper names for the op (myConv2d, a batchNormStats helper)", () => {
    const [, conv] = correct.conv2dNaive;
    const myConv2d = conv;
    expect(
      gradeCode(conv2dNaive, (x: gl.Tensor, w: gl.Tensor, o: { stride: number; padding: number }) =>
        myConv2d(...([x, w, o] as never[])),
      ).correct,
    ).to.equal(true);
    expect(
      gradeCode(conv2dNaive, (x: gl.Tensor, w: gl.Tensor) => new gl.nn.Conv2d(1, 1, 3).forward(x) ?? w).message,
    ).to.contain("calls gl.conv2d");
    expect(
      gradeCode(batchNormTrain, (x: gl.Tensor) => new gl.nn.BatchNorm1d(x.shape[1]).forward(x)).message,
    ).to.contain("gradlab's BatchNorm");
  });

  it("asks for the function itself when given a value or nothing", () => {
    expect(gradeCode(softmax, gl.tensor([1])).message).to.contain('check("softmax", softmax)');
    expect(gradeCode(softmax, null).message).to.match(/^Not answered yet/);
  });

  it("names the overflow of an unstable softmax on logits of ±1000", () => {
    const naive = (x: gl.Tensor) => gl.div(gl.exp(x), gl.sum(gl.exp(x), -1, true));
    expect(gradeCode(softmax, naive).message).to.contain("exp(1000) overflows");
  });

  it("grades heNormal statistically: a different but correct way of drawing passes, a wrong std fails", () => {
    const viaInitNormal = (s: number[]) => gl.init.normal(s, Math.sqrt(2 / s.slice(1).reduce((a, b) => a * b, 1)));
    expect(gradeCode(heNormal, viaInitNormal).correct).to.equal(true);
    const slightly = (s: number[]) => gl.randn(s, { std: 1.3 * Math.sqrt(2 / s.slice(1).reduce((a, b) => a * b, 1)) });
    expect(gradeCode(heNormal, slightly).message).to.contain("1.3× what He's rule gives");
  });

  it("names a dW that is transposed even though its shape differs", () => {
    const v = gradeCode(linearBackward, (x: gl.Tensor, W: gl.Tensor, _b: gl.Tensor, dy: gl.Tensor) => ({
      dx: gl.matmul(dy, W),
      dW: gl.matmul(gl.transpose(x), dy),
      db: gl.sum(dy, 0),
    }));
    expect(v.message).to.contain("Your dW is transposed");
  });
});
