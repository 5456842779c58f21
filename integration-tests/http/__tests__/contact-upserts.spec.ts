import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { upsertContactsWorkflow } from "../../../src/workflows/contacts/workflows/upsert-contacts"
import { customerRecord, engagementOf, profileRecord } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders } from "../../helpers/store"
import { thenFail } from "../../helpers/fail-after"

jest.setTimeout(240_000)

useTestPlatforms({ ENGAGEMENT_CONTACT_SYNC_WINDOW: "1h" }, { contacts: true })

// the shipped workflow followed by a failing step: its compensation must put every record back
const upsertContactsThenFail = thenFail("upsert-contacts", upsertContactsWorkflow)

/** The admin's contact upsert: refused input and conflicts, all-or-nothing batches, undo on failure, concurrent writers. */
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

    describe("the admin's contact upsert", () => {
      const admin = () => createAdminHeaders(getContainer())

      it("refuses values PostgreSQL cannot store with a 400 naming the field, creating no one", async () => {
        for (const [entry, field] of [
          [{ email: "nul@example.com", crmId: "CRM\u0000" }, "crmId"],
          [{ email: "nul@example.com", firstName: "\ud800" }, "firstName"],
          [{ email: "nul@example.com", customAttributes: [{ name: "tier", value: "gold\u0000" }] }, "customAttributes"],
          [{ email: "nul@example.com", dateOfBirth: "1990-02-30" }, "dateOfBirth"],
        ] as const) {
          const answer = await responseOf(
            api.post(
              "/admin/engagement/contacts",
              { mode: "AddOrUpdate", matchBy: "Email", data: [entry] },
              await admin()
            )
          )
          expect({ field, status: answer.status }).toEqual({ field, status: 400 })
          expect(answer.data.message).toContain(field)
        }
        expect(await customers().listCustomers({ email: "nul@example.com" })).toEqual([])
      })

      it("refuses a CRM id upsert whose email belongs to another customer with a 409 naming it, and creates no one", async () => {
        const answer = await responseOf(
          api.post(
            "/admin/engagement/contacts",
            {
              mode: "AddOrUpdate",
              matchBy: "CrmId",
              data: [{ crmId: "CRM-7", email: "ADA@example.com", firstName: "Eve" }],
            },
            await admin()
          )
        )
        expect(answer.status).toBe(409)
        expect(answer.data.message).toContain("data.0.email")
        expect((await customers().listCustomers({ email: "ada@example.com" })).map((customer) => customer.id)).toEqual([
          seeded.shopper.customerId,
        ])
        expect(await engagementOf(getContainer()).listContactProfiles({ crm_id: "CRM-7" })).toEqual([])
        expect((await customerRecord(getContainer(), seeded.shopper.customerId)).first_name).toBe("Ada")
      })

      it("refuses a phone that belongs to another contact, and two entries of one batch claiming one email", async () => {
        const phone = await responseOf(
          api.post(
            "/admin/engagement/contacts",
            { mode: "AddOrUpdate", matchBy: "Email", data: [{ email: "grace@example.com", phone: "+442079460000" }] },
            await admin()
          )
        )
        expect(phone.status).toBe(409)
        expect(phone.data.message).toContain("data.0.phone")
        const twice = await responseOf(
          api.post(
            "/admin/engagement/contacts",
            {
              mode: "AddOrUpdate",
              matchBy: "CrmId",
              data: [
                { crmId: "A", email: "x@example.com" },
                { crmId: "B", email: "X@example.com" },
              ],
            },
            await admin()
          )
        )
        expect(twice.status).toBe(409)
        expect(twice.data.message).toContain("data.1.email")
        expect(await customers().listCustomers({ email: ["grace@example.com", "x@example.com"] })).toEqual([])
      })

      it("gives a contact matched by CRM id a new email on the customer and the profile alike", async () => {
        const headers = await admin()
        await api.post(
          "/admin/engagement/contacts",
          { mode: "Update", matchBy: "Email", data: [{ email: "ada@example.com", crmId: "CRM-ADA" }] },
          headers
        )
        const { data } = await api.post(
          "/admin/engagement/contacts",
          { mode: "Update", matchBy: "CrmId", data: [{ crmId: "CRM-ADA", email: "Augusta@example.com" }] },
          headers
        )
        expect(data.contacts[0]).toEqual(
          expect.objectContaining({ customer_id: seeded.shopper.customerId, email: "augusta@example.com" })
        )
        expect((await customerRecord(getContainer(), seeded.shopper.customerId)).email).toBe("augusta@example.com")
        // the customer.updated event's copy of the customer onto the profile keeps the new email
        await new Promise((resolve) => setTimeout(resolve, 500))
        expect((await profileRecord(getContainer(), seeded.shopper.customerId)).email).toBe("augusta@example.com")
      })

      it("writes a batch all or nothing: a refused second entry leaves no customer or profile of the first", async () => {
        const answer = await responseOf(
          api.post(
            "/admin/engagement/contacts",
            {
              mode: "AddOrUpdate",
              matchBy: "CrmId",
              data: [
                { crmId: "CRM-1", email: "new@example.com", firstName: "New" },
                { crmId: "CRM-2", email: "ada@example.com" },
              ],
            },
            await admin()
          )
        )
        expect(answer.status).toBe(409)
        expect(await customers().listCustomers({ email: "new@example.com" })).toEqual([])
        expect(await engagementOf(getContainer()).listContactProfiles({ email: "new@example.com" })).toEqual([])
      })

      it("undoes a whole batch field by field when a step after it fails: created customers and profiles go, updated ones come back", async () => {
        const customerBefore = await customerRecord(getContainer(), seeded.shopper.customerId)
        const profileBefore = await profileRecord(getContainer(), seeded.shopper.customerId)
        const { errors } = await upsertContactsThenFail(getContainer()).run({
          input: {
            mode: "AddOrUpdate",
            matchBy: "Email",
            data: [
              {
                email: "ada@example.com",
                firstName: "Augusta",
                lastName: "King",
                crmId: "CRM-ADA",
                gender: "Female",
                customAttributes: [{ name: "tier", value: "gold" }],
              },
              { email: "grace@example.com", firstName: "Grace", phone: "+15550100" },
            ],
          },
          throwOnError: false,
        })
        expect(errors.map((error) => error.error.message)).toEqual(["a later step failed"])
        expect(await customerRecord(getContainer(), seeded.shopper.customerId)).toEqual(customerBefore)
        expect(await profileRecord(getContainer(), seeded.shopper.customerId)).toEqual(profileBefore)
        expect(await customers().listCustomers({ email: "grace@example.com" })).toEqual([])
        expect(await engagementOf(getContainer()).listContactProfiles({ email: "grace@example.com" })).toEqual([])
      })

      it("marks every contact it creates or changes for sync, like any other contact", async () => {
        const { data } = await api.post(
          "/admin/engagement/contacts",
          { mode: "Add", matchBy: "Email", data: [{ email: "grace@example.com", firstName: "Grace" }] },
          await admin()
        )
        const syncs = await engagementOf(getContainer()).listContactSyncs({ customer_id: data.contacts[0].customer_id })
        expect(syncs.map((row) => row.platform).sort()).toEqual(["crmcom", "engage", "expertsender", "rejoiner"].sort())
        expect(syncs.every((row) => row.dirty)).toBe(true)
      })

      it("serialises 20 simultaneous AddOrUpdate calls for one new email: one create, 19 updates, one customer and one profile that agree", async () => {
        const headers = await admin()
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            responseOf(
              api.post(
                "/admin/engagement/contacts",
                {
                  mode: "AddOrUpdate",
                  matchBy: "Email",
                  data: [{ email: "grace@example.com", firstName: `Grace ${index}`, lastName: "Hopper" }],
                },
                headers
              )
            )
          )
        )
        expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200))
        const found = await customers().listCustomers({ email: "grace@example.com" })
        expect(found).toHaveLength(1)
        const profiles = await engagementOf(getContainer()).listContactProfiles({ email: "grace@example.com" })
        expect(profiles).toHaveLength(1)
        expect(profiles[0]).toEqual(
          expect.objectContaining({ customer_id: found[0].id, first_name: found[0].first_name, last_name: "Hopper" })
        )
      })

      it("serialises 20 simultaneous updates of one contact from the admin and the shopper: the customer and the profile end equal", async () => {
        const headers = await admin()
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            index % 2
              ? responseOf(
                  api.post(
                    "/admin/engagement/contacts",
                    {
                      mode: "Update",
                      matchBy: "Email",
                      data: [{ email: "ada@example.com", firstName: `Admin ${index}`, lastName: `L${index}` }],
                    },
                    headers
                  )
                )
              : responseOf(
                  api.post(
                    "/store/engagement/profile",
                    { first_name: `Shopper ${index}`, last_name: `L${index}` },
                    seeded.shopper
                  )
                )
          )
        )
        expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200))
        const customer = await customerRecord(getContainer(), seeded.shopper.customerId)
        const profile = await profileRecord(getContainer(), seeded.shopper.customerId)
        expect({ first_name: profile.first_name, last_name: profile.last_name }).toEqual({
          first_name: customer.first_name,
          last_name: customer.last_name,
        })
        expect(await engagementOf(getContainer()).listContactProfiles({ email: "ada@example.com" })).toHaveLength(1)
      })
    })
  },
})
