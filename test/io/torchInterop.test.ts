import { expect } from "chai";
import { execFileSync } from "child_process";
import * as gl from "../../src";
import { expectClose } from "../helpers/close";
import { PYTHON, fixture, hasPython, readInPython, tmpFile } from "./safetensors.test";

/** The gl.nn twin of fixtures/torch_models.py's cnn (same layers, same order, same names). */
function cnn(): gl.nn.Sequential {
  return new gl.nn.Sequential([
    new gl.nn.Conv2d(1, 4, 3, { padding: 1 }),
    new gl.nn.BatchNorm2d(4),
    new gl.nn.ReLU(),
    new gl.nn.MaxPool2d(2),
    new gl.nn.Conv2d(4, 6, 3),
    new gl.nn.InstanceNorm2d(6, { affine: true }),
    new gl.nn.GroupNorm(2, 6),
    new gl.nn.ReLU(),
    new gl.nn.AvgPool2d(2),
    new gl.nn.Flatten(),
    new gl.nn.Linear(6, 10),
    new gl.nn.BatchNorm1d(10),
    new gl.nn.PReLU(),
    new gl.nn.LayerNorm(10),
    new gl.nn.Dropout(0.5),
    new gl.nn.Linear(10, 3),
  ]);
}

const torchAvailable =
  hasPython &&
  (() => {
    try {
      execFileSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

describe("safetensors and PyTorch", () => {
  for (const tag of ["f32", "f64"]) {
    it(`a state dict PyTorch trained (${tag.toUpperCase()}, num_batches_tracked I64) loads strictly into the gl.nn twin; same eval output`, async () => {
      const state = await gl.load(fixture(`torch-cnn-${tag}.safetensors`));
      expect(state["1.numBatchesTracked"].item()).to.equal(3);
      expect(state["0.weight"].dtype).to.equal(tag === "f32" ? "float32" : "float64");
      const model = cnn();
      expect(model.loadStateDict(state)).to.deep.equal({ missing: [], unexpected: [] });
      const { x, y } = await gl.load(fixture(`torch-cnn-${tag}-io.safetensors`));
      expectClose(model.eval().forward(x), y, 1e-4, 1e-5);
    });
  }

  it("a file gradlab saves loads into PyTorch with load_state_dict(strict=True); same eval output (skipped where python3-torch is not installed)", async function () {
    if (!torchAvailable) this.skip();
    gl.seed(5);
    const model = cnn();
    const opt = new gl.optim.SGD(model.parameters(), { lr: 0.1 });
    for (let step = 0; step < 2; step++) {
      opt.zeroGrad();
      gl.loss.crossEntropy(model.forward(gl.randn([8, 1, 8, 8])), gl.tensor([0, 1, 2, 0, 1, 2, 0, 1])).backward();
      opt.step();
    }
    model.eval();
    const x = gl.randn([5, 1, 8, 8]);
    const y = model.forward(x);
    const stateFile = tmpFile("gl-cnn.safetensors");
    const ioFile = tmpFile("gl-cnn-io.safetensors");
    await gl.save(model.stateDict(), stateFile);
    await gl.save({ x }, ioFile);
    const py = readInPython(stateFile, ioFile);
    expect(py.torch).to.equal(true);
    expect(py.numBatchesTracked).to.equal(2);
    expectClose(py.yTorch!, y.data, 1e-4, 1e-5);
  });
});
