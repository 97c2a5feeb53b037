/**
 * Tensor: an n-dimensional array of floats (row-major `data` + `shape`) that can take part in
 * automatic differentiation. Ops live in `src/ops/`; the methods here are shortcuts to them.
 */
import { ArgumentError, NonFiniteError, ShapeError, check, show } from "../errors";
import { firstNonFinite } from "./finite";
import { Shape, sizeOf, stridesOf } from "./shape";
import type { Snapshot } from "./saved";

export type DType = "float32" | "float64";
export type DataArray = Float32Array | Float64Array;
/** Nested arrays of numbers, as `toArray()` returns them. */
export type NestedArray = number | NestedArray[];
/** Anything an op accepts where a tensor is expected: a Tensor or a plain number. */
export type TensorLike = Tensor | number;

/**
 * How a tensor was made: the op's name, its inputs, and the backward rule that maps the
 * gradient of the output to the gradients of the inputs (null where an input needs none).
 */
export interface GradFn {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  backward(gradOutput: Tensor): (Tensor | null)[];
  /** Set once backward() has run through this op (without retainGraph): a second pass would add its gradients twice. */
  consumed?: boolean;
  /** @internal What the op saw of its inputs and output, to catch in-place changes before backward (tensor/saved.ts). */
  readonly saved?: readonly Snapshot[];
}

/** Options of `backward`. */
export interface BackwardOptions {
  /** Allow backpropagating through this graph again (gradients then add up in .grad, as PyTorch's retain_graph). */
  retainGraph?: boolean;
}

/** A gradient hook: sees the gradient flowing into a tensor and may replace it. */
export type GradHook = (grad: Tensor) => Tensor | void;

/** The op table the Tensor methods delegate to (filled by `src/ops/index.ts`). */
export interface TensorMethods {
  add(a: TensorLike, b: TensorLike): Tensor;
  sub(a: TensorLike, b: TensorLike): Tensor;
  mul(a: TensorLike, b: TensorLike): Tensor;
  div(a: TensorLike, b: TensorLike): Tensor;
  pow(a: TensorLike, b: TensorLike): Tensor;
  neg(a: Tensor): Tensor;
  exp(a: Tensor): Tensor;
  log(a: Tensor): Tensor;
  sqrt(a: Tensor): Tensor;
  abs(a: Tensor): Tensor;
  matmul(a: Tensor, b: Tensor): Tensor;
  sum(a: Tensor, axes?: number | number[], keepDims?: boolean): Tensor;
  mean(a: Tensor, axes?: number | number[], keepDims?: boolean): Tensor;
  reshape(a: Tensor, shape: number[]): Tensor;
  transpose(a: Tensor, dim0?: number, dim1?: number): Tensor;
  permute(a: Tensor, dims: number[]): Tensor;
  flatten(a: Tensor, startDim?: number, endDim?: number): Tensor;
  backward(root: Tensor, grad?: Tensor, opts?: BackwardOptions): void;
  relu(a: Tensor): Tensor;
  sigmoid(a: Tensor): Tensor;
  tanh(a: Tensor): Tensor;
  softmax(a: Tensor, axis?: number): Tensor;
  logSoftmax(a: Tensor, axis?: number): Tensor;
}
export const tensorMethods = {} as TensorMethods;

let nextId = 0;

export class Tensor {
  /** The values, row-major (the last axis varies fastest). */
  data: DataArray;
  /** Size of each axis; [] for a scalar. */
  readonly shape: number[];
  readonly dtype: DType;
  /** Whether gradients flow to this tensor. Set it on leaves (parameters, inputs you probe). */
  requiresGrad: boolean;
  /** The gradient accumulated by `backward()` (leaves, and non-leaves that called `retainGrad`). */
  grad: Tensor | null = null;
  /** How this tensor was computed; null for leaves. */
  gradFn: GradFn | null = null;
  /** A readable name (layers name their parameters and outputs; errors and probes use it). */
  name: string | undefined;
  /** Unique id, handy for debugging and for ordering the tape. */
  readonly id: number = nextId++;
  private retains = false;
  private hooks: GradHook[] = [];
  private changes = 0;

  constructor(data: DataArray, shape: Shape, opts: { requiresGrad?: boolean; name?: string } = {}) {
    if (!(data instanceof Float32Array || data instanceof Float64Array) || !Array.isArray(shape))
      throw new ArgumentError({
        fn: "Tensor",
        arg: Array.isArray(shape) ? "data" : "shape",
        expected: Array.isArray(shape) ? "a Float32Array or Float64Array" : "a shape: an array of sizes, e.g. [2, 3]",
        received: show(Array.isArray(shape) ? data : shape),
        fix: "new gl.Tensor(data, shape) takes typed data as it is stored; gl.tensor([[1, 2], [3, 4]]) builds one from plain (nested) arrays.",
      });
    const n = sizeOf(shape);
    check(
      data.length === n,
      () =>
        new ShapeError({
          fn: "Tensor",
          arg: "data",
          expected: `${n} values for shape ${show([...shape])}`,
          received: `${data.length} values`,
          fix: "The product of the shape's sizes must equal the number of values.",
        }),
    );
    this.data = data;
    this.shape = [...shape];
    this.dtype = data instanceof Float64Array ? "float64" : "float32";
    this.requiresGrad = opts.requiresGrad ?? false;
    this.name = opts.name;
  }

  /**
   * How many times gradlab changed this tensor's values in place (optimizer steps, loadStateDict,
   * init functions). backward() compares it, and a sample of the values, with what each op saw in
   * the forward pass, and refuses to compute a gradient from values that have changed since.
   */
  get version(): number {
    return this.changes;
  }

  /** Records that `data` was changed in place (call it after writing into `x.data` yourself); returns this tensor. */
  markChanged(): this {
    this.changes++;
    return this;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** True for tensors made by the user (not by an op): they receive `.grad`. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Row-major strides. */
  get strides(): number[] {
    return stridesOf(this.shape);
  }

  /** The values as nested arrays (a number for a scalar). */
  toArray(): NestedArray {
    const { data, shape } = this;
    if (shape.length === 0) return data[0];
    const build = (axis: number, offset: number): NestedArray[] => {
      const n = shape[axis];
      const out: NestedArray[] = new Array(n);
      if (axis === shape.length - 1) {
        for (let i = 0; i < n; i++) out[i] = data[offset + i];
      } else {
        const step = sizeOf(shape.slice(axis + 1));
        for (let i = 0; i < n; i++) out[i] = build(axis + 1, offset + i * step);
      }
      return out;
    };
    return build(0, 0);
  }

  /** The values as a flat array of numbers. */
  toList(): number[] {
    return Array.from(this.data);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    check(
      this.size === 1,
      () =>
        new ShapeError({
          fn: "Tensor.item",
          expected: "a tensor with exactly one element",
          received: `shape ${show(this.shape)} (${this.size} elements)`,
          fix: "Reduce it first, e.g. gl.sum(x) or gl.mean(x), or read x.toArray().",
        }),
    );
    return this.data[0];
  }

  /** A tensor with the same values that does not track gradients (shares `data`). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, { name: this.name });
  }

  /** A copy of the values (new `data`), detached from the graph. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape, { name: this.name });
  }

  /** Sets `requiresGrad` in place and returns this tensor (for chaining). */
  requiresGrad_(value = true): this {
    check(
      this.isLeaf || value,
      () =>
        new ArgumentError({
          fn: "Tensor.requiresGrad_",
          arg: "value",
          expected: "true for a tensor computed by an op",
          received: "false",
          fix: "Use x.detach() to get a tensor that does not track gradients.",
        }),
    );
    this.requiresGrad = value;
    return this;
  }

  /** Asks `backward()` to keep this non-leaf tensor's gradient in `.grad`. */
  retainGrad(): this {
    this.retains = true;
    return this;
  }

  /** Whether `backward()` stores this tensor's gradient in `.grad`. */
  get retainsGrad(): boolean {
    return this.retains || (this.isLeaf && this.requiresGrad);
  }

  /**
   * Calls `hook(grad)` whenever a gradient for this tensor is computed; a returned tensor
   * replaces the gradient. Returns a function that removes the hook.
   */
  registerHook(hook: GradHook): () => void {
    this.hooks.push(hook);
    return () => {
      this.hooks = this.hooks.filter((h) => h !== hook);
    };
  }

  /** @internal Runs the gradient hooks (used by the autograd engine). */
  runHooks(grad: Tensor): Tensor {
    let g = grad;
    for (const hook of this.hooks) {
      const r = hook(g);
      if (r) g = r;
    }
    return g;
  }

  /**
   * Computes gradients of this tensor w.r.t. every leaf that requires grad. A graph is
   * backpropagated once (as in PyTorch): run the forward pass again before the next backward, or
   * pass `{ retainGraph: true }` to backpropagate through it again.
   */
  backward(grad?: Tensor, opts?: BackwardOptions): void {
    tensorMethods.backward(this, grad, opts);
  }

  /** Throws a NonFiniteError naming `where` at the first NaN or ±Inf; returns the tensor otherwise. */
  assertFinite(where: string): this {
    const bad = firstNonFinite(this.data);
    if (bad)
      throw new NonFiniteError({
        fn: where,
        expected: "finite values",
        received: `${bad.value} at flat index ${bad.index} of a tensor of shape ${show(this.shape)}`,
        fix: "Lower the learning rate, clip gradients, or check the inputs for NaN.",
        what: "value",
        index: bad.index,
        value: bad.value,
        shape: [...this.shape],
      });
    return this;
  }

  add(other: TensorLike): Tensor {
    return tensorMethods.add(this, other);
  }
  sub(other: TensorLike): Tensor {
    return tensorMethods.sub(this, other);
  }
  mul(other: TensorLike): Tensor {
    return tensorMethods.mul(this, other);
  }
  div(other: TensorLike): Tensor {
    return tensorMethods.div(this, other);
  }
  pow(other: TensorLike): Tensor {
    return tensorMethods.pow(this, other);
  }
  neg(): Tensor {
    return tensorMethods.neg(this);
  }
  exp(): Tensor {
    return tensorMethods.exp(this);
  }
  log(): Tensor {
    return tensorMethods.log(this);
  }
  sqrt(): Tensor {
    return tensorMethods.sqrt(this);
  }
  abs(): Tensor {
    return tensorMethods.abs(this);
  }
  matmul(other: Tensor): Tensor {
    return tensorMethods.matmul(this, other);
  }
  sum(axes?: number | number[], keepDims = false): Tensor {
    return tensorMethods.sum(this, axes, keepDims);
  }
  mean(axes?: number | number[], keepDims = false): Tensor {
    return tensorMethods.mean(this, axes, keepDims);
  }
  reshape(shape: number[]): Tensor {
    return tensorMethods.reshape(this, shape);
  }
  transpose(dim0 = -2, dim1 = -1): Tensor {
    return tensorMethods.transpose(this, dim0, dim1);
  }
  permute(dims: number[]): Tensor {
    return tensorMethods.permute(this, dims);
  }
  flatten(startDim = 0, endDim = -1): Tensor {
    return tensorMethods.flatten(this, startDim, endDim);
  }
  relu(): Tensor {
    return tensorMethods.relu(this);
  }
  sigmoid(): Tensor {
    return tensorMethods.sigmoid(this);
  }
  tanh(): Tensor {
    return tensorMethods.tanh(this);
  }
  softmax(axis = -1): Tensor {
    return tensorMethods.softmax(this, axis);
  }
  logSoftmax(axis = -1): Tensor {
    return tensorMethods.logSoftmax(this, axis);
  }

  /** A short description: shape, dtype, whether it tracks gradients, and its first values. */
  toString(): string {
    const head = Array.from(this.data.subarray(0, 6), (v) => +v.toPrecision(4)).join(", ");
    const more = this.size > 6 ? ", ..." : "";
    const grad = this.requiresGrad ? ", requiresGrad" : "";
    const fn = this.gradFn ? `, gradFn=${this.gradFn.name}` : "";
    return `Tensor(shape=${show(this.shape)}, ${this.dtype}${grad}${fn}) [${head}${more}]`;
  }
}

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}
