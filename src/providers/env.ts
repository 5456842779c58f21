import { existsSync, readdirSync } from "node:fs"
import path from "node:path"
import { durationMs } from "../provider-api/duration"
import type { Env, ProviderOptionsFromEnv } from "../provider-api/env"
import type { EngagementProviderConfig } from "../provider-api/provider"

const intOrUndefined = (value: string | undefined) => (value === undefined || value === "" ? undefined : Number(value))

/**
 * The engagement module's `providers` option from the environment variables docs/configuration.md lists,
 * for the demo and for stores that configure by environment: every platform folder here with an
 * `env.ts` whose variables are set (a platform is on when its base URL is). Each provider checks its
 * options when the module starts.
 */
export function engagementProvidersFromEnv(env: Env): EngagementProviderConfig[] {
  const shared = {
    timeout_ms: durationMs(env.ENGAGEMENT_HTTP_TIMEOUT),
    concurrency: intOrUndefined(env.ENGAGEMENT_HTTP_CONCURRENCY),
  }
  // platforms in dry-run, by folder name, comma-separated (docs/delivery-guarantees.md, "Dry-run")
  const dryRun = new Set((env.ENGAGEMENT_DRY_RUN_PLATFORMS ?? "").split(",").map((name) => name.trim().toLowerCase()))
  const providers: EngagementProviderConfig[] = []
  for (const entry of readdirSync(__dirname, { withFileTypes: true })) {
    const folder = path.join(__dirname, entry.name)
    if (!entry.isDirectory() || !["env.ts", "env.js"].some((file) => existsSync(path.join(folder, file)))) {
      continue
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { providerOptionsFromEnv } = require(path.join(folder, "env")) as {
      providerOptionsFromEnv: ProviderOptionsFromEnv
    }
    const options = providerOptionsFromEnv(env)
    if (options) {
      providers.push({
        resolve: folder,
        options: { ...shared, ...options, ...(dryRun.has(entry.name) ? { dry_run: true } : {}) },
      })
    }
  }
  return providers
}
