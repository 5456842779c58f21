import { createSecretBox } from "./secret-box"

describe("secret box", () => {
  const box = createSecretBox("a-test-key-of-some-length")

  it("opens what it sealed, and the sealed text does not contain the value", () => {
    const sealed = box.seal({ password: "hunter2-secret", token: "abc.def.ghi" })
    expect(sealed).not.toContain("hunter2")
    expect(box.open(sealed)).toEqual({ password: "hunter2-secret", token: "abc.def.ghi" })
  })

  it("seals the same value differently each time", () => {
    expect(box.seal("same")).not.toEqual(box.seal("same"))
  })

  it("refuses a changed value and one sealed with another key", () => {
    const sealed = box.seal({ a: 1 })
    const parts = sealed.split(".")
    const tampered = [...parts.slice(0, 3), Buffer.from('{"a":2}').toString("base64url")].join(".")
    expect(() => box.open(tampered)).toThrow()
    expect(() => createSecretBox("another-key-entirely").open(sealed)).toThrow()
    expect(() => box.open("plain text")).toThrow("not a sealed value")
  })
})
