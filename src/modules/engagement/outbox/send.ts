import { classifyHttpAnswer } from "../../../provider-api/classify"
import type {
  DeliveryOutcome,
  EngagementPlatform,
  CommonPlatformOptions,
  OutboundMessage,
  PlatformRequest,
  PlatformResponse,
} from "../../../provider-api/types"
import { httpExchange } from "./http-exchange"

/** One attempt's outcome, with what it tells about whether the platform may have the call. */
export type AttemptOutcome = DeliveryOutcome & {
  status?: number
  /** the call went out and no answer came back (timeout, dropped connection): it may have arrived */
  unanswered?: boolean
  /** the platform was asked and the earlier, unanswered attempt had not arrived */
  doubt_cleared?: boolean
}

// connection errors that mean the request never reached the platform
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"])

function parseBody(text: string): unknown {
  if (!text) {
    return null
  }
  try {
    return JSON.parse(text)
  } catch {
    return text.slice(0, 2000)
  }
}

function networkFault(error: unknown, timeoutMs: number): { reason: string; unanswered: boolean } {
  const err = error as { name?: string; message?: string; code?: string }
  if (err?.name === "TimeoutError") {
    return { reason: `no answer within ${timeoutMs} ms`, unanswered: true }
  }
  const code = err?.code
  return {
    reason: `network error${code ? ` ${code}` : ""}: ${err?.message ?? String(error)}`,
    unanswered: !code || !NOT_SENT_CODES.has(code),
  }
}

type Exchange = { response: PlatformResponse } | { fault: { reason: string; unanswered: boolean } }

async function exchange(request: PlatformRequest, idempotencyKey: string, timeoutMs: number): Promise<Exchange> {
  try {
    const answer = await httpExchange(request.url, {
      method: request.method,
      headers: { ...request.headers, "Idempotency-Key": idempotencyKey },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      timeoutMs,
    })
    return { response: { status: answer.status, headers: answer.headers, body: parseBody(answer.body) } }
  } catch (error) {
    return { fault: networkFault(error, timeoutMs) }
  }
}

/** What asking the platform about an earlier, unanswered attempt found. */
type EarlierAttempt =
  /** the platform cannot be asked about this call: resend it as it is */
  | { kind: "unchecked" }
  /** the earlier attempt did not arrive: send the call now */
  | { kind: "absent" }
  /** the earlier attempt arrived (delivered), or the question itself failed */
  | { kind: "settled"; outcome: AttemptOutcome }

async function checkEarlierAttempt(
  platform: EngagementPlatform<CommonPlatformOptions>,
  options: CommonPlatformOptions,
  message: OutboundMessage
): Promise<EarlierAttempt> {
  const check = platform.resendCheck?.(message, options)
  if (!check) {
    return { kind: "unchecked" }
  }
  const answered = await exchange(check.request, `${message.idempotency_key}:check`, options.timeout_ms)
  if ("fault" in answered) {
    // an unanswered question changes nothing on the platform: the doubt stays as it was
    return {
      kind: "settled",
      outcome: { kind: "retry", reason: `checking whether an earlier attempt arrived: ${answered.fault.reason}` },
    }
  }
  const earlier = check.interpret(answered.response)
  if (!earlier) {
    return { kind: "absent" }
  }
  return {
    kind: "settled",
    outcome: { ...earlier, status: answered.response.status, doubt_cleared: earlier.kind === "delivered" },
  }
}

/**
 * Makes one attempt: builds the platform's request, sends it with the platform's timeout and
 * classifies the answer. No answer at all (timeout, refused or reset connection) is a passing fault.
 * A row whose earlier attempt may have arrived is first checked where the platform can be asked.
 */
export async function attemptDelivery(
  platform: EngagementPlatform<CommonPlatformOptions>,
  options: CommonPlatformOptions,
  message: OutboundMessage
): Promise<AttemptOutcome> {
  let request: PlatformRequest
  let earlier: EarlierAttempt = { kind: "unchecked" }
  try {
    request = platform.buildRequest(message, options)
    if (message.in_doubt) {
      earlier = await checkEarlierAttempt(platform, options, message)
    }
  } catch (error) {
    // a row the platform cannot even turn into a request will not get better by waiting
    return { kind: "failed", reason: `cannot build the request: ${(error as Error).message}` }
  }
  if (earlier.kind === "settled") {
    return earlier.outcome
  }
  const doubtCleared = earlier.kind === "absent"
  const answered = await exchange(request, message.idempotency_key, options.timeout_ms)
  if ("fault" in answered) {
    return {
      kind: "retry",
      reason: answered.fault.reason,
      unanswered: answered.fault.unanswered,
      doubt_cleared: doubtCleared,
    }
  }
  const classify = platform.classifyResponse ?? classifyHttpAnswer
  // once the platform said the earlier attempt did not arrive, an "already exists" is not ours
  const sent = doubtCleared ? { ...message, in_doubt: false } : message
  return {
    ...classify(answered.response, sent, options),
    status: answered.response.status,
    doubt_cleared: doubtCleared,
  }
}
