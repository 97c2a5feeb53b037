import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as gl from "../../src";

/** Files written by the independent Python writer (test/io/fixtures/safetensors_py.py). */
export const FIXTURES = path.resolve(__dirname, "../../../test/io/fixtures");
export const fixture = (name: string): string => path.join(FIXTURES, name);
export const PYTHON = process.env.GRADLAB_PYTHON ?? "/usr/bin/python3";
export const hasPython = fs.existsSync(PYTHON);

/** Runs fixtures/read_gradlab.py (the independent reader) on files gradlab wrote. */
export function readInPython(...files: string[]): {
  order: string[];
  metadata: Record<string, string>;
  tensors: Record<string, { dtype: string; shape: number[]; values: number[] }>;
  torch: boolean;
  yTorch?: number[];
  numBatchesTracked?: number;
} {
  const out = execFileSync(PYTHON, [fixture("read_gradlab.py"), ...files], { encoding: "utf8", cwd: FIXTURES });
  return JSON.parse(out);
}

export const tmpFile = (name: string): string => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gradlab-io-")), name);

async function loadError(bytes: Uint8Array): Promise<Error> {
  const file = tmpFile("bad.safetensors");
  fs.writeFileSync(file, bytes);
  try {
    await gl.load(file);
  } catch (e) {
    return e as Error;
  }
  throw new Error("gl.load did not throw");
}

describe("safetensors: files from an independent writer", () => {
  it("reads F32, F64 and I64 tensors, a scalar, an empty tensor and the metadata, following data_offsets", async () => {
    const state = await gl.load(fixture("python-basic.safetensors"));
    expect(Object.keys(state)).to.deep.equal(["a", "layer.b", "steps", "empty"]);
    expect(state.a.dtype).to.equal("float32");
    expect(state.a.shape).to.deep.equal([2, 3]);
    expect(Array.from(state.a.data)).to.deep.equal([0, 1, 2, 3, 4, 5].map((i) => Math.fround(0.1 * i - 0.25)));
    expect(state["layer.b"].dtype).to.equal("float64");
    expect(Array.from(state["layer.b"].data)).to.deep.equal([1 / 3, Math.PI, -2.5e-300, 1e300]);
    expect(state.steps.shape).to.deep.equal([]);
    expect(state.steps.item()).to.equal(7);
    expect(state.empty.shape).to.deep.equal([0, 3]);
    expect(await gl.loadMetadata(fixture("python-basic.safetensors"))).to.deep.equal({
      writer: "python struct+json",
      seed: "42",
    });
  });

  it("reads a header without padding", async () => {
    const state = await gl.load(fixture("python-unpadded.safetensors"));
    expect(Array.from(state.x.data)).to.deep.equal([1, -2, 0.5]);
  });

  it("refuses an unsupported dtype (F16), naming the tensor, the dtype and how to convert", async () => {
    const e = await gl.load(fixture("python-f16.safetensors")).catch((x: Error) => x);
    expect(e).to.be.instanceOf(gl.FormatError);
    expect((e as Error).message).to.match(/"w".*F32, F64 or I64.*dtype F16.*v\.float\(\)/);
  });

  it("refuses a header that does not parse, and suggests torch.save files are not safetensors", async () => {
    const e = await gl.load(fixture("python-bad-header.safetensors")).catch((x: Error) => x);
    expect(e).to.be.instanceOf(gl.FormatError);
    expect((e as Error).message).to.match(/a JSON header.*does not parse.*torch\.save/);
  });

  it("refuses a truncated file: empty, header cut, data cut", async () => {
    const good = fs.readFileSync(fixture("python-basic.safetensors"));
    expect((await loadError(good.subarray(0, 5))).message).to.match(/at least 8 bytes.*5 bytes.*truncated/);
    expect((await loadError(good.subarray(0, 40))).message).to.match(/a header of \d+ bytes.*only 32 bytes.*truncated/);
    const e = await loadError(good.subarray(0, good.length - 3));
    expect(e).to.be.instanceOf(gl.FormatError);
    expect(e.message).to.match(/tensor "a" at data bytes.*truncated/);
  });

  it("refuses data_offsets that do not fit the dtype and shape", async () => {
    const header = Buffer.from(JSON.stringify({ w: { dtype: "F32", shape: [2, 2], data_offsets: [0, 12] } }));
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(header.length));
    const e = await loadError(Buffer.concat([len, header, Buffer.alloc(16)]));
    expect(e.message).to.match(/tensor "w" \(F32, shape \[2, 2\]\) to span 16 bytes.*\[0, 12\] \(12 bytes\)/);
  });

  it("refuses a missing file, saying where the relative path pointed", async () => {
    const e = await gl.load("no-such-model.safetensors").catch((x: Error) => x);
    expect(e).to.be.instanceOf(gl.ArgumentError);
    expect((e as Error).message).to.contain(path.resolve("no-such-model.safetensors"));
    expect((e as Error).message).to.match(/ENOENT.*notebook's folder/);
  });

  it("gl.save refuses a module (it wants the state dict) and a non-tensor entry", async () => {
    const model = new gl.nn.Linear(2, 2);
    const e = await gl.save(model as unknown as Record<string, gl.Tensor>, tmpFile("m.safetensors")).catch((x) => x);
    expect(e).to.be.instanceOf(gl.ArgumentError);
    expect((e as Error).message).to.contain("gl.save(model.stateDict(), path)");
    const f = await gl
      .save({ w: [1, 2] } as unknown as Record<string, gl.Tensor>, tmpFile("m.safetensors"))
      .catch((x) => x);
    expect((f as Error).message).to.contain('entries ["w"] are not tensors');
  });
});

describe("safetensors: files gradlab writes, read by the independent reader (skipped where Python 3 is missing)", () => {
  before(function () {
    if (!hasPython) this.skip(); // needs Python 3 (the one Jupyter runs on)
  });

  it("writes PyTorch's names, F32/F64 by dtype, num_batches_tracked as I64, bit-equal values, the metadata", async () => {
    gl.seed(3);
    const bn = new gl.nn.BatchNorm1d(3);
    bn.forward(gl.randn([4, 3]));
    const state = { ...bn.stateDict(), x64: gl.tensor([1 / 3, -1e-310, 2 ** 60], null, { dtype: "float64" }) };
    const file = tmpFile("gl.safetensors");
    await gl.save(state, file, { metadata: { seed: "3" } });
    const bytes = fs.readFileSync(file);
    expect((8 + Number(bytes.readBigUInt64LE(0))) % 8, "data starts 8-byte aligned").to.equal(0);
    const py = readInPython(file);
    expect(py.order).to.deep.equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked", "x64"]);
    expect(py.metadata).to.deep.equal({ seed: "3" });
    expect(py.tensors.num_batches_tracked).to.deep.equal({ dtype: "I64", shape: [], values: [1] });
    expect(py.tensors.running_var.dtype).to.equal("F32");
    expect(py.tensors.running_var.values).to.deep.equal(Array.from(bn.runningVar.data));
    expect(py.tensors.x64).to.deep.equal({ dtype: "F64", shape: [3], values: [1 / 3, -1e-310, 2 ** 60] });
  });
});
