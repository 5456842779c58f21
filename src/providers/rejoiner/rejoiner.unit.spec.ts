import rejoinerPlatform from "./platform"
import { rejoinerOptionsSchema } from "./options"

const options = rejoinerOptionsSchema.parse({ api_url: "https://rj2.rejoiner.com/api/v1/SITE9", api_key: "k3y" })
const message = (operation: string, payload: Record<string, unknown>) => ({
  id: "engdel_1",
  platform: "rejoiner",
  operation,
  idempotency_key: "k",
  attempts: 1,
  payload,
})

describe("rejoiner platform", () => {
  it.each([
    ["convert", "POST", "https://rj2.rejoiner.com/api/v1/SITE9/customer/convert/"],
    ["cancel", "POST", "https://rj2.rejoiner.com/api/v1/SITE9/customer/cancel/"],
    ["unsubscribe", "POST", "https://rj2.rejoiner.com/api/v1/SITE9/customer/unsubscribe/"],
    ["opt_in", "POST", "https://rj2.rejoiner.com/api/v1/SITE9/customer/opt_in/"],
    ["create_customer", "POST", "https://rj2.rejoiner.com/api/v1/SITE9/customers/"],
    ["update_customer", "PUT", "https://rj2.rejoiner.com/api/v1/SITE9/customers/a%2Bb%40example.com/"],
  ])("sends %s as %s %s with the Rejoiner authorization", (operation, method, url) => {
    const payload = { email: "a+b@example.com" }
    const request = rejoinerPlatform.buildRequest(message(operation, payload), options)
    expect(request).toEqual({
      method,
      url,
      headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: "Rejoiner k3y" },
      body: payload,
    })
  })

  it("refuses an operation it does not have", () => {
    expect(() => rejoinerPlatform.buildRequest(message("explode", {}), options)).toThrow(/no operation/)
  })
})
