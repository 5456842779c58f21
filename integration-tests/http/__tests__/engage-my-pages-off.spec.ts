import { medusaIntegrationTestRunner } from "../../helpers/runner"
import { responseOf } from "../../helpers/http"
import { useTestPlatforms } from "../../helpers/stand-ins"
import { createCustomerSession, seedTestStore } from "../../helpers/store"

jest.setTimeout(240_000)

// Recensus and Rejoiner only: Voyado Engage is not configured
useTestPlatforms()

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    it("answers My pages with a 404 saying Voyado Engage is not configured on this store", async () => {
      const store = await seedTestStore(getContainer())
      const shopper = await createCustomerSession(api, store, {
        email: "ada@example.com",
        password: "secret-password",
        first_name: "Ada",
        last_name: "Byron",
      })
      for (const path of ["/store/engagement/promotions", "/store/engagement/purchases"]) {
        const answer = await responseOf(api.get(path, shopper))
        expect(answer.status).toBe(404)
        expect(answer.data).toEqual({
          type: "not_found",
          message: "engagement: no platform for My pages is configured on this store",
        })
      }
    })
  },
})
