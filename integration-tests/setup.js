// Each test file boots Medusa anew: MikroORM's metadata from the previous file must not leak in.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()

// medusa-config.ts has no default JWT and cookie secrets either: random ones per test file (inherited by the
// Medusa processes the crash and topology specs start, so a restarted server accepts the file's tokens).
const { randomBytes } = require("node:crypto")
process.env.JWT_SECRET ||= randomBytes(48).toString("base64url")
process.env.COOKIE_SECRET ||= randomBytes(48).toString("base64url")

// The plugin refuses to start without a link secret (it has no default): every test file boots with this one.
process.env.ENGAGEMENT_LINK_SECRET ||= "integration-tests-only-link-secret-7Qd2Xv9KpL4mZs8R"
// Verification codes of closed-loop reward schemes are HMACs with this key (no default either).
process.env.LOYALTY_CODE_SECRET ||= "integration-tests-only-code-secret-Vb3Nq8Zt1Wx6Hk"
