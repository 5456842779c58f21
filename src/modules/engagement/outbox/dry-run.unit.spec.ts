import { buildDryRun, isDryRun, MASKED, maskRequest } from "./dry-run"
import type { EnabledPlatform } from "../../../provider-api/types"

describe("dry-run request masking", () => {
  const request = {
    method: "POST" as const,
    url: "https://api.example.com/v1/contacts",
    headers: {
      "Content-Type": "application/json",
      accept: "application/json",
      Authorization: "Bearer sk_live_123",
      "x-api-key": "key-456",
      "X-Signature": "sha256=abc",
    },
    body: {
      email: "ada@example.com",
      password: "hunter2",
      nested: { refresh_token: "rt-789", items: [{ api_key: "k", qty: 2 }] },
      tokens_used: 3,
      signedRequest: { token: "t-1", signature: "md5-abc" },
    },
  }

  it("masks every header value but content type, accept and the idempotency key", () => {
    const masked = maskRequest(request, "engagement:order_1:convert")
    expect(masked.method).toBe("POST")
    expect(masked.url).toBe(request.url)
    expect(masked.headers).toEqual({
      "Content-Type": "application/json",
      accept: "application/json",
      Authorization: MASKED,
      "x-api-key": MASKED,
      "X-Signature": MASKED,
      "Idempotency-Key": "engagement:order_1:convert",
    })
  })

  it("masks credential fields of the body (by their name's ending), at any depth, and keeps everything else", () => {
    const masked = maskRequest(request, "k")
    expect(masked.body).toEqual({
      email: "ada@example.com",
      password: MASKED,
      nested: { refresh_token: MASKED, items: [{ api_key: MASKED, qty: 2 }] },
      tokens_used: 3,
      signedRequest: { token: MASKED, signature: MASKED },
    })
    expect(JSON.stringify(masked)).not.toMatch(/sk_live_123|key-456|hunter2|rt-789|t-1|md5-abc/)
    // the request itself is left as it was
    expect(request.headers.Authorization).toBe("Bearer sk_live_123")
  })

  it("stores no body as null", () => {
    expect(maskRequest({ method: "GET", url: "https://x/y", headers: {} }, "k").body).toBeNull()
  })

  it("is on when the outbox or the platform says so", () => {
    expect(isDryRun({ dry_run: false }, { dry_run: false })).toBe(false)
    expect(isDryRun({ dry_run: true }, { dry_run: false })).toBe(true)
    expect(isDryRun({ dry_run: false }, { dry_run: true })).toBe(true)
  })

  it("builds with the platform's own buildRequest, and fails a row that cannot be built", () => {
    const enabled = {
      id: "demo",
      options: { concurrency: 1, timeout_ms: 1000, dry_run: true },
      platform: {
        buildRequest: (message: { operation: string }) => {
          if (message.operation !== "ok") {
            throw new Error("no such operation")
          }
          return { ...request, body: { email: "a@b.c" } }
        },
      },
    } as unknown as EnabledPlatform
    const message = { id: "d", platform: "demo", payload: {}, idempotency_key: "key", attempts: 1 }
    expect(buildDryRun(enabled, { ...message, operation: "ok" })).toEqual({
      request: expect.objectContaining({ body: { email: "a@b.c" }, url: request.url }),
    })
    expect(buildDryRun(enabled, { ...message, operation: "nope" })).toEqual({
      outcome: { kind: "failed", reason: "cannot build the request: no such operation" },
    })
  })
})
