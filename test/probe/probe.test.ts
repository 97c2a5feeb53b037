import { expect } from "chai";
import * as gl from "../../src";
import { histogram } from "../../src/probe/histogram";
import { Module } from "../../src/nn/module";
import { Tensor } from "../../src/tensor/tensor";
import { FakeBatchNorm, Linear, PlainSGD, ReLU, Seq, Sigmoid, Tanh, randomLinear } from "./tinyModules";

/** Population mean and std of a list. */
function meanStd(v: number[]): [number, number] {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return [m, Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length)];
}

describe("probe histogram", () => {
  it("counts values into equal bins from min to max (max in the last bin) and leaves NaN out", () => {
    const h = histogram([0, 1, 1, 2, NaN], 2);
    expect(h.edges).to.deep.equal([0, 1, 2]);
    expect(h.counts).to.deep.equal([1, 3]);
    expect(h.nonFinite).to.equal(1);
  });
  it("gives equal values one visible bin around them", () => {
    const h = histogram([5, 5, 5], 4);
    expect(h.counts.reduce((a, b) => a + b)).to.equal(3);
    expect(h.edges[0]).to.be.lessThan(5);
    expect(h.edges[4]).to.be.greaterThan(5);
  });
});

describe("probe statsOf", () => {
  const values = Float32Array.from({ length: 50000 }, (_, i) => 1e4 + Math.sin(i) * (i % 7)); // mean ≫ std
  const [m, s] = meanStd(Array.from(values));

  it("computes mean and std in one shifted pass as accurately as the two-pass formula", () => {
    const st = gl.probe.statsOf(values);
    expect(st.mean).to.be.closeTo(m, 1e-9 * Math.abs(m));
    expect(st.std).to.be.closeTo(s, 1e-9 * s);
    expect([st.min, st.max]).to.deep.equal([Math.min(...values), Math.max(...values)]);
    expect(st.histogram.counts.reduce((a, b) => a + b)).to.equal(values.length);
    expect(st.histogram.sampled).to.equal(undefined);
  });

  it("histogramSample bins a fixed sample and says so; the statistics still use every value", () => {
    const full = gl.probe.statsOf(values);
    const st = gl.probe.statsOf(values, 30, { histogramSample: 4096 });
    expect(st.histogram.sampled).to.equal(4096);
    expect(st.histogram.counts.reduce((a, b) => a + b)).to.equal(4096);
    expect(st.histogram.edges).to.deep.equal(full.histogram.edges);
    expect([st.mean, st.std, st.min, st.max, st.count]).to.deep.equal([full.mean, full.std, full.min, full.max, 50000]);
    expect(gl.probe.statsOf(values, 30, { histogramSample: 4096 })).to.deep.equal(st); // same positions each time
    st.histogram.counts.forEach((c, b) => expect(c / 4096).to.be.closeTo(full.histogram.counts[b] / 50000, 0.03));
  });

  it("a probe samples histograms of tensors over 4096 values by default, all of them with Infinity", () => {
    const model = new gl.nn.Sequential([new gl.nn.Linear(100, 50)]);
    const X = gl.randn([8, 100]);
    const run = (p: ReturnType<typeof gl.probe.attach>): gl.probe.StepRecord => {
      gl.sum(model.forward(X)).backward();
      p.beforeStep();
      p.afterStep();
      p.detach();
      for (const q of model.parameters()) q.grad = null;
      return p.records[0];
    };
    const sampled = run(gl.probe.attach(model)).parameters[0];
    expect(sampled.value.histogram.sampled).to.equal(4096); // 5000 weights
    expect(sampled.grad!.histogram.sampled).to.equal(4096);
    const all = run(gl.probe.attach(model, { histogramSample: Infinity })).parameters[0];
    expect(all.value.histogram.sampled).to.equal(undefined);
    expect(all.value.histogram.counts.reduce((a, b) => a + b)).to.equal(5000);
    expect(() => gl.probe.attach(model, { histogramSample: 0 })).to.throw(/histogramSample/);
  });
});

describe("gl.probe.attach", () => {
  it("records a Linear's output mean, std and histogram exactly (identity weight, known input)", () => {
    const lin = new Linear(
      [
        [1, 0],
        [0, 1],
      ],
      [0, 0],
    );
    const model = new Seq(lin);
    const p = gl.probe.attach(model, { histogramBins: 4 });
    const X = gl.tensor([
      [1, 2],
      [3, 4],
    ]);
    model.forward(X);
    const rec = p.layer("0")[0];
    expect(rec.type).to.equal("Linear");
    expect(rec.shape).to.deep.equal([2, 2]);
    expect(rec.activation.mean).to.equal(2.5);
    expect(rec.activation.std).to.be.closeTo(Math.sqrt(1.25), 1e-12);
    expect([rec.activation.min, rec.activation.max]).to.deep.equal([1, 4]);
    expect(rec.activation.histogram.counts).to.deep.equal([1, 1, 1, 1]);
    expect(rec.activation.saturated).to.equal(undefined); // not a saturating layer
    expect(rec.activation.dead).to.equal(undefined);
    p.detach();
  });

  it("records the gradient w.r.t. each layer's output after backward", () => {
    const model = new Seq(
      new Linear(
        [
          [1, 0],
          [0, 1],
        ],
        [0, 0],
      ),
      new Linear(
        [
          [2, 0],
          [0, 2],
        ],
        [0, 0],
      ),
    );
    const p = gl.probe.attach(model);
    const c = gl.tensor([
      [1, -1],
      [3, 5],
    ]);
    gl.sum(
      gl.mul(
        model.forward(
          gl.tensor([
            [1, 2],
            [3, 4],
          ]),
        ),
        c,
      ),
    ).backward();
    const [g1, g0] = [p.layer("1")[0].gradient!, p.layer("0")[0].gradient!];
    const [m, s] = meanStd([1, -1, 3, 5]);
    expect(g1.mean).to.be.closeTo(m, 1e-12); // ∂(Σ y·c)/∂y = c
    expect(g1.std).to.be.closeTo(s, 1e-12);
    expect(g0.mean).to.be.closeTo(2 * m, 1e-12); // through the ×2 layer
    expect(g0.std).to.be.closeTo(2 * s, 1e-12);
    p.detach();
  });

  it("a ReLU after a Linear with negative bias is 100% dead; with half the biases positive, 50%", () => {
    gl.seed(1);
    const X = gl.rand([16, 3]); // inputs in [0, 1), so |x·w| < 3 with weights in [-1, 1]
    const W = [
      [1, -1, 0.5],
      [0.2, 0.3, -0.9],
      [-1, 1, 1],
      [0.5, 0.5, 0.5],
    ];
    for (const [bias, expected] of [
      [[-10, -10, -10, -10], 1],
      [[-10, 10, -10, 10], 0.5],
    ] as const) {
      const model = new Seq(new Linear(W, [...bias]), new ReLU());
      const p = gl.probe.attach(model);
      model.forward(X);
      expect(p.layer("1")[0].activation.dead).to.equal(expected);
      p.detach();
    }
  });

  it("dead units of a conv output are (channel, position) pairs; dead channels are zero at every position", () => {
    // (N=2, C=2, H=1, W=2): channel 0 never positive; channel 1 positive at position 0 for one example only
    const x = gl.tensor([-1, -2, 3, -1, -5, -1, -2, -3], [2, 2, 1, 2]);
    const model = new Seq(new ReLU());
    const p = gl.probe.attach(model);
    model.forward(x);
    const a = p.layer("0")[0].activation;
    expect(a.dead).to.equal(3 / 4); // units (0,0), (0,1), (1,1) dead; (1,0) alive
    expect(a.deadChannels).to.equal(1 / 2);
    p.detach();
  });

  it("tanh fed huge values is 100% saturated, fed tiny values 0%; sigmoid likewise", () => {
    const big = gl.tensor([
      [50, -60, 100],
      [-80, 70, 90],
    ]);
    const small = gl.mul(big, 1e-4);
    for (const [Act, name] of [
      [Tanh, "Tanh"],
      [Sigmoid, "Sigmoid"],
    ] as const) {
      const model = new Seq(new Act());
      const p = gl.probe.attach(model);
      model.forward(big);
      expect(p.layer("0")[0].activation.saturated, `${name} big`).to.equal(1);
      p.detach();
      const q = gl.probe.attach(model);
      model.forward(small);
      expect(q.layer("0")[0].activation.saturated, `${name} small`).to.equal(0);
      q.detach();
    }
  });

  it("the kinds option overrides the judgement by class name", () => {
    const model = new Seq(new Linear([[1]], [0]));
    const p = gl.probe.attach(model, { kinds: { "0": "tanh" } });
    model.forward(gl.tensor([[0.99], [0.5]]));
    expect(p.layer("0")[0].activation.saturated).to.equal(0.5);
    p.detach();
  });

  it("update:data ratio for plain SGD equals log10(lr·std(g)/std(w)); grad:data ratio is std(g)/std(w)", () => {
    gl.seed(3);
    const model = new Seq(randomLinear(4, 3), new Tanh(), randomLinear(3, 2));
    const opt = new PlainSGD(model.parameters(), 0.05);
    const p = gl.probe.attach(model, { optimizer: opt });
    const X = gl.randn([8, 4]);
    gl.mean(gl.square(model.forward(X))).backward();
    const w = Array.from(model.parameters()[0].data);
    const g = Array.from(model.parameters()[0].grad!.data);
    opt.step(); // the probe wrapped step(): before/after run by themselves
    const rec = p.parameter("0.weight")[0];
    expect(rec.updateDataRatio).to.be.closeTo(Math.log10((0.05 * meanStd(g)[1]) / meanStd(w)[1]), 1e-5);
    expect(rec.gradDataRatio).to.be.closeTo(meanStd(g)[1] / meanStd(w)[1], 1e-5);
    expect(p.parameter("0.bias")[0].gradDataRatio).to.equal(null); // zero-initialized bias: std(w) = 0
    expect(p.stepIndex).to.equal(1);
    p.detach();
    expect(opt.step).to.equal(PlainSGD.prototype.step); // the wrapper is gone
  });

  it("every: k records only steps 0, k, 2k, ... and beforeStep/afterStep advance the step", () => {
    gl.seed(4);
    const model = new Seq(randomLinear(2, 2), new Tanh());
    const opt = new PlainSGD(model.parameters(), 0.1);
    const p = gl.probe.attach(model, { every: 3 });
    for (let s = 0; s < 7; s++) {
      opt.zeroGrad();
      gl.sum(model.forward(gl.randn([4, 2]))).backward();
      p.beforeStep();
      opt.step();
      p.afterStep();
    }
    expect(p.records.map((r) => r.step)).to.deep.equal([0, 3, 6]);
    expect(p.step(3)!.layers.map((l) => l.layer)).to.deep.equal(["0", "1"]);
    expect(p.step(3)!.parameters.map((q) => q.name)).to.deep.equal(["0.weight", "0.bias"]);
    expect(p.step(4)).to.equal(undefined);
    const s = p.series("updateDataRatio");
    expect(s.steps).to.deep.equal([0, 3, 6]);
    expect(s.series["0.weight"].every((v) => typeof v === "number")).to.equal(true);
    p.detach();
  });

  it("in a loop without beforeStep/afterStep, a forward after a backward starts the next step", () => {
    gl.seed(8);
    const model = new Seq(randomLinear(2, 2), new Tanh());
    const p = gl.probe.attach(model, { every: 2 });
    for (let s = 0; s < 5; s++) {
      const y = model.forward(gl.randn([4, 2]));
      model.forward(gl.randn([3, 2])); // a second forward before backward stays in the same step
      gl.sum(y).backward();
    }
    expect(p.records.map((r) => r.step)).to.deep.equal([0, 2, 4]);
    expect(p.records.every((r) => r.layers.every((l) => l.shape[0] === 4 && l.gradient))).to.equal(true); // the first forward of each step
    p.detach();
  });

  it("detach removes every hook: later forwards and steps record nothing", () => {
    const model = new Seq(new Linear([[1]], [0]), new Tanh());
    const p = gl.probe.attach(model);
    model.forward(gl.tensor([[1]]));
    p.detach();
    const before = JSON.stringify(p.records);
    const y = model.forward(gl.tensor([[2]], null, { requiresGrad: true }));
    gl.sum(y).backward();
    p.beforeStep();
    p.afterStep();
    expect(JSON.stringify(p.records)).to.equal(before);
    expect(p.isAttached).to.equal(false);
  });

  it("layers picks modules by name (containers too) and refuses a name the model does not have", () => {
    const inner = new Seq(new Linear([[1]], [0]), new Tanh());
    const model = new Seq(inner, new Linear([[2]], [0]));
    const p = gl.probe.attach(model, { layers: ["0", "1"] });
    model.forward(gl.tensor([[1]]));
    expect(p.step()!.layers.map((l) => [l.layer, l.type])).to.deep.equal([
      ["0", "Seq"],
      ["1", "Linear"],
    ]);
    p.detach();
    expect(() => gl.probe.attach(model, { layers: ["2"] })).to.throw(gl.ArgumentError, /namedModules/);
    const q = gl.probe.attach(model);
    model.forward(gl.tensor([[1]]));
    expect(q.step()!.layers.map((l) => l.layer)).to.deep.equal(["0.0", "0.1", "1"]); // default: leaf modules
    q.detach();
  });

  it("a norm layer's record has the input's per-channel batch mean/variance and the running statistics", () => {
    const model = new Seq(new FakeBatchNorm(2));
    const p = gl.probe.attach(model);
    model.forward(
      gl.tensor([
        [1, 10],
        [3, 30],
      ]),
    );
    const norm = p.layer("0")[0].norm!;
    expect(norm.batchMean).to.deep.equal([2, 20]);
    expect(norm.batchVariance).to.deep.equal([1, 100]);
    expect(norm.runningMean![0]).to.be.closeTo(0.2, 1e-6);
    expect(norm.runningMean![1]).to.be.closeTo(2, 1e-6);
    expect(norm.runningVar).to.deep.equal([1, 1]);
    p.detach();
  });

  it("table() gives one flat row per layer; records are plain JSON data", () => {
    const model = new Seq(new Linear([[1]], [-5]), new ReLU());
    const p = gl.probe.attach(model);
    gl.sum(model.forward(gl.tensor([[1], [2]], null, { requiresGrad: true }))).backward();
    const rows = p.table();
    expect(rows.map((r) => [r.layer, r.type, r.shape, r.dead])).to.deep.equal([
      ["0", "Linear", "[2, 1]", null],
      ["1", "ReLU", "[2, 1]", 1],
    ]);
    expect(JSON.parse(JSON.stringify(p.records))).to.deep.equal(p.records);
    p.detach();
  });
});

describe("gl.probe.forwardStats", () => {
  it("shows activation std halving and the gradient std doubling back through ×0.5 layers, and leaves grads as they were", () => {
    const half = (): Linear =>
      new Linear(
        [
          [0.5, 0],
          [0, 0.5],
        ],
        [0, 0],
      );
    const model = new Seq(half(), half(), half());
    gl.seed(5);
    const X = gl.randn([64, 2]);
    const rec = gl.probe.forwardStats(model, X);
    const stdX = meanStd(Array.from(X.data))[1];
    rec.layers.forEach((l, k) => expect(l.activation.std).to.be.closeTo(stdX * 0.5 ** (k + 1), 1e-6));
    const g = rec.layers.map((l) => l.gradient!.std);
    expect(g[0]).to.be.closeTo(g[2] * 0.25, 1e-6);
    expect(g[1]).to.be.closeTo(g[2] * 0.5, 1e-6);
    expect(rec.parameters.map((q) => q.name)).to.deep.equal([
      "0.weight",
      "0.bias",
      "1.weight",
      "1.bias",
      "2.weight",
      "2.bias",
    ]);
    expect(rec.parameters[0].grad!.count).to.equal(4);
    expect(model.parameters().every((q) => q.grad === null)).to.equal(true);
  });

  it("uses the given loss", () => {
    const model = new Seq(
      new Linear(
        [
          [1, 0],
          [0, 1],
        ],
        [0, 0],
      ),
    );
    const rec = gl.probe.forwardStats(
      model,
      gl.tensor([
        [1, 2],
        [3, 4],
      ]),
      { loss: (yHat) => gl.sum(yHat) },
    );
    expect(rec.layers[0].gradient!.mean).to.equal(1);
    expect(rec.layers[0].gradient!.std).to.equal(0);
  });
});

describe("gl.probe.effectiveReceptiveField", () => {
  it("of a single 3×3 conv is nonzero exactly on the 3×3 patch under the centre unit, equal to |kernel| there", async () => {
    const { Conv3x3 } = await import("./tinyModules");
    const kernel = [
      [1, -2, 3],
      [-0.5, 0.25, 2],
      [1.5, -1, 0.75],
    ];
    const erf = gl.probe.effectiveReceptiveField(new Seq(new Conv3x3(kernel, 7, 7)), [1, 7, 7], { trials: 3 });
    expect(erf.outputShape).to.deep.equal([1, 1, 5, 5]);
    expect(erf.unit).to.deep.equal([2, 2]);
    expect(erf.support).to.deep.equal({ top: 2, left: 2, height: 3, width: 3 });
    for (let i = 0; i < 7; i++)
      for (let j = 0; j < 7; j++) {
        const inside = i >= 2 && i <= 4 && j >= 2 && j <= 4;
        expect(erf.map[i][j]).to.be.closeTo(inside ? Math.abs(kernel[i - 2][j - 2]) : 0, 1e-6);
      }
    expect(Math.max(...erf.normalized.flat())).to.equal(1);
  });

  it("of two stacked 3×3 convs covers 5×5 (the theoretical RF); a corner unit moves the patch", async () => {
    const { Conv3x3 } = await import("./tinyModules");
    const k = [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ];
    const model = new Seq(new Conv3x3(k, 9, 9), new Conv3x3(k, 7, 7));
    const erf = gl.probe.effectiveReceptiveField(model, [1, 9, 9]);
    expect(erf.support).to.deep.equal({ top: 2, left: 2, height: 5, width: 5 });
    expect(erf.map[4][4]).to.equal(9); // the centre pixel reaches the unit along 9 paths
    expect(erf.map[2][2]).to.equal(1);
    const corner = gl.probe.effectiveReceptiveField(model, [1, 9, 9], { unit: [0, 0] });
    expect(corner.support).to.deep.equal({ top: 0, left: 0, height: 5, width: 5 });
  });

  it("averages over re-initializations when given reinit (called once per trial)", async () => {
    const { Conv3x3 } = await import("./tinyModules");
    const conv = new Conv3x3(
      [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
      5,
      5,
    );
    const calls: number[] = [];
    const reinit = (_m: Module, trial: number): void => {
      calls.push(trial);
      for (const row of conv.kernel) row.fill(trial + 1); // kernels of ones, then of twos
    };
    const erf = gl.probe.effectiveReceptiveField(new Seq(conv), [1, 5, 5], { trials: 2, reinit });
    expect(calls).to.deep.equal([0, 1]);
    expect(erf.map[1][1]).to.be.closeTo(1.5, 1e-6); // (|1| + |2|) / 2 under the centre unit (rows and columns 1..3)
    expect(erf.map[3][3]).to.be.closeTo(1.5, 1e-6);
    expect(erf.map[0][0]).to.equal(0);
  });

  it("explains a model whose output is not a feature map", () => {
    class SumAll extends Module {
      forward(x: Tensor): Tensor {
        return gl.sum(x, [1, 2, 3]); // (N,): a score, not a feature map
      }
    }
    expect(() => gl.probe.effectiveReceptiveField(new SumAll(), [1, 3, 3])).to.throw(
      gl.ShapeError,
      /convolutional part/,
    );
    expect(() => gl.probe.effectiveReceptiveField(new SumAll(), [3, 3])).to.throw(gl.ShapeError, /\[C, H, W\]/);
  });
});

describe("plot figures from probe records", () => {
  it("probeHistograms shows one panel per layer at the chosen step; layerStats draws the update ratio with the 1e-3 guide", () => {
    gl.seed(6);
    const model = new Seq(randomLinear(3, 4), new Tanh(), randomLinear(4, 2));
    const opt = new PlainSGD(model.parameters(), 0.1);
    const p = gl.probe.attach(model, { optimizer: opt });
    for (let s = 0; s < 3; s++) {
      opt.zeroGrad();
      gl.mean(gl.square(model.forward(gl.randn([8, 3])))).backward();
      opt.step();
    }
    p.detach();
    const hist = gl.plot.probeHistograms(p.records, { kind: "gradient", step: 1 });
    expect(hist.data.length).to.equal(3);
    expect(hist.data[1].name).to.equal("1 Tanh");
    expect(hist.data[1].y).to.have.length(30);
    const params = gl.plot.probeHistograms(p.records, { kind: "parameter" });
    expect(params.data.map((t) => t.name)).to.deep.equal(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(() => gl.plot.probeHistograms(p.records, { step: 9 })).to.throw(gl.ArgumentError, /recorded step/);
    const ratio = gl.plot.layerStats(p.records, { stat: "updateDataRatio" });
    expect(ratio.data.map((t) => t.name)).to.deep.equal(["0.weight", "0.bias", "2.weight", "2.bias"]);
    expect(ratio.data[0].x).to.deep.equal([0, 1, 2]);
    const layout = ratio.layout as Record<string, unknown>;
    expect((layout.shapes as { y0: number }[])[0].y0).to.equal(-3);
  });

  it("layerStats against depth compares named runs layer by layer", () => {
    const model = new Seq(new Linear([[0.5]], [0]), new Linear([[0.5]], [0]));
    const X = new Tensor(Float32Array.from([1, -1, 2, -2]), [4, 1]);
    const a = gl.probe.forwardStats(model, X);
    const fig = gl.plot.layerStats({ small: a, same: a }, { stat: "activation.std", logY: true });
    expect(fig.data.map((t) => t.name)).to.deep.equal(["small", "same"]);
    expect(fig.data[0].x).to.deep.equal(["0", "1"]);
    expect((fig.data[0].y as number[])[1]).to.be.closeTo((fig.data[0].y as number[])[0] / 2, 1e-7);
  });
});
