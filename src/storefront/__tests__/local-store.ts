import http from "node:http"
import type { AddressInfo } from "node:net"
import Medusa from "@medusajs/js-sdk"

export type Seen = {
  method: string
  path: string
  query: Record<string, string | string[]>
  body: unknown
  headers: http.IncomingHttpHeaders
}

/**
 * A tiny store for the storefront client's unit tests: records each request and answers what the
 * test queued (200 `{ ok: true }` otherwise). `sdk()` is a real `@medusajs/js-sdk` pointed at it.
 * Registers its own beforeAll/afterAll/beforeEach.
 */
export function localStore() {
  const seen: Seen[] = []
  const answers: { status: number; body: unknown }[] = []
  const server = http.createServer((req, res) => {
    let raw = ""
    req.on("data", (chunk) => (raw += chunk))
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://store")
      const query: Record<string, string | string[]> = {}
      for (const key of new Set(url.searchParams.keys())) {
        const values = url.searchParams.getAll(key)
        query[key] = values.length > 1 ? values : values[0]
      }
      const body = raw ? JSON.parse(raw) : undefined
      seen.push({ method: req.method ?? "", path: url.pathname, query, body, headers: req.headers })
      const answer = answers.shift() ?? { status: 200, body: { ok: true } }
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body))
    })
  })
  let sdk: Medusa | undefined
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as AddressInfo
    sdk = new Medusa({
      baseUrl: `http://127.0.0.1:${port}`,
      publishableKey: "pk_test",
      // under Node there is no localStorage: plain `jwt` would keep no token
      auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
    })
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
  beforeEach(() => {
    seen.length = 0
    answers.length = 0
  })
  return {
    seen,
    /** queues the next answer */
    answer: (status: number, body: unknown) => answers.push({ status, body }),
    sdk: () => sdk!,
  }
}
