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
