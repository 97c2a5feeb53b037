import { expect } from "chai";
import * as fs from "fs";
import * as gl from "../../src";
import { tmpFile } from "./safetensors.test";

/** One model holding every module type the course uses (all layers with state). */
function everyModule(): gl.nn.Sequential {
  return new gl.nn.Sequential([
    new gl.nn.Conv2d(2, 4, 3, { padding: 1 }),
    new gl.nn.BatchNorm2d(4),
    new gl.nn.ReLU(),
    new gl.nn.Conv2d(4, 4, 3, { padding: 1, groups: 2, bias: false }),
    new gl.nn.InstanceNorm2d(4, { affine: true, trackRunningStats: true }),
    new gl.nn.GroupNorm(2, 4),
    new gl.nn.PReLU(4),
    new gl.nn.MaxPool2d(2),
    new gl.nn.Residual(new gl.nn.Sequential([new gl.nn.Conv2d(4, 4, 1), new gl.nn.Tanh()])),
    new gl.nn.AvgPool2d(2),
    new gl.nn.AdaptiveAvgPool2d(1),
    new gl.nn.Flatten(),
    new gl.nn.Linear(4, 8),
    new gl.nn.BatchNorm1d(8, { momentum: null }),
    new gl.nn.LayerNorm(8),
    new gl.nn.RReLU(),
    new gl.nn.Maxout(8, 6, 2),
    new gl.nn.Dropout(0.3),
    new gl.nn.ELU(),
    new gl.nn.Linear(6, 3),
  ]);
}

describe("gl.save / gl.load round trip", () => {
  it("every module type: the reloaded state is bit-equal and the eval output equal", async () => {
    gl.seed(11);
    const model = everyModule();
    const opt = new gl.optim.Adam(model.parameters(), { lr: 0.01 });
    for (let step = 0; step < 3; step++) {
      opt.zeroGrad();
      gl.loss.crossEntropy(model.forward(gl.randn([6, 2, 8, 8])), gl.tensor([0, 1, 2, 0, 1, 2])).backward();
      opt.step();
    }
    model.eval();
    const x = gl.randn([5, 2, 8, 8]);
    const y = model.forward(x);
    const file = tmpFile("every.safetensors");
    await gl.save(model.stateDict(), file);

    gl.seed(99); // different initial weights
    const fresh = everyModule();
    expect(fresh.loadStateDict(await gl.load(file))).to.deep.equal({ missing: [], unexpected: [] });
    const before = model.stateDict();
    const after = fresh.stateDict();
    expect(Object.keys(after)).to.deep.equal(Object.keys(before));
    expect(Object.keys(before)).to.include.members([
      "1.runningMean",
      "1.numBatchesTracked",
      "4.runningVar",
      "8.fn.0.weight",
      "16.linear.weight",
    ]);
    for (const name of Object.keys(before)) {
      expect(after[name].shape, name).to.deep.equal(before[name].shape);
      expect(Buffer.from(after[name].data.buffer).equals(Buffer.from(before[name].data.buffer)), name).to.equal(true);
    }
    expect(fresh.eval().forward(x).data).to.deep.equal(y.data);
  });

  it("float64 tensors round-trip bit for bit (F64)", async () => {
    const state = { w: gl.tensor([Math.PI, 1 / 3, 5e-324], null, { dtype: "float64" }) };
    const file = tmpFile("f64.safetensors");
    await gl.save(state, file);
    const back = await gl.load(file);
    expect(back.w.dtype).to.equal("float64");
    expect(Array.from(back.w.data)).to.deep.equal([Math.PI, 1 / 3, 5e-324]);
    expect(fs.statSync(file).size % 8).to.equal(0);
  });
});

describe("Module.loadStateDict errors", () => {
  it("a shape that does not match names the parameter, both shapes and a fix", () => {
    const small = new gl.nn.Sequential([new gl.nn.Linear(4, 3)]);
    const big = new gl.nn.Sequential([new gl.nn.Linear(4, 5)]);
    expect(() => small.loadStateDict(big.stateDict())).to.throw(
      gl.ShapeError,
      /'0\.weight' expected shape \[3, 4\].*received shape \[5, 4\].*strict = false/,
    );
  });

  it("missing and unexpected names are listed; PyTorch's names get a hint to use gl.load", () => {
    const model = new gl.nn.Sequential([new gl.nn.Linear(2, 2), new gl.nn.BatchNorm1d(2)]);
    const state = model.stateDict();
    delete state["0.bias"];
    state["1.running_mean"] = state["1.runningMean"];
    delete state["1.runningMean"];
    expect(() => model.loadStateDict(state)).to.throw(
      gl.ArgumentError,
      /missing \["0\.bias", "1\.runningMean"\], unexpected \["1\.running_mean"\].*gl\.load/,
    );
    const partial = model.loadStateDict(state, false);
    expect(partial).to.deep.equal({ missing: ["0.bias", "1.runningMean"], unexpected: ["1.running_mean"] });
  });
});
