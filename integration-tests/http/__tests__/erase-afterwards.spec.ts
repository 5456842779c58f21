import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { backfillContactProfiles, backfillContacts } from "../../../src/scripts/backfill-contacts"
import { backfillReferralCodes } from "../../../src/scripts/backfill-referral-codes"
import { rebuildContactStatistics } from "../../../src/scripts/rebuild-contact-statistics"
import { contactSyncOf, engagementOf, loyaltyOf, syncContactsNow } from "../../helpers/engagement"
import { eventually, useContactSyncPlatforms } from "../../helpers/stand-ins"
import type { StandIn } from "../../stand-ins/stand-in"
import { createAdminHeaders, createShopper, CustomerSession, linesOf, PEN, placeOrder } from "../../helpers/store"

jest.setTimeout(240_000)

const platforms = useContactSyncPlatforms()
const { expertsender, engage, rejoiner, crmcom } = platforms
const CONTACT_PLATFORMS = { expertsender, engage, rejoiner, crmcom } as Record<string, StandIn>

const EMAIL = "erasmina.forgetsen@example.com"
const SYNCED = ["crmcom", "engage", "expertsender", "rejoiner"].map((platform) => [platform, "synced", null])

/** The requests each contact platform accepted since `marks` was taken. */
const acceptedSince = (marks: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(CONTACT_PLATFORMS).map(([id, standIn]) => [
      id,
      standIn.requests
        .slice(marks[id])
        .filter((request) => typeof request.answeredWith === "number" && request.answeredWith < 300),
    ])
  )
const marksNow = () =>
  Object.fromEntries(Object.entries(CONTACT_PLATFORMS).map(([id, standIn]) => [id, standIn.requests.length]))

/** After an erasure: the shopper's own acts reach the platforms again, and nothing else brings them back. */
engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    /** A shopper known to every contact platform, with one order; then erased through the admin route. */
    const syncedThenErased = async (container: MedusaContainer) => {
      const engagement = engagementOf(container)
      const shopper = await createShopper(api, seeded.store, EMAIL, { first_name: "Erasmina", last_name: "Forgetsen" })
      await contactSyncOf(container, shopper.customerId, "crmcom")
      const order = await placeOrder(api, seeded.store, {
        email: EMAIL,
        customerHeaders: shopper.headers,
        items: linesOf(seeded.store, [[PEN, 1]]),
      })
      // the order's work is one workflow whose statistics part comes first and its points last:
      // wait for both, and sync until the points' own contact change has gone out too
      await eventually(async () => {
        const [profile] = await engagement.listContactProfiles({ customer_id: shopper.customerId })
        const earned = await loyaltyOf(container).listLoyaltyTransactions({ order_id: order.id, type: "earn" })
        return profile?.order_count === 1 && earned.length === 1
      })
      const syncs = await eventually(async () => {
        await syncContactsNow(container)
        const rows = await engagement.listContactSyncs({ customer_id: shopper.customerId })
        return rows.every((row) => row.status === "synced") ? rows : undefined
      })
      expect(syncs.map((row) => [row.platform, row.status]).sort()).toEqual([
        ["crmcom", "synced"],
        ["engage", "synced"],
        ["expertsender", "synced"],
        ["rejoiner", "synced"],
      ])
      expect(await orderTotalsOf(container, shopper.customerId)).toHaveLength(1)

      const admin = await createAdminHeaders(container)
      const url = `/admin/engagement/contacts/${shopper.customerId}/erase`
      const erased = await api.post(url, { confirm: shopper.customerId }, admin)
      expect(erased.status).toBe(200)
      expect(erased.data.erased.order_totals).toBe(1)
      await eventually(async () => {
        await engagement.dispatchDueDeliveries()
        const rows = await engagement.listDeliveries({ subject_id: erased.data.erasure_id })
        return rows.length && rows.every((row) => row.status === "delivered")
      })
      // CRM.COM still holds the contact (its credentials, sealed in the erased sync, are gone): the
      // answer says to delete it there by hand, and the store owner does
      const crm = erased.data.platforms.find((platform: { id: string }) => platform.id === "crmcom")
      expect(crm.still_held.length).toBeGreaterThan(0)
      for (const [id, contact] of Object.entries(crmcom.contacts)) {
        if (JSON.stringify(contact).includes(EMAIL)) {
          delete crmcom.contacts[id]
        }
      }
      return { shopper, erasureId: erased.data.erasure_id as string }
    }

    /** Runs the contact sync until the customer's four contact syncs are settled (or 20 rounds): each platform's status and error. */
    const settledSyncsOf = async (container: MedusaContainer, customerId: string) => {
      const engagement = engagementOf(container)
      let syncs = await engagement.listContactSyncs({ customer_id: customerId })
      for (let round = 0; round < 20; round++) {
        await syncContactsNow(container)
        syncs = await engagement.listContactSyncs({ customer_id: customerId })
        if (syncs.length === 4 && syncs.every((row) => row.status === "synced" && !row.dirty)) {
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      return syncs.map((row) => [row.platform, row.status, row.last_error]).sort()
    }

    /** The customer's running order totals (no generated list method: they change only with the order facts). */
    const orderTotalsOf = async (container: MedusaContainer, customerId: string) => {
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw(
        `SELECT currency_code, order_count FROM engagement_order_total WHERE customer_id = ?`,
        [customerId]
      )
      return rows as { currency_code: string; order_count: number }[]
    }

    /** Deliveries whose idempotency key holds the text. */
    const keysHolding = async (container: MedusaContainer, text: string) => {
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw(
        `SELECT idempotency_key FROM engagement_delivery WHERE strpos(idempotency_key, ?) > 0`,
        [text]
      )
      return (rows as { idempotency_key: string }[]).map((row) => row.idempotency_key)
    }

    it("sends an erased shopper's own profile change to every platform, and no erased key names them", async () => {
      const container = getContainer()
      const engagement = engagementOf(container)
      const { shopper, erasureId } = await syncedThenErased(container)

      // the erased rows' keys lead back to no one; the running order totals are gone with the rest
      expect(await keysHolding(container, shopper.customerId)).toEqual([])
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      // (the stop calls, redacted once delivered, are keyed by the erasure)
      const { rows: redacted } = await pg.raw(
        `SELECT id, idempotency_key FROM engagement_delivery WHERE payload->>'redacted' IS NOT NULL AND subject_id IS DISTINCT FROM ?`,
        [erasureId]
      )
      expect(redacted.length).toBeGreaterThan(4)
      for (const row of redacted as { id: string; idempotency_key: string }[]) {
        expect(row.idempotency_key).toBe(`erased:${row.id}`)
      }
      expect(await orderTotalsOf(container, shopper.customerId)).toEqual([])

      const marks = marksNow()
      const changed = await api.post("/store/engagement/profile", { first_name: "Renata" }, shopper)
      expect(changed.status).toBe(200)
      expect(await settledSyncsOf(container, shopper.customerId)).toEqual(SYNCED)
      const received = acceptedSince(marks)
      for (const [id, requests] of Object.entries(received)) {
        expect([id, requests.some((request) => request.rawBody.includes("Renata"))]).toEqual([id, true])
      }
      const syncs = await engagement.listContactSyncs({ customer_id: shopper.customerId })
      expect(syncs.filter((row) => row.status === "syncing")).toEqual([])
    })

    it("reports a contact call whose outbox key is taken, and plans it again with the next key", async () => {
      const container = getContainer()
      const engagement = engagementOf(container)
      const shopper = await createShopper(api, seeded.store, EMAIL, { first_name: "Erasmina", last_name: "Forgetsen" })
      const sync = await contactSyncOf(container, shopper.customerId, "expertsender")
      await syncContactsNow(container)
      const before = (await engagement.listContactSyncs({ id: sync.id }))[0]
      // a row already holds the key the next call would take (a canceled row: nothing is sent for it)
      const key = `contact-sync:expertsender:${sync.id}:${before.step + 1}`
      const [taken] = await engagement.createDeliveries([
        {
          origin: "contact_sync",
          platform: "expertsender",
          operation: "upsert_customers",
          payload: {},
          idempotency_key: key,
          status: "canceled",
          max_attempts: 1,
          next_attempt_at: new Date(),
        },
      ])

      await api.post("/store/engagement/profile", { first_name: "Renata" }, shopper)
      // the change marks the contact for sync in its subscribers, after the answer: wait for the
      // mark (and any second one of the same change) so none lands after the planning below
      await eventually(async () => {
        const [marked] = await engagement.listContactSyncs({ id: sync.id })
        return marked.status === "pending" && marked.dirty
      })
      await new Promise((resolve) => setTimeout(resolve, 1500))
      await engagement.updateContactSyncs({ id: sync.id, due_at: new Date(Date.now() - 1000) })
      const planned = await engagement.syncDueContacts({ platforms: ["expertsender"] })
      expect(planned.collisions).toEqual([
        { platform: "expertsender", idempotency_key: key, delivery_id: taken.id, contact_sync_ids: [sync.id] },
      ])
      const reported = (await engagement.listContactSyncs({ id: sync.id }))[0]
      expect([reported.status, reported.dirty, reported.in_flight_delivery_id]).toEqual(["error", true, null])
      expect(reported.last_error).toContain(key)
      expect(reported.last_error).toContain(taken.id)

      const marks = marksNow()
      await syncContactsNow(container)
      const after = (await engagement.listContactSyncs({ id: sync.id }))[0]
      expect([after.status, after.last_error]).toEqual(["synced", null])
      expect(acceptedSince(marks).expertsender.some((request) => request.rawBody.includes("Renata"))).toBe(true)
    })

    it("rebuilds and sends nothing of an erased shopper in the backfills, until they place an order", async () => {
      const container = getContainer()
      const engagement = engagementOf(container)
      const loyalty = loyaltyOf(container)
      const { shopper } = await syncedThenErased(container)
      const marks = marksNow()

      // every bulk path: profiles, each platform's backfill, referral codes, the statistics rebuild, the sync job
      await backfillContactProfiles(container)
      for (const platform of Object.keys(CONTACT_PLATFORMS)) {
        await backfillContacts(container, { platform })
      }
      await backfillReferralCodes(container)
      await rebuildContactStatistics(container)
      await engagement.markContactsForSync([shopper.customerId])
      await syncContactsNow(container)
      await engagement.dispatchDueDeliveries()

      const held = async (session: CustomerSession) => ({
        profiles: await engagement.listContactProfiles({ customer_id: session.customerId }),
        syncs: await engagement.listContactSyncs({ customer_id: session.customerId }),
        facts: await engagement.listOrderFacts({ customer_id: session.customerId }),
        totals: await orderTotalsOf(container, session.customerId),
        codes: await loyalty.listLoyaltyReferralCodes({ customer_id: session.customerId }),
      })
      expect(await held(shopper)).toEqual({ profiles: [], syncs: [], facts: [], totals: [], codes: [] })
      expect(acceptedSince(marks)).toEqual({ expertsender: [], engage: [], rejoiner: [], crmcom: [] })

      // the shopper orders again: they are a contact again, sent to the platforms
      await placeOrder(api, seeded.store, {
        email: EMAIL,
        customerHeaders: shopper.headers,
        items: linesOf(seeded.store, [[PEN, 2]]),
      })
      const [profile] = await eventually(async () => {
        const rows = await engagement.listContactProfiles({ customer_id: shopper.customerId })
        return rows[0]?.order_count === 1 ? rows : undefined
      })
      expect(profile.email).toBe(EMAIL)
      expect(await settledSyncsOf(container, shopper.customerId)).toEqual(SYNCED)
      const received = acceptedSince(marks)
      for (const [id, requests] of Object.entries(received)) {
        expect([id, requests.length > 0]).toEqual([id, true])
      }
      expect(received.expertsender.some((request) => request.rawBody.includes(EMAIL))).toBe(true)
    })
  },
})
