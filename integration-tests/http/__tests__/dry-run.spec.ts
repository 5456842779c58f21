import { engagementSuite } from "../../helpers/suite"
import { MASKED, maskRequest } from "../../../src/modules/engagement/outbox/dry-run"
import type { HttpMethod } from "../../../src/provider-api/types"
import { engagementOf, makeDue, reviewRequestOf, sendDueAndSettle } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually, RECENSUS_TEST_CONFIG, REJOINER_TEST_CONFIG, useTestPlatforms } from "../../helpers/stand-ins"
import { createAdminHeaders, createCustomerSession, placeOrder } from "../../helpers/store"

jest.setTimeout(180_000)

// Rejoiner and Recensus in dry-run through the environment variable, read when the module boots
const platforms = useTestPlatforms({
  ENGAGEMENT_REVIEW_DELAY: "1h",
  ENGAGEMENT_OUTBOX_BASE_DELAY: "0ms",
  ENGAGEMENT_HTTP_TIMEOUT: "1s",
  ENGAGEMENT_DRY_RUN_PLATFORMS: "rejoiner, recensus",
})

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    async function orderAsGuest(email: string) {
      const [pen, notebook] = seeded.store.products
      return await placeOrder(api, seeded.store, {
        email,
        items: [
          { variant_id: pen.variants[0].id, quantity: 3 },
          { variant_id: notebook.variants[0].id, quantity: 1 },
        ],
      })
    }

    /** Drives the outbox until the order's Rejoiner conversion has ended (delivered, failed or dry run). */
    async function settledConversionOf(orderId: string) {
      const engagement = engagementOf(getContainer())
      return await eventually(async () => {
        await engagement.dispatchDueDeliveries()
        const [row] = await engagement.listDeliveries({ order_id: orderId, platform: "rejoiner", operation: "convert" })
        return row && ["delivered", "failed", "dead", "dry_run"].includes(row.status) ? row : undefined
      })
    }

    /** Switches Rejoiner's dry-run off in this process, as restarting with the option off would. */
    function switchDryRunOff() {
      const rejoiner = engagementOf(getContainer())["platforms_"].get("rejoiner")!
      ;(rejoiner.options as { dry_run: boolean }).dry_run = false
    }

    it("stores the exact request under dry-run, sends nothing, refuses a retry, and never sends it once switched off", async () => {
      const admin = await createAdminHeaders(getContainer())
      const first = await orderAsGuest("ada@example.com")
      const dryRow = await settledConversionOf(first.id)
      expect(dryRow.status).toBe("dry_run")
      expect(dryRow.last_error).toBe("dry run: not sent")

      // the stand-in heard nothing at all from the plugin
      expect(platforms.rejoiner.requests).toHaveLength(0)

      // the admin reads the stored request; the API key is masked
      const detail = await api.get(`/admin/engagement/deliveries/${dryRow.id}`, admin)
      const stored = detail.data.delivery.dry_run_request
      expect(detail.data.delivery.status).toBe("dry_run")
      expect(stored.method).toBe("POST")
      expect(stored.url).toBe(`${process.env.REJOINER_API_URL!.replace(/\/$/, "")}/customer/convert/`)
      expect(stored.headers.Authorization ?? stored.headers.authorization).toBe(MASKED)
      expect(JSON.stringify(stored)).not.toContain(REJOINER_TEST_CONFIG.apiKey)
      expect(stored.body.email).toBe("ada@example.com")

      // a retry of a dry run is refused with a clear message; the bulk retry leaves it alone
      const retry = await responseOf(api.post(`/admin/engagement/deliveries/${dryRow.id}/retry`, {}, admin))
      expect(retry.status).toBe(400)
      expect(retry.data.message).toMatch(/dry run/)
      const bulk = await api.post(`/admin/engagement/deliveries/retry`, { ids: [dryRow.id] }, admin)
      expect(bulk.data).toEqual(expect.objectContaining({ retried: [], skipped: [dryRow.id] }))
      expect((await engagementOf(getContainer()).retrieveDelivery(dryRow.id)).status).toBe("dry_run")

      // dry-run off: the next order's conversion goes out, and it is the request the dry run stored
      switchDryRunOff()
      const second = await orderAsGuest("ada@example.com")
      const sentRow = await settledConversionOf(second.id)
      expect(sentRow.status).toBe("delivered")
      const [sent] = platforms.rejoiner.callsTo("convert")
      expect(platforms.rejoiner.callsTo("convert")).toHaveLength(1)
      expect(platforms.rejoiner.violations()).toEqual([])
      expect(sent.method).toBe(stored.method)
      expect(sent.url).toBe(stored.url)
      // the same shopper and cart: only what names the order differs
      const orderFields = (order: typeof first) => ({
        order_number: String(order.display_id),
        return_url: `http://localhost:8000/account/orders/details/${order.id}`,
      })
      expect(stored.body.cart_data).toEqual(expect.objectContaining(orderFields(first)))
      // (the order's lines come in no set order)
      const byProduct = (items: { product_id: string }[]) =>
        [...items].sort((a, b) => a.product_id.localeCompare(b.product_id))
      const sentBody = sent.body as typeof stored.body
      expect({ ...sentBody, cart_items: byProduct(sentBody.cart_items) }).toEqual({
        ...stored.body,
        cart_data: { ...stored.body.cart_data, ...orderFields(second) },
        cart_items: byProduct(stored.body.cart_items),
      })
      // the headers sent, masked as the dry run masks them, are the stored ones (but the idempotency key)
      const sentHeaders = Object.fromEntries(
        Object.keys(stored.headers).map((name) => [name, String(sent.headers[name.toLowerCase()])])
      )
      const maskedSent = maskRequest(
        { method: sent.method as HttpMethod, url: sent.url, headers: sentHeaders, body: sent.body },
        sentRow.idempotency_key
      )
      expect({ ...maskedSent.headers, "Idempotency-Key": "k" }).toEqual({ ...stored.headers, "Idempotency-Key": "k" })
      expect(sent.headers["idempotency-key"]).toBe(sentRow.idempotency_key)

      // the old dry-run row stays as it was: never claimed, never sent
      await engagementOf(getContainer()).dispatchDueDeliveries()
      expect((await engagementOf(getContainer()).retrieveDelivery(dryRow.id)).status).toBe("dry_run")
      expect(platforms.rejoiner.callsTo("convert")).toHaveLength(1)
    })

    it("ends a review request sent under dry-run as failed with the reason, its signed request stored, nothing sent", async () => {
      const session = await createCustomerSession(api, seeded.store, {
        email: "grace@example.com",
        password: "secret-password",
        first_name: "Grace",
        last_name: "Hopper",
      })
      const [pen] = seeded.store.products
      const order = await placeOrder(api, seeded.store, {
        email: "grace@example.com",
        customerHeaders: session.headers,
        items: [{ variant_id: pen.variants[0].id, quantity: 1 }],
      })
      const scheduled = await reviewRequestOf(getContainer(), order.id)
      await makeDue(getContainer(), scheduled.id)
      const ended = await sendDueAndSettle(getContainer(), scheduled.id)

      // what waited on the call is not left hanging: it says why nothing went out
      expect(ended.status).toBe("failed")
      expect(ended.reason).toBe("dry run: not sent")
      const delivery = await engagementOf(getContainer()).retrieveDelivery(ended.delivery_id!)
      expect(delivery.status).toBe("dry_run")
      const stored = delivery.dry_run_request as { method: string; url: string; body: Record<string, any> }
      expect(stored.method).toBe("POST")
      expect(stored.url).toContain("/customer-contact-request")
      // signed as it would be sent (Recensus signs in the body): token and signature are credentials, masked
      expect(stored.body.data.customerEmail).toBe("grace@example.com")
      expect(stored.body.signedRequest).toEqual({ token: MASKED, signature: MASKED })
      expect(JSON.stringify(stored)).not.toContain(RECENSUS_TEST_CONFIG.token)
      expect(platforms.recensus.requests).toHaveLength(0)

      // erasing the shopper erases the stored request too: it held her email and name
      const admin = await createAdminHeaders(getContainer())
      await api.post(`/admin/engagement/contacts/${session.customerId}/erase`, { confirm: session.customerId }, admin)
      const erased = await engagementOf(getContainer()).retrieveDelivery(delivery.id)
      expect(erased.dry_run_request ?? null).toBeNull()
      expect(JSON.stringify(erased)).not.toMatch(/grace/i)
    })
  },
})
