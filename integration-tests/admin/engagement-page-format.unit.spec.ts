import { sealSecrets } from "../../src/admin/components/engagement-page/format"

describe("the delivery drawer's sealing", () => {
  it("seals every value under a credential-like key at any depth and keeps the rest as it is", () => {
    const payload = {
      data: { customerEmail: "ada@example.com", purchases: [{ gtin: "4006381333931", apiKey: "k-123" }] },
      signedRequest: { token: "test-token", signature: "abc" },
      headers: { Authorization: "Bearer xyz", "X-Api-Key": "secret-1" },
      encryptionKey: "crmcom-key",
      password: "hunter2",
    }

    const sealed = JSON.stringify(sealSecrets(payload))

    for (const secret of ["k-123", "test-token", "abc", "Bearer xyz", "secret-1", "crmcom-key", "hunter2"]) {
      expect(sealed).not.toContain(secret)
    }
    expect(sealSecrets(payload)).toMatchObject({
      data: { customerEmail: "ada@example.com", purchases: [{ gtin: "4006381333931", apiKey: "•••• sealed" }] },
      signedRequest: { token: "•••• sealed", signature: "•••• sealed" },
    })
    expect(sealSecrets(null)).toBeNull()
    expect(sealSecrets("plain")).toBe("plain")
  })
})
