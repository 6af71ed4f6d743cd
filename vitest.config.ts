import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/runtime/**", "tests/tools/**", "node_modules/**"],
    setupFiles: ["tests/setup.ts"],
    testTimeout: 30_000,
  },
});
