import { expect } from "chai";
import * as gl from "../../src";
import { Module, Parameter } from "../../src/nn/module";

describe("summary on published architectures (torchvision figures at 224×224)", () => {
  it("AlexNet: torchvision's variant has 61,100,840 parameters and ≈ 0.71 GMACs; the paper's 227 input gives 55×55 after conv1", () => {
    const tv = gl.summary(gl.arith.models.alexnet({ variant: "torchvision" }));
    expect(tv.totals.params).to.equal(61100840);
    expect(tv.totals.macs / 1e9).to.be.closeTo(0.71, 0.005);
    const paper = gl.summary(gl.arith.models.alexnet());
    expect(paper.inputShape).to.deep.equal([1, 3, 227, 227]);
    expect(paper.rows.find((r) => r.name === "conv1")!.outputShape).to.deep.equal([1, 96, 55, 55]);
    expect(paper.rows.find((r) => r.name === "pool5")!.outputShape).to.deep.equal([1, 256, 6, 6]);
    expect(paper.totals.params).to.equal(60965224); // two GPU groups in conv2, conv4, conv5
    // with 224 the paper's conv1 does not give 55
    expect(gl.arith.convOutputSize({ inputSize: 224, kernelSize: 11, stride: 4 })).to.equal(54);
  });

  it("VGG-16: 138,357,544 parameters and ≈ 15.5 GMACs, without allocating weights", () => {
    const s = gl.summary(gl.arith.models.vgg16());
    expect(s.totals.params).to.equal(138357544);
    expect(s.totals.trainableParams).to.equal(138357544);
    expect(s.totals.macs / 1e9).to.be.closeTo(15.47, 0.01);
    expect(s.rows.find((r) => r.name === "fc6")!.params).to.equal(25088 * 4096 + 4096);
    expect(s.rows.find((r) => r.name === "pool5")!.outputShape).to.deep.equal([1, 512, 7, 7]);
  });

  it("ResNet-18: 11,689,512 parameters, ≈ 1.82 GMACs; ResNet-50: 25,557,032, ≈ 4.1 GMACs", () => {
    const r18 = gl.summary(gl.arith.models.resnet18());
    expect(r18.totals.params).to.equal(11689512);
    expect(r18.totals.macs / 1e9).to.be.closeTo(1.82, 0.01);
    expect(r18.rows.find((r) => r.name === "layer2.0.downsample.0")!.params).to.equal(8192);
    const r50 = gl.summary(gl.arith.models.resnet50());
    expect(r50.totals.params).to.equal(25557032);
    expect(r50.totals.macs / 1e9).to.be.closeTo(4.09, 0.01);
    expect(r50.rows.find((r) => r.name === "layer4.2")!.outputShape).to.deep.equal([1, 2048, 7, 7]);
  });

  it("MACs scale with the batch; parameters do not", () => {
    const one = gl.summary(gl.arith.models.lenet5());
    const eight = gl.summary(gl.arith.models.lenet5(), [8, 1, 28, 28]);
    expect(eight.totals.params).to.equal(one.totals.params);
    expect(eight.totals.macs).to.equal(8 * one.totals.macs);
  });

  it("frozen layers count as non-trainable", () => {
    const spec = gl.arith.models.resnet18();
    spec.layers.forEach((layer) => {
      if (layer.name !== "fc") layer.trainable = false;
    });
    const s = gl.summary(spec);
    expect(s.totals.trainableParams).to.equal(513000);
    expect(s.totals.nonTrainableParams).to.equal(11689512 - 513000);
  });

  it("renders a text table and an HTML table with every layer and the totals", () => {
    const s = gl.summary(gl.arith.models.lenet5());
    const text = s.toText();
    expect(text).to.contain("conv1").and.to.contain("[1, 6, 28, 28]").and.to.contain("Total params: 61,706");
    expect(String(s)).to.equal(text);
    const html = s.toHTML();
    expect(html).to.contain("<table>").and.to.contain("fc3").and.to.contain("61,706");
  });

  it("a shape mistake is explained (Linear before Flatten, wrong channels)", () => {
    expect(() =>
      gl.summary([gl.arith.layers.conv(1, 4, 3), gl.arith.layers.linear(4 * 26 * 26, 10)], [1, 1, 28, 28]),
    ).to.throw(gl.ShapeError, /put a Flatten\(\)/);
    expect(() => gl.summary([gl.arith.layers.conv(3, 4, 3)], [1, 1, 28, 28])).to.throw(gl.ShapeError, /3 channels/);
    expect(() => gl.summary([gl.arith.layers.conv(1, 4, 3)])).to.throw(gl.ArgumentError, /inputShape/);
  });
});

// Minimal layers shaped like gradlab's nn layers (class name + config fields + Parameters), so the
// Module path is tested independently of the nn implementation.
class Conv2d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    readonly stride = 1,
    readonly padding = 0,
  ) {
    super();
    this.weight = new Parameter(gl.zeros([outChannels, inChannels, kernelSize, kernelSize]));
    this.bias = new Parameter(gl.zeros([outChannels]));
  }
  forward(x: gl.Tensor): gl.Tensor {
    return x;
  }
}
class Linear extends Module {
  weight: Parameter;
  bias: Parameter;
  constructor(inFeatures: number, outFeatures: number) {
    super();
    this.weight = new Parameter(gl.zeros([outFeatures, inFeatures]));
    this.bias = new Parameter(gl.zeros([outFeatures]));
  }
  forward(x: gl.Tensor): gl.Tensor {
    return x;
  }
}
class ReLU extends Module {
  forward(x: gl.Tensor): gl.Tensor {
    return x;
  }
}
class MaxPool2d extends Module {
  constructor(readonly kernelSize: number) {
    super();
  }
  forward(x: gl.Tensor): gl.Tensor {
    return x;
  }
}
class Flatten extends Module {
  forward(x: gl.Tensor): gl.Tensor {
    return x;
  }
}
class Net extends Module {
  conv1 = new Conv2d(1, 8, 3, 1, 1);
  act1 = new ReLU();
  pool1 = new MaxPool2d(2);
  conv2 = new Conv2d(8, 16, 3);
  act2 = new ReLU();
  pool2 = new MaxPool2d(2);
  flatten = new Flatten();
  fc = new Linear(16 * 6 * 6, 10);
  forward(x: gl.Tensor): gl.Tensor {
    return x;
  }
}

describe("summary of a Module (read from config and parameter shapes, no forward pass)", () => {
  it("gives output shapes, parameter counts, MACs and receptive fields per layer", () => {
    const net = new Net();
    const s = gl.summary(net, [2, 1, 28, 28]);
    expect(s.rows.map((r) => r.name)).to.deep.equal([
      "conv1",
      "act1",
      "pool1",
      "conv2",
      "act2",
      "pool2",
      "flatten",
      "fc",
    ]);
    expect(s.rows.map((r) => r.outputShape)).to.deep.equal([
      [2, 8, 28, 28],
      [2, 8, 28, 28],
      [2, 8, 14, 14],
      [2, 16, 12, 12],
      [2, 16, 12, 12],
      [2, 16, 6, 6],
      [2, 576],
      [2, 10],
    ]);
    expect(s.totals.params).to.equal(net.parameters().reduce((a, p) => a + p.size, 0));
    expect(s.rows[3].macs).to.equal(2 * 16 * 8 * 9 * 12 * 12);
    expect(s.rows.slice(0, 6).map((r) => r.receptiveField)).to.deep.equal([3, 3, 4, 8, 8, 10]);
    expect(
      gl.arith
        .receptiveField(net, { inputSize: 28 })
        .map((r) => r.r)
        .slice(0, 6),
    ).to.deep.equal([3, 3, 4, 8, 8, 10]);
  });

  it("a frozen module's parameters are non-trainable", () => {
    const net = new Net();
    net.conv1.requiresGrad(false);
    const s = gl.summary(net, [1, 1, 28, 28]);
    expect(s.totals.nonTrainableParams).to.equal(8 * 9 + 8);
    expect(s.rows[0].trainableParams).to.equal(0);
  });
});
