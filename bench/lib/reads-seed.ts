/**
 * Histories written straight into a bench store's database (bench/reads.ts), in bulk: what years of
 * a store would leave, without years of checkouts. A row at a time through the aggregates' and the
 * counts' triggers would make the seed, not the reads, the bench's cost: the bulk rows are written
 * with them off and the aggregates then rebuilt from the rows (`rebuildAggregates`), as the
 * migrations' backfills do.
 */
import type { Knex } from "knex"

const TRIGGERS = [
  ["loyalty_transaction", "loyalty_transaction_aggregates"],
  ["engagement_delivery", "engagement_delivery_count_insert"],
  ["engagement_delivery", "engagement_delivery_count_delete"],
]

/** The aggregates' and counts' triggers off for a bulk write (`rebuildAggregates` turns them back on). */
export async function triggersOff(knex: Knex) {
  for (const [table, trigger] of TRIGGERS) {
    await knex.raw(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`)
  }
}

/** The loyalty aggregates and the delivery counts recounted from the rows, the triggers back on. */
export async function rebuildAggregates(knex: Knex) {
  await knex.transaction(async (trx) => {
    for (const [table, trigger] of TRIGGERS) {
      await trx.raw(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`)
    }
    for (const table of [
      "loyalty_account_expiry",
      "loyalty_account_tier_week",
      "loyalty_account_row_count",
      "engagement_delivery_count",
      "engagement_delivery_count_change",
    ]) {
      await trx.raw(`DELETE FROM ${table}`)
    }
    await trx.raw(`INSERT INTO loyalty_account_expiry (account_id, expires_on, points)
      SELECT account_id, COALESCE((expires_at AT TIME ZONE 'UTC')::date, 'infinity'::date), SUM(lot_remaining)
        FROM loyalty_transaction WHERE deleted_at IS NULL AND lot_state = 'available'
       GROUP BY 1, 2 HAVING SUM(lot_remaining) <> 0`)
    await trx.raw(`INSERT INTO loyalty_account_tier_week (account_id, week_start, points)
      SELECT account_id, date_trunc('week', created_at AT TIME ZONE 'UTC')::date, SUM(points)
        FROM loyalty_transaction
       WHERE deleted_at IS NULL AND type IN ('earn', 'referral', 'scheme_bonus') AND lot_state <> 'pending'
       GROUP BY 1, 2 HAVING SUM(points) <> 0`)
    await trx.raw(`INSERT INTO loyalty_account_row_count (account_id, type, rows)
      SELECT account_id, type, COUNT(*) FROM loyalty_transaction WHERE deleted_at IS NULL GROUP BY 1, 2`)
    await trx.raw(`INSERT INTO engagement_delivery_count (platform, status, rows)
      SELECT platform, status, COUNT(*) FROM engagement_delivery WHERE deleted_at IS NULL GROUP BY 1, 2`)
  })
}

/**
 * `rows` ledger rows for the customer's account (made when missing), oldest `rows` hours back: half
 * earn lots (10 points, half of them still open, expiring over the next 400 days), half redemptions;
 * every 50th row an `adjust` row instead, so a type filter has a rare type to find.
 */
export async function seedLedger(knex: Knex, customerId: string, rows: number) {
  await knex.raw(
    `INSERT INTO loyalty_account (id, customer_id, balance, lifetime_points, period_points, total_earned)
     SELECT 'loyacc_bench_' || ?, ?, 0, 0, 0, 0
      WHERE NOT EXISTS (SELECT 1 FROM loyalty_account WHERE customer_id = ? AND deleted_at IS NULL)`,
    [customerId, customerId, customerId]
  )
  const [account] = (
    await knex.raw(`SELECT id FROM loyalty_account WHERE customer_id = ? AND deleted_at IS NULL`, [customerId])
  ).rows as { id: string }[]
  await knex.raw(
    `INSERT INTO loyalty_transaction (id, account_id, customer_id, type, points, idempotency_key, lot_state, lot_remaining,
                                      available_at, expires_at, created_at)
     SELECT 'loytx_bench_' || ? || '_' || r, ?, ?,
            CASE WHEN r % 50 = 0 THEN 'adjust' WHEN r % 2 = 0 THEN 'earn' ELSE 'redeem' END,
            CASE WHEN r % 50 = 0 THEN 1 WHEN r % 2 = 0 THEN 10 ELSE -5 END,
            'bench_' || ? || '_' || r,
            CASE WHEN r % 2 = 0 AND r % 50 <> 0 THEN 'available' END,
            CASE WHEN r % 2 = 0 AND r % 50 <> 0 THEN (CASE WHEN r % 4 = 0 THEN 10 ELSE 0 END) END,
            now() - (r || ' hours')::interval,
            CASE WHEN r % 2 = 0 AND r % 50 <> 0 THEN now() + ((r * 7) % 400 || ' days')::interval END,
            now() - (r || ' hours')::interval
       FROM generate_series(1, ?) r`,
    [customerId, account.id, customerId, customerId, rows]
  )
  // the account's figures as its ledger says (the summary reads them from the account row)
  await knex.raw(
    `UPDATE loyalty_account a SET balance = s.balance, lifetime_points = s.earned, total_earned = s.earned
       FROM (SELECT SUM(points) AS balance, SUM(GREATEST(points, 0)) AS earned FROM loyalty_transaction
              WHERE account_id = ?) s
      WHERE a.id = ?`,
    [account.id, account.id]
  )
}

/**
 * What `orders` orders leave of a customer in the engagement module: an order fact each and the
 * running total, a checkout consent row each, and two deliveries each (a conversion at Rejoiner and
 * a review request at Recensus), one day apart going back.
 */
export async function seedOrders(knex: Knex, customerId: string, orders: number) {
  await knex.raw(
    `INSERT INTO engagement_order_fact (id, order_id, customer_id, currency_code, total, raw_total, item_count, placed_at)
     SELECT 'engof_bench_' || ? || '_' || o, 'order_bench_' || ? || '_' || o, ?, 'eur', 25,
            '{"value": "25", "precision": 20}'::jsonb, 1, now() - (o || ' hours')::interval
       FROM generate_series(1, ?) o`,
    [customerId, customerId, customerId, orders]
  )
  await knex.raw(
    `INSERT INTO engagement_order_total (id, customer_id, currency_code, order_count, total, raw_total, item_count)
     VALUES ('engot_bench_' || ?, ?, 'eur', ?, ?, jsonb_build_object('value', ?::text, 'precision', 20), ?)
     ON CONFLICT DO NOTHING`,
    [customerId, customerId, orders, orders * 25, orders * 25, orders]
  )
  await knex.raw(
    `INSERT INTO engagement_consent (id, customer_id, purpose, channel, value, source, recorded_at, actor_type, actor_id)
     SELECT 'engcon_bench_' || ? || '_' || o, ?, 'newsletter', 'email',
            CASE WHEN o % 2 = 0 THEN 'True' ELSE 'False' END, 'checkout', now() - (o || ' hours')::interval,
            'customer', ?
       FROM generate_series(1, ?) o`,
    [customerId, customerId, customerId, orders]
  )
  await seedDeliveries(knex, `own_${customerId}`, orders * 2, customerId)
}

/**
 * `rows` delivered deliveries (conversions and review requests in turn, a few failed and dead), of
 * `customerId`, or spread over 10,000 customers when none is given; created a minute apart going back.
 */
export async function seedDeliveries(knex: Knex, label: string, rows: number, customerId?: string) {
  await knex.raw(
    `INSERT INTO engagement_delivery (id, origin, platform, operation, payload, idempotency_key, status, attempts,
                                      max_attempts, next_attempt_at, last_attempt_at, delivered_at, response_status,
                                      customer_id, order_id, created_at, updated_at)
     SELECT 'engdel_bench_' || ? || '_' || d,
            CASE WHEN d % 2 = 0 THEN 'conversions' ELSE 'review-requests' END,
            CASE WHEN d % 2 = 0 THEN 'rejoiner' ELSE 'recensus' END,
            CASE WHEN d % 2 = 0 THEN 'conversion' ELSE 'review_request' END,
            '{}'::jsonb, 'bench_' || ? || '_' || d,
            CASE WHEN d % 100 = 7 THEN 'failed' WHEN d % 1000 = 3 THEN 'dead' ELSE 'delivered' END,
            1, 8, now() - (d || ' minutes')::interval, now() - (d || ' minutes')::interval,
            now() - (d || ' minutes')::interval, 200,
            COALESCE(?, 'cus_bench_' || (d % 10000)), 'order_bench_' || ? || '_' || (d / 2),
            now() - (d || ' minutes')::interval, now() - (d || ' minutes')::interval
       FROM generate_series(1, ?) d`,
    [label, label, customerId ?? null, label, rows]
  )
}
