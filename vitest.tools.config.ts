import { defineConfig } from "vitest/config";

/**
 * The plugin as users run it, built (`npm run test:tools` builds first): the ESLint CLI as a
 * CI gate with SARIF output, oxlint's JS plugins, and the package that `npm pack` makes.
 */
export default defineConfig({
  test: {
    include: ["tests/tools/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
