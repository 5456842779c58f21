#!/usr/bin/env node
/**
 * `npm run test:ledger -- --runs=N [--seed=S] [--http-runs=N]`: the model-based loyalty ledger
 * test (integration-tests/modules/__tests__/loyalty-ledger-model.spec.ts) with more sequences than
 * `npm test` runs; `--http-runs=N` also runs the sibling through the store and admin API N times.
 */
const { spawnSync } = require("node:child_process")
const path = require("node:path")

const env = { TEST_ONLY: "integration" }
const specs = ["integration-tests/modules/__tests__/loyalty-ledger-model.spec.ts"]
const options = { runs: "LEDGER_MODEL_RUNS", seed: "LEDGER_MODEL_SEED", "http-runs": "LEDGER_MODEL_HTTP_RUNS" }
for (const arg of process.argv.slice(2)) {
  const [, name, value] = /^--([a-z-]+)=(.*)$/.exec(arg) ?? []
  if (!options[name] || !/^\d+$/.test(value ?? "") || (name !== "seed" && Number(value) < 1)) {
    console.error(`test:ledger: ${arg}: expected --runs=N, --seed=S or --http-runs=N (whole numbers, runs at least 1)`)
    process.exit(2)
  }
  env[options[name]] = value
  if (name === "http-runs") {
    specs.push("integration-tests/http/__tests__/loyalty-ledger-model.spec.ts")
  }
}
const result = spawnSync(process.execPath, [path.join(__dirname, "run-tests.js"), ...specs], {
  stdio: "inherit",
  env: { ...process.env, ...env },
})
process.exit(result.status ?? 1)
