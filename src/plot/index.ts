/** Figures: builders that take plain data and return plotly figures, and display in notebooks. */
export * from "../display/notebook";
// these shadow display's own: what a learner calls checks its arguments (and every figure passes through readable)
export { show, showHTML, figureHTML, scriptSafeJSON, liveDisplay } from "./show";
export * from "./computationalGraph";
export { line } from "./line";
export type { Series, Guide, LineOptions } from "./line";
export { bar } from "./bar";
export type { BarGroup, BarOptions } from "./bar";
export { histogramGrid } from "./histogramGrid";
export type { HistogramPanel, HistogramGridOptions } from "./histogramGrid";
export { layerLines } from "./layerLines";
export type { LayerLinesOptions } from "./layerLines";
export { heatmap } from "./heatmap";
export type { HeatmapOptions, CellRect } from "./heatmap";
export { contour, gridOf } from "./contour";
export type { ContourOptions, GridValues, Path2D } from "./contour";
export { surface } from "./surface";
export { imageGrid } from "./imageGrid";
export type { Images, ImageGridOptions } from "./imageGrid";
export { decisionRegions } from "./decisionRegions";
export type { DecisionRegionsOptions, Points } from "./decisionRegions";
export { sweep } from "./sweep";
export type { SweepSpec } from "./sweep";
export { history } from "./history";
export type { HistoryData, HistoryFigureOptions } from "./history";
export { probeHistograms, layerStats } from "./probeFigures";
export type { ProbeHistogramOptions, LayerStatsOptions, HistogramKind } from "./probeFigures";
export type { FigureOptions } from "./layout";
export { readable, palette, logTicks } from "./readable";
// lessons 06, 11 (lessonsB)
export { kernelPlacement } from "./kernelPlacement";
export type { KernelPlacementData } from "./kernelPlacement";
export { normGroups } from "./normGroups";
export type { NormGroupsData } from "./normGroups";
// lessons 09, 10 (issue 16): the learning-rate range test and hyperparameter search
export { lrFinderFigure as lrFinder } from "./lrFinder";
export type { LrFinderData } from "./lrFinder";
export { searchScores, searchCoverage } from "./search";
export type { SearchData } from "./search";
