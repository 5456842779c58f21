import http from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { z } from "@medusajs/framework/zod"
import { FaultPlan, type FailureMode } from "./faults"

export type { FailureMode }

export interface RecordedRequest {
  route: string | null
  method: string
  path: string
  /** the full URL as the caller built it, from the stand-in's base */
  url: string
  query: Record<string, string>
  headers: http.IncomingHttpHeaders
  body: unknown
  rawBody: string
  params: Record<string, string>
  /** what in this request breaks the API contract; empty when it matches */
  violations: string[]
  /** how the stand-in answered */
  answeredWith: number | "timeout" | "reset"
}

export interface StandInAnswer {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export interface StandInRoute {
  name: string
  method: string
  /** a path pattern with named groups for the path parameters */
  path: RegExp
  /** contract checks; each returned string is a violation */
  check(request: RecordedRequest, standIn: StandIn): string[]
  /** the answer the API documents for a valid call */
  respond(request: RecordedRequest, standIn: StandIn): StandInAnswer
}

/** Formats zod issues as violations naming the field. */
export function zodViolations(schema: z.ZodType, value: unknown, where = "body"): string[] {
  const result = schema.safeParse(value)
  if (result.success) {
    return []
  }
  return result.error.issues.map((issue) => {
    const got = issue.path.reduce<unknown>(
      (node, key) => (node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined),
      value
    )
    return `${where}.${issue.path.join(".")}: ${issue.message} (got ${JSON.stringify(got)?.slice(0, 120)})`
  })
}

export function headerViolations(
  headers: http.IncomingHttpHeaders,
  expected: Record<string, string | RegExp>
): string[] {
  const violations: string[] = []
  for (const [name, want] of Object.entries(expected)) {
    const got = headers[name.toLowerCase()]
    const value = Array.isArray(got) ? got.join(",") : got
    const ok = value !== undefined && (typeof want === "string" ? value === want : want.test(value))
    if (!ok) {
      violations.push(`header ${name}: expected ${String(want)}, got ${value === undefined ? "nothing" : value}`)
    }
  }
  return violations
}

/**
 * A local HTTP server that plays one external platform in tests: it checks each call against
 * the API contract, answers as the API documents, keeps every call for assertions, and can be
 * told to fail the next calls (an HTTP status, a timeout, a dropped connection).
 */
export class StandIn {
  readonly requests: RecordedRequest[] = []
  /** free-form state a platform keeps between calls (contacts created, tokens issued…) */
  readonly state: Record<string, any> = {}
  private readonly faults = new FaultPlan()
  private server?: http.Server
  private readonly sockets = new Set<Socket>()
  private readonly held = new Set<http.ServerResponse>()
  baseUrl = ""
  /** how long each answer takes, to widen race windows in concurrency tests (and a fixed latency in the bench) */
  latencyMs = 0
  /** calls received and not yet answered, now and at most since the last reset: the caller's concurrency */
  inFlight = 0
  maxInFlight = 0

  constructor(
    readonly name: string,
    private readonly routes: StandInRoute[],
    private readonly basePath = ""
  ) {}

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res))
    this.server.on("connection", (socket) => {
      this.sockets.add(socket)
      socket.on("close", () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve))
    const { port: actual } = this.server.address() as AddressInfo
    this.baseUrl = `http://127.0.0.1:${actual}${this.basePath}`
    return this.baseUrl
  }

  async stop(): Promise<void> {
    for (const res of this.held) {
      res.destroy()
    }
    for (const socket of this.sockets) {
      socket.destroy()
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  /** Until `reset()`, every `every`-th call fails in `mode` (2: half the calls), after the queued failures. */
  failEvery(every: number, mode: FailureMode): this {
    this.faults.failEvery(every, mode)
    return this
  }

  /** The next `count` calls fail in `mode`, then the stand-in answers normally again. */
  failNext(count: number, mode: FailureMode): this {
    this.faults.failNext(count, mode)
    return this
  }

  /** The next `count` calls to one route (by name) fail in `mode`; calls to other routes answer normally. */
  failNextOn(route: string, count: number, mode: FailureMode): this {
    this.faults.failNextOn(route, count, mode)
    return this
  }

  /** Forget recorded calls, queued failures and state, between tests. */
  reset(): void {
    this.requests.length = 0
    this.faults.reset()
    this.latencyMs = 0
    this.maxInFlight = this.inFlight
    for (const key of Object.keys(this.state)) {
      delete this.state[key]
    }
  }

  callsTo(route: string): RecordedRequest[] {
    return this.requests.filter((request) => request.route === route)
  }

  /** Calls that were answered normally (not failed on purpose). */
  acceptedCallsTo(route: string): RecordedRequest[] {
    return this.callsTo(route).filter(
      (request) => typeof request.answeredWith === "number" && request.answeredWith < 300
    )
  }

  /**
   * Writes the platform accepted more than once under one `Idempotency-Key` (the outbox sends its
   * delivery's key on every call): the same delivery done twice. Counted by call, not by what the
   * platform keeps, since a platform that stores contacts by email would hide a contact sent twice.
   */
  duplicateAccepts(): { route: string; key: string; count: number }[] {
    const counts = new Map<string, { route: string; key: string; count: number }>()
    for (const request of this.requests) {
      const key = request.headers["idempotency-key"]
      const accepted = typeof request.answeredWith === "number" && request.answeredWith < 300
      if (!accepted || request.method === "GET" || typeof key !== "string" || !request.route) {
        continue
      }
      const id = `${request.method} ${request.route} ${key}`
      const entry = counts.get(id) ?? { route: request.route, key, count: 0 }
      entry.count++
      counts.set(id, entry)
    }
    return [...counts.values()].filter((entry) => entry.count > 1)
  }

  violations(): string[] {
    return this.requests.flatMap((request) =>
      request.violations.map((violation) => `${request.method} ${request.path}: ${violation}`)
    )
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    let counted = true
    const done = () => {
      if (counted) {
        counted = false
        this.inFlight--
      }
    }
    res.once("close", done)
    const chunks: Buffer[] = []
    for await (const chunk of req) {
      chunks.push(chunk as Buffer)
    }
    const rawBody = Buffer.concat(chunks).toString("utf8")
    const parsedUrl = new URL(req.url ?? "/", "http://stand-in")
    const path = parsedUrl.pathname.startsWith(this.basePath)
      ? parsedUrl.pathname.slice(this.basePath.length) || "/"
      : parsedUrl.pathname
    let body: unknown = undefined
    let bodyError: string | null = null
    if (rawBody.length) {
      try {
        body = JSON.parse(rawBody)
      } catch {
        bodyError = "body: not valid JSON"
        body = rawBody
      }
    }
    const forwardedHost = req.headers["x-forwarded-host"]
    const record: RecordedRequest = {
      route: null,
      method: req.method ?? "GET",
      path,
      // behind a forwarding proxy, the URL the caller called (and signed) has the proxy's host
      url: `${forwardedHost ? `http://${forwardedHost}` : this.baseUrl.replace(this.basePath, "")}${req.url ?? "/"}`,
      query: Object.fromEntries(parsedUrl.searchParams.entries()),
      headers: req.headers,
      body,
      rawBody,
      params: {},
      violations: bodyError ? [bodyError] : [],
      answeredWith: 0,
    }
    this.requests.push(record)
    if (this.latencyMs) {
      await new Promise((resolve) => setTimeout(resolve, this.latencyMs))
    }

    const route = this.routes.find((candidate) => {
      if (candidate.method !== record.method) {
        return false
      }
      const match = candidate.path.exec(path)
      if (match) {
        record.params = Object.fromEntries(
          Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)])
        )
      }
      return !!match
    })

    const failure = this.faults.next(route?.name)
    if (failure) {
      record.route = route?.name ?? null
      if (failure.kind === "reset") {
        record.answeredWith = "reset"
        req.socket.destroy()
        return
      }
      if (failure.kind === "timeout") {
        record.answeredWith = "timeout"
        this.held.add(res)
        return
      }
      if (failure.delay_ms) {
        await new Promise((resolve) => setTimeout(resolve, failure.delay_ms))
      }
      record.answeredWith = failure.status
      this.send(res, { status: failure.status, body: failure.body, headers: failure.headers })
      return
    }

    if (!route) {
      record.violations.push(`no ${record.method} ${path} in the ${this.name} API`)
      record.answeredWith = 404
      this.send(res, { status: 404, body: { message: `stand-in ${this.name}: no such endpoint` } })
      return
    }
    record.route = route.name
    record.violations.push(...route.check(record, this))
    if (record.violations.length) {
      record.answeredWith = 400
      this.send(res, { status: 400, body: { message: "contract violation", errors: record.violations } })
      return
    }
    const answer = route.respond(record, this)
    record.answeredWith = answer.status
    this.send(res, answer)
  }

  private send(res: http.ServerResponse, answer: StandInAnswer): void {
    const headers: Record<string, string> = { ...(answer.headers ?? {}) }
    let payload = ""
    if (answer.body !== undefined) {
      payload = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body)
      headers["content-type"] ??= "application/json"
    }
    res.writeHead(answer.status, headers)
    res.end(payload)
  }
}
