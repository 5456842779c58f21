const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const swc = ["@swc/jest", { jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2021" } }]
// the storefront kit's React components and their tests
const swcTsx = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", tsx: true },
      target: "es2021",
      transform: { react: { runtime: "automatic" } },
    },
  },
]

const testMatch = {
  unit: [
    "<rootDir>/src/**/*.unit.spec.{ts,tsx}",
    "<rootDir>/integration-tests/**/*.unit.spec.ts",
    "<rootDir>/bench/**/*.unit.spec.ts",
  ],
  integration: ["<rootDir>/integration-tests/**/__tests__/**/*.spec.ts"],
}[process.env.TEST_TYPE || "unit"]

module.exports = {
  transform: { "^.+\\.[jt]s$": swc, "^.+\\.tsx$": swcTsx },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["<rootDir>/.medusa/", "<rootDir>/dist/"],
  testMatch,
  testPathIgnorePatterns: ["/node_modules/"],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
  globalSetup: process.env.TEST_TYPE === "integration" ? "<rootDir>/integration-tests/global-setup.js" : undefined,
  globalTeardown:
    process.env.TEST_TYPE === "integration" ? "<rootDir>/integration-tests/global-teardown.js" : undefined,
  testTimeout: 120_000,
}
