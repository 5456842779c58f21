import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { updateShopperProfileWorkflow } from "../../../src/workflows/contacts/workflows/update-shopper-profile"
import { customerRecord, profileRecord, syncContactsNow } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders, createShopper, placeOrder } from "../../helpers/store"
import { thenFail } from "../../helpers/fail-after"

jest.setTimeout(240_000)

const platforms = useTestPlatforms({ ENGAGEMENT_CONTACT_SYNC_WINDOW: "1h" }, { contacts: true })

// the shipped workflows followed by a failing step: their compensation must put every record back
const updateShopperProfileThenFail = thenFail("update-shopper-profile", updateShopperProfileWorkflow)

/** Writes to the shopper's profile: refused input, conflicts, undo on failure, dates of birth, a guest's name. */
engagementSuite({
  shopper: "ada@example.com",
  testSuite: ({ api, getContainer }, seeded) => {
    beforeEach(async () => {
      // the customer.created subscriber makes the profile; let it finish before taking "before"
      await eventually(async () => profileRecord(getContainer(), seeded.shopper.customerId))
      await api.post(
        "/store/engagement/profile",
        { phone: "+44 20 7946 0000", date_of_birth: "1915-12-10" },
        seeded.shopper
      )
    })

    const customers = () => getContainer().resolve(Modules.CUSTOMER)

    describe("the shopper's profile", () => {
      it("refuses values PostgreSQL cannot store with a 400 naming the field, before writing anything", async () => {
        const customerBefore = await customerRecord(getContainer(), seeded.shopper.customerId)
        const profileBefore = await profileRecord(getContainer(), seeded.shopper.customerId)
        for (const [body, field] of [
          [{ first_name: "Augusta", custom_attributes: { shoe_size: "38\u0000" } }, "custom_attributes"],
          [{ first_name: "Augusta", custom_attributes: { "size\u0000": "38" } }, "custom_attributes"],
          [{ first_name: "Aug\u0000usta" }, "first_name"],
          [{ first_name: "Augusta", last_name: "K\ud800ing" }, "last_name"],
          [{ first_name: "Augusta", date_of_birth: "1915-02-30" }, "date_of_birth"],
        ] as const) {
          const answer = await responseOf(api.post("/store/engagement/profile", body, seeded.shopper))
          expect({ field, status: answer.status }).toEqual({ field, status: 400 })
          expect(answer.data.message).toContain(field)
        }
        expect(await customerRecord(getContainer(), seeded.shopper.customerId)).toEqual(customerBefore)
        expect(await profileRecord(getContainer(), seeded.shopper.customerId)).toEqual(profileBefore)
      })

      it("refuses another contact's phone with a 409 that names the field and not the other contact, changing nothing", async () => {
        const grace = await createShopper(api, seeded.store, "grace@example.com", {
          first_name: "Grace",
          last_name: "Hopper",
        })
        await eventually(async () => profileRecord(getContainer(), grace.customerId))
        const customerBefore = await customerRecord(getContainer(), grace.customerId)
        const profileBefore = await profileRecord(getContainer(), grace.customerId)
        const answer = await responseOf(
          api.post("/store/engagement/profile", { first_name: "Eve", phone: "+44 20 7946 0000" }, grace)
        )
        expect(answer.status).toBe(409)
        expect(answer.data.message).toContain("phone")
        expect(answer.data.message).not.toContain(seeded.shopper.customerId)
        expect(await customerRecord(getContainer(), grace.customerId)).toEqual(customerBefore)
        expect(await profileRecord(getContainer(), grace.customerId)).toEqual(profileBefore)
        // the owner may send their own phone again
        expect(
          (await responseOf(api.post("/store/engagement/profile", { phone: "+442079460000" }, seeded.shopper))).status
        ).toBe(200)
      })

      it("puts the customer and the profile back field by field when a step after the update fails", async () => {
        const customerBefore = await customerRecord(getContainer(), seeded.shopper.customerId)
        const profileBefore = await profileRecord(getContainer(), seeded.shopper.customerId)
        expect(customerBefore).toEqual(
          expect.objectContaining({ email: "ada@example.com", last_name: "Lovelace", phone: "+442079460000" })
        )

        const { errors } = await updateShopperProfileThenFail(getContainer()).run({
          input: {
            customer_id: seeded.shopper.customerId,
            profile: { first_name: "Augusta", phone: "+48500600700", gender: "Female", date_of_birth: "1990-01-01" },
          },
          throwOnError: false,
        })
        expect(errors.map((error) => error.error.message)).toEqual(["a later step failed"])
        expect(await customerRecord(getContainer(), seeded.shopper.customerId)).toEqual(customerBefore)
        expect(await profileRecord(getContainer(), seeded.shopper.customerId)).toEqual(profileBefore)
      })

      it("keeps a date of birth a date: the day sent is the day stored, answered and sent to the platforms", async () => {
        const answer = await api.post("/store/engagement/profile", { date_of_birth: "1990-12-10" }, seeded.shopper)
        expect(answer.data.profile.date_of_birth).toBe("1990-12-10")
        expect((await api.get("/store/engagement/profile", seeded.shopper)).data.profile.date_of_birth).toBe(
          "1990-12-10"
        )
        const admin = await createAdminHeaders(getContainer())
        expect(
          (await api.get(`/admin/engagement/contacts/${seeded.shopper.customerId}`, admin)).data.contact.date_of_birth
        ).toBe("1990-12-10")

        // ExpertSender's dateOfBirth is a date-time: the day at midnight UTC
        const upserted = await api.post(
          "/admin/engagement/contacts",
          {
            mode: "Update",
            matchBy: "Email",
            data: [{ email: "ada@example.com", dateOfBirth: "1915-12-10T00:00:00+02:00" }],
          },
          admin
        )
        expect(upserted.data.contacts[0].date_of_birth).toBe("1915-12-10")
        await syncContactsNow(getContainer())
        const sent = platforms.expertsender
          .acceptedCallsTo("upsert_customers")
          .flatMap((call) => (call.body as any).data)
        expect(sent.at(-1)).toEqual(
          expect.objectContaining({ email: "ada@example.com", dateOfBirth: "1915-12-10T00:00:00.000Z" })
        )
      })
    })

    it("names a guest's profile after the checkout's billing address when the customer has no name", async () => {
      await placeOrder(api, seeded.store, {
        email: "guest@example.com",
        items: [{ variant_id: seeded.store.products[0].variants[0].id, quantity: 1 }],
      })
      const [guest] = await customers().listCustomers({ email: "guest@example.com" })
      expect(guest).toEqual(expect.objectContaining({ first_name: null, last_name: null, has_account: false }))
      // the statistics and the name are two steps of the order's workflow: wait for the second too
      const profile = await eventually(async () => {
        const current = await profileRecord(getContainer(), guest.id)
        return current?.order_count === 1 && current.first_name !== null ? current : undefined
      })
      expect(profile).toEqual(expect.objectContaining({ first_name: "Test", last_name: "Shopper" }))
      // a later change of the customer (which has no name) does not take the checkout's name away
      await customers().updateCustomers(guest.id, { metadata: { note: "x" } })
      await getContainer()
        .resolve(Modules.EVENT_BUS)
        .emit({ name: "customer.updated", data: { id: guest.id } })
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(await profileRecord(getContainer(), guest.id)).toEqual(
        expect.objectContaining({ first_name: "Test", last_name: "Shopper" })
      )
    })
  },
})
