/** Figures: builders that take plain data and return plotly figures, and display in notebooks. */
export * from "./display";
export * from "./computationalGraph";
