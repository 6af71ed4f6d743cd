import { RuleTester } from "@typescript-eslint/rule-tester";

/** Lints test cases as TypeScript modules (the default) or, with `filename: "*.js"`, as JavaScript. */
export const ruleTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
    },
  },
});

/** File names for cases that must also hold in plain JavaScript. */
export const JS_FILE = "worker.js";
export const MJS_FILE = "worker.mjs";
