import http from "node:http"
import type { AddressInfo } from "node:net"
import type { EngagementPlatform, CommonPlatformOptions, OutboundMessage } from "../../../provider-api/types"
import { httpExchange } from "./http-exchange"
import { attemptDelivery } from "./send"

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void

describe("httpExchange (the outbox's HTTP client)", () => {
  let server: http.Server
  let base: string
  let handler: Handler
  const sockets = new Set<string>()

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      sockets.add(`${req.socket.remotePort}`)
      let body = ""
      req.on("data", (chunk) => (body += chunk))
      req.on("end", () => handler(req, res, body))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it("sends the method, headers and body as given, and reads status, headers (lower-case) and body", async () => {
    let seen: { method?: string; headers?: http.IncomingHttpHeaders; body?: string } = {}
    handler = (req, res, body) => {
      seen = { method: req.method, headers: req.headers, body }
      res.writeHead(201, { "Content-Type": "application/json", "Retry-After": "7" })
      res.end(JSON.stringify({ id: "c-1", name: "Zoë" }))
    }

    const answer = await httpExchange(`${base}/api/v1/customers/ada%40example.com/?x=1`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Authorization: "Rejoiner k3y" },
      body: JSON.stringify({ email: "zoë@example.com" }),
      timeoutMs: 2000,
    })

    expect(seen.method).toBe("PUT")
    expect(seen.headers).toMatchObject({
      "content-type": "application/json",
      authorization: "Rejoiner k3y",
      "content-length": String(Buffer.byteLength(JSON.stringify({ email: "zoë@example.com" }))),
      "user-agent": "medusa-plugin-engagement",
    })
    expect(seen.headers?.["accept-encoding"]).toBeUndefined()
    expect(JSON.parse(seen.body!)).toEqual({ email: "zoë@example.com" })
    expect(answer).toMatchObject({
      status: 201,
      headers: expect.objectContaining({ "content-type": "application/json", "retry-after": "7" }),
      body: JSON.stringify({ id: "c-1", name: "Zoë" }),
    })
  })

  it("keeps the connection alive between calls, and follows no redirect", async () => {
    handler = (_req, res) => {
      res.writeHead(302, { Location: "/elsewhere" })
      res.end()
    }
    sockets.clear()
    const first = await httpExchange(`${base}/a`, { method: "POST", headers: {}, body: "{}", timeoutMs: 2000 })
    const second = await httpExchange(`${base}/b`, { method: "POST", headers: {}, body: "{}", timeoutMs: 2000 })
    expect([first.status, second.status]).toEqual([302, 302])
    expect(sockets.size).toBe(1)
  })

  it("rejects with a TimeoutError once the whole exchange outlasts its timeout, the body included", async () => {
    handler = (_req, res) => {
      res.writeHead(200)
      res.write("{")
      // the rest never comes
    }
    const started = Date.now()
    await expect(httpExchange(`${base}/slow`, { method: "GET", headers: {}, timeoutMs: 150 })).rejects.toMatchObject({
      name: "TimeoutError",
    })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it("rejects with Node's error code when nothing listens, and on a connection dropped mid-call", async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    await expect(
      httpExchange(`http://127.0.0.1:${port}/`, { method: "GET", headers: {}, timeoutMs: 2000 })
    ).rejects.toMatchObject({ code: "ECONNREFUSED" })

    handler = (req) => req.socket.destroy()
    await expect(httpExchange(`${base}/drop`, { method: "GET", headers: {}, timeoutMs: 2000 })).rejects.toMatchObject({
      code: "ECONNRESET",
    })
    // dropped halfway through the answer's body
    handler = (req, res) => {
      res.writeHead(200, { "Content-Length": "100" })
      res.write("{")
      setTimeout(() => req.socket.destroy(), 20)
    }
    await expect(httpExchange(`${base}/half`, { method: "GET", headers: {}, timeoutMs: 2000 })).rejects.toMatchObject({
      code: "ECONNRESET",
    })
  })

  it("refuses an address that is not http(s) without sending anything", async () => {
    await expect(httpExchange("ftp://example.com/", { method: "GET", headers: {}, timeoutMs: 100 })).rejects.toThrow(
      /not an http\(s\) address/
    )
  })

  describe("attemptDelivery's reading of what it got", () => {
    const options = { timeout_ms: 150, concurrency: 1 } as CommonPlatformOptions
    const platform = {
      buildRequest: (message: OutboundMessage) => ({
        method: "POST",
        url: `${base}/${message.operation}`,
        headers: { "Content-Type": "application/json" },
        body: message.payload,
      }),
    } as unknown as EngagementPlatform<CommonPlatformOptions>
    const message = (operation: string): OutboundMessage => ({
      id: "d",
      platform: "p",
      operation,
      payload: { a: 1 },
      idempotency_key: `k-${operation}`,
      attempts: 1,
    })

    it("parses a JSON body, keeps text as text, and sends the idempotency key", async () => {
      const keys: unknown[] = []
      handler = (req, res) => {
        keys.push(req.headers["idempotency-key"])
        res.writeHead(req.url === "/json" ? 200 : 503, { "Retry-After": "3" })
        res.end(req.url === "/json" ? '{"ok":true}' : "down for maintenance")
      }
      expect(await attemptDelivery(platform, options, message("json"))).toMatchObject({
        kind: "delivered",
        status: 200,
        summary: { status: 200, body: { ok: true } },
      })
      expect(await attemptDelivery(platform, options, message("text"))).toMatchObject({
        kind: "retry",
        status: 503,
        reason: "HTTP 503: down for maintenance",
        retry_after_ms: 3000,
      })
      expect(keys).toEqual(["k-json", "k-text"])
    })

    it("tells a call that may have arrived (timeout, reset) from one that never left (refused)", async () => {
      handler = () => undefined
      expect(await attemptDelivery(platform, options, message("hang"))).toMatchObject({
        kind: "retry",
        reason: "no answer within 150 ms",
        unanswered: true,
      })
      handler = (req) => req.socket.destroy()
      expect(await attemptDelivery(platform, options, message("reset"))).toMatchObject({
        kind: "retry",
        reason: expect.stringContaining("network error ECONNRESET"),
        unanswered: true,
      })
      const refusing = {
        ...platform,
        buildRequest: () => ({ method: "POST", url: "http://127.0.0.1:1/", headers: {} }),
      }
      expect(await attemptDelivery(refusing as unknown as typeof platform, options, message("refused"))).toMatchObject({
        kind: "retry",
        reason: expect.stringContaining("network error ECONNREFUSED"),
        unanswered: false,
      })
    })
  })
})
