/**
 * The safetensors file format (Hugging Face), bytes ↔ tensors. A file is
 *   8 bytes: N, the header's length, an unsigned 64-bit little-endian integer
 *   N bytes: a JSON object { name: { dtype, shape, data_offsets: [begin, end] }, ..., "__metadata__"?: { key: "text" } }
 *            (UTF-8, padded with spaces so the data starts 8-byte aligned)
 *   the data: each tensor's values row-major, little-endian, at bytes [begin, end) counted from
 *            the end of the header.
 * gradlab reads F32, F64 and I64 (PyTorch's dtype of BatchNorm's num_batches_tracked, read as
 * float64: exact up to 2⁵³) and writes F32/F64 by the tensor's dtype, I64 where asked.
 * Every way a file can be wrong gets a FormatError naming the file, what was expected and what came.
 */
import { ArgumentError, FormatError, check, show } from "../errors";
import { sizeOf } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";

/** The dtypes gradlab reads and writes. */
export type SafetensorsDType = "F32" | "F64" | "I64";
const BYTES: Record<SafetensorsDType, number> = { F32: 4, F64: 8, I64: 8 };
const KNOWN_DTYPES = [
  "BOOL",
  "U8",
  "I8",
  "F8_E5M2",
  "F8_E4M3",
  "I16",
  "U16",
  "F16",
  "BF16",
  "I32",
  "U32",
  "F32",
  "F64",
  "I64",
  "U64",
];
const METADATA = "__metadata__";

/** What a file holds: tensors in file order, their dtype on disk, and the free-text metadata. */
export interface SafetensorsContents {
  tensors: Record<string, Tensor>;
  dtypes: Record<string, SafetensorsDType>;
  metadata: Record<string, string>;
}

/**
 * Encodes tensors (and string metadata) as safetensors bytes. A tensor is written F32 or F64 by
 * its dtype, or I64 where `dtypes[name]` says so (its values must then be integers).
 * @example
 * const bytes = gl.io.encodeSafetensors({ w: gl.tensor([1, 2]) }, { note: "hi" });
 * gl.io.decodeSafetensors(bytes).tensors.w.toArray() // [1, 2]
 */
export function encodeSafetensors(
  tensors: Record<string, Tensor>,
  metadata: Record<string, string> = {},
  dtypes: Record<string, SafetensorsDType> = {},
): Uint8Array {
  const fn = "io.encodeSafetensors";
  checkRecord(
    fn,
    "tensors",
    tensors,
    (v) => v instanceof Tensor,
    "a tensor",
    "an object of tensors by name, e.g. { w: gl.tensor([1, 2]) }",
    "Put the tensors in an object by name: { weight: w, bias: b } (model.stateDict() is one).",
  );
  checkMetadata(fn, "metadata", metadata);
  checkRecord(
    fn,
    "dtypes",
    dtypes,
    (v) => typeof v === "string" && v in BYTES,
    '"F32", "F64" or "I64"',
    'an object { tensorName: "F32" | "F64" | "I64" }',
    'Give each listed tensor the dtype "F32", "F64" or "I64" (the dtypes gradlab writes).',
  );
  metadata = metadata ?? {};
  dtypes = dtypes ?? {};
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header[METADATA] = metadata;
  let offset = 0;
  const entries = Object.entries(tensors).map(([name, t]) => {
    const dtype: SafetensorsDType = dtypes[name] ?? (t.dtype === "float64" ? "F64" : "F32");
    if (dtype === "I64")
      check(
        t.data.every((v) => Number.isSafeInteger(v)),
        () =>
          new FormatError({
            fn,
            arg: name,
            expected: "integer values for an I64 tensor",
            received: `values such as ${show(Array.from(t.data.filter((v) => !Number.isSafeInteger(v)).slice(0, 3)))}`,
            fix: `Round the values first (gl.round?), or write "${name}" as F32/F64.`,
          }),
      );
    const begin = offset;
    offset += t.size * BYTES[dtype];
    header[name] = { dtype, shape: t.shape, data_offsets: [begin, offset] };
    return { t, dtype, begin };
  });
  let json = JSON.stringify(header);
  const jsonBytes = () => Buffer.byteLength(json, "utf8");
  while ((8 + jsonBytes()) % 8 !== 0) json += " ";
  const n = jsonBytes();
  const out = new Uint8Array(8 + n + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(n), true);
  out.set(Buffer.from(json, "utf8"), 8);
  const start = 8 + n;
  for (const { t, dtype, begin } of entries) {
    const at = start + begin;
    const d = t.data;
    if (dtype === "F32") for (let i = 0; i < d.length; i++) view.setFloat32(at + 4 * i, d[i], true);
    else if (dtype === "F64") for (let i = 0; i < d.length; i++) view.setFloat64(at + 8 * i, d[i], true);
    else for (let i = 0; i < d.length; i++) view.setBigInt64(at + 8 * i, BigInt(d[i]), true);
  }
  return out;
}

/**
 * Checks an object of entries by name: for `tensors` required, for metadata and dtypes optional
 * (undefined/null: none). `ok` tests each entry.
 */
/** A metadata object { key: text } (undefined/null: none); returns it, {} for none. */
export function checkMetadata(fn: string, arg: string, metadata: unknown): Record<string, string> {
  checkRecord(
    fn,
    arg,
    metadata,
    (v) => typeof v === "string",
    "strings",
    'an object of text by key, e.g. { seed: "0", accuracy: "0.97" }',
    "safetensors metadata holds only text: turn numbers into strings with String(x) or x.toFixed(4).",
  );
  return (metadata ?? {}) as Record<string, string>;
}

function checkRecord(
  fn: string,
  arg: string,
  value: unknown,
  ok: (v: unknown) => boolean,
  entry: string,
  expected: string,
  fix: string,
): void {
  if (arg !== "tensors" && (value === undefined || value === null)) return;
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Tensor);
  const bad = isObject ? Object.keys(value).filter((k) => !ok((value as Record<string, unknown>)[k])) : [];
  check(
    isObject && bad.length === 0,
    () =>
      new ArgumentError({
        fn,
        arg,
        expected,
        received: isObject
          ? `an object whose entries ${show(bad)} are not ${entry}`
          : value instanceof Tensor
            ? "one tensor (not in an object by name)"
            : show(value),
        fix,
      }),
  );
}

/**
 * Decodes safetensors bytes. `source` (a file name) goes into error messages.
 * @example
 * const bytes = gl.io.encodeSafetensors({ "0.weight": gl.tensor([[1, 2]]) });
 * const { tensors, dtypes } = gl.io.decodeSafetensors(bytes);
 * tensors["0.weight"].shape // [1, 2]
 * dtypes["0.weight"] // "F32"
 */
export function decodeSafetensors(bytes: Uint8Array, source = "the bytes"): SafetensorsContents {
  check(
    bytes instanceof Uint8Array,
    () =>
      new ArgumentError({
        fn: "io.decodeSafetensors",
        arg: "bytes",
        expected: "the bytes of a safetensors file (a Uint8Array or Buffer)",
        received: show(bytes),
        fix: 'Read the file first, e.g. fs.readFileSync("model.safetensors"), or use gl.load(path).',
      }),
  );
  return decodeBytes(bytes, source, "io.decodeSafetensors");
}

/** decodeSafetensors for `fn` (load, loadMetadata, the pretrained models: errors name the function called). */
export function decodeBytes(bytes: Uint8Array, source: string, fn: string): SafetensorsContents {
  const fail = (expected: string, received: string, fix?: string) =>
    new FormatError({ fn, arg: source, expected, received, fix });
  const notSafetensors =
    "Is this a safetensors file? PyTorch's torch.save writes a zip/pickle (.pt/.pth), not safetensors: save with safetensors.torch.save_file(model.state_dict(), path).";
  check(bytes.length >= 8, () =>
    fail(
      "at least 8 bytes (the header length)",
      `a file of ${bytes.length} bytes`,
      "The file is truncated or empty: save it again.",
    ),
  );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n64 = view.getBigUint64(0, true);
  check(n64 <= BigInt(bytes.length - 8), () =>
    fail(
      `a header of ${n64} bytes after the first 8 (as the file's first 8 bytes say)`,
      `only ${bytes.length - 8} bytes after them`,
      `The file is truncated (an interrupted save or copy?), or it is not a safetensors file. ${notSafetensors}`,
    ),
  );
  const n = Number(n64);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + 8, n).toString("utf8");
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw fail(
      "a JSON header",
      `text that does not parse (${(e as Error).message}): ${show(text.slice(0, 60))}`,
      notSafetensors,
    );
  }
  check(typeof header === "object" && header !== null && !Array.isArray(header), () =>
    fail("a JSON object { name: { dtype, shape, data_offsets } }", `JSON ${show(text.slice(0, 60))}`, notSafetensors),
  );
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const out: SafetensorsContents = { tensors: {}, dtypes: {}, metadata: {} };
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === METADATA) {
      check(
        typeof entry === "object" && entry !== null && Object.values(entry).every((v) => typeof v === "string"),
        () => fail(`"${METADATA}" as an object of strings`, JSON.stringify(entry)),
      );
      out.metadata = { ...(entry as Record<string, string>) };
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    check(
      typeof e === "object" &&
        e !== null &&
        typeof e.dtype === "string" &&
        Array.isArray(e.shape) &&
        e.shape.every((s) => Number.isSafeInteger(s) && s >= 0) &&
        Array.isArray(e.data_offsets) &&
        e.data_offsets.length === 2 &&
        e.data_offsets.every((o) => Number.isSafeInteger(o) && o >= 0),
      () => fail(`tensor "${name}" as { dtype, shape: [sizes], data_offsets: [begin, end] }`, JSON.stringify(entry)),
    );
    const dtype = e.dtype as string;
    check(dtype in BYTES, () =>
      fail(
        `tensor "${name}" in F32, F64 or I64 (the dtypes gradlab reads)`,
        KNOWN_DTYPES.includes(dtype) ? `dtype ${dtype}` : `an unknown dtype ${show(dtype)}`,
        "Convert before saving, e.g. in PyTorch: save_file({k: v.float() for k, v in sd.items()}, path) (F16/BF16 → F32).",
      ),
    );
    const shape = e.shape as number[];
    const [begin, end] = e.data_offsets as number[];
    const size = sizeOf(shape);
    const bpe = BYTES[dtype as SafetensorsDType];
    check(end >= begin && end - begin === size * bpe, () =>
      fail(
        `tensor "${name}" (${dtype}, shape ${show(shape)}) to span ${size * bpe} bytes`,
        `data_offsets [${begin}, ${end}] (${end - begin} bytes)`,
      ),
    );
    check(end <= dataLength, () =>
      fail(
        `tensor "${name}" at data bytes [${begin}, ${end})`,
        `a file whose data ends at byte ${dataLength}`,
        "The file is truncated (an interrupted save or copy?): save it again.",
      ),
    );
    const at = dataStart + begin;
    let data: Float32Array | Float64Array;
    if (dtype === "F32") {
      data = new Float32Array(size);
      for (let i = 0; i < size; i++) data[i] = view.getFloat32(at + 4 * i, true);
    } else if (dtype === "F64") {
      data = new Float64Array(size);
      for (let i = 0; i < size; i++) data[i] = view.getFloat64(at + 8 * i, true);
    } else {
      data = new Float64Array(size);
      for (let i = 0; i < size; i++) data[i] = Number(view.getBigInt64(at + 8 * i, true));
    }
    out.tensors[name] = new Tensor(data, shape, { name });
    out.dtypes[name] = dtype as SafetensorsDType;
  }
  return out;
}
