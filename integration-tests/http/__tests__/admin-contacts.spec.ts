import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { adjustPoints, loyaltyOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually } from "../../helpers/stand-ins"
import {
  createAdminHeaders,
  createShippableCart,
  createShopper,
  linesOf,
  PEN,
  RequestConfig,
} from "../../helpers/store"

jest.setTimeout(240_000)

/** The admin's contacts API: upserts and look-ups, refusals that change nothing, consent changes and the export. */
engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    beforeEach(async () => {
      await createShopper(api, seeded.store, "ada@example.com")
    })

    describe("admin contacts", () => {
      const grace = {
        email: "Grace@Example.com",
        phone: "+1 555 0100 99",
        crmId: "CRM-42",
        firstName: "Grace",
        lastName: "Hopper",
        dateOfBirth: "1906-12-09T00:00:00.000Z",
        gender: "Female",
        customAttributes: [{ name: "tier", value: "gold" }],
      }

      /** An admin's headers, and Grace's contact made (or updated) by that admin. */
      async function graceAsAdmin() {
        const admin = await createAdminHeaders(getContainer())
        const { data } = await api.post(
          "/admin/engagement/contacts",
          { mode: "AddOrUpdate", matchBy: "Email", data: [grace] },
          admin
        )
        return { admin, id: data.contacts[0].id as string }
      }

      it("upserts the ExpertSender way and looks contacts up by id, customer id, email, phone and CRM id", async () => {
        const admin = await createAdminHeaders(getContainer())
        const created = await api.post(
          "/admin/engagement/contacts",
          { mode: "AddOrUpdate", matchBy: "Email", data: [grace] },
          admin
        )
        const [contact] = created.data.contacts
        expect(contact).toEqual(
          expect.objectContaining({
            email: "grace@example.com",
            phone: "+1555010099",
            crm_id: "CRM-42",
            gender: "Female",
            custom_attributes: { tier: "gold" },
          })
        )
        const [customer] = await getContainer().resolve(Modules.CUSTOMER).listCustomers({ email: "grace@example.com" })
        expect(customer).toEqual(
          expect.objectContaining({ id: contact.customer_id, first_name: "Grace", last_name: "Hopper" })
        )

        const lookup = (body: Record<string, unknown>) => api.post("/admin/engagement/contacts/lookup", body, admin)
        for (const found of [
          await api.get(`/admin/engagement/contacts/${contact.id}`, admin),
          await api.get(`/admin/engagement/contacts/${contact.customer_id}`, admin),
          await lookup({ email: "GRACE@example.com" }),
          await lookup({ phone: "+1 555 010 099" }),
          await api.get(`/admin/engagement/contacts/crm-id/CRM-42`, admin),
        ]) {
          expect(found.data.contact).toEqual(
            expect.objectContaining({
              id: contact.id,
              order_count: 0,
              consents: expect.any(Array),
              consent_history: [],
            })
          )
        }
        expect((await api.get(`/admin/engagement/contacts?crm_id=CRM-42`, admin)).data.count).toBe(1)
        const nobody = await responseOf(lookup({ email: "nobody@example.com" }))
        expect([nobody.status, nobody.data.message]).toEqual([404, "No contact with this email"])
        for (const body of [{}, { email: "grace@example.com", phone: "+1555010099" }]) {
          const refused = await responseOf(lookup(body))
          expect([refused.status, refused.data.message]).toEqual([400, "body: give exactly one of email or phone"])
        }

        // the lookups with an email or phone in the path (and so in Medusa's access log) still answer, deprecated
        for (const path of [
          `/admin/engagement/contacts/email/${encodeURIComponent("GRACE@example.com")}`,
          `/admin/engagement/contacts/phone/${encodeURIComponent("+1555010099")}`,
        ]) {
          const old = await api.get(path, admin)
          expect(old.data.contact.id).toBe(contact.id)
          expect(old.headers.deprecation).toMatch(/^@\d+$/)
          expect(old.headers.link).toBe('</admin/engagement/contacts/lookup>; rel="successor-version"')
        }
        expect((await responseOf(api.get(`/admin/engagement/contacts/email/nobody@example.com`, admin))).status).toBe(
          404
        )
        expect((await responseOf(api.get(`/admin/engagement/contacts/engcp_missing`, admin))).status).toBe(404)
      })

      it("refuses Add on an existing contact and Update on a missing one, enforces the API's limits, and changes nothing then", async () => {
        const admin = await createAdminHeaders(getContainer())
        await api.post("/admin/engagement/contacts", { mode: "Add", matchBy: "Email", data: [grace] }, admin)

        const again = await responseOf(
          api.post("/admin/engagement/contacts", { mode: "Add", matchBy: "Email", data: [grace] }, admin)
        )
        expect(again.status).toBe(409)
        const missing = await responseOf(
          api.post(
            "/admin/engagement/contacts",
            { mode: "Update", matchBy: "CrmId", data: [{ crmId: "CRM-404", firstName: "X" }] },
            admin
          )
        )
        expect(missing.status).toBe(404)
        const tooLong = await responseOf(
          api.post(
            "/admin/engagement/contacts",
            { mode: "AddOrUpdate", matchBy: "Email", data: [{ email: "x@example.com", phone: "1".repeat(21) }] },
            admin
          )
        )
        expect(tooLong.status).toBe(400)
        expect(tooLong.data.message).toContain("phone")
        const badMode = await responseOf(
          api.post("/admin/engagement/contacts", { mode: "Upsert", matchBy: "Email", data: [grace] }, admin)
        )
        expect(badMode.status).toBe(400)
        expect(badMode.data.message).toContain("mode")

        const updated = await api.post(
          "/admin/engagement/contacts",
          { mode: "Update", matchBy: "CrmId", data: [{ crmId: "CRM-42", lastName: "Murray Hopper" }] },
          admin
        )
        expect(updated.data.contacts[0]).toEqual(
          expect.objectContaining({ last_name: "Murray Hopper", first_name: "Grace" })
        )
        const [customer] = await getContainer().resolve(Modules.CUSTOMER).listCustomers({ email: "grace@example.com" })
        expect(customer.last_name).toBe("Murray Hopper")
        expect((await api.get(`/admin/engagement/contacts?email=grace@example.com`, admin)).data.count).toBe(1)
      })

      it("records an admin's consent change with the admin as source, and exports everything held about the customer", async () => {
        const { admin, id } = await graceAsAdmin()
        const recorded = await api.post(
          `/admin/engagement/contacts/${id}/consents`,
          { consents: [{ purpose: "sms_marketing", value: "True", info: { where: "phone call" } }] },
          admin
        )
        expect(recorded.data.contact.consents).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ purpose: "sms_marketing", value: "True", source: "admin" }),
          ])
        )
        expect(recorded.data.contact.consent_history[0]).toEqual(
          expect.objectContaining({ source: "admin", actor_type: "user", actor_id: expect.stringMatching(/^user_/) })
        )

        const exported = await api.get(`/admin/engagement/contacts/${id}/export`, admin)
        expect(exported.headers["content-disposition"]).toContain("attachment")
        expect(exported.data).toEqual(
          expect.objectContaining({
            contact: expect.objectContaining({
              id,
              consent_history: [expect.objectContaining({ purpose: "sms_marketing" })],
            }),
            review_requests: [],
            deliveries: [],
            order_facts: [],
          })
        )
        expect((await responseOf(api.get(`/admin/engagement/contacts/${id}/export`))).status).toBe(401)
        expect(
          (await responseOf(api.post(`/admin/engagement/contacts`, { mode: "Add", matchBy: "Email", data: [grace] })))
            .status
        ).toBe(401)
      })

      it("shows a contact's latest 50 consent changes and its current values; the export holds every change", async () => {
        const { admin, id } = await graceAsAdmin()
        const values = Array.from({ length: 55 }, (_, n) => (n % 2 ? "False" : "True"))
        for (const value of values) {
          await api.post(
            `/admin/engagement/contacts/${id}/consents`,
            { consents: [{ purpose: "sms_marketing", value }] },
            admin
          )
        }
        const { data: view } = await api.get(`/admin/engagement/contacts/${id}`, admin)
        expect(view.contact.consent_history).toHaveLength(50)
        expect(view.contact.consent_history_more).toBe(true)
        // newest first: the last change (the 55th, "True") leads
        expect(view.contact.consent_history.map((row: { value: string }) => row.value)).toEqual(
          [...values].reverse().slice(0, 50)
        )
        expect(view.contact.consents).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ purpose: "sms_marketing", value: "True", source: "admin" }),
          ])
        )
        const { data: exported } = await api.get(`/admin/engagement/contacts/${id}/export`, admin)
        expect(exported.contact.consent_history).toHaveLength(55)
        expect(exported.contact.consent_history_more).toBe(false)
      })

      it("exports the customer's loyalty account, ledger, holds, preferences, referrals and scheme rows", async () => {
        const container = getContainer()
        const admin = await createAdminHeaders(container)
        const carl = await createShopper(api, seeded.store, "carl@example.com", {
          first_name: "Carl",
          last_name: "Advocate",
        })
        const ada = await createShopper(api, seeded.store, "ada.export@example.com")
        const bob = await createShopper(api, seeded.store, "bob@example.com", {
          first_name: "Bob",
          last_name: "Referee",
        })
        const codeOf = async (session: RequestConfig) =>
          await eventually(async () => (await api.get("/store/engagement/referral", session)).data.referral?.code)
        const [carlCode, adaCode] = [await codeOf(carl), await codeOf(ada)]

        // the ledger and a hold on a cart; an automatic-spend preference
        expect((await adjustPoints(api, admin, ada.customerId, 1000)).status).toBe(201)
        const cartId = await createShippableCart(api, seeded.store, {
          customerHeaders: ada.headers,
          items: linesOf(seeded.store, [[PEN, 1]]),
        })
        await api.post(`/store/carts/${cartId}/loyalty-points`, { points: 100 }, ada)
        await api.post(
          "/store/engagement/loyalty/preferences",
          { auto_spend: { enabled: true, minimum_points: 200 } },
          ada
        )
        // a claim of theirs, a claim of their code, an invitation they sent
        await responseOf(api.post("/store/engagement/referral/claim", { code: carlCode }, ada))
        await responseOf(api.post("/store/engagement/referral/claim", { code: adaCode }, bob))
        await api.post("/store/engagement/referral/invitations", { emails: ["a-friend@example.com"] }, ada)
        // a scheme membership and a pending verification, as a sign-up leaves them
        const loyalty = loyaltyOf(container)
        await loyalty.createLoyaltySchemeMemberships({
          customer_id: ada.customerId,
          scheme_id: "open-scheme",
          email: "ada.export@example.com",
        })
        await loyalty.createLoyaltySchemeVerifications({
          customer_id: ada.customerId,
          scheme_id: "closed-scheme",
          email: "ada.export@example.com",
          code_hash: "secret-code-hash",
          expires_at: new Date(Date.now() + 3_600_000),
        })

        const exported = await eventually(async () => {
          const answer = await responseOf(api.get(`/admin/engagement/contacts/${ada.customerId}/export`, admin))
          return answer.status === 200 ? answer.data : undefined
        })
        expect(exported.contact.customer_id).toBe(ada.customerId)
        expect(exported.loyalty.account).toEqual(
          expect.objectContaining({ customer_id: ada.customerId, balance: 900, reserved: 100 })
        )
        expect(exported.loyalty.transactions).toEqual([
          expect.objectContaining({ customer_id: ada.customerId, points: 1000, reason: "welcome" }),
        ])
        expect(exported.loyalty.reservations).toEqual([
          expect.objectContaining({ cart_id: cartId, points: 100, status: "held" }),
        ])
        expect(exported.loyalty.preferences).toEqual(
          expect.objectContaining({ auto_spend_enabled: true, auto_spend_minimum_points: 200 })
        )
        expect(exported.referrals.codes).toEqual([expect.objectContaining({ code: adaCode })])
        expect(exported.referrals.claimed).toEqual([
          expect.objectContaining({ code: carlCode, advocate_customer_id: carl.customerId }),
        ])
        // the shopper they referred is someone else: neither id nor email
        expect(exported.referrals.made).toEqual([expect.objectContaining({ code: adaCode })])
        expect(JSON.stringify(exported.referrals.made)).not.toMatch(/bob|Referee/)
        expect(JSON.stringify(exported.referrals.made)).not.toContain(bob.customerId)
        expect(exported.referrals.invitations_sent).toEqual([
          expect.objectContaining({ email: "a-friend@example.com" }),
        ])
        expect(exported.schemes.memberships).toEqual([expect.objectContaining({ scheme_id: "open-scheme" })])
        expect(exported.schemes.verifications).toEqual([expect.objectContaining({ scheme_id: "closed-scheme" })])
        expect(JSON.stringify(exported)).not.toContain("secret-code-hash")
        // nothing of another customer's loyalty
        expect(JSON.stringify(exported.loyalty)).not.toContain(carl.customerId)
      })
    })
  },
})
