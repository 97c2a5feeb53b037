/**
 * Malformed calls and the errors they get. Each case asserts the error's type, the function and
 * argument it names, and that the message says what was expected and what came (so a learner can
 * fix the call from the message alone).
 */
import { expect } from "chai";
import * as gl from "../src";

type ErrorType = typeof gl.ShapeError | typeof gl.ArgumentError | typeof gl.BackendError | typeof gl.NumericError;

interface Case {
  /** What is wrong with the call. */
  problem: string;
  call: () => unknown;
  type: ErrorType;
  fn: string;
  arg?: string;
  /** Patterns the message must contain: the expected value and what was received, at least. */
  says: RegExp[];
}

const x23 = (): gl.Tensor => gl.zeros([2, 3]);
const leaf = (): gl.Tensor => gl.tensor([1, 2], null, { requiresGrad: true });

const cases: Case[] = [
  // ---- shapes that do not fit
  {
    problem: "matmul of [32, 784] by [10, 784] (the weight needs a transpose)",
    call: () => gl.matmul(gl.zeros([32, 784]), gl.zeros([10, 784])),
    type: gl.ShapeError,
    fn: "matmul",
    arg: "b",
    says: [/784 rows/, /\[10, 784\]/, /\[32, 784\]/, /transpose/],
  },
  {
    problem: "matmul of [3, 4] by [5, 6] (inner sizes differ, no transpose helps)",
    call: () => gl.matmul(gl.zeros([3, 4]), gl.zeros([5, 6])),
    type: gl.ShapeError,
    fn: "matmul",
    arg: "b",
    says: [/4 rows/, /\[5, 6\]/, /columns of a must equal the number of rows of b/],
  },
  {
    problem: "batched matmul with different batch axes",
    call: () => gl.matmul(gl.zeros([2, 3, 4]), gl.zeros([3, 4, 5])),
    type: gl.ShapeError,
    fn: "matmul",
    says: [/equal batch axes/, /\[2, 3, 4\] and \[3, 4, 5\]/],
  },
  {
    problem: "matmul with a scalar",
    call: () => gl.matmul(gl.tensor(2), gl.zeros([2, 2])),
    type: gl.ShapeError,
    fn: "matmul",
    arg: "a",
    says: [/rank ≥ 1/, /\[\]/, /gl\.mul/],
  },
  {
    problem: "adding shapes that do not broadcast ([3, 4] + [5])",
    call: () => gl.add(gl.zeros([3, 4]), gl.zeros([5])),
    type: gl.ShapeError,
    fn: "add",
    says: [/broadcast/, /a of shape \[3, 4\] and b of shape \[5\]/, /4 vs 5/],
  },
  {
    problem: "multiplying [2, 3] by [3, 2] elementwise (probably meant matmul)",
    call: () => gl.mul(gl.zeros([2, 3]), gl.zeros([3, 2])),
    type: gl.ShapeError,
    fn: "mul",
    says: [/broadcast/, /a of shape \[2, 3\] and b of shape \[3, 2\]/],
  },
  {
    problem: "where with a condition that does not broadcast",
    call: () => gl.where(gl.zeros([4]), gl.zeros([3]), 0),
    type: gl.ShapeError,
    fn: "where",
    says: [/broadcast/, /cond of shape \[4\] and a of shape \[3\]/],
  },
  {
    problem: "reshape to a different number of elements",
    call: () => gl.reshape(x23(), [4, 2]),
    type: gl.ShapeError,
    fn: "reshape",
    arg: "shape",
    says: [/6 elements/, /\[4, 2\]/, /8 elements/],
  },
  {
    problem: "reshape with two inferred sizes",
    call: () => gl.reshape(x23(), [-1, -1]),
    type: gl.ShapeError,
    fn: "reshape",
    arg: "shape",
    says: [/at most one −1/, /\[-1, -1\]/],
  },
  {
    problem: "reshape where no whole size fits −1",
    call: () => gl.reshape(x23(), [4, -1]),
    type: gl.ShapeError,
    fn: "reshape",
    arg: "shape",
    says: [/6 elements/, /no whole size fits −1/],
  },
  {
    problem: "broadcastTo a shape the tensor cannot stretch to",
    call: () => gl.broadcastTo(gl.zeros([3]), [2, 4]),
    type: gl.ShapeError,
    fn: "broadcastTo",
    says: [/broadcast/, /\[3\]/],
  },
  {
    problem: "transposing two axes of a vector",
    call: () => gl.transpose(gl.zeros([3]), 0, 1),
    type: gl.ShapeError,
    fn: "transpose",
    arg: "x",
    says: [/rank ≥ 2/, /\[3\]/],
  },
  {
    problem: "concat of tensors whose other sizes differ",
    call: () => gl.concat([gl.zeros([2, 3]), gl.zeros([2, 4])], 0),
    type: gl.ShapeError,
    fn: "concat",
    arg: "tensors[1]",
    says: [/\[any, 3\]/, /\[2, 4\]/, /except on axis 0/],
  },
  {
    problem: "concat of scalars",
    call: () => gl.concat([gl.tensor(1), gl.tensor(2)]),
    type: gl.ShapeError,
    fn: "concat",
    says: [/rank ≥ 1/, /scalars/, /gl\.stack/],
  },
  {
    problem: "stack of tensors with different shapes",
    call: () => gl.stack([gl.zeros([2]), gl.zeros([3])]),
    type: gl.ShapeError,
    fn: "stack",
    arg: "tensors[1]",
    says: [/shape \[2\]/, /shape \[3\]/, /gl\.concat/],
  },
  {
    problem: "gather with labels of shape [N] for scores [N, C] (missing the gathered axis)",
    call: () => gl.gather(gl.zeros([4, 3]), 1, gl.tensor([0, 1, 2, 0])),
    type: gl.ShapeError,
    fn: "gather",
    arg: "indices",
    says: [/rank 2/, /\[4\]/, /unsqueeze/],
  },
  {
    problem: "indexSelect with a 2-D index list",
    call: () => gl.indexSelect(x23(), 0, gl.tensor([[0, 1]])),
    type: gl.ShapeError,
    fn: "indexSelect",
    arg: "indices",
    says: [/1-D/, /\[1, 2\]/],
  },
  // ---- creation
  {
    problem: "a ragged nested array",
    call: () => gl.tensor([[1, 2], [3]]),
    type: gl.ShapeError,
    fn: "tensor",
    arg: "data",
    says: [/2 entries at index \[1\]/, /received 1 entries/, /ragged/],
  },
  {
    problem: "a string inside the data",
    call: () => gl.tensor([1, "a" as unknown as number]),
    type: gl.ShapeError,
    fn: "tensor",
    arg: "data",
    says: [/a number at index \[1\]/, /"a"/],
  },
  {
    problem: "flat data that does not fill the shape",
    call: () => gl.tensor([1, 2, 3], [2, 2]),
    type: gl.ShapeError,
    fn: "tensor",
    arg: "shape",
    says: [/multiply to 3/, /\[2, 2\]/, /4 elements/],
  },
  {
    problem: "a non-integer size",
    call: () => gl.zeros([2, 1.5]),
    type: gl.ShapeError,
    fn: "zeros",
    arg: "shape",
    says: [/whole sizes ≥ 0/, /\[2, 1\.5\]/],
  },
  {
    problem: "a negative size",
    call: () => gl.randn([2, -1]),
    type: gl.ShapeError,
    fn: "randn",
    arg: "shape",
    says: [/whole sizes ≥ 0/, /\[2, -1\]/],
  },
  {
    problem: "eye with a non-integer size",
    call: () => gl.eye(2.5),
    type: gl.ArgumentError,
    fn: "eye",
    says: [/a whole number ≥ 1/, /2\.5/],
  },
  {
    problem: "arange with a step of 0",
    call: () => gl.arange(0, 5, 0),
    type: gl.ArgumentError,
    fn: "arange",
    arg: "step",
    says: [/non-zero step/, /received 0/],
  },
  {
    problem: "arange with a negative step toward a larger end (a range to nowhere)",
    call: () => gl.arange(0, 5, -1),
    type: gl.ArgumentError,
    fn: "arange",
    arg: "step",
    says: [/toward end 5/, /positive here/, /received -1/],
  },
  {
    problem: "arange with a NaN end",
    call: () => gl.arange(NaN),
    type: gl.ArgumentError,
    fn: "arange",
    arg: "end",
    says: [/finite/, /NaN/],
  },
  {
    problem: "linspace with n = 0",
    call: () => gl.linspace(0, 1, 0),
    type: gl.ArgumentError,
    fn: "linspace",
    arg: "n",
    says: [/a whole number ≥ 1/, /received 0/, /counts the points/],
  },
  {
    problem: "linspace with a NaN end point",
    call: () => gl.linspace(0, NaN, 5),
    type: gl.ArgumentError,
    fn: "linspace",
    arg: "b",
    says: [/a finite number/, /received NaN/],
  },
  {
    problem: "a Tensor built from too few values",
    call: () => new gl.Tensor(new Float32Array(5), [2, 3]),
    type: gl.ShapeError,
    fn: "Tensor",
    arg: "data",
    says: [/6 values for shape \[2, 3\]/, /5 values/],
  },
  // ---- tensors and autograd
  {
    problem: "item() on a vector",
    call: () => gl.tensor([1, 2, 3]).item(),
    type: gl.ShapeError,
    fn: "Tensor.item",
    says: [/exactly one element/, /\[3\]/, /gl\.sum/],
  },
  {
    problem: "backward on a non-scalar without a gradient",
    call: () => gl.mul(leaf(), 2).backward(),
    type: gl.ShapeError,
    fn: "backward",
    says: [/scalar/, /\[2\]/, /gl\.mean/],
  },
  {
    problem: "backward with a gradient of the wrong shape",
    call: () => gl.mul(leaf(), 2).backward(gl.zeros([3])),
    type: gl.ShapeError,
    fn: "backward",
    arg: "grad",
    says: [/shape \[2\]/, /shape \[3\]/],
  },
  {
    problem: "backward on something that does not require grad",
    call: () => gl.sum(gl.tensor([1, 2])).backward(),
    type: gl.ArgumentError,
    fn: "backward",
    says: [/requiresGrad: true/, /requiresGrad false/],
  },
  {
    problem: "switching off requiresGrad on a computed tensor",
    call: () => gl.mul(leaf(), 2).requiresGrad_(false),
    type: gl.ArgumentError,
    fn: "Tensor.requiresGrad_",
    arg: "value",
    says: [/true for a tensor computed by an op/, /detach/],
  },
  {
    problem: "NaN in a tensor that must be finite",
    call: () => gl.tensor([1, NaN]).assertFinite("loss"),
    type: gl.NonFiniteError,
    fn: "loss",
    says: [/finite values/, /NaN at flat index 1/],
  },
  {
    problem: "gradcheck with inputs not wrapped in an array",
    call: () => gl.gradcheck((t) => gl.sum(t), gl.zeros([2]) as unknown as gl.Tensor[]),
    type: gl.ArgumentError,
    fn: "gradcheck",
    arg: "inputs",
    says: [/non-empty array of tensors/, /gl\.gradcheck\(fn, \[x, w\]\)/],
  },
  // ---- axes
  {
    problem: "sum over an axis the tensor does not have",
    call: () => gl.sum(x23(), 2),
    type: gl.ArgumentError,
    fn: "sum",
    arg: "axes",
    says: [/\[-2, 1\]/, /rank 2/, /received 2/],
  },
  {
    problem: "mean over a non-integer axis",
    call: () => gl.mean(x23(), 0.5),
    type: gl.ArgumentError,
    fn: "mean",
    arg: "axes",
    says: [/\[-2, 1\]/, /received 0\.5/],
  },
  {
    problem: "max of an empty tensor",
    call: () => gl.max(gl.zeros([2, 0]), 1),
    type: gl.ShapeError,
    fn: "max",
    arg: "x",
    says: [/non-empty axis/, /\[2, 0\]/, /axis 1 has size 0/],
  },
  {
    problem: "argmax of an empty vector",
    call: () => gl.argmax(gl.zeros([0])),
    type: gl.ShapeError,
    fn: "argmax",
    arg: "x",
    says: [/non-empty axis/, /\[0\]/],
  },
  {
    problem: "reflect padding of an empty axis",
    call: () => gl.pad(gl.zeros([0]), [[1, 1]], { mode: "reflect" }),
    type: gl.ArgumentError,
    fn: "pad",
    arg: "x",
    says: [/non-empty axis 0/, /size 0/, /"constant"/],
  },
  {
    problem: "permute with a repeated axis",
    call: () => gl.permute(x23(), [0, 0]),
    type: gl.ArgumentError,
    fn: "permute",
    arg: "dims",
    says: [/reordering of the 2 axes/, /\[0, 0\]/],
  },
  {
    problem: "flatten with startDim after endDim",
    call: () => gl.flatten(gl.zeros([2, 3, 4]), 2, 1),
    type: gl.ArgumentError,
    fn: "flatten",
    arg: "startDim",
    says: [/startDim ≤ endDim/, /2 > 1/],
  },
  {
    problem: "unsqueeze beyond the last position",
    call: () => gl.unsqueeze(gl.zeros([3]), 3),
    type: gl.ArgumentError,
    fn: "unsqueeze",
    arg: "dim",
    says: [/\[-2, 1\]/, /received 3/],
  },
  {
    problem: "softmax over an axis the logits do not have",
    call: () => gl.softmax(x23(), 2),
    type: gl.ArgumentError,
    fn: "softmax",
    arg: "axis",
    says: [/\[-2, 1\]/, /\[2, 3\]/, /received 2/, /axis = -1/],
  },
  {
    problem: "logSoftmax of a scalar",
    call: () => gl.logSoftmax(gl.tensor(3)),
    type: gl.ArgumentError,
    fn: "logSoftmax",
    arg: "x",
    says: [/rank ≥ 1/, /scalar/],
  },
  {
    problem: "concat along a non-integer axis",
    call: () => gl.concat([x23(), x23()], 1.5),
    type: gl.ArgumentError,
    fn: "concat",
    arg: "axis",
    says: [/\[-2, 1\]/, /1\.5/],
  },
  // ---- argument values
  {
    problem: "clamp with min above max",
    call: () => gl.clamp(x23(), 1, -1),
    type: gl.ArgumentError,
    fn: "clamp",
    arg: "min",
    says: [/min ≤ max/, /min = 1, max = -1/, /Swap/],
  },
  {
    problem: "clamp with a NaN bound",
    call: () => gl.clamp(x23(), NaN),
    type: gl.ArgumentError,
    fn: "clamp",
    arg: "min",
    says: [/Infinity for no bound/, /min = NaN/],
  },
  {
    problem: "norm with p = 0",
    call: () => gl.norm(x23(), 0),
    type: gl.ArgumentError,
    fn: "norm",
    arg: "p",
    says: [/p > 0/, /received 0/],
  },
  {
    problem: "leakyRelu with a NaN slope",
    call: () => gl.leakyRelu(x23(), NaN),
    type: gl.ArgumentError,
    fn: "leakyRelu",
    arg: "alpha",
    says: [/finite number/, /NaN/],
  },
  {
    problem: "gelu with an unknown approximation",
    call: () => gl.gelu(x23(), { approximate: "fast" as "tanh" }),
    type: gl.ArgumentError,
    fn: "gelu",
    arg: "approximate",
    says: [/"none" or "tanh"/, /"fast"/],
  },
  {
    problem: "softplus with beta 0",
    call: () => gl.softplus(x23(), { beta: 0 }),
    type: gl.ArgumentError,
    fn: "softplus",
    arg: "beta",
    says: [/non-zero/, /received 0/],
  },
  {
    problem: "an activation applied to a plain array",
    call: () => gl.sigmoid([1, 2] as unknown as gl.Tensor),
    type: gl.ArgumentError,
    fn: "sigmoid",
    arg: "x",
    says: [/a Tensor/, /plain array \[1, 2\]/, /gl\.tensor/],
  },
  // ---- class indices and indexing
  {
    problem: "oneHot of non-integer class indices",
    call: () => gl.oneHot(gl.tensor([0, 2.5, 1]), 3),
    type: gl.ArgumentError,
    fn: "oneHot",
    arg: "indices",
    says: [/whole-number indices/, /2\.5 at flat index 1/, /argmax/],
  },
  {
    problem: "oneHot with a label equal to numClasses (labels 1..C instead of 0..C−1)",
    call: () => gl.oneHot([1, 10], 10),
    type: gl.ArgumentError,
    fn: "oneHot",
    arg: "indices",
    says: [/\[0, 9\]/, /numClasses is 10/, /10 at flat index 1/, /start at 0/],
  },
  {
    problem: "oneHot of a NaN label",
    call: () => gl.oneHot(gl.tensor([1, NaN]), 3),
    type: gl.ArgumentError,
    fn: "oneHot",
    arg: "indices",
    says: [/whole-number indices/, /NaN at flat index 1/],
  },
  {
    problem: "oneHot with a negative label",
    call: () => gl.oneHot([-1, 0], 2),
    type: gl.ArgumentError,
    fn: "oneHot",
    arg: "indices",
    says: [/\[0, 1\]/, /-1 at flat index 0/],
  },
  {
    problem: "oneHot with numClasses 0",
    call: () => gl.oneHot([0], 0),
    type: gl.ArgumentError,
    fn: "oneHot",
    arg: "numClasses",
    says: [/number of classes ≥ 1/, /received 0/],
  },
  {
    problem: "gather with an index past the end of the axis",
    call: () => gl.gather(gl.zeros([2, 3]), 1, [[0], [3]]),
    type: gl.ArgumentError,
    fn: "gather",
    arg: "indices",
    says: [/\[0, 2\]/, /axis 1 of x has size 3/, /3 at flat index 1/],
  },
  {
    problem: "gather with fractional indices (probabilities instead of labels)",
    call: () => gl.gather(gl.zeros([2, 3]), 1, [[0.7], [0.3]]),
    type: gl.ArgumentError,
    fn: "gather",
    arg: "indices",
    says: [/whole-number indices/, /0\.7 at flat index 0/],
  },
  {
    problem: "indexSelect past the end",
    call: () => gl.indexSelect(gl.zeros([2, 3]), 0, [2]),
    type: gl.ArgumentError,
    fn: "indexSelect",
    arg: "indices",
    says: [/\[0, 1\]/, /axis 0 of x has size 2/],
  },
  {
    problem: "select of an index past the end",
    call: () => gl.select(gl.zeros([2, 3]), 1, 3),
    type: gl.ArgumentError,
    fn: "select",
    arg: "index",
    says: [/\[-3, 2\]/, /axis 1 has size 3/, /received 3/],
  },
  {
    problem: "slice with step 0",
    call: () => gl.slice(gl.arange(5), [[0, 5, 0]]),
    type: gl.ArgumentError,
    fn: "slice",
    arg: "ranges[0]",
    says: [/non-zero step/, /step 0/],
  },
  {
    problem: "slice with more ranges than axes",
    call: () => gl.slice(gl.arange(5), [null, [1]]),
    type: gl.ArgumentError,
    fn: "slice",
    arg: "ranges",
    says: [/at most 1 ranges/, /\[5\]/, /2 ranges/],
  },
  {
    problem: "slice with a fractional start",
    call: () => gl.slice(gl.arange(5), [[1.5]]),
    type: gl.ArgumentError,
    fn: "slice",
    arg: "ranges[0]",
    says: [/whole-number start/, /1\.5/],
  },
  {
    problem: "narrow running past the end of the axis",
    call: () => gl.narrow(gl.arange(5), 0, 3, 4),
    type: gl.ArgumentError,
    fn: "narrow",
    arg: "start",
    says: [/start \+ length ≤ 5/, /start 3, length 4/],
  },
  {
    problem: "negative padding",
    call: () =>
      gl.pad(x23(), [
        [0, 0],
        [-1, 1],
      ]),
    type: gl.ArgumentError,
    fn: "pad",
    arg: "padding",
    says: [/non-negative whole sizes/, /\[-1, 1\]/, /gl\.slice/],
  },
  {
    problem: "reflect padding wider than the axis allows",
    call: () => gl.pad(gl.zeros([3]), [[3, 0]], { mode: "reflect" }),
    type: gl.ArgumentError,
    fn: "pad",
    arg: "padding",
    says: [/at most 2 on each side/, /"reflect"/, /\[3, 0\]/],
  },
  {
    problem: "a flat padding list of odd length",
    call: () => gl.pad(x23(), [1, 1, 1]),
    type: gl.ArgumentError,
    fn: "pad",
    arg: "padding",
    says: [/even number of sizes/, /3 sizes/],
  },
  {
    problem: "an unknown padding mode",
    call: () => gl.pad(x23(), [[1, 1]], { mode: "zeros" as gl.PadMode }),
    type: gl.ArgumentError,
    fn: "pad",
    arg: "mode",
    says: [/"constant", "reflect", "replicate" or "circular"/, /"zeros"/],
  },
  // ---- backends
  {
    problem: "an unknown backend name",
    call: () => gl.setBackend("gpu" as gl.BackendName),
    type: gl.BackendError,
    fn: "setBackend",
    arg: "name",
    says: [/"reference"/, /"gpu"/],
  },
];

describe("errors that teach: malformed calls get a typed error naming the problem", () => {
  it(`lists at least 30 malformed calls (has ${cases.length})`, () => expect(cases.length).to.be.at.least(30));

  for (const c of cases) {
    it(`${c.problem} -> ${c.type.name} from ${c.fn}${c.arg ? ` naming '${c.arg}'` : ""}`, () => {
      let caught: unknown = null;
      try {
        c.call();
      } catch (e) {
        caught = e;
      }
      expect(caught, "the call should throw").to.not.equal(null);
      expect(caught).to.be.instanceOf(c.type);
      const e = caught as gl.GradlabError;
      expect(e.name).to.equal(c.type.name);
      expect(e.fn).to.equal(c.fn);
      if (c.arg) {
        expect(e.arg).to.equal(c.arg);
        expect(e.message).to.include(`argument '${c.arg}'`);
      }
      expect(e.expected.length, "says what was expected").to.be.greaterThan(0);
      expect(e.received.length, "says what was received").to.be.greaterThan(0);
      expect(e.message).to.include(e.expected).and.include(e.received);
      for (const pattern of c.says) expect(e.message).to.match(pattern);
    });
  }
});
