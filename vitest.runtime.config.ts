import { defineConfig } from "vitest/config";

/**
 * The runtime suite: every rule's doc examples run in real workerd (one process for all,
 * started by the global setup), and the runtime's limits are read back.
 */
export default defineConfig({
  test: {
    include: ["tests/runtime/**/*.test.ts"],
    globalSetup: ["tests/runtime/global-setup.ts"],
    setupFiles: ["tests/setup.ts"],
    maxConcurrency: 200,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
