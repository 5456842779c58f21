/**
 * The demo's own secrets: random, made on its first run, kept in `.demo-data/` (git-ignored) and
 * readable by this user only, so tokens, links and the admin login stay valid across runs. Nothing
 * here has a default: a clean clone gets secrets of its own.
 */
const { randomBytes } = require("node:crypto")
const fs = require("node:fs")
const path = require("node:path")

const root = path.resolve(__dirname, "../../..")
const dataRoot = path.join(root, ".demo-data")

/** The secret kept in `.demo-data/<name>`, made (`bytes` random bytes, base64url) when missing. */
function demoSecret(name, { bytes = 48, onCreate } = {}) {
  const file = path.join(dataRoot, name)
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataRoot, { recursive: true })
    try {
      fs.writeFileSync(file, randomBytes(bytes).toString("base64url"), { mode: 0o600, flag: "wx" })
      onCreate?.(path.relative(root, file))
    } catch (error) {
      // another process made it first: use theirs
      if (error.code !== "EEXIST") {
        throw error
      }
    }
  }
  return fs.readFileSync(file, "utf8").trim()
}

/**
 * The demo admin's password, for the scripts that log in to the demo (place-order.js, the browser
 * suite, the routes bench): DEMO_ADMIN_PASSWORD, else the one the demo generated.
 */
function demoAdminPassword() {
  if (process.env.DEMO_ADMIN_PASSWORD) {
    return process.env.DEMO_ADMIN_PASSWORD
  }
  const file = path.join(dataRoot, "admin-password")
  if (!fs.existsSync(file)) {
    throw new Error(
      `DEMO_ADMIN_PASSWORD is not set and ${path.relative(root, file)} does not exist: run npm run demo first`
    )
  }
  return fs.readFileSync(file, "utf8").trim()
}

module.exports = { dataRoot, demoSecret, demoAdminPassword }
