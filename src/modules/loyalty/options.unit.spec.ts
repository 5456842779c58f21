import { hashVerificationCode } from "./ledger/schemes"
import { resolveLoyaltyOptions } from "./options"

const closedLoop = { id: "corp", name: "Corp staff", allowed_domains: ["example-corp.com"] }
const secret = "a-test-code-secret-of-enough-strength-1234567890"

describe("loyalty options: the verification code secret", () => {
  it("refuses a closed-loop scheme without a code secret, naming the option", () => {
    expect(() => resolveLoyaltyOptions({ loyalty: { schemes: { list: [closedLoop] } } })).toThrow(
      /loyalty\.schemes\.code_secret: required with a closed-loop scheme.*LOYALTY_CODE_SECRET/
    )
  })

  it("refuses a weak code secret", () => {
    expect(() => resolveLoyaltyOptions({ loyalty: { schemes: { list: [closedLoop], code_secret: "short" } } })).toThrow(
      /loyalty\.schemes\.code_secret: too weak/
    )
  })

  it("needs no secret without a closed-loop scheme, and takes a strong one", () => {
    expect(
      resolveLoyaltyOptions({ loyalty: { schemes: { list: [{ id: "open", name: "Open" }] } } }).schemes.code_secret
    ).toBeUndefined()
    expect(
      resolveLoyaltyOptions({ loyalty: { schemes: { list: [closedLoop], code_secret: secret } } }).schemes.code_secret
    ).toBe(secret)
  })

  it("hashes a code with the secret: another secret or another row gives another hash", () => {
    const hash = hashVerificationCode(secret, "loysv_1", "123456")
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(hashVerificationCode(secret, "loysv_1", "123456")).toBe(hash)
    expect(hashVerificationCode(`${secret}x`, "loysv_1", "123456")).not.toBe(hash)
    expect(hashVerificationCode(secret, "loysv_2", "123456")).not.toBe(hash)
  })
})
