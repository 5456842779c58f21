import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, MedusaContext } from "@medusajs/framework/utils"
import type { AppendSettingVersion } from "../../../utils/setting-versions"
import { AppendedSettingVersion, VersionedSettings } from "../../../utils/versioned-settings"
import type { ResolvedEngagementOptions } from "../options"
import { DryRunSettings, EffectiveEngagementOptions, ENGAGEMENT_SETTINGS_AREAS } from "./areas"
import { countOnDefaultDelay, moveOnDefaultDelay } from "./review-request-delays"

type Ctx = Context<SqlEntityManager>
type SaveEngagementSettings = AppendSettingVersion & { apply_to_scheduled?: boolean }

/**
 * The engagement module's settings saved in the admin (review requests, dry-run): the effective
 * options at use time, the versions, and the one side effect a save may have, moving the send time
 * of scheduled review requests when the owner asks for it.
 */
export class EngagementSettings extends VersionedSettings<
  EffectiveEngagementOptions,
  SaveEngagementSettings,
  { scheduled_moved: number }
> {
  constructor(baseRepository: unknown, options: ResolvedEngagementOptions, platformIds: () => string[]) {
    super({
      baseRepository,
      table: "engagement_setting_version",
      areas: ENGAGEMENT_SETTINGS_AREAS,
      options,
      problems: (area, values) => (area.id === "delivery-dry-run" ? unknownPlatforms(values, platformIds()) : []),
      afterSave: async (manager, input, appended) => ({
        scheduled_moved: await moveScheduledWithDelay(manager, options, input, appended),
      }),
    })
  }

  /** How many scheduled review requests a new default delay would move (the count shown before saving). */
  @InjectManager()
  async countScheduledOnDelay(@MedusaContext() ctx: Ctx = {}): Promise<number> {
    return await countOnDefaultDelay(ctx.manager!, (await this.effectiveOptions()).review_requests.delay)
  }

  /** Whether a platform's calls are built and stored, never sent: the saved switches first, then the options. */
  async isDryRun(platformId: string, platformOption: boolean | undefined): Promise<boolean> {
    const { outbox, dry_run_platforms } = await this.effectiveOptions()
    return outbox.dry_run || (dry_run_platforms?.[platformId] ?? platformOption ?? false)
  }
}

/** The dry-run switches of platforms that are not switched on: a dry-run area names only known ones. */
function unknownPlatforms(values: Record<string, unknown>, known: string[]): string[] {
  const unknown = Object.keys((values as DryRunSettings).platforms).filter((platform) => !known.includes(platform))
  return unknown.length
    ? [`values.platforms: ${unknown.join(", ")} is not a switched-on platform (${known.join(", ") || "none is"})`]
    : []
}

/**
 * Scheduled review requests keep their send time unless the save of the review-request area asks
 * `apply_to_scheduled`: then those on the default delay move with it, in the save's transaction.
 * How many moved.
 */
async function moveScheduledWithDelay(
  manager: SqlEntityManager,
  options: ResolvedEngagementOptions,
  input: SaveEngagementSettings,
  { previous }: AppendedSettingVersion
): Promise<number> {
  if (input.area !== "review-requests" || !input.apply_to_scheduled) {
    return 0
  }
  // the delays of the version replaced and of the new one, read under the area's lock
  const configured = options.review_requests.delay
  const delayBefore = (previous?.values?.delay as number | undefined) ?? configured
  const delayAfter = (input.values?.delay as number | undefined) ?? configured
  return delayAfter === delayBefore ? 0 : await moveOnDefaultDelay(manager, delayBefore, delayAfter)
}
