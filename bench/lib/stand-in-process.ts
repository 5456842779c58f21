/**
 * A platform stand-in in a process of its own, as a real platform is: the outbox bench's figures
 * (CPU per delivery, throughput) are then the dispatching process's alone, not shared with a
 * stand-in parsing and checking every call on the same event loop. Run as a child by
 * `startStandInProcess`; controlled over IPC.
 */
import { fork, type ChildProcess } from "node:child_process"
import { REJOINER_TEST_CONFIG } from "../../integration-tests/helpers/stand-ins"
import { createRejoinerStandIn } from "../../integration-tests/stand-ins/rejoiner"

type Command = { id: number; op: "reset" | "latency" | "stats"; value?: number }
type Stats = { maxInFlight: number; violations: string[] }

export interface StandInProcess {
  url: string
  reset(): Promise<void>
  setLatency(ms: number): Promise<void>
  stats(): Promise<Stats>
  stop(): Promise<void>
}

/** Starts the Rejoiner stand-in in a child process; resolves with its base URL. */
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
  const send = <T>(op: Command["op"] | "url", value?: number) =>
    new Promise<T>((resolve, reject) => {
      const id = next++
      waiting.set(id, resolve as (value: unknown) => void)
      child.send({ id, op, value }, (error) => error && reject(error))
    })
  const url = await send<string>("url")
  return {
    url,
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
  const standIn = createRejoinerStandIn(REJOINER_TEST_CONFIG)
  const started = standIn.start()
  process.on("message", async (command: Command | { id: number; op: "url" }) => {
    let result: unknown = null
    if (command.op === "url") {
      result = await started
    } else if (command.op === "reset") {
      standIn.reset()
    } else if (command.op === "latency") {
      standIn.latencyMs = (command as Command).value ?? 0
    } else if (command.op === "stats") {
      result = { maxInFlight: standIn.maxInFlight, violations: standIn.violations().slice(0, 5) }
    }
    process.send!({ id: command.id, result })
  })
  process.on("SIGTERM", () => void standIn.stop().then(() => process.exit(0)))
}
