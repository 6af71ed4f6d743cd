import { defineConfig } from "vitest/config";

/**
 * The large robustness run: every file of node_modules linted with every rule, and many
 * more fuzz runs than `npm test` makes. Bounded to a few minutes on a two-core machine.
 */
export default defineConfig({
  test: {
    include: ["tests/robustness/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    env: { HIBERNATION_ROBUSTNESS: "full" },
    testTimeout: 600_000,
  },
});
