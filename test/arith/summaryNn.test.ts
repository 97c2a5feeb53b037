import { expect } from "chai";
import * as gl from "../../src";

/** Output shape of every module (but the model itself) in one real forward pass, by dotted name. */
function forwardShapes(model: gl.nn.Module, x: gl.Tensor): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  const removers = model
    .namedModules()
    .filter(([name]) => name !== "")
    .map(([name, m]) => m.registerForwardHook((_m, _inputs, out) => void shapes.set(name, [...out.shape])));
  gl.noGrad(() => model.forward(x));
  removers.forEach((r) => r());
  return shapes;
}

describe("summary of gradlab nn models", () => {
  it("matches a real forward pass layer by layer (Linear, BatchNorm1d, Dropout, Residual, Maxout)", () => {
    gl.seed(0);
    const model = new gl.nn.Sequential([
      new gl.nn.Linear(10, 16),
      new gl.nn.BatchNorm1d(16),
      new gl.nn.Dropout(0.5),
      new gl.nn.Residual(new gl.nn.Linear(16, 16)),
      new gl.nn.Maxout(16, 8, 3),
      new gl.nn.LayerNorm(8),
      new gl.nn.Linear(8, 3, { bias: false }),
    ]);
    const s = gl.summary(model, [4, 10]);
    const real = forwardShapes(model, gl.randn([4, 10]));
    expect(s.rows.map((r) => r.name)).to.deep.equal(["0", "1", "2", "3.fn", "3", "4", "5", "6"]);
    for (const row of s.rows) expect(row.outputShape, row.name).to.deep.equal(real.get(row.name));
    expect(s.totals.params).to.equal(model.parameters().reduce((a, p) => a + p.size, 0));
    expect(s.rows.at(-1)!.outputShape).to.deep.equal([4, 3]);
    expect(s.rows.find((r) => r.type === "Maxout")!.macs).to.equal(4 * 16 * 8 * 3);
    expect(s.rows.every((r) => r.receptiveField === null)).to.equal(true); // no spatial axes in an MLP
  });

  it("image model: BatchNorm2d, Flatten(startDim 1) and Linear; frozen layers counted as non-trainable", () => {
    const model = new gl.nn.Sequential([
      new gl.nn.BatchNorm2d(3),
      new gl.nn.GroupNorm(1, 3),
      new gl.nn.Flatten(),
      new gl.nn.Linear(3 * 8 * 8, 5),
    ]);
    (model.at(3) as gl.nn.Module).requiresGrad(false);
    const s = gl.summary(model, [2, 3, 8, 8]);
    const real = forwardShapes(model, gl.randn([2, 3, 8, 8]));
    for (const row of s.rows) expect(row.outputShape, row.name).to.deep.equal(real.get(row.name));
    expect(s.totals.nonTrainableParams).to.equal(192 * 5 + 5);
    expect(s.rows.find((r) => r.type === "Flatten")!.receptiveField).to.equal(8); // flattening lets the next layer see the whole 8×8 map
  });
});

describe("summary and receptiveField of a gradlab CNN", () => {
  function cnn(): gl.nn.Sequential {
    gl.seed(1);
    return new gl.nn.Sequential([
      new gl.nn.Conv2d(1, 8, 3, { padding: 1 }),
      new gl.nn.ReLU(),
      new gl.nn.MaxPool2d(2),
      new gl.nn.Conv2d(8, 16, 3, { stride: 2, padding: "same" }),
      new gl.nn.BatchNorm2d(16),
      new gl.nn.PReLU(),
      new gl.nn.AvgPool2d(2, { ceilMode: true }),
      new gl.nn.Conv2d(16, 16, 3, { padding: 1, groups: 4, bias: false }),
      new gl.nn.GlobalAvgPool2d(),
      new gl.nn.Flatten(),
      new gl.nn.Linear(16, 10),
    ]);
  }

  it("every output shape equals the real forward pass's, and the parameter count the model's", () => {
    const model = cnn();
    const s = gl.summary(model, [2, 1, 28, 28]);
    const real = forwardShapes(model, gl.randn([2, 1, 28, 28]));
    expect(s.rows.map((r) => r.name)).to.deep.equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    for (const row of s.rows) expect(row.outputShape, row.name).to.deep.equal(real.get(row.name));
    expect(s.rows[6].outputShape).to.deep.equal([2, 16, 4, 4]); // ceil mode: 7 -> 4
    expect(s.totals.params).to.equal(model.parameters().reduce((a, p) => a + p.size, 0));
    expect(s.rows[7].params).to.equal(16 * 4 * 9); // grouped conv, no bias
    expect(s.rows[7].macs).to.equal(2 * 16 * 4 * 9 * 4 * 4);
    expect(s.rows[5].type).to.equal("PReLU");
  });

  it("receptive fields follow the recurrence through convs, pools and SAME padding", () => {
    const rows = gl.arith.receptiveField(cnn(), { inputSize: 28 });
    // conv3 p1: 3; pool2: 4 (j 2); conv3 s2: 8 (j 4); pool2: 12 (j 8); conv3: 28 (j 8); global pool over 4×4: 28 + 3·8 = 52
    expect(rows.map((r) => [r.name, r.r, r.j])).to.deep.include.members([
      ["0", 3, 1],
      ["2", 4, 2],
      ["3", 8, 4],
      ["6", 12, 8],
      ["7", 28, 8],
      ["8", 52, 32],
    ]);
  });
});
