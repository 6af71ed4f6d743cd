// ESLint 9.0.0 ships no types of its own. The part of its Node API the tests use (`new
// ESLint()`, `lintFiles()`, `version`) has the same shape in ESLint 10, so its types serve.
declare module "eslint-v9" {
  export { ESLint } from "eslint";
}
