import { MedusaError } from "@medusajs/framework/utils"

/** An HTTP error answer: its status, body (a type and message, and what else the answer names) and headers. */
export interface ErrorAnswer {
  status: number
  body: { type: string; message: string } & Record<string, unknown>
  headers?: Record<string, string>
}

/**
 * A `MedusaError` whose HTTP answer is decided where it is thrown: a 424 naming the platform
 * (with its `Retry-After`), a platform's refusal naming the field and its reason. A workflow
 * hands a step's error to its caller as a plain object (`serializeError`), so the answer travels
 * as a field of its own and the plugin's error handler answers it with `answerOfError`.
 */
export class AnsweredError extends MedusaError {
  readonly answer: ErrorAnswer

  constructor(answer: ErrorAnswer) {
    super(answer.body.type, answer.body.message)
    this.answer = answer
  }
}

/** The answer an `AnsweredError` carries, also after a workflow turned it into a plain object; null for any other error. */
export function answerOfError(error: unknown): ErrorAnswer | null {
  const answer = (error as { answer?: Partial<ErrorAnswer> } | null)?.answer
  if (!answer || typeof answer.status !== "number" || typeof answer.body?.message !== "string") {
    return null
  }
  return answer as ErrorAnswer
}
