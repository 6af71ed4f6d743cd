import eslintPlugin from "eslint-plugin-eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    name: "hibernation/ignores",
    ignores: ["dist/", "coverage/", "examples/", "node_modules/", "tests/fixtures/"],
  },
  {
    name: "hibernation/typescript",
    files: ["**/*.ts"],
    extends: [tseslint.configs.strict],
  },
  {
    name: "hibernation/rules",
    files: ["src/rules/**/*.ts"],
    extends: [eslintPlugin.configs.recommended],
  },
);
