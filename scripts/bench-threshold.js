/**
 * Measures where a gpu.js kernel call starts to beat the reference loops, per op, on every
 * gpu.js backend available here: times both paths (kernels already compiled, best of many runs)
 * over growing sizes and prints the work (multiply-adds, or input elements for pooling) at which
 * the kernel first wins. The thresholds in src/backend/gpujs/engine.ts and src/backend/wasm/*.ts
 * (webasm's hand-written kernels) come from this.
 * Run: npx tsc -p tsconfig.test.json && node scripts/bench-threshold.js [backend ...]
 * (headlessgl needs an X server: xvfb-run -a node scripts/bench-threshold.js headlessgl)
 */
const path = require("path");
const { performance } = require("perf_hooks");
const gl = require(path.join(__dirname, "../build/src"));
const { withBackend, availableBackends } = require(path.join(__dirname, "../build/src/backend/registry"));
const { sizeThresholds } = require(path.join(__dirname, "../build/src/backend/gpujs/engine"));

// the hand-written WebAssembly kernels of the webasm backend have their own thresholds
const wasmThresholds = [
  require(path.join(__dirname, "../build/src/backend/wasm/matmul")).wasmMatmulThreshold,
  require(path.join(__dirname, "../build/src/backend/wasm/conv2d")).wasmConvThreshold,
  require(path.join(__dirname, "../build/src/backend/wasm/pool")).wasmPoolThreshold,
  require(path.join(__dirname, "../build/src/backend/wasm/activation")).wasmReluThreshold,
];
for (const mode of Object.keys(sizeThresholds)) sizeThresholds[mode] = { matmul: 0, conv2d: 0, pool: 0 };
for (const t of wasmThresholds) t.value = 0;
const only = process.argv.slice(2); // e.g. `node scripts/bench-threshold.js headlessgl`

/** Best time in ms of `fn` over ~`budgetMs` of runs (at least 5). */
function best(fn, budgetMs = 150) {
  fn();
  let bestMs = Infinity;
  const start = performance.now();
  for (let i = 0; i < 5 || performance.now() - start < budgetMs; i++) {
    const t = performance.now();
    fn();
    bestMs = Math.min(bestMs, performance.now() - t);
    if (i > 2000) break;
  }
  return bestMs;
}

const ops = {
  matmul: {
    sizes: [4, 8, 12, 16, 24, 32, 48, 64, 96],
    work: (n) => n * n * n,
    make: (n) => {
      const a = gl.randn([n, n]);
      const b = gl.randn([n, n]);
      return () => gl.matmul(a, b);
    },
    label: (n) => `${n}×${n}·${n}×${n}`,
  },
  conv2d: {
    sizes: [2, 4, 6, 8, 12, 16, 24],
    work: (s) => 1 * 8 * s * s * 4 * 9,
    make: (s) => {
      const x = gl.randn([1, 4, s, s]);
      const w = gl.randn([8, 4, 3, 3]);
      return () => gl.conv2d(x, w, null, { padding: 1 });
    },
    label: (s) => `1×4×${s}×${s} → 8, 3×3`,
  },
  pool: {
    sizes: [4, 8, 16, 24, 32, 48, 64],
    work: (s) => 4 * s * s,
    make: (s) => {
      const x = gl.randn([1, 4, s, s]);
      return () => gl.maxPool2d(x, 2);
    },
    label: (s) => `maxPool2d 1×4×${s}×${s}`,
  },
  relu: {
    sizes: [256, 512, 1024, 2048, 4096, 8192, 16384],
    work: (n) => n,
    make: (n) => {
      const x = gl.randn([n]);
      return () => gl.relu(x);
    },
    label: (n) => `relu ${n}`,
  },
};

gl.seed(0);
const rows = [];
for (const backend of availableBackends().filter((b) => b !== "reference" && (only.length === 0 || only.includes(b)))) {
  for (const [op, spec] of Object.entries(ops)) {
    let crossover = null;
    for (const size of spec.sizes) {
      const run = spec.make(size);
      const refMs = withBackend("reference", () => best(run));
      const gpuMs = withBackend(backend, () => best(run));
      rows.push({
        backend,
        op,
        size: spec.label(size),
        work: spec.work(size),
        referenceMs: +refMs.toFixed(4),
        kernelMs: +gpuMs.toFixed(4),
      });
      if (crossover === null && gpuMs < refMs) crossover = spec.work(size);
      console.log(
        `${backend.padEnd(10)} ${op.padEnd(7)} ${spec.label(size).padEnd(24)} work ${String(spec.work(size)).padStart(8)}  reference ${refMs.toFixed(3).padStart(8)} ms  kernel ${gpuMs.toFixed(3).padStart(8)} ms`,
      );
    }
    console.log(`${backend} ${op}: kernel first wins at work ≈ ${crossover ?? "never (in this range)"}\n`);
  }
}
