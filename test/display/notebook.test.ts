/**
 * The HTML that carries figures into notebooks (src/display/notebook.ts). Whether figures really draw
 * is checked in a browser by `npm test` (nbconvert HTML and the Notebook 6 UI); these tests pin
 * the parts a page depends on.
 */
import { expect } from "chai";
import { figureHTML, plotlyBundleHTML, scriptSafeJSON, show } from "../../src/display/notebook";

const closingScripts = (html: string) => (html.match(/<\/script/gi) ?? []).length;

describe("plot display HTML", () => {
  it("escapes '<' in embedded JSON, so a title containing </script> cannot end the script", () => {
    const value = { title: "a </script><b>bold</b>", s: "\u2028" };
    const json = scriptSafeJSON(value);
    expect(json).to.not.include("<");
    expect(JSON.parse(json)).to.deep.equal(value);
    const html = figureHTML({ data: [{ y: [1, 2] }], layout: { title: { text: "</script>" } } }, "fig-1");
    expect(closingScripts(html)).to.equal(1);
  });

  it("gives each figure a div with the gradlab-figure class, a placeholder that says why, and its own id", () => {
    const html = figureHTML({ data: [{ y: [1] }] }, "fig-42");
    expect(html).to.match(/<div id="fig-42" class="gradlab-figure"/);
    expect(html).to.include("not trusted");
    expect(html).to.include('getElementById("fig-42")');
    const a = figureHTML({ data: [{ y: [1] }] });
    const b = figureHTML({ data: [{ y: [1] }] });
    expect(/id="([^"]+)"/.exec(a)![1]).to.not.equal(/id="([^"]+)"/.exec(b)![1]);
  });

  it("embeds the whole plotly.js bundle in one script element (nothing fetched)", () => {
    const html = plotlyBundleHTML();
    expect(html.length).to.be.greaterThan(1e6);
    expect(html).to.not.match(/<script[^>]*\ssrc=/);
    expect(closingScripts(html)).to.equal(1);
  });

  it("prints a one-line summary outside a notebook", () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    try {
      show({ data: [{ y: [1] }, { y: [2] }], layout: { title: { text: "loss" } } });
    } finally {
      console.log = log;
    }
    expect(lines).to.deep.equal(['[figure "loss": 2 trace(s)]']);
  });
});
