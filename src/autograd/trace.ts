/**
 * A computational graph laid out as data: every node's value, its upstream gradient ∂L/∂node,
 * and, on each edge input → node, the local gradient ∂node/∂input and the gradient message
 * sent back along it (for scalar nodes: message = local × upstream, the chain rule).
 *   upstream(input) = Σ over edges leaving input of message(edge)      (a reused value accumulates)
 * Used by lesson 01 to print the backward pass as a table and to draw it (gl.plot.computationalGraph).
 */
import { oneOf } from "../args";
import { ArgumentError, check, show } from "../errors";
import { Tensor } from "../tensor/tensor";
import { backward, topologicalOrder } from "./engine";
import { noGrad } from "./mode";

/** One node of a traced graph (a leaf or an op result). */
export interface TraceNode {
  /** Position in topological order (inputs before outputs). */
  index: number;
  /** The name given in `names` (or the tensor's own name), else the op name with an index, e.g. "mul#3". */
  name: string;
  /** The op that produced it ("leaf" for inputs and parameters). */
  op: string;
  shape: number[];
  /** The forward values, flattened. */
  value: number[];
  /** ∂L/∂node, flattened: the gradient arriving from above ("upstream"); null for data that does not require grad. */
  grad: number[] | null;
  /** Length of the longest path from a leaf (leaves are 0): a column for drawing. */
  depth: number;
}

/** One edge input → output of a traced graph. */
export interface TraceEdge {
  /** Index of the input node. */
  from: number;
  /** Index of the node computed from it. */
  to: number;
  /** ∂output/∂input, flattened (for a non-scalar output: the gradient of sum(output)); null when the input does not require grad. */
  local: number[] | null;
  /** The gradient this edge sends back to the input: backward rule applied to output's upstream; null when not sent. */
  message: number[] | null;
}

export interface GraphTrace {
  nodes: TraceNode[];
  edges: TraceEdge[];
}

/**
 * Runs `backward(root)` and records, for every node reachable from the scalar `root`, its
 * value and upstream gradient, and for every edge its local gradient and the message sent back.
 * Leaves' `.grad` accumulate as after a normal `root.backward()`.
 * @example
 * const w = gl.tensor(2, [], { requiresGrad: true }), x = gl.tensor(3);
 * const y = gl.mul(w, x);
 * const t = gl.traceGraph(y, { w, x, y });
 * t.nodes.find((n) => n.name === "w").grad // [3]
 */
export function traceGraph(root: Tensor, names: Record<string, Tensor> = {}): GraphTrace {
  check(
    root instanceof Tensor && root.size === 1 && root.requiresGrad,
    () =>
      new ArgumentError({
        fn: "traceGraph",
        arg: "root",
        expected: "a scalar tensor (the loss) that depends on a tensor with requiresGrad: true",
        received: root instanceof Tensor ? `shape ${show(root.shape)}, requiresGrad ${root.requiresGrad}` : show(root),
        fix: "Reduce the output to a scalar with gl.sum or gl.mean, and create inputs with { requiresGrad: true }.",
      }),
  );
  const label = new Map<Tensor, string>();
  for (const [name, t] of Object.entries(names)) label.set(t, name);

  // The tape: tensors that require grad, reachable from root. Inputs that do not require grad
  // (data) are added as leaves so the figure shows where values come from.
  const tracked = topologicalOrder(root);
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  for (const t of tracked) {
    for (const input of t.gradFn?.inputs ?? []) {
      if (!seen.has(input) && !input.requiresGrad) {
        seen.add(input);
        order.push(input);
      }
    }
    seen.add(t);
    order.push(t);
  }
  const index = new Map<Tensor, number>();
  order.forEach((t, i) => index.set(t, i));

  // Upstream gradients: a hook on every node sees the (already summed) gradient ∂L/∂node.
  const upstream = new Map<Tensor, number[]>();
  const removers = tracked.map((t) =>
    t.registerHook((g) => {
      upstream.set(t, Array.from(g.data));
    }),
  );
  try {
    backward(root);
  } finally {
    for (const remove of removers) remove();
  }

  const opCount = new Map<string, number>();
  const depth = new Map<Tensor, number>();
  const nodes: TraceNode[] = order.map((t, i) => {
    const op = t.gradFn ? t.gradFn.name : "leaf";
    const d = t.gradFn ? 1 + Math.max(...t.gradFn.inputs.map((x) => depth.get(x) ?? 0)) : 0;
    depth.set(t, d);
    let name = label.get(t) ?? t.name;
    if (!name) {
      const k = (opCount.get(op) ?? 0) + 1;
      opCount.set(op, k);
      name = `${op === "leaf" ? "input" : op}#${k}`;
    }
    return {
      index: i,
      name,
      op,
      shape: [...t.shape],
      value: Array.from(t.data),
      grad: t.requiresGrad ? (upstream.get(t) ?? new Array<number>(t.size).fill(0)) : null,
      depth: d,
    };
  });

  const edges: TraceEdge[] = [];
  noGrad(() => {
    for (const t of tracked) {
      const fn = t.gradFn;
      if (!fn) continue;
      const ones = new Tensor(new Float64Array(t.size).fill(1), t.shape);
      const up = new Tensor(Float64Array.from(upstream.get(t)!), t.shape);
      const locals = fn.backward(ones);
      const messages = fn.backward(up);
      fn.inputs.forEach((input, k) => {
        const sent = input.requiresGrad;
        edges.push({
          from: index.get(input)!,
          to: index.get(t)!,
          local: sent && locals[k] ? Array.from(locals[k]!.data) : null,
          message: sent && messages[k] ? Array.from(messages[k]!.data) : null,
        });
      });
    }
  });
  return { nodes, edges };
}

/** One row of `traceTable`: column name → printed value. */
export type TraceRow = Record<string, string | number>;

const round = (v: number[] | null): string | number =>
  v === null
    ? "—"
    : v.length === 1
      ? Number(v[0].toPrecision(4))
      : `[${v.map((x) => Number(x.toPrecision(3))).join(", ")}]`;

/**
 * The trace as rows for `console.table`: per node (value, upstream gradient), or per edge
 * (local gradient, the upstream gradient of the node it feeds, and the message sent back).
 * @example
 * const w = gl.tensor(2, [], { requiresGrad: true });
 * gl.traceTable(gl.traceGraph(gl.mul(w, 3), { w }), "edges")[0]["sent back = local × upstream"] // 3
 */
export function traceTable(trace: GraphTrace, kindIn: "nodes" | "edges" = "edges"): TraceRow[] {
  const kind =
    kindIn === undefined || kindIn === null ? "edges" : oneOf("traceTable", "kind", kindIn, ["edges", "nodes"]);
  if (kind === "nodes") {
    return trace.nodes.map((n) => ({
      node: n.name,
      op: n.op,
      value: round(n.value),
      "∂L/∂node (upstream)": round(n.grad),
    }));
  }
  return trace.edges.map((e) => {
    const to = trace.nodes[e.to];
    return {
      edge: `${trace.nodes[e.from].name} → ${to.name}`,
      "local ∂out/∂in": round(e.local),
      "upstream ∂L/∂out": round(to.grad),
      "sent back = local × upstream": round(e.message),
    };
  });
}
