import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type EngagementModuleService from "../modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../provider-api/provider"
import type { ContactSyncStatus } from "../modules/engagement/types"
import { syncCustomerContactsWorkflow } from "../workflows/contact-sync/workflows/sync-customer-contacts"
import { createContactProfilesWorkflow } from "../workflows/contacts/workflows/create-contact-profiles"

export interface BackfillProgress {
  platform: string
  /** customers looked at so far, of `total` */
  seen: number
  total: number
  /** customers this run put in the sync (the others already were: a run that stopped is resumed) */
  enqueued: number
  counts: Record<ContactSyncStatus, number>
}

export interface BackfillSummary extends BackfillProgress {
  already_known: number
}

export interface ProfileBackfillSummary {
  /** customers looked at */
  seen: number
  /** profiles made now (the other customers had one) */
  created: number
}

/** Which of these customers were erased and have not acted since: no backfill rebuilds or sends them. */
async function erasedAmong(engagement: EngagementModuleService, ids: string[]): Promise<Set<string>> {
  return new Set((await engagement.listErasedCustomers(ids)).map((row) => row.customer_id))
}

/**
 * Makes the contact profile of every customer that has none: customers from before the plugin was
 * installed (new customers get theirs on `customer.created`; a GET never makes one), but not an
 * erased shopper who has not acted since. A page at a time, through the create-contact-profiles
 * workflow; safe to run again.
 */
export async function backfillContactProfiles(
  container: MedusaContainer,
  { pageSize = 100, onProgress }: { pageSize?: number; onProgress?: (done: number, total: number) => void } = {}
): Promise<ProfileBackfillSummary> {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const summary: ProfileBackfillSummary = { seen: 0, created: 0 }
  for (;;) {
    const { data: customers, metadata } = await query.graph({
      entity: "customer",
      fields: ["id"],
      pagination: { skip: summary.seen, take: pageSize, order: { created_at: "ASC" } },
    })
    if (!customers.length) {
      break
    }
    const ids = customers.map((customer) => customer.id)
    const known = new Set(
      (await engagement.listContactProfiles({ customer_id: ids }, { select: ["customer_id"] })).map(
        (row) => row.customer_id
      )
    )
    const erased = await erasedAmong(engagement, ids)
    const missing = ids.filter((id) => !known.has(id) && !erased.has(id))
    if (missing.length) {
      await createContactProfilesWorkflow(container).run({ input: { customer_ids: missing } })
    }
    summary.seen += customers.length
    summary.created += missing.length
    onProgress?.(summary.seen, metadata?.count ?? summary.seen)
  }
  return summary
}

/**
 * Puts every existing customer in a newly switched-on platform's contact sync, a page at a time,
 * and sends them. Resumable: customers the platform already has a sync state for are skipped, so a
 * run that stopped goes on where it was; erased shoppers who have not acted since are skipped too. Calls still go through the outbox (retries, no doubles).
 */
export async function backfillContacts(
  container: MedusaContainer,
  {
    platform,
    pageSize = 100,
    onProgress,
  }: { platform: string; pageSize?: number; onProgress?: (progress: BackfillProgress) => void }
): Promise<BackfillSummary> {
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  if (!engagement.contactSyncPlatforms().includes(platform)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `"${platform}" is not a switched-on platform that keeps contacts (on: ${engagement.contactSyncPlatforms().join(", ") || "none"})`
    )
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const progress: BackfillProgress = {
    platform,
    seen: 0,
    total: 0,
    enqueued: 0,
    counts: await engagement.countContactSyncs(platform),
  }
  for (;;) {
    const { data: customers, metadata } = await query.graph({
      entity: "customer",
      fields: ["id"],
      pagination: { skip: progress.seen, take: pageSize, order: { created_at: "ASC" } },
    })
    progress.total = metadata?.count ?? progress.seen + customers.length
    if (!customers.length) {
      break
    }
    const ids = customers.map((customer) => customer.id)
    const known = new Set(
      (await engagement.listContactSyncs({ platform, customer_id: ids })).map((row) => row.customer_id)
    )
    const erased = await erasedAmong(engagement, ids)
    const fresh = ids.filter((id) => !known.has(id) && !erased.has(id))
    if (fresh.length) {
      await syncCustomerContactsWorkflow(container).run({
        input: { customer_ids: fresh, coalesce_ms: 0, platforms: [platform] },
      })
      await engagement.runContactSync({ customer_ids: fresh })
    }
    progress.seen += customers.length
    progress.enqueued += fresh.length
    progress.counts = await engagement.countContactSyncs(platform)
    onProgress?.({ ...progress })
  }
  return { ...progress, already_known: progress.seen - progress.enqueued }
}

/** `[##########----------]  50% 120/240 customers` */
export function progressBar(done: number, total: number, width = 30): string {
  const share = total ? Math.min(1, done / total) : 1
  const filled = Math.round(share * width)
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total} customers`
}

/**
 * npx medusa exec ./src/scripts/backfill-contacts.ts [platform] [page size]
 * Makes the missing contact profiles; with a platform id (GET /admin/engagement/platforms lists
 * them), then puts every customer in its contact sync.
 */
export default async function backfillContactsScript({ container, args }: ExecArgs) {
  const [platform, pageSize] = args ?? []
  const engagement = container.resolve<EngagementModuleService>(ENGAGEMENT_MODULE)
  if (platform && !engagement.contactSyncPlatforms().includes(platform)) {
    throw new Error(
      `"${platform}" is not a switched-on platform that keeps contacts: one of ${engagement.contactSyncPlatforms().join(", ") || "(none switched on)"}`
    )
  }
  const interactive = process.stdout.isTTY
  const size = pageSize ? Number(pageSize) : undefined
  const profiles = await backfillContactProfiles(container, {
    pageSize: size,
    onProgress: (seen, total) =>
      process.stdout.write(interactive ? `\r${progressBar(seen, total)}` : `${progressBar(seen, total)}\n`),
  })
  process.stdout.write(
    `${interactive ? "\n" : ""}Contact profiles: ${profiles.seen} customers, ${profiles.created} profiles made now.\n`
  )
  if (!platform) {
    return
  }
  const summary = await backfillContacts(container, {
    platform,
    pageSize: size,
    onProgress: ({ seen, total, counts }) => {
      const line = `${progressBar(seen, total)}  synced ${counts.synced}, waiting ${counts.pending + counts.syncing}, stopped ${counts.error + counts.conflict + counts.needs_linking}`
      process.stdout.write(interactive ? `\r${line}` : `${line}\n`)
    },
  })
  const { counts } = summary
  process.stdout.write(
    `${interactive ? "\n" : ""}Backfill of ${platform} done: ${summary.seen} customers, ${summary.enqueued} added now, ${summary.already_known} already known.\n` +
      `  synced ${counts.synced}; waiting for a retry ${counts.pending + counts.syncing} (the outbox sends them when the platform answers);\n` +
      `  stopped: ${counts.error} error, ${counts.conflict} conflict, ${counts.needs_linking} needs linking (see the customer's Engagement card in the admin).\n`
  )
}
