/** The claims of a JWT, read without checking its signature (only CRM.COM can, and need not). */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1]
  if (!part) {
    return null
  }
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"))
    return claims && typeof claims === "object" && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** The contact id CRM.COM puts in the `sub` claim of its access token. */
export function decodeJwtSub(token: string): string | null {
  const sub = decodeJwtPayload(token)?.sub
  return typeof sub === "string" && sub ? sub : null
}
