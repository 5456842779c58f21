import { MedusaError } from "@medusajs/framework/utils"
import { leaseTooShort } from "./outbox/claim-limit"
import type { EngagementCapabilities, EngagementCapability } from "../../provider-api/capabilities"
import {
  AbstractEngagementProvider,
  ENGAGEMENT_PROVIDER_IDS,
  ENGAGEMENT_PROVIDER_PREFIX,
} from "../../provider-api/provider"

/**
 * The providers the module's loader registered, by id, resolved from the module's container (the
 * module never imports a platform). None registered: an empty map, and the built-in behaviour works.
 */
export function resolveProviders(container: Record<string, unknown>): Map<string, AbstractEngagementProvider> {
  let ids: string[] = []
  try {
    ids = (container[ENGAGEMENT_PROVIDER_IDS] as string[] | undefined) ?? []
  } catch {
    // awilix throws for a name never registered: no provider was listed
  }
  const providers = new Map<string, AbstractEngagementProvider>()
  for (const id of ids) {
    const provider = container[ENGAGEMENT_PROVIDER_PREFIX + id] as AbstractEngagementProvider
    if (provider.id !== id) {
      // the outbox rows carry the platform's id: it must be the one the provider is registered under
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Invalid engagement provider "${id}": its platform's id is "${provider.id}"; they must be the same`
      )
    }
    providers.set(id, provider)
  }
  return providers
}

/** Refuses a lease shorter than one attempt of some platform (a check and the call), naming it. */
export function assertLeasesCover(leaseMs: number, providers: Iterable<AbstractEngagementProvider>): void {
  const problem = leaseTooShort(leaseMs, Object.fromEntries([...providers].map(({ id, options }) => [id, options])))
  if (problem) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid engagement plugin options: ${problem}`)
  }
}

export type ProviderWith<C extends EngagementCapability> = {
  id: string
  name: string
  capability: NonNullable<EngagementCapabilities[C]>
}

/** The providers that have a capability, each with it. */
export function providersWith<C extends EngagementCapability>(
  providers: Iterable<AbstractEngagementProvider>,
  capability: C
): ProviderWith<C>[] {
  return [...providers].flatMap((provider) => {
    const offered = provider.capabilities()[capability]
    return offered
      ? [{ id: provider.id, name: provider.displayName, capability: offered as NonNullable<EngagementCapabilities[C]> }]
      : []
  })
}
