import path from "node:path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import type EngagementModuleService from "../../../src/modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../src/provider-api/provider"

jest.setTimeout(120_000)

moduleIntegrationTestRunner<EngagementModuleService>({
  moduleName: ENGAGEMENT_MODULE,
  resolve: path.join(__dirname, "../../../src/modules/engagement"),
  pathToMigrations: path.join(__dirname, "../../../src/modules/engagement/migrations"),
  moduleOptions: { consents: { link_secret: "checkout-outcome-test-secret-0123456789abcdefgh" } },
  testSuite: ({ service }) => {
    it("restores a checkout row to what it was, and removes one the save made", async () => {
      await service.noteCheckoutActor("cart_1", "cus_1")
      const [noted] = await service.listCheckouts({ cart_id: "cart_1" })
      expect(noted).toEqual(expect.objectContaining({ order_id: null, consents: null }))

      const undo = await service.saveCheckoutOutcome({
        cart_id: "cart_1",
        order_id: "order_1",
        consents: { email_marketing: "recorded" },
      })
      expect(undo).toEqual({
        id: noted.id,
        previous: expect.objectContaining({ id: noted.id, order_id: null, consents: null }),
      })
      expect(await service.retrieveCheckout(noted.id)).toEqual(
        expect.objectContaining({ order_id: "order_1", consents: { email_marketing: "recorded" } })
      )
      await service.restoreCheckoutOutcome(undo)
      expect(await service.retrieveCheckout(noted.id)).toEqual(
        expect.objectContaining({ order_id: null, consents: null })
      )

      const made = await service.saveCheckoutOutcome({ cart_id: null, order_id: "order_2", consents: {} })
      expect(made.previous).toBeNull()
      await service.restoreCheckoutOutcome(made)
      expect(await service.listCheckouts({ order_id: "order_2" })).toEqual([])
    })
  },
})
