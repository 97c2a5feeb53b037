import { expect } from "chai";
import * as gl from "../../src";
import { Module, Parameter } from "../../src/nn/module";
import { Tensor } from "../../src/tensor/tensor";
import { PlainSGD, Tanh } from "./tinyModules";

/** A one-channel Conv2d over gl.conv2d with the config fields gl.arith reads. */
class Conv2d extends Module {
  weight: Parameter;
  constructor(
    readonly kernelSize: number,
    readonly stride = 1,
    readonly padding = 0,
    readonly dilation = 1,
  ) {
    super();
    this.weight = new Parameter(gl.ones([1, 1, kernelSize, kernelSize]));
  }
  forward(x: Tensor): Tensor {
    return gl.conv2d(x, this.weight, null, { stride: this.stride, padding: this.padding, dilation: this.dilation });
  }
}

describe("probes on gl.nn layers", () => {
  it("a BatchNorm1d record holds the batch mean/variance per feature, the layer's own lastStats and its running statistics", () => {
    gl.seed(0);
    const bn = new gl.nn.BatchNorm1d(3);
    const model = new gl.nn.Sequential([new gl.nn.Linear(4, 3), bn]);
    const p = gl.probe.attach(model);
    const X = gl.randn([16, 4]);
    const h = model.forward(X);
    const norm = p.layer("1")[0].norm!;
    const input = gl.noGrad(() => model.children()[0].forward(X)); // (16, 3): what the BatchNorm saw
    const mu = gl.mean(input, 0).toList();
    const v = gl.variance(input, 0, { unbiased: false }).toList();
    norm.batchMean.forEach((m, k) => expect(m).to.be.closeTo(mu[k], 1e-5));
    norm.batchVariance.forEach((m, k) => expect(m).to.be.closeTo(v[k], 1e-5));
    norm.layerStats!.mean.forEach((m, k) => expect(m).to.be.closeTo(mu[k], 1e-5));
    expect(norm.layerStats!.shape).to.deep.equal([3]);
    expect(norm.runningMean).to.deep.equal(bn.runningMean.toList());
    // the output of a BatchNorm in training has mean 0 and std 1 (up to eps)
    const out = p.layer("1")[0].activation;
    expect(out.mean).to.be.closeTo(0, 1e-5);
    expect(out.std).to.be.closeTo(1, 1e-3);
    expect(h.shape).to.deep.equal([16, 3]);
    p.detach();
  });

  it("a LayerNorm record reports per-sample statistics from lastStats", () => {
    gl.seed(1);
    const model = new gl.nn.Sequential([new gl.nn.LayerNorm([5])]);
    const p = gl.probe.attach(model);
    model.forward(gl.randn([4, 5]));
    expect(p.layer("0")[0].norm!.layerStats!.shape).to.deep.equal([4]);
    p.detach();
  });

  it("tracks a gl.nn MLP trained by fit with crossEntropy; forwardStats gives a row per layer", async () => {
    gl.seed(2);
    const model = new gl.nn.Sequential([new gl.nn.Linear(2, 8), new Tanh(), new gl.nn.Linear(8, 2)]);
    const n = 64;
    const X = gl.randn([n, 2]);
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    for (let i = 0; i < n; i++) X.data[2 * i] += labels[i] ? 2 : -2;
    const y = gl.tensor(labels);
    const p = gl.probe.attach(model, { every: 4 });
    const h = await gl.fit(
      model,
      { X, y },
      {
        epochs: 4,
        batchSize: 16,
        optimizer: new PlainSGD(model.parameters(), 0.5),
        loss: (z, t) => gl.loss.crossEntropy(z, t),
        metrics: ["accuracy"],
        probe: p,
        progress: false,
      },
    );
    p.detach();
    expect(h.epochs.metrics.accuracy[3]).to.be.greaterThan(0.9);
    expect(h.steps.loss[0]).to.be.closeTo(Math.log(2), 0.5); // initial loss near ln C
    expect(p.records.map((r) => r.step)).to.deep.equal([0, 4, 8, 12]);
    expect(p.series("activation.saturated").series["1"]).to.have.length(4);
    const rec = gl.probe.forwardStats(model, X);
    expect(rec.layers.map((l) => l.type)).to.deep.equal(["Linear", "Tanh", "Linear"]);
  });
});

describe("effectiveReceptiveField with gl.conv2d and the theoretical field from gl.arith", () => {
  it("the ERF's extent equals the theoretical receptive field (conv 3, conv 3 stride 2, conv 3 dilation 2: r = 13)", () => {
    const model = new gl.nn.Sequential([new Conv2d(3), new Conv2d(3, 2), new Conv2d(3, 1, 0, 2)]);
    const erf = gl.probe.effectiveReceptiveField(model, [1, 31, 31], { trials: 2 });
    expect(erf.outputShape).to.deep.equal([1, 1, 10, 10]);
    expect(erf.unit).to.deep.equal([4, 4]);
    // by hand: r = 3, 5, 13; j = 1, 2, 2; start = 1, 2, 6; unit 4 is centred on 6 + 4·2 = 14
    expect(erf.theoretical).to.deep.include({ top: 8, left: 8, height: 13, width: 13 });
    expect(erf.support).to.deep.equal({ top: 8, left: 8, height: 13, width: 13 });
    expect(erf.map[14][14]).to.be.greaterThan(erf.map[8][8]); // concentrated at the centre
  });

  it("padding moves the theoretical field into the padding for a corner unit; the measured one is clipped to the image", () => {
    const model = new gl.nn.Sequential([new Conv2d(3, 1, 1), new Conv2d(3, 1, 1)]);
    const erf = gl.probe.effectiveReceptiveField(model, [1, 8, 8], { unit: [0, 0] });
    expect(erf.theoretical).to.deep.include({ top: -2, left: -2, height: 5, width: 5 });
    expect(erf.support).to.deep.equal({ top: 0, left: 0, height: 3, width: 3 });
  });
});
