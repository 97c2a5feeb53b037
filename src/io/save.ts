/**
 * Saving and loading weights: `gl.save(model.stateDict(), path)` writes a safetensors file with
 * PyTorch's names (see names.ts), `gl.load(path)` reads one back with gradlab's names, ready for
 * `model.loadStateDict(...)`. A relative path starts at the working folder: in a notebook, the
 * folder the notebook is in (the kernel runs there).
 */
import * as fs from "fs";
import * as nodePath from "path";
import { options } from "../args";
import { ArgumentError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import { fromPyTorchName, toPyTorchName } from "./names";
import { SafetensorsContents, SafetensorsDType, checkMetadata, decodeBytes, encodeSafetensors } from "./safetensors";

export interface SaveOptions {
  /** Free text stored in the file's `__metadata__` (e.g. the seed, the data split, the accuracy). */
  metadata?: Record<string, string>;
}

function checkPath(fn: string, path: unknown): asserts path is string {
  check(
    typeof path === "string" && path.length > 0,
    () =>
      new ArgumentError({
        fn,
        arg: "path",
        expected: 'a file name such as "model.safetensors"',
        received: show(path),
        fix:
          path === null || path === undefined
            ? `Pass the file name as a string, e.g. ${fn}(${fn === "save" ? "model.stateDict(), " : ""}"model.safetensors").`
            : `Write the file name as a string in quotes, e.g. "model.safetensors".`,
      }),
  );
}

/** The state-dict check of save and stateDictBytes (`fn`: the public name called). */
export function checkState(fn: string, state: unknown, arg = "state"): asserts state is Record<string, Tensor> {
  const isModule = typeof state === "object" && state !== null && "stateDict" in state;
  const isObject = typeof state === "object" && state !== null && !Array.isArray(state) && !(state instanceof Tensor);
  check(
    isObject && !isModule && Object.values(state).every((v) => v instanceof Tensor),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a state dict: an object of tensors by name, as model.stateDict() returns",
        received: isModule
          ? "a module"
          : state instanceof Tensor
            ? "one tensor (not in an object of tensors by name)"
            : Array.isArray(state)
              ? `a list ${show(state)}`
              : isObject
                ? `an object whose entries ${show(Object.keys(state).filter((k) => !((state as Record<string, unknown>)[k] instanceof Tensor)))} are not tensors`
                : show(state),
        fix: isModule
          ? "Save its weights: gl.save(model.stateDict(), path)."
          : state instanceof Tensor
            ? "Give it a name: { weight: t }."
            : "Pass model.stateDict() (or an object { name: tensor }); check that the cell building it ran.",
      }),
  );
}

/** save's and stateDictBytes's options. */
function saveOptions(fn: string, opts: unknown): Record<string, string> {
  const o = options<SaveOptions>(fn, "opts", opts, ["metadata"]);
  return checkMetadata(fn, "metadata", o.metadata);
}

/** Where a (relative) path points, for messages. */
function where(path: string): string {
  return nodePath.isAbsolute(path)
    ? path
    : `${nodePath.resolve(path)} (relative to the working folder ${process.cwd()})`;
}

/**
 * The bytes `gl.save` writes for a state dict: PyTorch's names, F32/F64 by each tensor's dtype,
 * BatchNorm's step count as I64 (PyTorch's dtype), the metadata.
 * @example
 * const bytes = gl.io.stateDictBytes({ "0.numBatchesTracked": gl.tensor(3) });
 * gl.io.decodeSafetensors(bytes).dtypes["0.num_batches_tracked"] // "I64"
 */
export function stateDictBytes(state: Record<string, Tensor>, opts: SaveOptions = {}): Uint8Array {
  return bytesOf("io.stateDictBytes", state, opts);
}

function bytesOf(fn: string, state: unknown, opts: unknown): Uint8Array {
  checkState(fn, state);
  const metadata = saveOptions(fn, opts);
  const renamed: Record<string, Tensor> = {};
  const dtypes: Record<string, SafetensorsDType> = {};
  for (const [name, t] of Object.entries(state)) {
    const theirs = toPyTorchName(name);
    renamed[theirs] = t;
    if (theirs.endsWith("num_batches_tracked")) dtypes[theirs] = "I64";
  }
  return encodeSafetensors(renamed, metadata, dtypes);
}

/**
 * Saves a state dict as a safetensors file (see stateDictBytes), so `safetensors.torch.load_file`
 * and `model.load_state_dict` read it as it is. Returns the absolute path written.
 * @example
 * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 3), new gl.nn.BatchNorm1d(3)]);
 * const file = (process.env.TMPDIR ?? "/tmp") + "/gradlab-doc-example.safetensors";
 * await gl.save(model.stateDict(), file, { metadata: { note: "an example" } });
 * Object.keys(await gl.load(file)) // ["0.weight", "0.bias", "1.weight", "1.bias", "1.runningMean", "1.runningVar", "1.numBatchesTracked"]
 */
export async function save(state: Record<string, Tensor>, path: string, opts: SaveOptions = {}): Promise<string> {
  checkPath("save", path);
  const bytes = bytesOf("save", state, opts);
  const abs = nodePath.resolve(path);
  try {
    await fs.promises.writeFile(abs, bytes);
  } catch (e) {
    throw new ArgumentError({
      fn: "save",
      arg: "path",
      expected: "a file that can be written",
      received: `${show(path)} → ${where(path)}: ${(e as Error).message}`,
      fix: "Does the folder exist? Create it first, or save next to the notebook.",
    });
  }
  return abs;
}

/** The contents of a file with gradlab's names (used by load, loadMetadata and gl.pretrained). */
export function readSafetensors(path: string, bytes: Uint8Array, fn = "load"): SafetensorsContents {
  const raw = decodeBytes(bytes, path, fn);
  const out: SafetensorsContents = { tensors: {}, dtypes: {}, metadata: raw.metadata };
  for (const [name, t] of Object.entries(raw.tensors)) {
    const ours = fromPyTorchName(name);
    out.tensors[ours] = t;
    t.name = ours;
    out.dtypes[ours] = raw.dtypes[name];
  }
  return out;
}

/** The bytes of a file, or an error saying where the path pointed. */
export function readBytesSync(fn: string, path: string): Uint8Array {
  checkPath(fn, path);
  try {
    return fs.readFileSync(path);
  } catch (e) {
    throw notReadable(fn, path, e as NodeJS.ErrnoException);
  }
}

function notReadable(fn: string, path: string, e: NodeJS.ErrnoException): ArgumentError {
  return new ArgumentError({
    fn,
    arg: "path",
    expected: "a safetensors file that exists",
    received: `${show(path)} → ${where(path)}: ${e.code ?? e.message}`,
    fix: 'In a notebook a relative path starts at the notebook\'s folder; check the name with fs.readdirSync(".").',
  });
}

/**
 * Loads a safetensors file (from gradlab, or from PyTorch's `safetensors.torch.save_file`) as a
 * state dict with gradlab's names: F32 → float32 tensors, F64 and I64 → float64.
 * @example
 * const file = (process.env.TMPDIR ?? "/tmp") + "/gradlab-doc-load.safetensors";
 * await gl.save({ w: gl.tensor([[1, 2], [3, 4]]) }, file);
 * const state = await gl.load(file);
 * state.w.toArray() // [[1, 2], [3, 4]]
 */
export async function load(path: string): Promise<Record<string, Tensor>> {
  checkPath("load", path);
  let bytes: Uint8Array;
  try {
    bytes = await fs.promises.readFile(path);
  } catch (e) {
    throw notReadable("load", path, e as NodeJS.ErrnoException);
  }
  return readSafetensors(path, bytes).tensors;
}

/**
 * The `__metadata__` of a safetensors file (free text: seed, data split, accuracy, ...).
 * @example
 * const file = (process.env.TMPDIR ?? "/tmp") + "/gradlab-doc-meta.safetensors";
 * await gl.save({ w: gl.tensor([1]) }, file, { metadata: { seed: "0" } });
 * (await gl.loadMetadata(file)).seed // "0"
 */
export async function loadMetadata(path: string): Promise<Record<string, string>> {
  checkPath("loadMetadata", path);
  let bytes: Uint8Array;
  try {
    bytes = await fs.promises.readFile(path);
  } catch (e) {
    throw notReadable("loadMetadata", path, e as NodeJS.ErrnoException);
  }
  return readSafetensors(path, bytes, "loadMetadata").metadata;
}
