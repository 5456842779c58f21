/**
 * Reads and recomputes that must stay flat as the data grows, each as the ratio of the same call
 * with much data ÷ with little, in one run:
 *   - the admin delivery log's first page (the route's work) with 1,000,000 outbox rows ÷ 100;
 *   - a customer's contact statistics read (their profile) with 10,000 orders ÷ with 1;
 *   - the statistics recompute (run on every placed, canceled or returned order) 10,000 ÷ 1.
 */
import path from "node:path"
import { initModules } from "@medusajs/test-utils"
import { createBenchDb, SRC_ROOT, timeCalls, timePair } from "./lib/db"
import type { Figure } from "./lib/report"

type Service = Record<string, (...args: any[]) => Promise<any>>

async function seedDeliveries(knex: import("knex").Knex, from: number, to: number) {
  await knex.raw(
    `INSERT INTO engagement_delivery (id, origin, platform, operation, payload, idempotency_key, status, attempts, max_attempts,
       next_attempt_at, customer_id, order_id, created_at, updated_at)
     SELECT 'engdel_' || g, 'cart_conversion', (ARRAY['recensus','rejoiner','expertsender'])[1 + g % 3], 'op', jsonb_build_object('n', g),
            'bench:list:' || g, (ARRAY['delivered','delivered','delivered','failed','pending'])[1 + g % 5], 1, 5,
            now() - (g || ' seconds')::interval, 'cus_' || (g % 50000), 'order_' || g,
            now() - ((? - g) || ' seconds')::interval, now()
       FROM generate_series(?::int, ?::int) g`,
    [to, from, to]
  )
  await knex.raw(`VACUUM ANALYZE engagement_delivery`)
}

async function seedFacts(knex: import("knex").Knex, customerId: string, orders: number) {
  await knex.raw(
    `INSERT INTO engagement_order_fact (id, order_id, customer_id, currency_code, total, raw_total, item_count, placed_at,
       canceled_at, returned_count)
     SELECT 'engof_' || ? || '_' || g, 'order_' || ? || '_' || g, ?, 'eur', 1000 + g % 700,
            jsonb_build_object('value', (1000 + g % 700)::text, 'precision', 20), 1 + g % 4,
            now() - (g || ' hours')::interval, CASE WHEN g % 50 = 0 THEN now() END, CASE WHEN g % 40 = 0 THEN 1 ELSE 0 END
       FROM generate_series(1, ?) g`,
    [customerId, customerId, customerId, orders]
  )
  const { rows } = await knex.raw(`SELECT to_regclass('engagement_order_total') IS NOT NULL AS present`)
  if (rows[0].present) {
    // the running totals, as recording each fact would have kept them
    await knex.raw(
      `INSERT INTO engagement_order_total (id, customer_id, currency_code, order_count, total, raw_total, item_count, returned_count)
       SELECT 'engot_' || ?, customer_id, currency_code, count(*) FILTER (WHERE canceled_at IS NULL),
              sum(total) FILTER (WHERE canceled_at IS NULL), jsonb_build_object('value', '0', 'precision', 20),
              sum(item_count) FILTER (WHERE canceled_at IS NULL), sum(returned_count)
         FROM engagement_order_fact WHERE customer_id = ? GROUP BY customer_id, currency_code`,
      [customerId, customerId]
    )
  }
  await knex.raw(`INSERT INTO engagement_contact_profile (id, customer_id, email) VALUES (?, ?, ?)`, [
    `engcp_${customerId}`,
    customerId,
    `${customerId}@example.com`,
  ])
  await knex.raw(`VACUUM ANALYZE engagement_order_fact`)
  await knex.raw(`VACUUM ANALYZE engagement_contact_profile`)
}

export async function benchGrowth(scale: number): Promise<Figure[]> {
  const figures: Figure[] = []
  const reads = Math.max(200, Math.round(1000 * Math.min(1, scale * 2)))
  const db = await createBenchDb("growth")
  const { medusaApp, shutdown } = await initModules({
    databaseConfig: { clientUrl: db.url, schema: "public" },
    modulesConfig: {
      engagement: {
        resolve: path.join(SRC_ROOT, "src/modules/engagement"),
        options: { consents: { link_secret: "bench-link-secret-bench-link-secret-0123456789" } },
      },
    },
    preventConnectionDestroyWarning: true,
  })
  const engagement = medusaApp.modules.engagement as Service
  const { defaultAdminDeliveryFields: fields } = require(
    path.join(SRC_ROOT, "src/api/admin/engagement/deliveries/query-config.ts")
  )
  try {
    // the delivery log's first page, as GET /admin/engagement/deliveries?limit=20 reads it
    const firstPage = engagement.countAllDeliveries
      ? () =>
          Promise.all([
            engagement.listDeliveries(
              {},
              { select: fields, skip: 0, take: 20, order: { created_at: "DESC", id: "DESC" } }
            ),
            engagement.countAllDeliveries(),
          ])
      : () => engagement.listAndCountDeliveries({}, { select: fields, skip: 0, take: 20 })
    const large = Math.round(1_000_000 * scale)
    await seedDeliveries(db.knex, 1, 100)
    const few = await timeCalls(firstPage, reads)
    await seedDeliveries(db.knex, 101, large)
    const many = await timeCalls(firstPage, reads)
    figures.push({
      name: `delivery log first page, ${large.toLocaleString("en")} ÷ 100 outbox rows`,
      value: many.p50 / few.p50,
      compare: "<=",
      target: 1.5,
      detail: `p50 ${few.p50.toFixed(2)} → ${many.p50.toFixed(2)} ms, p99 ${few.p99.toFixed(2)} → ${many.p99.toFixed(2)} ms`,
    })

    // one customer with 1 order, one with 10,000, among others
    const orders = Math.round(10_000 * scale)
    await seedFacts(db.knex, "cus_one", 1)
    await seedFacts(db.knex, "cus_many", orders)
    const { CONTACT_STATISTIC_FIELDS } = require(path.join(SRC_ROOT, "src/modules/engagement/statistics/compute.ts"))
    const read = (customerId: string) => () =>
      engagement.listContactProfiles(
        { customer_id: customerId },
        { select: ["id", "customer_id", ...CONTACT_STATISTIC_FIELDS] }
      )
    const [readOne, readMany] = await timePair(read("cus_one"), read("cus_many"), reads)
    figures.push({
      name: `contact statistics read, ${orders.toLocaleString("en")} ÷ 1 orders`,
      value: readMany.p50 / readOne.p50,
      compare: "<=",
      target: 1.2,
      detail: `p50 ${readOne.p50.toFixed(2)} → ${readMany.p50.toFixed(2)} ms`,
    })
    const recompute = (customerId: string) => () => engagement.computeContactStatistics(customerId)
    const runs = Math.max(50, Math.round(reads / 4))
    const [one, many2] = await timePair(recompute("cus_one"), recompute("cus_many"), runs, 20)
    figures.push({
      name: `statistics recompute, ${orders.toLocaleString("en")} ÷ 1 orders`,
      value: many2.p50 / one.p50,
      compare: "<=",
      target: 1.2,
      detail: `p50 ${one.p50.toFixed(2)} → ${many2.p50.toFixed(2)} ms`,
    })
  } finally {
    await shutdown()
    await db.drop()
  }
  return figures
}
