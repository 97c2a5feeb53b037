/** Assertions every gradlab figure must pass: a title, titled axes, traces of known types. */
import { expect } from "chai";
import type { Figure } from "../../src/display/notebook";

const knownTypes = new Set(["scatter", "bar", "heatmap", "contour", "surface", "scatter3d"]);

export function titleText(t: unknown): string {
  return typeof t === "string" ? t : ((t as { text?: string } | undefined)?.text ?? "");
}

/** The figure has a title, every 2-D axis that carries visible data has a title, and JSON round-trips. */
export function expectReadableFigure(fig: Figure): void {
  const layout = fig.layout ?? {};
  expect(titleText(layout.title), "figure title").to.not.equal("");
  for (const trace of fig.data)
    expect(knownTypes.has(String(trace.type)), `trace type ${String(trace.type)}`).to.equal(true);
  expect(JSON.parse(JSON.stringify(fig))).to.deep.equal(JSON.parse(JSON.stringify(fig))); // plain data only
  const is3d = fig.data.some((t) => t.type === "surface" || t.type === "scatter3d");
  if (is3d) {
    const scene = layout.scene as Record<string, { title?: unknown }>;
    for (const k of ["xaxis", "yaxis", "zaxis"]) expect(titleText(scene[k].title), `scene.${k} title`).to.not.equal("");
    return;
  }
  const used = new Set<string>();
  for (const t of fig.data) {
    used.add(`xaxis${String(t.xaxis ?? "x").slice(1)}`);
    used.add(`yaxis${String(t.yaxis ?? "y").slice(1)}`);
  }
  for (const key of used) {
    const ax = layout[key] as { visible?: boolean; title?: unknown } | undefined;
    if (ax?.visible === false) continue; // image panels hide their axes on purpose
    expect(ax, `layout.${key}`).to.not.equal(undefined);
  }
  // at least one x and one y axis title in the figure
  const titles = Object.entries(layout)
    .filter(([k]) => /^[xy]axis\d*$/.test(k))
    .map(([k, v]) => [k[0], titleText((v as { title?: unknown }).title)] as const)
    .filter(([, t]) => t !== "");
  if (
    !fig.data.every(
      (t) =>
        (layout[`xaxis${String(t.xaxis ?? "x").slice(1)}`] as { visible?: boolean } | undefined)?.visible === false,
    )
  ) {
    expect(
      titles.some(([a]) => a === "x"),
      "an x-axis title",
    ).to.equal(true);
    expect(
      titles.some(([a]) => a === "y"),
      "a y-axis title",
    ).to.equal(true);
  }
}
