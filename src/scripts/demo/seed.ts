import { randomBytes } from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { FeatureFlag, Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import { seedStore } from "./seed-store"

/**
 * `npx medusa exec ./src/scripts/demo/seed.ts`: the demo store plus an admin login.
 * Safe to run again: existing data (an existing admin's password too) is left as it is.
 * The admin's password is DEMO_ADMIN_PASSWORD (the demo runner generates one and keeps it in
 * `.demo-data/admin-password`), else a random one printed below: there is no default password.
 * When DEMO_SUMMARY_FILE is set (the demo runner sets it), the URLs and keys are also
 * written there as JSON so the runner can repeat them once the server is up.
 */
export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve("logger")
  const email = process.env.DEMO_ADMIN_EMAIL || "admin@example.com"
  const password = process.env.DEMO_ADMIN_PASSWORD || randomBytes(12).toString("base64url")

  logger.info("Seeding the demo store...")
  const store = await seedStore(container)
  const passwordWorks = await ensureAdminUser(container, email, password)

  const port = process.env.PORT || "9000"
  const summary = {
    storeUrl: `http://localhost:${port}/store`,
    adminUrl: `http://localhost:${port}/app`,
    adminEmail: email,
    // an admin seeded earlier keeps the password it was created with
    adminPassword: passwordWorks ? password : "(the password it was first seeded with)",
    publishableKey: store.publishableKey,
    regionId: store.regionId,
    salesChannelId: store.salesChannelId,
    products: store.products.map((p) => ({ handle: p.handle, variants: p.variants.map((v) => v.sku) })),
  }
  if (process.env.DEMO_SUMMARY_FILE) {
    fs.mkdirSync(path.dirname(process.env.DEMO_SUMMARY_FILE), { recursive: true })
    fs.writeFileSync(process.env.DEMO_SUMMARY_FILE, JSON.stringify(summary, null, 2))
  }
  logger.info(
    [
      "Demo store seeded.",
      `  Store API:       ${summary.storeUrl} (header x-publishable-api-key)`,
      `  Publishable key: ${summary.publishableKey}`,
      `  Admin:           ${summary.adminUrl}`,
      `  Admin login:     ${summary.adminEmail} / ${summary.adminPassword}`,
    ].join("\n")
  )
}

/**
 * The same steps as `medusa user -e -p`: the user through the workflow (with the super
 * admin role when RBAC is on), then an emailpass identity whose app_metadata points at it.
 * An existing login is kept; returns whether `password` logs it in.
 */
async function ensureAdminUser(container: MedusaContainer, email: string, password: string): Promise<boolean> {
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)

  let [user] = await users.listUsers({ email })
  if (!user) {
    const roles = FeatureFlag.isFeatureEnabled("rbac") ? await superAdminRoles(container) : []
    const { result } = await createUsersWorkflow(container).run({ input: { users: [{ email, roles }] } })
    user = result[0]
  }

  const identities = await auth.listProviderIdentities({ entity_id: email, provider: "emailpass" })
  if (identities.length) {
    const { success } = await auth.authenticate("emailpass", { body: { email, password } })
    return success
  }
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) {
    throw new Error(`Could not register the admin login ${email}: ${error}`)
  }
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  return true
}

async function superAdminRoles(container: MedusaContainer): Promise<string[]> {
  const roles = await container.resolve(Modules.RBAC).listRbacRoles({ id: "role_super_admin" })
  return roles.map((role) => role.id)
}
