import http from "node:http"
import https from "node:https"

/** What a platform answered: the status, the headers (lower-case names) and the body as text. */
export interface HttpAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

export interface HttpCall {
  method: string
  headers: Record<string, string>
  /** the body as sent (already serialized) */
  body?: string
  /** the whole exchange, from the request to the last byte of the answer */
  timeoutMs: number
}

/** The exchange took longer than its timeout: the request may have arrived. */
export class HttpTimeoutError extends Error {
  override readonly name = "TimeoutError"
}

/** The answer's body passed {@link MAX_BODY_BYTES}: the call was answered; its body is cut there. */
const MAX_BODY_BYTES = 1 << 20

const USER_AGENT = "medusa-plugin-engagement"

// kept-alive connections per platform host, as fetch's global dispatcher keeps them; the
// platform's concurrency limit (the outbox's) bounds the sockets open to it
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
}

/**
 * One HTTP exchange with a platform through Node's own client, kept-alive: the outbox's calls, a
 * few times cheaper in CPU than `fetch` (no WHATWG streams, headers or abort signals per call),
 * where `fetch` was most of what the dispatching process spent per delivery. It follows no redirect (a 3xx
 * is the platform's answer, as any other status) and asks for no compression.
 *
 * Rejects on a timeout ({@link HttpTimeoutError}) and on a network error (Node's own, with its
 * `code` on the error itself: ECONNREFUSED, ECONNRESET...; `fetch` put it on a `cause`).
 */
export function httpExchange(url: string, call: HttpCall): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    let target: URL
    try {
      target = new URL(url)
    } catch (error) {
      reject(error)
      return
    }
    const agent = agents[target.protocol as keyof typeof agents]
    if (!agent) {
      reject(new Error(`not an http(s) address: ${target.protocol}`))
      return
    }
    const body = call.body === undefined ? undefined : Buffer.from(call.body)
    const headers: Record<string, string | number> = { "User-Agent": USER_AGENT, ...call.headers }
    if (body) {
      headers["Content-Length"] = body.length
    }
    let settled = false
    const fail = (error: Error) => {
      if (!settled) {
        settled = true
        clearTimeout(timer)
        reject(error)
      }
    }
    const request = (target.protocol === "https:" ? https : http).request(
      target,
      { method: call.method, headers, agent },
      (response) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on("data", (chunk: Buffer) => {
          if (size < MAX_BODY_BYTES) {
            chunks.push(chunk)
          }
          size += chunk.length
        })
        response.on("error", fail)
        // an answer cut short is an 'error' (ECONNRESET) from Node; a close before its end in any other
        // way fails the same (after 'end' this changes nothing)
        response.on("close", () =>
          fail(Object.assign(new Error("the connection closed before the answer ended"), { code: "ECONNRESET" }))
        )
        response.on("end", () => {
          if (settled) {
            return
          }
          settled = true
          clearTimeout(timer)
          const answerHeaders: Record<string, string> = {}
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) {
              answerHeaders[name] = Array.isArray(value) ? value.join(", ") : value
            }
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: answerHeaders,
            body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString("utf8"),
          })
        })
      }
    )
    const timer = setTimeout(() => {
      const timeout = new HttpTimeoutError(`no answer within ${call.timeoutMs} ms`)
      fail(timeout)
      request.destroy(timeout)
    }, call.timeoutMs)
    request.on("error", fail)
    request.end(body)
  })
}
