#!/usr/bin/env node
/**
 * `npm test`: lint (ESLint + Prettier's check; TEST_ONLY=lint alone), type-check, unit tests,
 * integration tests against a real PostgreSQL, then the browser suite (TEST_ONLY=e2e alone), and a
 * closing "N passed, N failed" line over all of them.
 */
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")

const root = path.resolve(__dirname, "..")
const jestBin = require.resolve("jest/bin/jest")
const extraArgs = process.argv.slice(2)
const only = process.env.TEST_ONLY // "unit" or "integration"

function run(cmd, args, env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } })
  return result.status ?? 1
}

/**
 * Unit files run in band. Each integration file boots Medusa anew, and what a boot leaves in memory
 * adds up over thirty files (the heap ran out at the twentieth): they run in worker processes that
 * jest replaces whenever one holds more than 2 GB after a file. Two workers (TEST_WORKERS) by
 * default: a file spends much of its time waiting on PostgreSQL, its HTTP calls and its jobs, so
 * two keep both cores of this machine busy. Each file has its own database and its own ports.
 */
function workers(type, count) {
  return type === "integration" ? [`--maxWorkers=${count}`, "--workerIdleMemoryLimit=2GB"] : ["--runInBand"]
}

/**
 * Files that start Medusa processes of their own (a server and two workers on Redis, a store
 * killed mid-checkout, several dispatching processes) and time what those do: they run after the
 * others, one at a time, so they do not share the machine with another file.
 */
const ALONE = [
  "integration-tests/topology/",
  "reconciliation-crash\\.spec",
  "several-processes\\.spec",
  "/crash\\.spec",
]

/** The integration phase: the files that may share the machine, then those that run alone. */
function integration() {
  const count = process.env.TEST_WORKERS ?? "2"
  if (extraArgs.length) {
    return [jest("integration", [...workers("integration", count), ...extraArgs])]
  }
  return [
    jest("integration", [
      ...workers("integration", count),
      `--testPathIgnorePatterns=/node_modules/|${ALONE.join("|")}`,
    ]),
    jest("integration", [...workers("integration", 1), ...ALONE]),
  ]
}

function jest(type, args = [...workers(type), ...extraArgs]) {
  const out = path.join(os.tmpdir(), `engagement-jest-${type}-${process.pid}-${Date.now()}.json`)
  const status = run(
    process.execPath,
    [jestBin, "--forceExit", "--json", `--outputFile=${out}`, ...args],
    // Medusa's boot logs (every migration) would bury the test output; LOG_LEVEL=info brings them back
    {
      LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
      TEST_TYPE: type,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --experimental-vm-modules`.trim(),
    }
  )
  let counts = { passed: 0, failed: 0, skipped: 0 }
  if (fs.existsSync(out)) {
    const report = JSON.parse(fs.readFileSync(out, "utf8"))
    counts = {
      passed: report.numPassedTests,
      // a file that fails to load counts as a failure even though no test in it ran
      failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
      skipped: report.numPendingTests + report.numTodoTests,
    }
    fs.rmSync(out)
  } else {
    counts.failed = 1
  }
  return { status, counts }
}

let failed = false
const total = { passed: 0, failed: 0, skipped: 0 }

if (!only || only === "lint") {
  // ESLint, then Prettier's check (npm run lint); a finding fails the run, the other phases still run
  console.log("== lint")
  const bin = (name, file) => path.join(path.dirname(require.resolve(`${name}/package.json`)), file)
  for (const [tool, args] of [
    [bin("eslint", "bin/eslint.js"), ["."]],
    [bin("prettier", "bin/prettier.cjs"), ["--check", "--log-level", "warn", "."]],
  ]) {
    const status = run(process.execPath, [tool, ...args])
    total[status === 0 ? "passed" : "failed"] += 1
    failed = failed || status !== 0
  }
}

if (!only) {
  console.log("== type-check")
  const tsc = require.resolve("typescript/bin/tsc")
  for (const project of ["tsconfig.check.json", "src/admin/tsconfig.json"]) {
    if (run(process.execPath, [tsc, "-p", project]) !== 0) {
      failed = true
      total.failed += 1
    }
  }
}

for (const type of only ? (only === "lint" ? [] : [only]) : ["unit", "integration", "e2e"]) {
  console.log(`== ${type} tests`)
  if (type === "e2e") {
    // the browser suite: the demo with the stand-ins, driven in Chromium (integration-tests/e2e/run.js)
    const status = run(process.execPath, [path.join(__dirname, "e2e", "run.js")])
    total[status === 0 ? "passed" : "failed"] += 1
    failed = failed || status !== 0
    continue
  }
  for (const { status, counts } of type === "integration" ? integration() : [jest(type)]) {
    total.passed += counts.passed
    total.failed += counts.failed
    total.skipped += counts.skipped
    failed = failed || status !== 0
  }
}

console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`)
process.exit(failed || total.failed ? 1 : 0)
