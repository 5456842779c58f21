import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { backfillContactProfiles } from "../../../src/scripts/backfill-contacts"
import type { StoreEngagementProfileResponse } from "../../../src/types/store"
import { engagementOf } from "../../helpers/engagement"
import { eventually } from "../../helpers/stand-ins"
import { createCustomerSession } from "../../helpers/store"

jest.setTimeout(180_000)

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    /** Every row of the profile table, soft-deleted ones too: a write of any kind changes the count. */
    const profileRows = async () => {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw("SELECT count(*)::int AS n FROM engagement_contact_profile")
      return rows[0].n as number
    }

    it("makes the profile on customer.created, and the store GET only reads", async () => {
      const shopper = await createCustomerSession(api, seeded.store, {
        email: "grace@example.com",
        password: "secret-password",
        first_name: "Grace",
        last_name: "Hopper",
      })
      const engagement = engagementOf(getContainer())
      const made = await eventually(
        async () => (await engagement.listContactProfiles({ customer_id: shopper.customerId }))[0]
      )
      expect(made).toEqual(
        expect.objectContaining({ email: "grace@example.com", first_name: "Grace", last_name: "Hopper" })
      )

      const rows = await profileRows()
      const { profile } = (await api.get("/store/engagement/profile", shopper)).data as StoreEngagementProfileResponse
      expect(profile).toEqual(
        expect.objectContaining({ email: "grace@example.com", first_name: "Grace", order_count: 0 })
      )
      expect(await profileRows()).toBe(rows)
    })

    it("answers a customer without a profile from the Medusa customer, writing nothing; the backfill makes it", async () => {
      const shopper = await createCustomerSession(api, seeded.store, {
        email: "ada@example.com",
        password: "secret-password",
        first_name: "Ada",
        last_name: "Lovelace",
      })
      const engagement = engagementOf(getContainer())
      const made = await eventually(
        async () => (await engagement.listContactProfiles({ customer_id: shopper.customerId }))[0]
      )
      // as a customer from before the plugin was installed: no profile at all
      await engagement.deleteContactProfiles(made.id)
      const rows = await profileRows()

      for (let read = 0; read < 2; read++) {
        const { profile } = (await api.get("/store/engagement/profile", shopper)).data as StoreEngagementProfileResponse
        expect(profile).toEqual({
          email: "ada@example.com",
          phone: null,
          first_name: "Ada",
          last_name: "Lovelace",
          date_of_birth: null,
          gender: null,
          custom_attributes: {},
          total_spent: 0,
          order_count: 0,
          return_count: 0,
          average_order_value: 0,
          first_order_at: null,
          last_order_at: null,
          currency_code: null,
        })
      }
      expect(await profileRows()).toBe(rows)
      expect(await engagement.listContactProfiles({ customer_id: shopper.customerId })).toHaveLength(0)

      const first = await backfillContactProfiles(getContainer(), { pageSize: 1 })
      expect(first).toEqual({ seen: 1, created: 1 })
      const [backfilled] = await engagement.listContactProfiles({ customer_id: shopper.customerId })
      expect(backfilled).toEqual(
        expect.objectContaining({ email: "ada@example.com", first_name: "Ada", last_name: "Lovelace" })
      )
      // a second run finds nothing to make
      expect(await backfillContactProfiles(getContainer())).toEqual({ seen: 1, created: 0 })
      expect(await profileRows()).toBe(rows + 1)
    })
  },
})
