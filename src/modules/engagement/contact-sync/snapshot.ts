import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import type { ContactSnapshot, SnapshotConsent } from "../../../provider-api/types"
import { runSql } from "../sql"

/** A profile row as PostgreSQL gives it: the snapshot's identity fields, then the raw statistics columns. */
type ProfileRow = Pick<
  ContactSnapshot,
  "customer_id" | "email" | "phone" | "crm_id" | "first_name" | "last_name" | "gender" | "language" | "address"
> & {
  /** a calendar day, YYYY-MM-DD */
  date_of_birth: string | null
  custom_attributes: Record<string, unknown> | null
  total_spent: string | null
  order_count: number
  return_count: number
  average_order_value: string | null
  average_price_point: string | null
  first_order_at: Date | null
  last_order_at: Date | null
  average_days_between_orders: number | null
  currency_code: string | null
  rfm_segment: string | null
  loyalty: { tier?: string | null; balance?: number; lifetime_points?: number } | null
}

interface ConsentRow extends Omit<SnapshotConsent, "recorded_at"> {
  customer_id: string
  purpose: string
  recorded_at: Date
}

/** Statistics as strings, leaving out the ones with no value yet. */
export function statisticsOf(row: ProfileRow): Record<string, string> {
  const values: Record<string, unknown> = {
    total_spent: row.total_spent,
    order_count: row.order_count,
    return_count: row.return_count,
    average_order_value: row.average_order_value,
    average_price_point: row.average_price_point,
    first_order_at: row.first_order_at ? new Date(row.first_order_at).toISOString() : null,
    last_order_at: row.last_order_at ? new Date(row.last_order_at).toISOString() : null,
    average_days_between_orders: row.average_days_between_orders,
    currency_code: row.currency_code,
    rfm_segment: row.rfm_segment,
    // loyalty figures go as statistics (platforms send them as custom attributes or metadata)
    loyalty_tier: row.loyalty?.tier,
    loyalty_balance: row.loyalty?.balance,
    loyalty_lifetime_points: row.loyalty?.lifetime_points,
  }
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== null && value !== undefined && value !== "")
      .map(([key, value]) => [key, String(value)])
  )
}

/** Reads what each platform is sent about these customers, from the profile and the consent ledger. */
export async function contactSnapshots(
  manager: SqlEntityManager,
  customerIds: string[]
): Promise<Map<string, ContactSnapshot>> {
  const snapshots = new Map<string, ContactSnapshot>()
  if (!customerIds.length) {
    return snapshots
  }
  const ids = [...new Set(customerIds)]
  const profiles = await runSql<ProfileRow>(
    manager,
    `SELECT * FROM engagement_contact_profile
     WHERE deleted_at IS NULL AND customer_id = ANY(?::text[])`,
    [ids]
  )
  const consents = await runSql<ConsentRow>(
    manager,
    `SELECT DISTINCT ON (customer_id, purpose) customer_id, purpose, value, source, recorded_at, wording, info
     FROM engagement_consent
     WHERE deleted_at IS NULL AND customer_id = ANY(?::text[])
     ORDER BY customer_id, purpose, recorded_at DESC, created_at DESC`,
    [ids]
  )
  for (const row of profiles) {
    snapshots.set(row.customer_id, {
      customer_id: row.customer_id,
      email: row.email,
      phone: row.phone,
      crm_id: row.crm_id,
      first_name: row.first_name,
      last_name: row.last_name,
      date_of_birth: row.date_of_birth,
      gender: row.gender,
      language: row.language,
      address: row.address,
      custom_attributes: Object.fromEntries(
        Object.entries(row.custom_attributes ?? {}).map(([name, value]) => [name, String(value)])
      ),
      statistics: statisticsOf(row),
      consents: {},
    })
  }
  for (const consent of consents) {
    const snapshot = snapshots.get(consent.customer_id)
    if (snapshot) {
      snapshot.consents[consent.purpose] = {
        value: consent.value,
        source: consent.source,
        recorded_at: new Date(consent.recorded_at).toISOString(),
        wording: consent.wording,
        info: consent.info,
      }
    }
  }
  return snapshots
}
