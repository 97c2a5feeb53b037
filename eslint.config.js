// Lint rules for gradlab: ESLint's and typescript-eslint's recommended sets, nothing more.
// Formatting is prettier's job (.prettierrc.json); `npm test` runs both.
"use strict";
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

const nodeGlobals = Object.fromEntries(
  [
    "require",
    "module",
    "exports",
    "process",
    "console",
    "__dirname",
    "__filename",
    "setTimeout",
    "clearTimeout",
    "URL",
    "setInterval",
    "clearInterval",
    "setImmediate",
    "Buffer",
  ].map((name) => [name, "readonly"]),
);

module.exports = tseslint.config(
  { ignores: ["dist/", "build/", "site/", "node_modules/", "notebooks/", "solutions/", ".jupyter/", "src/backend/wasm/assembly/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { args: "none", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: nodeGlobals },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // chai's property assertions (`expect(ok).to.be.true`) are expressions by design.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-unused-expressions": "off" },
  },
);
