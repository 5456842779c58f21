import { signLinkToken, verifyLinkToken } from "./link-token"

const secret = "a-secret-of-enough-length-0123456789"
const claims = { customer_id: "cus_1", purpose: "email_marketing", action: "unsubscribe" as const, ttl_ms: 60_000 }

describe("link tokens", () => {
  it("verifies its own tokens and carries customer, purpose, action and a nonce", () => {
    const result = verifyLinkToken(signLinkToken(claims, secret), secret)
    expect(result).toEqual({
      ok: true,
      claims: expect.objectContaining({ c: "cus_1", p: "email_marketing", a: "unsubscribe", n: expect.any(String) }),
    })
  })

  it("refuses a token whose claims were changed", () => {
    const [payload, mac] = signLinkToken(claims, secret).split(".")
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), c: "cus_2" })
    ).toString("base64url")
    expect(verifyLinkToken(`${forged}.${mac}`, secret)).toEqual({ ok: false, error: "bad_signature" })
  })

  it("refuses another secret, garbage and expired tokens", () => {
    expect(verifyLinkToken(signLinkToken(claims, secret), "another-secret-entirely")).toEqual({
      ok: false,
      error: "bad_signature",
    })
    expect(verifyLinkToken("not-a-token", secret)).toEqual({ ok: false, error: "malformed" })
    const now = Date.now()
    const token = signLinkToken(claims, secret, now - 120_000)
    expect(verifyLinkToken(token, secret, now)).toEqual({ ok: false, error: "expired" })
  })

  it("makes a different token each time, so each link is single-use on its own", () => {
    expect(signLinkToken(claims, secret)).not.toBe(signLinkToken(claims, secret))
  })

  it("has one spelling: padding, standard base64 characters and changed spare bits are refused", () => {
    const token = signLinkToken(claims, secret)
    const [payload, mac] = token.split(".")
    // the MAC's last character carries 2 spare bits: flipping them decodes to the same bytes
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    const last = alphabet.indexOf(mac.at(-1)!)
    const sameBytes = `${mac.slice(0, -1)}${alphabet[last ^ 1]}`
    expect(Buffer.from(sameBytes, "base64url").equals(Buffer.from(mac, "base64url"))).toBe(true)
    for (const variant of [
      `${payload}.${sameBytes}`,
      `${payload}.${mac}=`,
      `${payload}=.${mac}`,
      `${payload}.${mac.slice(0, -1)}+`,
      ` ${token}`,
      `${token}\n`,
    ]) {
      expect(verifyLinkToken(variant, secret)).toEqual({ ok: false, error: "malformed" })
    }
    expect(verifyLinkToken(token, secret)).toEqual({ ok: true, claims: expect.any(Object) })
  })
})
