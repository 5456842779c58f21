import { spawn, ChildProcessWithoutNullStreams } from "node:child_process"
import path from "node:path"
import { eventually } from "../helpers/stand-ins"

const root = path.resolve(__dirname, "../..")

export interface OutboxWorker {
  child: ChildProcessWithoutNullStreams
  /** its stdout lines (`ready`, `dispatched {…}`, `error …`) and stderr chunks */
  output: string[]
}

/**
 * Starts an outbox worker (./outbox-worker.ts) as a real process on the test's database; resolves
 * once it says `ready`, or fails with its output if it exits first.
 */
export async function startOutboxWorker(databaseUrl: string, bootMs = 90_000): Promise<OutboxWorker> {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(__dirname, "outbox-worker.ts")],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: "", LOG_LEVEL: "error" } }
  )
  const output: string[] = []
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => output.push(...chunk.split("\n").filter(Boolean)))
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => output.push(chunk))
  await eventually(
    async () => output.includes("ready") || (child.exitCode !== null && Promise.reject(new Error(output.join("\n")))),
    bootMs
  )
  return { child, output }
}
