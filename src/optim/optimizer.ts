/**
 * Optimizer: the base of every update rule. It holds parameter groups (each with its own lr and
 * options, PyTorch-style), per-parameter state (momentum buffers, moment estimates), and, for
 * the lessons on babysitting training, the last update Δθ = θ_new − θ_old of every parameter.
 * Subclasses write only the per-element rule in plain loops over Float32Array data, run outside
 * the autograd graph: an update is not an op and must be fast.
 */
import { num } from "../args";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { DataArray, Tensor } from "../tensor/tensor";

/** Options every optimizer has. */
export interface BaseOptions {
  /** Learning rate (step size). */
  lr: number;
}

/** A group of parameters with its own options (any option left out takes the optimizer's default). */
export type ParamGroupInput<O> = { params: Tensor[] | [string, Tensor][] } & Partial<O>;

/** What an optimizer accepts: model.parameters(), model.namedParameters(), or a list of groups. */
export type ParamsInput<O> = Tensor[] | [string, Tensor][] | ParamGroupInput<O>[];

/** A parameter group as stored: its tensors, their names, and its full options. */
export type ParamGroup<O> = O & { params: Tensor[]; names: string[]; initialLr: number };

export abstract class Optimizer<O extends BaseOptions = BaseOptions> {
  readonly defaults: O;
  readonly paramGroups: ParamGroup<O>[];
  /** Per-parameter state (momentum buffers, moment estimates, step counts). */
  readonly state = new Map<Tensor, Record<string, DataArray | number>>();
  /** Number of `step()` calls so far. */
  stepCount = 0;

  constructor(params: ParamsInput<O>, defaults: O) {
    const fn = this.constructor.name;
    check(
      Array.isArray(params) && params.length > 0,
      () =>
        new ArgumentError({
          fn,
          arg: "params",
          expected: "a non-empty list of parameters, e.g. model.parameters()",
          received: Array.isArray(params) ? "an empty list" : show(params),
          fix: "Did the model create its layers before you built the optimizer? Are all its parameters frozen?",
        }),
    );
    this.defaults = defaults;
    this.validate(defaults, "");
    const isGroup = (x: unknown): x is ParamGroupInput<O> =>
      typeof x === "object" && x !== null && !(x instanceof Tensor) && !Array.isArray(x) && "params" in x;
    const groups: ParamGroupInput<O>[] = isGroup(params[0])
      ? (params as ParamGroupInput<O>[])
      : [{ params: params as Tensor[] } as ParamGroupInput<O>];
    let counter = 0;
    const seen = new Set<Tensor>();
    this.paramGroups = groups.map((g, gi) => {
      check(
        isGroup(g),
        () =>
          new ArgumentError({
            fn,
            arg: `params[${gi}]`,
            expected: "a group { params, ...options } like the others",
            received: show(g),
            fix: "When the first entry is a group { params, lr, … }, every entry must be a group.",
          }),
      );
      const options = { ...defaults, ...g } as O;
      delete (options as Record<string, unknown>).params;
      if (isGroup(params[0])) this.validate(options, ` (param group ${gi})`);
      const tensors: Tensor[] = [];
      const names: string[] = [];
      for (const item of g.params) {
        const [name, t] = Array.isArray(item) ? item : [`param${counter}`, item];
        counter++;
        check(
          t instanceof Tensor,
          () =>
            new ArgumentError({
              fn,
              arg: "params",
              expected: "tensors (or [name, tensor] pairs from namedParameters())",
              received: show(t),
              fix: "Pass model.parameters(); check that every entry of the list is a tensor.",
            }),
        );
        check(
          !seen.has(t),
          () =>
            new ArgumentError({
              fn,
              arg: "params",
              expected: "each parameter once",
              received: `'${name}' twice`,
              fix: "A parameter in two groups would be updated twice per step.",
            }),
        );
        seen.add(t);
        tensors.push(t);
        names.push(name);
      }
      return { ...options, params: tensors, names, initialLr: options.lr } as ParamGroup<O>;
    });
  }

  /** Checks the options; throws teaching errors. Subclasses extend it. */
  protected validate(o: O, where: string): void {
    const fn = this.constructor.name + where;
    check(
      typeof o.lr === "number" && Number.isFinite(o.lr) && o.lr >= 0,
      () =>
        new ArgumentError({
          fn,
          arg: "lr",
          expected: "a learning rate ≥ 0 (typical: 0.1 for SGD, 1e-3 for Adam)",
          received: show(o.lr),
          fix:
            o.lr < 0
              ? "A negative learning rate climbs the loss instead of descending it."
              : "Give lr as a number in the options, e.g. new gl.optim.SGD(model.parameters(), { lr: 0.1 }).",
        }),
    );
  }

  /** Clears every parameter's gradient (call before each backward: gradients accumulate). */
  zeroGrad(): void {
    for (const g of this.paramGroups) for (const p of g.params) p.grad = null;
  }

  /**
   * Applies one update to every parameter that has a gradient, in place, outside the graph.
   * @example
   * const model = new gl.nn.Linear(2, 1);
   * const opt = new gl.optim.SGD(model.parameters(), { lr: 0.1 });
   * opt.zeroGrad(); gl.loss.mse(model.forward(gl.ones([4, 2])), gl.zeros([4, 1])).backward(); opt.step();
   * opt.stepCount // 1
   */
  step(): void {
    this.stepCount++;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (!p.grad) continue;
        check(
          p.grad.size === p.size,
          () =>
            new ShapeError({
              fn: `optim.${this.constructor.name}.step`,
              arg: p.name ? `grad of '${p.name}'` : "grad",
              expected: `a gradient of the parameter's shape ${show(p.shape)}`,
              received: `a gradient of shape ${show(p.grad!.shape)}`,
              fix: "Gradients come from backward(); one set by hand (p.grad = …) must have the parameter's shape, or the update would write NaN into it.",
            }),
        );
        let state = this.state.get(p);
        if (!state) {
          state = { step: 0 };
          this.state.set(p, state);
        }
        (state.step as number)++;
        this.update(p.data, p.grad.data, group, state);
        p.markChanged();
      }
    }
  }

  /** The rule: updates `theta` in place from `grad`, the group's options and the parameter's state. */
  protected abstract update(
    theta: DataArray,
    grad: DataArray,
    group: ParamGroup<O>,
    state: Record<string, DataArray | number>,
  ): void;

  /** A state buffer of zeros (allocated on first use). */
  protected buffer(state: Record<string, DataArray | number>, key: string, n: number, fill = 0): Float64Array {
    let b = state[key] as Float64Array | undefined;
    if (!b) {
      b = new Float64Array(n).fill(fill);
      state[key] = b;
    }
    return b;
  }

  /** The current learning rate of each group. */
  get lrs(): number[] {
    return this.paramGroups.map((g) => g.lr);
  }
}

/** Shared option checks. */
export function checkUnit(fn: string, arg: string, value: number, fix?: string): void {
  num(fn, arg, value, { min: 0, max: 1, maxExclusive: true, fix });
}

export function checkNonNegative(fn: string, arg: string, value: number, fix?: string): void {
  num(fn, arg, value, { min: 0, fix });
}
