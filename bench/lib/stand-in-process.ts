/**
 * The platforms' stand-ins in a process of their own, as real platforms are: the outbox bench's
 * figures (CPU per delivery, throughput) are then the dispatching process's alone, not shared with
 * stand-ins parsing and checking every call on the same event loop. Run as a child by
 * `startStandInProcess`; controlled over IPC.
 */
import { fork, type ChildProcess } from "node:child_process"
import {
  EXPERTSENDER_TEST_CONFIG,
  RECENSUS_TEST_CONFIG,
  REJOINER_TEST_CONFIG,
} from "../../integration-tests/helpers/stand-ins"
import { createExpertSenderStandIn } from "../../integration-tests/stand-ins/expertsender"
import { createRecensusStandIn } from "../../integration-tests/stand-ins/recensus"
import { createRejoinerStandIn } from "../../integration-tests/stand-ins/rejoiner"

/** The platforms the outbox bench sends to. */
export const BENCH_PLATFORMS = ["rejoiner", "recensus", "expertsender"] as const
export type BenchPlatform = (typeof BENCH_PLATFORMS)[number]

type Command = { id: number; op: "url" | "reset" | "latency" | "stats"; value?: number }
/** Per platform: the most calls it had in flight at once, and calls outside its API. */
export type Stats = Record<BenchPlatform, { maxInFlight: number; violations: string[] }>

export interface StandInProcess {
  urls: Record<BenchPlatform, string>
  reset(): Promise<void>
  setLatency(ms: number): Promise<void>
  stats(): Promise<Stats>
  stop(): Promise<void>
}

/** Starts the stand-ins in a child process; resolves with their base URLs. */
export async function startStandInProcess(): Promise<StandInProcess> {
  const child: ChildProcess = fork(__filename, ["--child"], {
    execArgv: ["-r", "ts-node/register/transpile-only"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  })
  let next = 0
  const waiting = new Map<number, (value: unknown) => void>()
  child.on("message", (message: { id: number; result: unknown }) => {
    waiting.get(message.id)?.(message.result)
    waiting.delete(message.id)
  })
  const send = <T>(op: Command["op"], value?: number) =>
    new Promise<T>((resolve, reject) => {
      const id = next++
      waiting.set(id, resolve as (value: unknown) => void)
      child.send({ id, op, value }, (error) => error && reject(error))
    })
  const urls = await send<Record<BenchPlatform, string>>("url")
  return {
    urls,
    reset: () => send("reset"),
    setLatency: (ms) => send("latency", ms),
    stats: () => send<Stats>("stats"),
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve))
      child.kill("SIGTERM")
      await exited
    },
  }
}

if (process.argv.includes("--child")) {
  const standIns = {
    rejoiner: createRejoinerStandIn(REJOINER_TEST_CONFIG),
    recensus: createRecensusStandIn(RECENSUS_TEST_CONFIG),
    expertsender: createExpertSenderStandIn(EXPERTSENDER_TEST_CONFIG),
  }
  const started = Promise.all(BENCH_PLATFORMS.map(async (id) => [id, await standIns[id].start()] as const))
  process.on("message", async (command: Command) => {
    let result: unknown = null
    if (command.op === "url") {
      result = Object.fromEntries(await started)
    } else if (command.op === "reset") {
      Object.values(standIns).forEach((standIn) => standIn.reset())
    } else if (command.op === "latency") {
      Object.values(standIns).forEach((standIn) => (standIn.latencyMs = command.value ?? 0))
    } else if (command.op === "stats") {
      result = Object.fromEntries(
        BENCH_PLATFORMS.map((id) => [
          id,
          { maxInFlight: standIns[id].maxInFlight, violations: standIns[id].violations().slice(0, 5) },
        ])
      )
    }
    process.send!({ id: command.id, result })
  })
  process.on(
    "SIGTERM",
    () => void Promise.all(Object.values(standIns).map((s) => s.stop())).then(() => process.exit(0))
  )
}
