/** The sweep catalogue, part: probes, tune, lrFinder, diagnose, and the training-loop helpers (confusionMatrix, confidentMistakes). */
import * as gl from "../../src";
import { Entry, Kind, T, a, data2, int, mlp, num, opts, name, numbers } from "./build";

const any: Kind = { kind: "any" };
const fnKind: Kind = { kind: "fn" };
const bool: Kind = { kind: "bool" };
const model: Kind = { kind: "module" };

const logits = T(4, 3);
const labels = () => gl.tensor([0, 1, 2, 0]);

/** The model made last: arguments are made in order, so an optimizer made after it can hold its parameters. */
let lastModel: gl.nn.Module = mlp();
const linearModel = (): gl.nn.Module => (lastModel = new gl.nn.Linear(2, 3));
const convModel = (): gl.nn.Module => new gl.nn.Sequential([new gl.nn.Conv2d(1, 2, 3), new gl.nn.ReLU()]);

/** An attached probe that saw one training step of a tiny MLP (one record). */
function probed(): gl.probe.Probe {
  const m = mlp();
  const opt = new gl.optim.SGD(m.parameters(), { lr: 0.1 });
  const p = gl.probe.attach(m, { optimizer: opt });
  const { X, y } = data2();
  gl.loss.crossEntropy(m.forward(X), y).backward();
  opt.step();
  p.detach();
  return p;
}
const records = (): gl.probe.StepRecord[] => probed().records;

/** A finished tiny run: the History of one epoch on 8 examples. */
const history = (): Promise<gl.History> => {
  const m = mlp();
  return gl.fit(m, data2(), {
    epochs: 1,
    batchSize: 4,
    progress: false,
    loss: gl.loss.crossEntropy,
    optimizer: new gl.optim.SGD(m.parameters(), { lr: 0.1 }),
  });
};

/** A search result as randomSearch returns it (plain data), two trials. */
const searchResult = (): gl.tune.SearchResult => {
  const trial = (index: number, lr: number, score: number): gl.tune.Trial => ({
    index,
    seed: index,
    params: { lr, hidden: 8 },
    score,
    aborted: false,
    seconds: 0,
  });
  const trials = [trial(0, 0.01, 1.5), trial(1, 0.1, 0.7)];
  return {
    method: "random",
    space: { lr: gl.tune.logUniform(1e-3, 1), hidden: gl.tune.choice([8, 16]) },
    mode: "min",
    trials,
    best: trials[1],
  };
};

const objective = () => (p: gl.tune.Params) => Number(p.lr);
const searchKeys = { objective: fnKind, mode: name("max", "min"), progress: any, earlyAbort: bool, seed: int(0) };

const probeOptionKeys: Record<string, Kind> = {
  every: int(1),
  histogramBins: int(1),
  // a whole number ≥ 1, or Infinity (documented: histograms of every value)
  histogramSample: num({ min: 1, infinite: true }),
  layers: any,
  parameters: bool,
  kinds: any,
  optimizer: any,
};
const forwardStatsKeys: Record<string, Kind> = {
  histogramBins: int(1),
  layers: any,
  kinds: any,
  loss: fnKind,
  seed: int(0),
};

export const analysisEntries: Entry[] = [
  // ---- training-loop helpers
  {
    fn: "confusionMatrix",
    args: [a("logits", { kind: "tensor", rank: 2 }, logits), a("y", { kind: "tensor", rank: 1 }, labels)],
    call: (v) => gl.confusionMatrix(v[0] as gl.Tensor, v[1] as gl.Tensor),
  },
  {
    fn: "confidentMistakes",
    args: [
      a("logits", { kind: "tensor", rank: 2 }, logits),
      a("y", { kind: "tensor", rank: 1 }, labels),
      a("k", int(1), () => 2, true),
    ],
    call: (v) => gl.confidentMistakes(v[0] as gl.Tensor, v[1] as gl.Tensor, v[2] as number),
  },
  // ---- diagnose
  {
    fn: "diagnose",
    args: [
      a("history", any, history),
      a("opts", opts({ probe: any, numClasses: int(2) }), () => ({ probe: records(), numClasses: 3 }), true),
    ],
    call: async (v) => gl.diagnose((await v[0]) as gl.History, v[1] as never),
  },
  {
    fn: "typicalUpdateRatio",
    args: [a("records", any, records)],
    call: (v) => gl.typicalUpdateRatio(v[0] as never),
  },
  // ---- lrFinder
  {
    fn: "lrFinder",
    args: [
      a("model", model, mlp),
      a("data", any, data2),
      a(
        "opts",
        opts({
          loss: fnKind,
          optimizer: any,
          startLr: num({ min: 0, minExclusive: true }),
          endLr: num({ min: 0, minExclusive: true }),
          steps: int(2),
          batchSize: int(1),
          progress: any,
          seed: int(0),
        }),
        () => ({ loss: gl.loss.crossEntropy, steps: 5, batchSize: 4, startLr: 1e-3, endLr: 1, progress: false }),
      ),
    ],
    call: (v) => gl.lrFinder(v[0] as never, v[1] as never, v[2] as never),
  },
  // ---- probes
  {
    fn: "probe.Probe",
    args: [a("model", model, mlp), a("opts", opts(probeOptionKeys), () => ({ every: 1 }), true)],
    call: (v) => new gl.probe.Probe(v[0] as never, v[1] as never).detach(),
  },
  {
    fn: "probe.Probe.series",
    args: [a("stat", any, () => "activation.std")],
    call: (v) => probed().series(v[0] as never),
  },
  {
    fn: "probe.Probe.step",
    args: [a("i", int(0), () => 0, true)],
    call: (v) => probed().step(v[0] as number),
  },
  {
    fn: "probe.Probe.table",
    args: [a("i", int(0), () => 0, true)],
    call: (v) => probed().table(v[0] as number),
  },
  {
    fn: "probe.Probe.layer",
    args: [a("name", any, () => "0")],
    call: (v) => probed().layer(v[0] as string),
  },
  {
    fn: "probe.Probe.parameter",
    args: [a("name", any, () => "0.weight")],
    call: (v) => probed().parameter(v[0] as string),
  },
  {
    fn: "probe.seriesOf",
    args: [a("records", any, records), a("stat", any, () => "gradDataRatio")],
    call: (v) => gl.probe.seriesOf(v[0] as never, v[1] as never),
  },
  {
    fn: "probe.statsOf",
    args: [
      a("values", numbers(), () => [1, 2, 3, 4]),
      a("bins", int(1), () => 4, true),
      a("opts", opts({ histogramSample: num({ min: 1, infinite: true }) }), () => ({ histogramSample: 2 }), true),
    ],
    call: (v) => gl.probe.statsOf(v[0] as number[], v[1] as number, v[2] as never),
  },
  {
    fn: "probe.saturatedFraction",
    args: [a("values", numbers(), () => [0.1, 0.99, -0.98]), a("kind", name("tanh", "sigmoid"), () => "tanh")],
    call: (v) => gl.probe.saturatedFraction(v[0] as number[], v[1] as never),
  },
  {
    fn: "probe.deadFractions",
    args: [a("y", { kind: "tensor" }, () => gl.relu(gl.randn([4, 3])))],
    call: (v) => gl.probe.deadFractions(v[0] as gl.Tensor),
  },
  {
    fn: "probe.channelStats",
    args: [a("x", { kind: "tensor" }, T(4, 3))],
    call: (v) => gl.probe.channelStats(v[0] as gl.Tensor),
  },
  {
    fn: "probe.kindOf",
    args: [a("typeName", any, () => "Tanh")],
    call: (v) => gl.probe.kindOf(v[0] as string),
  },
  {
    fn: "probe.quantile",
    args: [a("values", numbers(), () => [3, 1, 2, 5]), a("q", num({ min: 0, max: 1 }), () => 0.9)],
    call: (v) => gl.probe.quantile(v[0] as number[], v[1] as number),
  },
  {
    fn: "probe.depthProfile",
    args: [
      a("model", model, mlp),
      a("X", { kind: "tensor" }, T(8, 2)),
      a("opts", opts(forwardStatsKeys), () => ({}), true),
    ],
    call: (v) => gl.probe.depthProfile(v[0] as never, v[1] as gl.Tensor, v[2] as never),
  },
  {
    fn: "probe.effectiveReceptiveField",
    args: [
      a("model", model, convModel),
      a("inputShape", { kind: "shape" }, () => [1, 6, 6]),
      a(
        "opts",
        opts({ unit: any, channel: any, trials: int(1), seed: int(0), reinit: fnKind }),
        () => ({ trials: 2, seed: 1 }),
        true,
      ),
    ],
    call: (v) => gl.probe.effectiveReceptiveField(v[0] as never, v[1] as number[], v[2] as never),
  },
  {
    fn: "probe.erfSpread",
    args: [
      a("map", any, () => [
        [0, 0.1, 0],
        [0.1, 1, 0.1],
        [0, 0.1, 0],
      ]),
      a("opts", opts({ mass: num({ min: 0, max: 1, minExclusive: true }) }), () => ({ mass: 0.9 }), true),
    ],
    call: (v) => gl.probe.erfSpread(v[0] as number[][], v[1] as never),
  },
  {
    fn: "probe.gradientThroughTime",
    args: [
      a("rnn", model, () => new gl.nn.RNN(2, 3)),
      a("x", { kind: "tensor" }, T(4, 2, 2)),
      a("opts", opts({ h0: { kind: "tensor" }, loss: fnKind }), () => ({ h0: gl.zeros([2, 3]) }), true),
    ],
    call: (v) => gl.probe.gradientThroughTime(v[0] as never, v[1] as gl.Tensor, v[2] as never),
  },
  {
    fn: "probe.linearCKA",
    args: [a("X", { kind: "tensor" }, T(5, 3)), a("Y", { kind: "tensor" }, T(5, 4))],
    call: (v) => gl.probe.linearCKA(v[0] as gl.Tensor, v[1] as gl.Tensor),
  },
  {
    fn: "probe.layerSimilarity",
    args: [
      a("a", model, mlp),
      a("b", model, mlp),
      a("X", { kind: "tensor" }, T(5, 2)),
      a("opts", opts({ layers: any }), () => ({ layers: ["0", "2"] }), true),
    ],
    call: (v) => gl.probe.layerSimilarity(v[0] as never, v[1] as never, v[2] as gl.Tensor, v[3] as never),
  },
  {
    fn: "probe.lossGrid",
    args: [
      a("model", model, linearModel),
      a("loss", fnKind, () => gl.loss.crossEntropy),
      a("X", { kind: "tensor" }, T(8, 2)),
      a("y", { kind: "tensor" }, () => data2().y),
      a("opts", opts({ xRange: numbers(2), yRange: numbers(2), n: int(2), param: any, entries: any }), () => ({
        xRange: [-1, 1],
        yRange: [-1, 1],
        n: 3,
      })),
    ],
    call: (v) => gl.probe.lossGrid(v[0] as never, v[1] as never, v[2] as gl.Tensor, v[3] as gl.Tensor, v[4] as never),
  },
  {
    fn: "probe.lossLandscape",
    args: [
      a("model", model, mlp),
      a("loss", fnKind, () => gl.loss.crossEntropy),
      a("X", { kind: "tensor" }, T(8, 2)),
      a("y", { kind: "tensor" }, () => data2().y),
      a("opts", opts({ stepSizes: numbers() }), () => ({ stepSizes: [0.1, 0.2, 0.4] }), true),
    ],
    call: (v) =>
      gl.probe.lossLandscape(v[0] as never, v[1] as never, v[2] as gl.Tensor, v[3] as gl.Tensor, v[4] as never),
  },
  {
    fn: "probe.descentPath",
    args: [
      a("model", model, linearModel),
      a("loss", fnKind, () => gl.loss.crossEntropy),
      a("X", { kind: "tensor" }, T(8, 2)),
      a("y", { kind: "tensor" }, () => data2().y),
      a("opts", opts({ optimizer: any, steps: int(0), name: any, param: any, entries: any }), () => ({
        optimizer: new gl.optim.SGD(lastModel.parameters(), { lr: 0.1 }),
        steps: 3,
      })),
    ],
    call: (v) =>
      gl.probe.descentPath(v[0] as never, v[1] as never, v[2] as gl.Tensor, v[3] as gl.Tensor, v[4] as never),
  },
  // ---- tune: search spaces
  {
    fn: "tune.uniform",
    args: [a("low", num(), () => 0), a("high", num(), () => 0.5)],
    call: (v) => gl.tune.uniform(v[0] as number, v[1] as number),
  },
  {
    fn: "tune.logUniform",
    args: [a("low", num({ min: 0, minExclusive: true }), () => 1e-4), a("high", num(), () => 1e-1)],
    call: (v) => gl.tune.logUniform(v[0] as number, v[1] as number),
  },
  {
    fn: "tune.intUniform",
    args: [a("low", int(-1e9), () => 1), a("high", int(-1e9), () => 4)],
    call: (v) => gl.tune.intUniform(v[0] as number, v[1] as number),
  },
  {
    fn: "tune.choice",
    args: [a("values", any, () => ["relu", "tanh"])],
    call: (v) => gl.tune.choice(v[0] as unknown[]),
  },
  {
    fn: "tune.sample",
    args: [a("d", any, () => gl.tune.uniform(0, 1)), a("generator", any, () => new gl.Generator(0))],
    call: (v) => gl.tune.sample(v[0] as never, v[1] as never),
  },
  {
    fn: "tune.describeSpace",
    args: [a("space", any, () => searchResult().space)],
    call: (v) => gl.tune.describeSpace(v[0] as never),
  },
  // ---- tune: searches
  {
    fn: "tune.randomSearch",
    args: [
      a("opts", opts({ space: any, trials: int(1), ...searchKeys }), () => ({
        space: { lr: gl.tune.logUniform(1e-3, 1) },
        trials: 2,
        objective: objective(),
        progress: false,
      })),
    ],
    call: (v) => gl.tune.randomSearch(v[0] as never),
  },
  {
    fn: "tune.gridSearch",
    args: [
      a("opts", opts({ space: any, ...searchKeys }), () => ({
        space: { lr: [0.01, 0.1] },
        objective: objective(),
        progress: false,
      })),
    ],
    call: (v) => gl.tune.gridSearch(v[0] as never),
  },
  {
    fn: "tune.refine",
    args: [a("result", any, searchResult), a("opts", opts({ top: int(1) }), () => ({ top: 1 }), true)],
    call: (v) => gl.tune.refine(v[0] as never, v[1] as never),
  },
  {
    fn: "tune.coverage",
    args: [a("result", any, searchResult)],
    call: (v) => gl.tune.coverage(v[0] as never),
  },
];
