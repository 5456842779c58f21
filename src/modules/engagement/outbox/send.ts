import { classifyHttpAnswer } from "../../../providers/classify"
import type {
  DeliveryOutcome,
  EngagementPlatform,
  CommonPlatformOptions,
  OutboundMessage,
  PlatformResponse,
} from "../../../providers/types"

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) {
    return null
  }
  try {
    return JSON.parse(text)
  } catch {
    return text.slice(0, 2000)
  }
}

function networkReason(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (err?.name === "TimeoutError" || err?.name === "AbortError") {
    return `no answer within ${timeoutMs} ms`
  }
  const code = err?.cause?.code
  return `network error${code ? ` ${code}` : ""}: ${err?.cause?.message ?? err?.message ?? String(error)}`
}

/**
 * Makes one attempt: builds the platform's request, sends it with the platform's timeout and
 * classifies the answer. No answer at all (timeout, refused or reset connection) is a passing fault.
 */
export async function attemptDelivery(
  platform: EngagementPlatform<CommonPlatformOptions>,
  options: CommonPlatformOptions,
  message: OutboundMessage
): Promise<DeliveryOutcome & { status?: number }> {
  let request
  try {
    request = platform.buildRequest(message, options)
  } catch (error) {
    // a row the platform cannot even turn into a request will not get better by waiting
    return { kind: "failed", reason: `cannot build the request: ${(error as Error).message}` }
  }
  const headers = { ...request.headers, "Idempotency-Key": message.idempotency_key }
  let response: PlatformResponse
  try {
    const answer = await fetch(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(options.timeout_ms),
    })
    response = {
      status: answer.status,
      headers: Object.fromEntries(answer.headers.entries()),
      body: await readBody(answer),
    }
  } catch (error) {
    return { kind: "retry", reason: networkReason(error, options.timeout_ms) }
  }
  const classify = platform.classifyResponse ?? classifyHttpAnswer
  return { ...classify(response, message, options), status: response.status }
}
