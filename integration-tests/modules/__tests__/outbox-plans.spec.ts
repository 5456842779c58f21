import path from "node:path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type EngagementModuleService from "../../../src/modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../src/provider-api/provider"
import { indexesOf, rowsTouched, type PlanNode } from "../../helpers/query-plans"

jest.setTimeout(120_000)

/**
 * The outbox's statements as PostgreSQL plans them, on a backlog where the planner can go wrong: a
 * platform's rows piled up ahead of another's (an outage), the case the claim's index is for.
 */
moduleIntegrationTestRunner<EngagementModuleService>({
  moduleName: ENGAGEMENT_MODULE,
  resolve: path.join(__dirname, "../../../src/modules/engagement"),
  pathToMigrations: path.join(__dirname, "../../../src/modules/engagement/migrations"),
  moduleOptions: { consents: { link_secret: "outbox-plans-test-secret-0123456789abcdefgh" } },
  testSuite: ({ MikroOrmWrapper, service }) => {
    const knex = () => MikroOrmWrapper.forkManager().getKnex()

    /** `count` waiting rows of a platform, due `minutesAgo` minutes ago (older first in due order). */
    const waiting = async (platform: string, count: number, minutesAgo: number, status = "pending") => {
      await knex().raw(
        `INSERT INTO engagement_delivery (id, origin, platform, operation, payload, idempotency_key, status, attempts,
           max_attempts, next_attempt_at, customer_id, created_at, updated_at)
         SELECT 'engdel_' || ? || '_' || ? || '_' || g, 'conversion', ?, 'convert', '{}'::jsonb,
                ? || ':' || ? || ':' || g, ?, 0, 5, now() - (? * interval '1 minute') + (g * interval '1 millisecond'),
                'cus_' || g, now(), now()
           FROM generate_series(1, ?::int) g`,
        [platform, minutesAgo, platform, platform, minutesAgo, status, minutesAgo, count]
      )
    }

    it("a claim reads only its own platform's waiting rows, however many of another platform's wait ahead of them", async () => {
      // as many of each platform's rows wait, but all of rejoiner's fell due first: a planner that takes
      // the platforms to be spread evenly over the due order expects to read two rows per row taken
      await waiting("rejoiner", 3_000, 60)
      await waiting("recensus", 3_000, 5)
      await knex().raw(`ANALYZE engagement_delivery`)

      // the claim runs inside a function: auto_explain reports the plans of its statements as notices
      const connection = await knex().client.acquireConnection()
      const plans: PlanNode[] = []
      const onNotice = (notice: { message?: string }) => {
        const text = notice.message ?? ""
        const json = text.slice(text.indexOf("{"))
        if (text.includes("duration") && json.startsWith("{")) {
          plans.push(JSON.parse(json).Plan as PlanNode)
        }
      }
      connection.on("notice", onNotice)
      try {
        await connection.query("BEGIN")
        await connection.query("LOAD 'auto_explain'")
        for (const setting of [
          "auto_explain.log_min_duration = 0",
          "auto_explain.log_analyze = on",
          "auto_explain.log_nested_statements = on",
          "auto_explain.log_format = json",
          "auto_explain.log_level = notice",
          "client_min_messages = notice",
        ]) {
          await connection.query(`SET LOCAL ${setting}`)
        }
        const claimed = await connection.query(
          `SELECT (c.delivery).id FROM engagement_claim_deliveries_ahead('recensus', 14, 16, 1, 0, '[]'::jsonb, NULL, 60000) c`
        )
        await connection.query("ROLLBACK")
        expect(claimed.rows.map((row: { id: string }) => row.id)).toHaveLength(14)
        expect(claimed.rows.every((row: { id: string }) => row.id.startsWith("engdel_recensus_"))).toBe(true)
      } finally {
        connection.removeListener("notice", onNotice)
        await knex().client.releaseConnection(connection)
      }

      // the claim's own statement (the UPDATE … RETURNING of the rows taken) walked none of the
      // 3,000 rejoiner rows due before them
      const claim = plans.find((plan) => plan["Node Type"] === "ModifyTable" && plan.Operation === "Update")
      expect(claim).toBeDefined()
      expect(indexesOf(claim!)).toContain("IDX_engagement_delivery_platform_next_attempt_at")
      expect(rowsTouched(claim!)).toBeLessThan(200)
    })

    it("the next due time is the earliest waiting row's over every platform, and none when nothing waits", async () => {
      expect(await service.nextDeliveryDueAt()).toBeNull()
      await waiting("rejoiner", 3, 10)
      await waiting("recensus", 3, 30)
      await waiting("expertsender", 3, 20)
      // rows not waiting for an attempt do not count, however early
      await waiting("expertsender", 2, 90, "sending")
      await waiting("engage", 2, 120, "delivered")
      await knex().raw(`UPDATE engagement_delivery SET deleted_at = now() WHERE id = 'engdel_rejoiner_10_1'`)
      await waiting("crmcom", 1, 200)
      await knex().raw(`UPDATE engagement_delivery SET deleted_at = now() WHERE platform = 'crmcom'`)

      const [{ earliest }] = (
        await knex().raw(
          `SELECT min(next_attempt_at) AS earliest FROM engagement_delivery WHERE status = 'pending' AND deleted_at IS NULL`
        )
      ).rows
      const next = await service.nextDeliveryDueAt()
      expect(next?.toISOString()).toBe(new Date(earliest).toISOString())
      // the recensus rows: 30 minutes ago, the earliest of those waiting
      expect(Date.now() - next!.getTime()).toBeGreaterThan(29 * 60_000)
      expect(Date.now() - next!.getTime()).toBeLessThan(31 * 60_000)
    })
  },
})
