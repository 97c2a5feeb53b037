/**
 * The kernel registry: heavy ops (matmul, conv2d and its gradients, pooling, large elementwise
 * work) look up their kernel here by op name, for the active backend. `reference` (plain
 * TypeScript loops) always exists and is the oracle every other backend is tested against.
 * gpu.js backends register themselves from `src/backend/gpujs/`; the webasm backend's own
 * WebAssembly kernels (which replace gpu.js's there) from `src/backend/wasm/`.
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

const providers = new Map<BackendName, BackendProvider>();
const kernels = new Map<string, Map<BackendName, AnyKernel>>();
const initialized = new Set<BackendName>();
let active: BackendInfo | null = null;

providers.set("reference", { name: "reference", unavailableReason: () => null });

/** Registers a backend (done by the backend's own module). */
export function registerBackend(provider: BackendProvider): void {
  providers.set(provider.name, provider);
}

/** Registers `impl` as the kernel of `op` on `backend`. */
export function registerKernel(op: string, backend: BackendName, impl: AnyKernel): void {
  let byBackend = kernels.get(op);
  if (!byBackend) kernels.set(op, (byBackend = new Map()));
  byBackend.set(backend, impl);
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
      }),
  );
  const why = tryUse(name);
  if (why) {
    throw new BackendError({
      fn: "setBackend",
      arg: "name",
      expected: `a backend that can run on this machine`,
      received: `"${name}", which cannot: ${why}`,
      fix: `Use gl.setBackend("auto") to pick the best available one (now: ${chooseAuto().name}).`,
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
    byBackend !== undefined && byBackend.has("reference"),
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
  return (byBackend.get(name) ?? byBackend.get("reference")) as K;
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
