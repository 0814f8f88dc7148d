// ESLint (pinned in package.json) checks the course's browser code: the explorer's ES module.
// `make lint` runs it after ruff.
import js from "@eslint/js";

export default [
  js.configs.recommended,
  {
    files: ["helpers/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: {
        document: "readonly",
        window: "readonly",
        getComputedStyle: "readonly",
        ResizeObserver: "readonly",
        HTMLInputElement: "readonly",
      },
    },
    rules: {
      "no-unused-vars": "error",
      eqeqeq: "error",
      "prefer-const": "error",
      "no-var": "error",
    },
  },
];
