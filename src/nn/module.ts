/**
 * Module: the base of every layer and model. A module owns parameters (trainable tensors),
 * buffers (state such as BatchNorm's running statistics) and child modules, discovered from its
 * own fields in declaration order, and names them with dotted paths ("0.weight", "block.bn.bias").
 * Forward hooks run on every call of `forward` — the probes are built on them.
 */
import { bool, fnArg } from "../args";
import { tensorArg } from "../tensor/check";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { sameShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";

/** A trainable tensor owned by a module (requiresGrad unless frozen). */
export class Parameter extends Tensor {
  constructor(value: Tensor, name?: string) {
    tensorArg("nn.Parameter", "value", value, {
      fix: "Wrap a tensor: new gl.nn.Parameter(gl.randn([3, 2])).",
    });
    super(value.data, value.shape, { requiresGrad: true, name: name ?? value.name });
  }
}

/** Called after a module's forward: sees the module, its inputs and its output; may replace the output. */
export type ForwardHook = (module: Module, inputs: Tensor[], output: Tensor) => Tensor | void;
/** Called before a module's forward: sees the module and its inputs. */
export type ForwardPreHook = (module: Module, inputs: Tensor[]) => void;

export abstract class Module {
  /** Train mode (dropout active, BatchNorm uses batch statistics) or eval mode. */
  training = true;
  private readonly forwardHooks: ForwardHook[] = [];
  private readonly forwardPreHooks: ForwardPreHook[] = [];
  private readonly bufferNames = new Set<string>();

  constructor() {
    // Wrap this instance's forward so hooks fire however the module is called.
    const inner = this.forward as (...inputs: Tensor[]) => Tensor;
    Object.defineProperty(this, "forward", {
      enumerable: false,
      value: (...inputs: Tensor[]): Tensor => {
        // the input must be a tensor (later inputs, such as an RNN's h0, may be left out)
        const names = this.forwardArgNames();
        inputs.forEach((x, i) => {
          if (i === 0 || (x !== undefined && x !== null))
            tensorArg(`${this.constructor.name}.forward`, names[i] ?? `inputs[${i}]`, x);
        });
        for (const hook of this.forwardPreHooks) hook(this, inputs);
        let out = inner.apply(this, inputs);
        for (const hook of this.forwardHooks) {
          const r = hook(this, inputs, out);
          if (r) out = r;
        }
        return out;
      },
    });
  }

  /** Computes the output from the input(s). */
  abstract forward(...inputs: Tensor[]): Tensor;

  /** The names of forward's arguments, as its docs give them (errors about an input name it). */
  protected forwardArgNames(): readonly string[] {
    return ["x"];
  }

  /** Registers a tensor as a buffer: saved by stateDict, not trained (e.g. runningMean). */
  protected registerBuffer(name: string, value: Tensor): Tensor {
    this.bufferNames.add(name);
    (this as unknown as Record<string, Tensor>)[name] = value;
    return value;
  }

  /** Direct children, with their field names (Sequential names them "0", "1", …). */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [key, value] of Object.entries(this)) {
      if (value instanceof Module) out.push([key, value]);
      else if (Array.isArray(value)) value.forEach((v, i) => v instanceof Module && out.push([`${key}.${i}`, v]));
    }
    return out;
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, with dotted names ("" for this one). */
  namedModules(prefix = ""): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren())
      out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name));
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** This module's own parameters (not its children's). */
  protected ownParameters(): [string, Parameter][] {
    return Object.entries(this).filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  /** Every parameter with its dotted name, e.g. ["0.weight", …]. */
  namedParameters(prefix = ""): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [name, p] of this.ownParameters()) out.push([prefix ? `${prefix}.${name}` : name, p]);
    for (const [name, child] of this.namedChildren())
      out.push(...child.namedParameters(prefix ? `${prefix}.${name}` : name));
    return out;
  }

  /** Every parameter (what an optimizer updates). */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Every buffer with its dotted name. */
  namedBuffers(prefix = ""): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const self = this as unknown as Record<string, Tensor>;
    for (const name of this.bufferNames) out.push([prefix ? `${prefix}.${name}` : name, self[name]]);
    for (const [name, child] of this.namedChildren())
      out.push(...child.namedBuffers(prefix ? `${prefix}.${name}` : name));
    return out;
  }

  /** Switches this module and its descendants to train mode (or eval mode with `false`). */
  train(mode = true): this {
    mode = bool("nn.Module.train", "mode", mode, true);
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Switches to eval mode: dropout off, BatchNorm uses running statistics. */
  eval(): this {
    return this.train(false);
  }

  /** Freezes (false) or unfreezes (true) every parameter of this module and its descendants. */
  requiresGrad(value = true): this {
    value = bool("nn.Module.requiresGrad", "value", value, true);
    for (const p of this.parameters()) p.requiresGrad = value;
    return this;
  }

  /** Clears `.grad` of every parameter. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Copies of all parameters and buffers by dotted name (for saving or reusing trained layers). */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, p] of this.namedParameters()) out[name] = p.clone();
    for (const [name, b] of this.namedBuffers()) out[name] = b.clone();
    return out;
  }

  /**
   * Loads values saved by `stateDict()` (or read by `gl.load`) into this module's parameters and
   * buffers, in place (values are converted to each target's dtype). With `strict` (default),
   * every name must match both ways; with `strict = false` the names that match are loaded and
   * the others returned. A shape that does not match is an error either way.
   * @example
   * const a = new gl.nn.Linear(2, 3);
   * const b = new gl.nn.Linear(2, 3);
   * b.loadStateDict(a.stateDict()) // { missing: [], unexpected: [] }
   * b.weight.toArray()[0][0] === a.weight.toArray()[0][0] // true
   */
  loadStateDict(state: Record<string, Tensor>, strict = true): { missing: string[]; unexpected: string[] } {
    strict = bool("Module.loadStateDict", "strict", strict, true);
    const targets = new Map<string, Tensor>([...this.namedParameters(), ...this.namedBuffers()]);
    const missing = [...targets.keys()].filter((k) => !(k in state));
    const unexpected = Object.keys(state).filter((k) => !targets.has(k));
    const snake = unexpected.filter((k) => /_/.test(k.slice(k.lastIndexOf(".") + 1)));
    check(
      !strict || (missing.length === 0 && unexpected.length === 0),
      () =>
        new ArgumentError({
          fn: "Module.loadStateDict",
          arg: "state",
          expected: `exactly the names ${show([...targets.keys()])}`,
          received: `missing ${show(missing)}, unexpected ${show(unexpected)}`,
          fix:
            snake.length > 0
              ? `${show(snake)} are PyTorch's names: read the file with gl.load, which renames running_mean → runningMean etc. (gl.io.fromPyTorchName).`
              : "Is the state from another architecture (compare model.toString())? Pass strict = false to load only the names that match (e.g. to reuse some layers).",
        }),
    );
    for (const [name, target] of targets) {
      const value = state[name];
      if (value === undefined) continue;
      check(
        value instanceof Tensor && sameShape(value.shape, target.shape),
        () =>
          new ShapeError({
            fn: "Module.loadStateDict",
            arg: name,
            expected: `shape ${show(target.shape)} (this module's ${name})`,
            received: value instanceof Tensor ? `shape ${show(value.shape)} in the state` : show(value),
            fix: "The saved layer has other sizes: build the model with the sizes it was saved with, or leave this entry out and load with strict = false (e.g. a new head with another number of classes).",
          }),
      );
      target.data.set(value.data);
      target.markChanged();
    }
    return { missing, unexpected };
  }

  /** Adds a hook called after every forward; returns a function that removes it. */
  registerForwardHook(hook: ForwardHook): () => void {
    fnArg("nn.Module.registerForwardHook", "hook", hook, "(module, inputs, output) => console.log(output.shape)");
    this.forwardHooks.push(hook);
    return () => {
      const i = this.forwardHooks.indexOf(hook);
      if (i >= 0) this.forwardHooks.splice(i, 1);
    };
  }

  /** Adds a hook called before every forward; returns a function that removes it. */
  registerForwardPreHook(hook: ForwardPreHook): () => void {
    fnArg("nn.Module.registerForwardPreHook", "hook", hook, "(module, inputs) => console.log(inputs[0].shape)");
    this.forwardPreHooks.push(hook);
    return () => {
      const i = this.forwardPreHooks.indexOf(hook);
      if (i >= 0) this.forwardPreHooks.splice(i, 1);
    };
  }

  /** One line describing this layer's settings, e.g. "Linear(784, 10, bias=true)". */
  extraRepr(): string {
    return "";
  }

  /** A readable tree of the model, like PyTorch's print(model). */
  toString(): string {
    const head = `${this.constructor.name}(${this.extraRepr()}`;
    const kids = this.namedChildren();
    if (kids.length === 0) return `${head})`;
    const body = kids.map(([name, m]) => `  (${name}): ${m.toString().split("\n").join("\n  ")}`).join("\n");
    return `${head}\n${body}\n)`;
  }
}
