import { MedusaError } from "@medusajs/framework/utils"
import crmComPlatform from "./crmcom"
import engagePlatform from "./engage"
import expertSenderPlatform from "./expertsender"
import recensusPlatform from "./recensus"
import rejoinerPlatform from "./rejoiner"
import type { CommonPlatformOptions, EngagementPlatform } from "./types"

export * from "./types"
export { classifyHttpAnswer, parseRetryAfter } from "./classify"

/** Every platform the plugin knows. A new platform is one folder and one line here. */
export const PLATFORMS: readonly EngagementPlatform<any>[] = [
  recensusPlatform,
  rejoinerPlatform,
  expertSenderPlatform,
  engagePlatform,
  crmComPlatform,
]

export interface EnabledPlatform {
  platform: EngagementPlatform<CommonPlatformOptions>
  options: CommonPlatformOptions
}

/**
 * Validates the `platforms` plugin option and returns the platforms that are switched on.
 * A wrong option fails start-up with a message that names it.
 */
export function resolvePlatforms(config: Record<string, unknown>): Map<string, EnabledPlatform> {
  const enabled = new Map<string, EnabledPlatform>()
  for (const [id, rawOptions] of Object.entries(config)) {
    if (rawOptions === undefined || rawOptions === null || rawOptions === false) {
      continue
    }
    const platform = PLATFORMS.find((candidate) => candidate.id === id)
    if (!platform) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Unknown engagement platform "${id}" in the plugin options; known platforms: ${PLATFORMS.map((p) => p.id).join(", ")}`
      )
    }
    const parsed = platform.optionsSchema.safeParse(rawOptions)
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((issue) => `platforms.${id}.${issue.path.join(".")}: ${issue.message}`)
        .join("; ")
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid options for ${platform.displayName}: ${problems}`)
    }
    enabled.set(id, { platform, options: parsed.data })
  }
  return enabled
}
