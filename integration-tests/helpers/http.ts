import type { AxiosError, AxiosResponse } from "axios"

/** The response of a call, whether it succeeded or failed (axios rejects on 4xx/5xx). */
export async function responseOf(call: Promise<AxiosResponse>): Promise<AxiosResponse> {
  try {
    return await call
  } catch (error) {
    const response = (error as AxiosError).response
    if (!response) {
      throw error
    }
    return response
  }
}

/** A raw request to a stand-in (no axios: the status is whatever it answers), its body parsed when it is JSON. */
export async function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed }
}

/** One field of a JSON object answer, as text. */
export const field = (answer: { body: unknown }, key: string): string =>
  String((answer.body as Record<string, unknown>)[key])

export { freePort } from "./medusa-store"
