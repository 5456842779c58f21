import path from "node:path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { settleContactSyncs } from "../../../src/modules/engagement/contact-sync/settle"
import type EngagementModuleService from "../../../src/modules/engagement/service"
import type { DeliveryRecord } from "../../../src/modules/engagement/types"
import { ENGAGEMENT_MODULE, parsePlatformOptions } from "../../../src/provider-api/provider"
import type { DeliveryOutcome } from "../../../src/provider-api/types"
import { engagePlatform } from "../../../src/providers/engage/platform"

jest.setTimeout(120_000)

const engage = {
  id: "engage",
  platform: engagePlatform,
  options: parsePlatformOptions(engagePlatform, { api_url: "http://127.0.0.1:9", api_key: "engage-test-key" }),
}

const fields = { email: "ada@example.com", firstName: "Ada" }

moduleIntegrationTestRunner<EngagementModuleService>({
  moduleName: ENGAGEMENT_MODULE,
  resolve: path.join(__dirname, "../../../src/modules/engagement"),
  pathToMigrations: path.join(__dirname, "../../../src/modules/engagement/migrations"),
  moduleOptions: { consents: { link_secret: "contact-sync-settle-test-secret-0123456789abcd" } },
  testSuite: ({ MikroOrmWrapper }) => {
    const sql = async (text: string, bindings: (string | number | boolean | null)[] = []) =>
      (await MikroOrmWrapper.forkManager().getKnex().raw(text, bindings)).rows as Record<string, unknown>[]

    /** A contact whose Engage call (the outbox row `engdel_<name>`) is in flight. */
    const inFlight = async (name: string, operation: string, extra: { dirty?: boolean; external_id?: string } = {}) => {
      await sql(
        `INSERT INTO engagement_contact_profile (id, customer_id, email, external_ids) VALUES (?, ?, ?, '{"other":"x"}'::jsonb)`,
        [`engcp_${name}`, `cus_${name}`, `${name}@example.com`]
      )
      await sql(
        `INSERT INTO engagement_contact_sync (id, customer_id, platform, status, dirty, due_at, external_id, last_sent,
           in_flight_delivery_id, in_flight, step)
         VALUES (?, ?, 'engage', 'syncing', ?, now() + interval '1 hour', ?, '{"city":"Oslo"}'::jsonb, ?, ?::jsonb, 1)`,
        [
          `engcs_${name}`,
          `cus_${name}`,
          extra.dirty ?? false,
          extra.external_id ?? null,
          `engdel_${name}`,
          JSON.stringify({ operation, payload: { contacts: [fields] }, sends: fields }),
        ]
      )
    }
    const ended = (name: string, operation: string, status: string, more: Partial<DeliveryRecord> = {}) =>
      ({
        id: `engdel_${name}`,
        origin: "contact_sync",
        platform: "engage",
        operation,
        status,
        customer_id: `cus_${name}`,
        external_id: null,
        response_summary: null,
        last_error: status === "delivered" ? null : "HTTP 500",
        ...more,
      }) as DeliveryRecord
    const syncOf = async (name: string) =>
      (await sql(`SELECT * FROM engagement_contact_sync WHERE id = ?`, [`engcs_${name}`]))[0]
    const idsOf = async (name: string) =>
      (await sql(`SELECT external_ids FROM engagement_contact_profile WHERE id = ?`, [`engcp_${name}`]))[0].external_ids

    it("settles the contacts of calls ended together in one read and one write, as each would alone", async () => {
      await inFlight("clean", "bulk_create")
      await inFlight("changed", "bulk_create", { dirty: true })
      await inFlight("created", "create_contact")
      await inFlight("failed", "update_contact", { external_id: "eng_9" })
      await inFlight("erased", "create_contact")
      await inFlight("fallen", "create_contact")
      // erased while its call was in flight: the row is gone and must not come back
      await sql(`UPDATE engagement_contact_sync SET deleted_at = now() WHERE id = 'engcs_erased'`)

      const batch: [DeliveryRecord, DeliveryOutcome][] = [
        [ended("clean", "bulk_create", "delivered"), { kind: "delivered" }],
        [ended("changed", "bulk_create", "delivered"), { kind: "delivered" }],
        [ended("created", "create_contact", "delivered", { external_id: "eng_1" }), { kind: "delivered" }],
        [ended("failed", "update_contact", "failed"), { kind: "failed", reason: "HTTP 500" }],
        [ended("erased", "create_contact", "delivered", { external_id: "eng_2" }), { kind: "delivered" }],
        [ended("fallen", "create_contact", "dead"), { kind: "retry", reason: "HTTP 500" }],
        // not a contact's call: nothing waits on it
        [
          { ...ended("clean", "bulk_create", "delivered"), id: "engdel_other", origin: "erasure" },
          { kind: "delivered" },
        ],
      ]
      const manager = MikroOrmWrapper.forkManager()
      const statements: string[] = []
      const count = (query: { sql: string }) => statements.push(query.sql)
      manager.getKnex().client.on("query", count)
      await manager.transactional(async (transaction: SqlEntityManager) =>
        settleContactSyncs(
          transaction,
          engage,
          batch.map(([row]) => row),
          batch.map(([, outcome]) => outcome),
          5
        )
      )
      manager.getKnex().client.removeListener("query", count)

      // one read locking the contacts, one write for them and their profiles, and the fallback's insert
      expect(statements.filter((text) => !/^(begin|commit)/i.test(text.trim()))).toEqual([
        expect.stringMatching(/^SELECT \* FROM engagement_contact_sync/),
        expect.stringMatching(/INSERT INTO engagement_delivery/),
        expect.stringMatching(/^WITH v AS/),
      ])
      // queued without an id, nothing changed meanwhile: synced, the sent values kept
      expect(await syncOf("clean")).toEqual(
        expect.objectContaining({
          status: "synced",
          dirty: false,
          in_flight_delivery_id: null,
          in_flight: null,
          last_sent: fields,
          last_synced_at: expect.anything(),
        })
      )
      // a change noted while the call was in flight is not lost: pending, in its coalescing window
      const changed = await syncOf("changed")
      expect(changed).toEqual(expect.objectContaining({ status: "pending", dirty: true, in_flight_delivery_id: null }))
      expect(new Date(changed.due_at as string).getTime()).toBeGreaterThan(Date.now() + 30 * 60_000)
      // created: the platform's id kept on the sync and mirrored on the profile, planned again now
      const created = await syncOf("created")
      expect(created).toEqual(expect.objectContaining({ status: "pending", dirty: true, external_id: "eng_1" }))
      expect(new Date(created.due_at as string).getTime()).toBeLessThanOrEqual(Date.now())
      expect(await idsOf("created")).toEqual({ other: "x", engage: "eng_1" })
      // failed: shown as an error with the reason, what the platform holds unchanged
      expect(await syncOf("failed")).toEqual(
        expect.objectContaining({
          status: "error",
          dirty: false,
          last_error: "HTTP 500",
          external_id: "eng_9",
          last_sent: { city: "Oslo" },
          last_synced_at: null,
        })
      )
      expect(await idsOf("failed")).toEqual({ other: "x" })
      // erased meanwhile: left deleted, its profile's ids untouched
      expect(await syncOf("erased")).toEqual(
        expect.objectContaining({
          status: "syncing",
          in_flight_delivery_id: "engdel_erased",
          deleted_at: expect.anything(),
        })
      )
      expect(await idsOf("erased")).toEqual({ other: "x" })
      // a create that kept failing falls back to the bulk endpoint: a new outbox row, due now, in flight
      const fallen = await syncOf("fallen")
      const [fallback] = await sql(`SELECT * FROM engagement_delivery WHERE id = ?`, [
        fallen.in_flight_delivery_id as string,
      ])
      expect(fallback).toEqual(
        expect.objectContaining({
          operation: "bulk_create",
          status: "pending",
          idempotency_key: "contact-sync:engage:engcs_fallen:2",
          payload: { contacts: [fields] },
        })
      )
      expect(fallen).toEqual(expect.objectContaining({ status: "syncing", step: 2 }))
    })
  },
})
