import fs from "node:fs"
import { Session } from "node:inspector"
import path from "node:path"

/**
 * BENCH_CPU_PROF=<dir>: a CPU profile of a measured run (not its set-up), written as
 * <dir>/outbox-<label>.cpuprofile for Chrome's DevTools. Returns the function that ends it.
 */
export function profileRun(label: string): () => Promise<void> {
  const dir = process.env.BENCH_CPU_PROF
  if (!dir) {
    return async () => undefined
  }
  const session = new Session()
  session.connect()
  const post = (method: string) =>
    new Promise<{ profile?: unknown }>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result as { profile?: unknown })))
    )
  const started = post("Profiler.enable").then(() => post("Profiler.start"))
  return async () => {
    await started
    const { profile } = await post("Profiler.stop")
    session.disconnect()
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, `outbox-${label}.cpuprofile`), JSON.stringify(profile))
  }
}
