/**
 * The kernel registry: heavy ops (matmul, conv2d and its gradients, pooling, large elementwise
 * work) look up their kernel here by op name, for the active backend. `reference` (plain
 * TypeScript loops) always exists and is the oracle every other backend is tested against.
 * gpu.js backends register themselves from `src/backend/gpujs/`; gradlab's hand-written
 * WebAssembly kernels from `src/backend/wasm/`. Each kernel is registered once per (op, backend,
 * source); when two sources give the same op on one backend, KERNEL_PRECEDENCE below decides,
 * whatever order the modules were imported in.
 */
import { BackendError, check, show } from "../errors";

export type BackendName = "reference" | "cpu" | "webasm" | "headlessgl";
export const BACKEND_NAMES: readonly BackendName[] = ["reference", "cpu", "webasm", "headlessgl"];

export interface BackendInfo {
  /** The backend heavy ops run on now. */
  name: BackendName;
  /** Why this one: what was tried, what was found. */
  reason: string;
}

/** A compute backend: a name, a check that it can run here, and its kernels. */
export interface BackendProvider {
  name: BackendName;
  /** Returns null if usable here, else the reason it is not (e.g. "no GL context: run under xvfb-run"). */
  unavailableReason(): string | null;
  /** Prepares the backend (e.g. creates the gpu.js instance); called once before first use. */
  init?(): void;
  /**
   * Why the automatic choice should pass over this backend although it runs here (e.g. GL only
   * in software, slower than webasm), or null. gl.setBackend(name) still uses it.
   */
  autoSkipReason?(): string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKernel = (...args: any[]) => any;

/** Who wrote a kernel: the reference loops, gradlab's hand-written WebAssembly, or gpu.js's generated code. */
export type KernelSource = "reference" | "wasm" | "gpujs";

/**
 * Which kernel runs when several sources registered one op for the same backend: the first
 * source in this list that has it. Hand-written WebAssembly beats gpu.js's generated webasm
 * kernels (matmul ≈ 8× faster, bench/RESULTS.md; each falls back to gpu.js's itself where the
 * module cannot load); the reference loops run only where nothing else exists.
 */
export const KERNEL_PRECEDENCE: readonly KernelSource[] = ["wasm", "gpujs", "reference"];

const providers = new Map<BackendName, BackendProvider>();
const kernels = new Map<string, Map<BackendName, Map<KernelSource, AnyKernel>>>();
const initialized = new Set<BackendName>();
let active: BackendInfo | null = null;

providers.set("reference", { name: "reference", unavailableReason: () => null });

/** Registers a backend (done by the backend's own module). */
export function registerBackend(provider: BackendProvider): void {
  providers.set(provider.name, provider);
}

/**
 * Registers `impl` as `source`'s kernel of `op` on `backend`. A second registration of the same
 * (op, backend, source) is a BackendError: a kernel is never replaced silently.
 */
export function registerKernel(op: string, backend: BackendName, impl: AnyKernel, source: KernelSource): void {
  let byBackend = kernels.get(op);
  if (!byBackend) kernels.set(op, (byBackend = new Map()));
  let bySource = byBackend.get(backend);
  if (!bySource) byBackend.set(backend, (bySource = new Map()));
  check(
    !bySource.has(source),
    () =>
      new BackendError({
        fn: "registerKernel",
        arg: "op",
        expected: `one ${source} kernel of "${op}" on the ${backend} backend`,
        received: "a second registration of it",
        fix: "Register each kernel once; to prefer one implementation over another, give it a source ranked higher in KERNEL_PRECEDENCE (src/backend/registry.ts).",
      }),
  );
  bySource.set(source, impl);
}

/** `registerKernel` with the source fixed: each backend folder registers through its own. */
export function registrar(source: KernelSource): (op: string, backend: BackendName, impl: AnyKernel) => void {
  return (op, backend, impl) => registerKernel(op, backend, impl, source);
}

/** The kernel `backend` runs for `op` (by KERNEL_PRECEDENCE) and its source, or null if it has none. */
export function kernelOf(op: string, backend: BackendName): { source: KernelSource; kernel: AnyKernel } | null {
  const bySource = kernels.get(op)?.get(backend);
  if (!bySource) return null;
  for (const source of KERNEL_PRECEDENCE) {
    const kernel = bySource.get(source);
    if (kernel) return { source, kernel };
  }
  return null;
}

/** Ops that have a kernel on `backend`. */
export function kernelsOf(backend: BackendName): string[] {
  return [...kernels].filter(([, m]) => m.has(backend)).map(([op]) => op);
}

function tryUse(name: BackendName): string | null {
  const p = providers.get(name);
  if (!p) return `no ${name} backend is registered in this build`;
  const why = p.unavailableReason();
  if (why) return why;
  if (!initialized.has(name)) {
    try {
      p.init?.();
    } catch (e) {
      return `${name} failed to start: ${(e as Error).message}`;
    }
    initialized.add(name);
  }
  return null;
}

/**
 * The automatic choice: headlessgl where a hardware GL context exists, else webasm, else cpu,
 * else reference.
 */
function chooseAuto(): BackendInfo {
  const notes: string[] = [];
  for (const name of ["headlessgl", "webasm", "cpu"] as BackendName[]) {
    const why = providers.get(name)?.autoSkipReason?.() ?? tryUse(name);
    if (!why) {
      const skipped = notes.length ? ` (${notes.join("; ")})` : "";
      return { name, reason: `auto: ${name} is the first backend that works here${skipped}` };
    }
    notes.push(`${name}: ${why}`);
  }
  return {
    name: "reference",
    reason: `auto: no gpu.js backend works here (${notes.join("; ")}); using plain TypeScript loops`,
  };
}

/**
 * Which compute backend runs the heavy ops, and why.
 * @example gl.backend() // e.g. { name: "webasm", reason: "auto: ..." }
 */
export function backend(): BackendInfo {
  if (!active) active = chooseAuto();
  return { ...active };
}

/**
 * Forces a backend ("auto" chooses again). Throws a BackendError saying why if it cannot run here.
 * @example gl.setBackend("reference"); // plain TypeScript loops, the definition of every op
 */
export function setBackend(name: BackendName | "auto"): BackendInfo {
  if (name === "auto") {
    active = chooseAuto();
    return backend();
  }
  check(
    (BACKEND_NAMES as readonly string[]).includes(name),
    () =>
      new BackendError({
        fn: "setBackend",
        arg: "name",
        expected: `one of ${["auto", ...BACKEND_NAMES].map((n) => `"${n}"`).join(", ")}`,
        received: show(name),
        fix: `Available on this machine: ${["auto", ...availableBackends()].map((n) => `"${n}"`).join(", ")}; "auto" picks the fastest.`,
      }),
  );
  const why = tryUse(name);
  if (why) {
    throw new BackendError({
      fn: "setBackend",
      arg: "name",
      expected: `a backend that can run on this machine`,
      received: `"${name}", which cannot: ${why}`,
      fix: `Available on this machine: ${availableBackends()
        .map((n) => `"${n}"`)
        .join(", ")}; gl.setBackend("auto") picks the best of them (now: ${chooseAuto().name}).`,
    });
  }
  active = { name, reason: `set by setBackend("${name}")` };
  return backend();
}

/** Backends that can run here (reference first). @example gl.availableBackends().includes("reference") // true */
export function availableBackends(): BackendName[] {
  return BACKEND_NAMES.filter((n) => tryUse(n) === null);
}

/**
 * The kernel of `op` for the active backend, or the reference kernel if the active backend has
 * none for it. `force` picks a backend explicitly (tests compare every backend this way).
 */
export function getKernel<K extends AnyKernel>(op: string, force?: BackendName): K {
  const byBackend = kernels.get(op);
  check(
    byBackend !== undefined && kernelOf(op, "reference") !== null,
    () =>
      new BackendError({
        fn: "getKernel",
        arg: "op",
        expected: "an op with a registered reference kernel",
        received: show(op),
        fix: "This is a bug in gradlab: every kernel needs a reference implementation.",
      }),
  );
  const name = force ?? backend().name;
  return (kernelOf(op, name) ?? kernelOf(op, "reference")!).kernel as K;
}

/** Runs `fn` with the active backend set to `name`, restoring the previous choice after. */
export function withBackend<T>(name: BackendName, fn: () => T): T {
  const prev = active;
  setBackend(name);
  try {
    return fn();
  } finally {
    active = prev;
  }
}
