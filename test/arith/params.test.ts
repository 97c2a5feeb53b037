import { expect } from "chai";
import * as gl from "../../src";

describe("arith params and MACs", () => {
  it("conv params are Cout·(Cin/groups)·kh·kw plus Cout biases", () => {
    expect(gl.arith.convParams({ inChannels: 3, outChannels: 64, kernelSize: 3 })).to.equal(1792);
    expect(gl.arith.convParams({ inChannels: 3, outChannels: 64, kernelSize: 3, bias: false })).to.equal(1728);
    expect(gl.arith.convParams({ inChannels: 96, outChannels: 256, kernelSize: 5, groups: 2 })).to.equal(
      256 * 48 * 25 + 256,
    );
    expect(gl.arith.convParams({ inChannels: 3, outChannels: 8, kernelSize: [3, 5] })).to.equal(8 * 3 * 15 + 8);
  });

  it("groups must divide both channel counts", () => {
    expect(() => gl.arith.convParams({ inChannels: 6, outChannels: 9, kernelSize: 3, groups: 2 })).to.throw(
      gl.ArgumentError,
      /divides both/,
    );
  });

  it("linear, BatchNorm and transposed-conv counts", () => {
    expect(gl.arith.linearParams({ inFeatures: 4096, outFeatures: 1000 })).to.equal(4097000);
    expect(gl.arith.linearParams({ inFeatures: 10, outFeatures: 3, bias: false })).to.equal(30);
    expect(gl.arith.batchNormParams({ numFeatures: 64 })).to.deep.equal({ params: 128, buffers: 128 });
    expect(gl.arith.batchNormParams({ numFeatures: 64, affine: false }).params).to.equal(0);
    expect(gl.arith.convTransposeParams({ inChannels: 64, outChannels: 32, kernelSize: 4 })).to.equal(32800);
  });

  it("a depthwise separable conv costs about 1/Cout + 1/k² of a standard one", () => {
    const p = gl.arith.depthwiseSeparableParams({ inChannels: 32, outChannels: 64, kernelSize: 3, bias: false });
    expect(p).to.include({ depthwise: 288, pointwise: 2048, total: 2336, standard: 18432 });
    expect(p.ratio).to.be.closeTo(1 / 64 + 1 / 9, 1e-12);
    const m = gl.arith.depthwiseSeparableMacs({ inChannels: 32, outChannels: 64, kernelSize: 3, outputSize: 112 });
    expect(m.total).to.equal(2336 * 112 * 112);
    expect(m.ratio).to.be.closeTo(1 / 64 + 1 / 9, 1e-12);
  });

  it("conv MACs are the weights (without bias) times output positions", () => {
    expect(gl.arith.convMacs({ inChannels: 3, outChannels: 64, kernelSize: 3, outputSize: 224 })).to.equal(
      1728 * 224 * 224,
    );
    expect(gl.arith.convMacs({ inChannels: 4, outChannels: 4, kernelSize: 3, groups: 4, outputSize: [2, 5] })).to.equal(
      4 * 9 * 10,
    );
    expect(gl.arith.linearMacs({ inFeatures: 4096, outFeatures: 1000 })).to.equal(4096000);
    expect(gl.arith.convTransposeMacs({ inChannels: 64, outChannels: 32, kernelSize: 4, inputSize: 32 })).to.equal(
      64 * 32 * 16 * 32 * 32,
    );
  });
});
