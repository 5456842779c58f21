import SparkMD5 from "spark-md5"
import { recensusOptionsSchema } from "./options"
import recensusPlatform from "./platform"

const options = recensusOptionsSchema.parse({
  api_url: "https://app.recensus.com/api/",
  merchant_id: "1",
  token: "tok",
  shared_secret: "s3cret",
})

const message = {
  id: "engdel_1",
  platform: "recensus",
  operation: "customer_contact_request",
  idempotency_key: "k",
  attempts: 1,
  payload: { data: { customerEmail: "ben@recensus.com", purchases: [] } },
}

describe("recensus platform", () => {
  it("posts the CCR to /merchant/{MERCHANTID}/customer-contact-request with JSON headers", () => {
    const request = recensusPlatform.buildRequest(message, options)
    expect(request.method).toBe("POST")
    expect(request.url).toBe("https://app.recensus.com/api/merchant/1/customer-contact-request")
    expect(request.headers).toEqual({ "Content-Type": "application/json", Accept: "application/json" })
  })

  it("signs with MD5 of verb + full URL + shared secret and sets the merchant", () => {
    const request = recensusPlatform.buildRequest(message, options)
    const body = request.body as { data: Record<string, unknown>; signedRequest: Record<string, string> }
    expect(body.signedRequest).toEqual({
      token: "tok",
      signature: SparkMD5.hash("POSThttps://app.recensus.com/api/merchant/1/customer-contact-request" + "s3cret"),
    })
    expect(body.data.merchant).toBe("1")
    expect(body.data.customerEmail).toBe("ben@recensus.com")
  })

  it("keeps the CCR id of a 201, fails 400 and 403 for good with a reason, retries 5xx", () => {
    const classify = recensusPlatform.classifyResponse!
    expect(classify({ status: 201, headers: {}, body: { data: { id: 50 } } }, message, options)).toEqual(
      expect.objectContaining({ kind: "delivered", external_id: "50" })
    )
    const bad = classify({ status: 400, headers: {}, body: { error: "purchases missing" } }, message, options)
    expect(bad.kind).toBe("failed")
    expect(bad.kind === "failed" && bad.reason).toContain("purchases missing")
    const forbidden = classify({ status: 403, headers: {}, body: null }, message, options)
    expect(forbidden.kind).toBe("failed")
    expect(forbidden.kind === "failed" && forbidden.reason).toContain("RECENSUS_TOKEN")
    expect(classify({ status: 502, headers: {}, body: null }, message, options).kind).toBe("retry")
  })
})
