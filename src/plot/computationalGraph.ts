/**
 * A computational graph as a figure: nodes in columns by depth (leaves on the left, the loss on
 * the right), each labelled with its value (forward, black) and its upstream gradient ∂L/∂node
 * (backward, red); each edge labelled with the local gradient ∂node/∂input. Takes the plain data
 * of `gl.traceGraph` (any object of the same shape).
 */
import type { Figure } from "../display/notebook";
import { int, listArg, objectArg } from "../args";
import { ArgumentError, check } from "../errors";
import { figureOptions } from "./layout";
import { readable } from "./readable";

const FN = "plot.computationalGraph";

/** The trace's nodes and edges are lists, and every edge joins two of its nodes. */
function checkTrace(trace: unknown): GraphData {
  const t = objectArg(FN, "trace", trace, {
    what: "a traced graph { nodes, edges }, as gl.traceGraph returns",
    fix: "Pass gl.traceGraph(loss, { w, x }) (the loss, and names for the tensors you want labelled).",
    keys: ["nodes", "edges"],
  });
  const example = "gl.traceGraph(loss).nodes";
  const nodes = listArg(FN, "trace.nodes", t.nodes, { what: "nodes { index, name, op, value, grad, depth }", example });
  listArg(FN, "trace.edges", t.edges, { what: "edges { from, to, local }", example: "gl.traceGraph(loss).edges" });
  const ids = new Set<number>();
  nodes.forEach((n, i) => {
    objectArg(FN, `trace.nodes[${i}]`, n, {
      what: "a node { index, name, op, value, grad, depth }",
      fix: "Pass the graph gl.traceGraph returns, unchanged.",
      keys: ["index", "depth"],
    });
    ids.add((n as { index: number }).index);
    int(FN, `trace.nodes[${i}].depth`, (n as { depth: unknown }).depth, { min: 0 });
  });
  (t.edges as { from: number; to: number }[]).forEach((e, i) =>
    check(
      typeof e === "object" && e !== null && ids.has(e.from) && ids.has(e.to),
      () =>
        new ArgumentError({
          fn: FN,
          arg: `trace.edges[${i}]`,
          expected: "an edge { from, to } between two node indices of trace.nodes",
          received: typeof e === "object" && e !== null ? `from ${e.from} to ${e.to}` : String(e),
          fix: "Pass the graph gl.traceGraph returns, unchanged (an edited node list must keep every node an edge names).",
        }),
    ),
  );
  return t as unknown as GraphData;
}

/** The parts of a traced graph the figure reads (see `gl.traceGraph`). */
export interface GraphData {
  nodes: { index: number; name: string; op: string; value: number[]; grad: number[] | null; depth: number }[];
  edges: { from: number; to: number; local: number[] | null; message: number[] | null }[];
}

const fmt = (v: number[] | null): string =>
  v === null
    ? "—"
    : v.length === 1
      ? fmtNum(v[0])
      : `[${v.slice(0, 3).map(fmtNum).join(", ")}${v.length > 3 ? ", …" : ""}]`;
function fmtNum(x: number): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}

/**
 * @example
 * const w = gl.tensor(2, [], { requiresGrad: true });
 * const fig = gl.plot.computationalGraph(gl.traceGraph(gl.mul(w, 3), { w }));
 * fig.data.length // 2 (edges, nodes)
 */
export function computationalGraph(trace: GraphData, opts: { title?: string } = {}): Figure {
  opts = figureOptions<{ title?: string }>(FN, opts, ["title"]);
  checkTrace(trace);
  const columns = new Map<number, number[]>();
  for (const n of trace.nodes) columns.set(n.depth, [...(columns.get(n.depth) ?? []), n.index]);
  const pos = new Map<number, [number, number]>();
  for (const [depth, ids] of columns) ids.forEach((id, k) => pos.set(id, [depth, (ids.length - 1) / 2 - k]));

  const ex: (number | null)[] = [];
  const ey: (number | null)[] = [];
  const annotations: Record<string, unknown>[] = [];
  for (const e of trace.edges) {
    const [x0, y0] = pos.get(e.from)!;
    const [x1, y1] = pos.get(e.to)!;
    ex.push(x0, x1, null);
    ey.push(y0, y1, null);
    annotations.push({
      x: x1,
      y: y1,
      ax: x0,
      ay: y0,
      xref: "x",
      yref: "y",
      axref: "x",
      ayref: "y",
      showarrow: true,
      arrowhead: 2,
      standoff: 14,
      startstandoff: 14,
      arrowcolor: "#888",
      text: "",
    });
    // half a column from the source: labels of edges leaving one column sit beside their own
    // source node, not over a node the edge passes on a long way
    const at = Math.min(0.45, 0.5 / Math.max(1, x1 - x0));
    annotations.push({
      x: x0 + (x1 - x0) * at,
      y: y0 + (y1 - y0) * at,
      xref: "x",
      yref: "y",
      showarrow: false,
      text: `local ${fmt(e.local)}`,
      font: { size: 10, color: "#2a6f97" },
      bgcolor: "rgba(255,255,255,0.8)",
    });
  }
  const nodes = trace.nodes;
  const tallest = Math.max(...[...columns.values()].map((c) => c.length));
  return readable({
    data: [
      {
        type: "scatter",
        mode: "lines",
        x: ex,
        y: ey,
        line: { color: "#bbb", width: 1 },
        hoverinfo: "skip",
        showlegend: false,
      },
      {
        type: "scatter",
        mode: "markers+text",
        x: nodes.map((n) => pos.get(n.index)![0]),
        y: nodes.map((n) => pos.get(n.index)![1]),
        marker: {
          size: 26,
          color: nodes.map((n) => (n.op === "leaf" ? "#f6d365" : "#a1c4fd")),
          line: { color: "#333", width: 1 },
        },
        text: nodes.map(
          (n) => `<b>${n.name}</b><br>${fmt(n.value)}<br><span style="color:#c0392b">∂L: ${fmt(n.grad)}</span>`,
        ),
        textposition: "bottom center",
        hovertext: nodes.map((n) => `${n.name} (${n.op})<br>value ${fmt(n.value)}<br>∂L/∂${n.name} = ${fmt(n.grad)}`),
        hoverinfo: "text",
        showlegend: false,
      },
    ],
    layout: {
      title: { text: opts.title ?? "Computational graph: value (black) and upstream gradient ∂L/∂node (red)" },
      xaxis: { title: { text: "depth (ops from the inputs)" }, dtick: 1, zeroline: false, showgrid: false },
      yaxis: {
        visible: false,
        range: [
          -Math.max(...[...columns.values()].map((c) => c.length)) / 2 - 0.8,
          Math.max(...[...columns.values()].map((c) => c.length)) / 2 + 0.3,
        ],
      },
      annotations,
      // about 110 px per node of the fullest column: a node, its three text lines, a gap
      height: Math.max(420, 150 + 110 * tallest),
      margin: { l: 30, r: 30, t: 50, b: 50 },
    },
  });
}
