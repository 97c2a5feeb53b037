/**
 * `npm run bench`: gradlab on every compute backend available here vs TensorFlow.js
 * (tfjs-backend-wasm and tfjs-backend-cpu) in the same process, on the work the lessons do:
 *   matmul 256/512/1024 (GFLOP/s), conv2d 3×3 "same" forward+backward for B64 28²×1→32 and
 *   B64 14²×32→64 (ms), one SGD step of an MLP 784-256-128-10 at batch 128 (ms).
 * Each time is the best of several runs after a warm-up (compiles, caches), so it measures the
 * steady state a training loop sees; times are CPU time of this process (see `best`). Options:
 *   --json                (use `npm run -s bench -- --json` to keep npm's banner out) one JSON object per line: {"name", "gradlab_ms", "tfjs_wasm_ms",
 *                         "tfjs_cpu_ms", "ratio_vs_wasm", "backend"} (ratio = tfjs_wasm / gradlab,
 *                         > 1 means gradlab is faster)
 *   --backends=a,b        gradlab backends to run (default: every available one)
 *   --only=matmul,conv,mlp   which benchmarks
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

/** conv2d 3×3 "same" (with bias) forward + backward to x, w and b. */
const conv = (batch, size, cIn, cOut) => ({
  name: `conv2d 3x3 same fwd+bwd B${batch} ${size}x${size}x${cIn}->${cOut}`,
  gradlab() {
    const x = gl.randn([batch, cIn, size, size], { requiresGrad: true });
    const w = gl.randn([cOut, cIn, 3, 3], { requiresGrad: true });
    const b = gl.randn([cOut], { requiresGrad: true });
    return () => {
      x.grad = w.grad = b.grad = null;
      gl.sum(gl.conv2d(x, w, b, { padding: "same" })).backward();
    };
  },
  tfjs() {
    const x = tf.randomNormal([batch, size, size, cIn]);
    const w = tf.randomNormal([3, 3, cIn, cOut]);
    const b = tf.randomNormal([cOut]);
    const grads = tf.grads((xx, ww, bb) => tf.sum(tf.add(tf.conv2d(xx, ww, 1, "same"), bb)));
    return () =>
      tf.tidy(() => {
        for (const g of grads([x, w, b])) g.dataSync();
      });
  },
});

/** One SGD step of the MLP 784-256-128-10 (ReLU, softmax cross-entropy) at batch 128. */
const mlp = () => {
  const sizes = [784, 256, 128, 10];
  const batchSize = 128;
  const lr = 0.01;
  return {
    name: "mlp 784-256-128-10 sgd step B128",
    gradlab() {
      gl.seed(0);
      const params = [];
      for (let l = 0; l < 3; l++) {
        params.push(gl.mul(gl.randn([sizes[l], sizes[l + 1]]), Math.sqrt(2 / sizes[l])).detach());
        params.push(gl.zeros([sizes[l + 1]]));
      }
      for (const p of params) p.requiresGrad = true;
      const X = gl.randn([batchSize, 784]);
      const labels = Array.from({ length: batchSize }, (_, i) => i % 10);
      const onehot = gl.tensor(
        Float32Array.from({ length: batchSize * 10 }, (_, k) => (labels[Math.floor(k / 10)] === k % 10 ? 1 : 0)),
        [batchSize, 10],
      );
      return () => {
        let h = X;
        for (let l = 0; l < 3; l++) {
          h = gl.add(gl.matmul(h, params[2 * l]), params[2 * l + 1]); // (B, out)
          if (l < 2) h = gl.maximum(h, 0); // ReLU
        }
        // cross-entropy = mean(logsumexp(logits) − logits[label])
        const loss = gl.mean(gl.sub(gl.logsumexp(h, 1), gl.sum(gl.mul(h, onehot), 1)));
        loss.backward();
        gl.noGrad(() => {
          for (const p of params) {
            const d = p.data;
            const g = p.grad.data;
            for (let i = 0; i < d.length; i++) d[i] -= lr * g[i];
            p.grad = null;
          }
        });
        return loss.item();
      };
    },
    tfjs() {
      const params = [];
      for (let l = 0; l < 3; l++) {
        params.push(tf.variable(tf.mul(tf.randomNormal([sizes[l], sizes[l + 1]]), Math.sqrt(2 / sizes[l]))));
        params.push(tf.variable(tf.zeros([sizes[l + 1]])));
      }
      const X = tf.randomNormal([batchSize, 784]);
      const onehot = tf.oneHot(
        tf.tensor1d(
          Array.from({ length: batchSize }, (_, i) => i % 10),
          "int32",
        ),
        10,
      );
      const optimizer = tf.train.sgd(lr);
      return () => {
        const loss = optimizer.minimize(
          () => {
            let h = X;
            for (let l = 0; l < 3; l++) {
              h = tf.add(tf.matMul(h, params[2 * l]), params[2 * l + 1]);
              if (l < 2) h = tf.relu(h);
            }
            return tf.mean(tf.sub(tf.logSumExp(h, 1), tf.sum(tf.mul(h, onehot), 1)));
          },
          true,
          params,
        );
        const v = loss.dataSync()[0];
        loss.dispose();
        return v;
      };
    },
  };
};

const suites = [];
if (!only || only.includes("matmul")) suites.push(matmul(256), matmul(512), matmul(1024));
if (!only || only.includes("conv")) {
  suites.push(conv(64, 28, 1, 32), conv(64, 14, 32, 64));
  // tfjs-backend-wasm has no Conv2DBackpropFilter kernel, so forward-only rows give a wasm comparison
  suites.push(convForward(64, 28, 1, 32), convForward(64, 14, 32, 64));
}
if (!only || only.includes("mlp")) suites.push(mlp());

// ---------------------------------------------------------------- run

/** tfjs times per suite on `backendName`; null (with the reason in notes) where tfjs cannot run it. */
async function tfjsTimes(backendName, notes) {
  await tf.setBackend(backendName);
  const times = {};
  for (const s of suites) {
    try {
      times[s.name] = await best(s.tfjs());
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
  const skipTfjs = args.includes("--skip-tfjs");
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
      if (notes[s.name]) row.note = notes[s.name];
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
  return rows;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
