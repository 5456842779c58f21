import { MedusaError } from "@medusajs/framework/utils"
import type { EngagementCapabilities } from "./capabilities"
import type { CommonPlatformOptions, EngagementPlatform } from "./types"

/** The engagement module's name: a provider registers with `ModuleProvider(ENGAGEMENT_MODULE, …)`. */
export const ENGAGEMENT_MODULE = "engagement"

/** Where the module's loader registers each provider, and the list of their ids. */
export const ENGAGEMENT_PROVIDER_PREFIX = "engagement_provider_"
export const ENGAGEMENT_PROVIDER_IDS = "engagement_provider_ids"

/** One entry of the module's `providers` option, as Medusa's other provider modules take it. */
export interface EngagementProviderConfig {
  /** a package or path exporting `ModuleProvider(ENGAGEMENT_MODULE, { services: [...] })` */
  resolve: string
  /** the platform's id in the outbox and the admin; the provider's `identifier` when left out */
  id?: string
  options?: Record<string, unknown>
}

/**
 * Checks a platform's options against its schema. A wrong option fails start-up with a message that
 * names it (`platforms.<id>.<option>`), and the defaults are filled in.
 */
export function parsePlatformOptions<Options extends CommonPlatformOptions>(
  platform: Pick<EngagementPlatform<Options>, "id" | "displayName" | "optionsSchema">,
  rawOptions: unknown
): Options {
  const parsed = platform.optionsSchema.safeParse(rawOptions ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `platforms.${platform.id}.${issue.path.join(".")}: ${issue.message}`)
      .join("; ")
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid options for ${platform.displayName}: ${problems}`)
  }
  return parsed.data
}

/**
 * An external platform as a Medusa module provider. A platform's folder exports
 * `ModuleProvider(ENGAGEMENT_MODULE, { services: [SomeProvider] })` where `SomeProvider` extends this
 * class, sets `static identifier` and `static validateOptions`, and says what it can do in
 * {@link capabilities}. The module asks for providers by capability, never by name.
 */
export abstract class AbstractEngagementProvider<Options extends CommonPlatformOptions = CommonPlatformOptions> {
  static identifier: string

  /** how the outbox sends, checks and classifies this platform's calls */
  readonly platform: EngagementPlatform<Options>
  /** the validated options, defaults filled in */
  readonly options: Options

  constructor(_cradle: Record<string, unknown>, rawOptions: unknown, platform: EngagementPlatform<Options>) {
    this.platform = platform
    this.options = parsePlatformOptions(platform, rawOptions)
  }

  /** the platform's id: the `platform` of its outbox rows and contact syncs */
  get id(): string {
    return this.platform.id
  }

  /** What the provider does beyond sending its outbox rows; keys the module's capability queries. */
  capabilities(): EngagementCapabilities {
    return this.platform.contactSync ? { contact_copies: true } : {}
  }

  get displayName(): string {
    return this.platform.displayName
  }
}

export type EngagementProviderClass = (new (
  cradle: Record<string, unknown>,
  options: any
) => AbstractEngagementProvider<any>) & {
  identifier: string
  validateOptions?(options: Record<string, unknown>): unknown
}
