import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto"

const VERSION = "v1"

export interface SecretBox {
  seal(value: unknown): string
  open<T = unknown>(sealed: string): T
}

/**
 * Authenticated encryption (AES-256-GCM) of small JSON values kept at rest, such as a contact's
 * tokens and generated password. The key is derived from the configured secret; a changed or
 * foreign value fails to open instead of yielding garbage.
 */
export function createSecretBox(secret: string): SecretBox {
  const key = createHash("sha256").update(`engagement-secret-box:${secret}`).digest()
  return {
    seal(value) {
      const iv = randomBytes(12)
      const cipher = createCipheriv("aes-256-gcm", key, iv)
      const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()])
      return [
        VERSION,
        iv.toString("base64url"),
        cipher.getAuthTag().toString("base64url"),
        data.toString("base64url"),
      ].join(".")
    },
    open<T>(sealed: string): T {
      const [version, iv, tag, data] = sealed.split(".")
      if (version !== VERSION || !iv || !tag || data === undefined) {
        throw new Error("not a sealed value")
      }
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"))
      decipher.setAuthTag(Buffer.from(tag, "base64url"))
      const text = Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8")
      return JSON.parse(text) as T
    },
  }
}
