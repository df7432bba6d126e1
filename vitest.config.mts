// Vitest: unit tests (pure, fast) and integration tests (real Postgres and real services), each
// integration file in a database of its own cloned from a migrated template.
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve("src"), "@playbooks": path.resolve("playbooks") };

export default defineConfig({
  resolve: { alias },
  test: {
    setupFiles: ["test/helpers/setup-env.ts"],
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["test/unit/**/*.test.ts", "test/unit/**/*.test.tsx"], setupFiles: ["test/helpers/setup-env.ts"] } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          setupFiles: ["test/helpers/setup-env.ts"],
          globalSetup: ["test/helpers/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
        },
      },
    ],
  },
});
