import { asFunction, asValue, Lifetime } from "@medusajs/framework/awilix"
import { moduleProviderLoader } from "@medusajs/framework/modules-sdk"
import type { LoaderOptions, ModuleProvider as ModuleProviderConfig } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import {
  ENGAGEMENT_PROVIDER_IDS,
  ENGAGEMENT_PROVIDER_PREFIX,
  EngagementProviderClass,
} from "../../../provider-api/provider"

/**
 * Registers every platform of the `providers` option in the module's container, as Medusa's
 * notification module does: under a prefix, plus the list of ids. The loader has each provider
 * check its options first (`validateOptions`), so a wrong option stops start-up naming it.
 */
async function registerProvider(
  klass: EngagementProviderClass,
  container: LoaderOptions["container"],
  config: { id?: string; options?: Record<string, unknown> }
): Promise<void> {
  const id = config.id ?? klass.identifier
  if (!klass.identifier || id !== klass.identifier) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid engagement plugin options: providers: the provider id "${config.id}" must be the platform's identifier "${klass.identifier}"`
    )
  }
  container.register({
    [ENGAGEMENT_PROVIDER_PREFIX + id]: asFunction((cradle) => new klass(cradle, config.options ?? {}), {
      lifetime: Lifetime.SINGLETON,
    }),
  })
  container.registerAdd(ENGAGEMENT_PROVIDER_IDS, asValue(id))
}

export default async ({ container, options }: LoaderOptions<{ providers?: ModuleProviderConfig[] }>) => {
  const providers = options?.providers ?? []
  const ids = providers.map((provider) => provider.id).filter(Boolean)
  const twice = ids.find((id, index) => ids.indexOf(id) !== index)
  if (twice) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid engagement plugin options: providers: "${twice}" is listed twice`
    )
  }
  await moduleProviderLoader({
    container,
    providers,
    registerServiceFn: registerProvider as Parameters<typeof moduleProviderLoader>[0]["registerServiceFn"],
  })
}
