import { applied, callOf, contactFixture, emptyState, ended } from "../contact-sync/__tests__/fixtures"
import { rejoinerContactSync } from "./contact-sync"
import { rejoinerOptionsSchema } from "./options"
import { rejoinerPlatform } from "./platform"

const options = rejoinerOptionsSchema.parse({
  api_url: "https://rj2.rejoiner.com/api/v1/site",
  api_key: "k",
  customer_tags: ["medusa"],
})
const context = { purposes: {} }
const consent = (value: "True" | "False" | "AwaitingConfirmation") => ({
  value,
  source: "checkout",
  recorded_at: "2026-01-01T00:00:00.000Z",
  wording: "Email me offers",
  info: { where: "checkout page", checkbox: true },
})

describe("Rejoiner contact sync", () => {
  it("creates the profile with the API's fields", () => {
    const call = callOf(rejoinerContactSync.plan(contactFixture(), emptyState(), options, context))
    expect(call).toEqual(
      expect.objectContaining({
        operation: "create_customer",
        payload: {
          email: "ada@example.com",
          first_name: "Ada",
          last_name: "Lovelace",
          phone: "+441234567",
          gender: "f",
          language: "en",
          birthdate: "1815-12-10",
          address1: "12 St James's Square",
          city: "London",
          postal_code: "SW1Y 4JH",
          country: "GB",
          tags: ["medusa"],
          metadata: { order_count: "2", total_spent: "59.97" },
        },
      })
    )
  })

  it("leaves out a gender it does not know and a language longer than two characters", () => {
    const payload = callOf(
      rejoinerContactSync.plan(
        contactFixture({ gender: "NotSpecified", language: "eng" }),
        emptyState(),
        options,
        context
      )
    ).payload
    expect(payload.gender).toBeUndefined()
    expect(payload.language).toBeUndefined()
  })

  it("updates by the email Rejoiner knows, with the whole metadata when any of it changed", () => {
    const create = callOf(rejoinerContactSync.plan(contactFixture(), emptyState(), options, context))
    const state = applied(emptyState(), ended(create), rejoinerContactSync.settle(ended(create), emptyState(), options))
    expect(state.external_id).toBe("ada@example.com")
    const changed = contactFixture({
      email: "ada@lovelace.org",
      statistics: { order_count: "3", total_spent: "59.97" },
    })
    const update = callOf(rejoinerContactSync.plan(changed, state, options, context))
    expect(update.payload).toEqual({
      customer_key: "ada@example.com",
      email: "ada@lovelace.org",
      metadata: { order_count: "3", total_spent: "59.97" },
    })
    const request = rejoinerPlatform.buildRequest(
      {
        id: "d",
        platform: "rejoiner",
        operation: update.operation,
        payload: update.payload,
        idempotency_key: "k",
        attempts: 1,
      },
      options
    )
    expect([request.method, request.url, request.body]).toEqual([
      "PUT",
      "https://rj2.rejoiner.com/api/v1/site/customers/ada%40example.com/",
      { email: "ada@lovelace.org", metadata: { order_count: "3", total_spent: "59.97" } },
    ])
    const moved = rejoinerContactSync.settle(ended(update), state, options)
    expect(moved.external_id).toBe("ada@lovelace.org")
  })

  it("unsubscribes on withdrawal and records an opt-in with the ledger's proof as strings, once each", () => {
    const create = callOf(rejoinerContactSync.plan(contactFixture(), emptyState(), options, context))
    let state = applied(emptyState(), ended(create), rejoinerContactSync.settle(ended(create), emptyState(), options))
    expect(
      rejoinerContactSync.plan(
        contactFixture({ consents: { email_marketing: consent("AwaitingConfirmation") } }),
        state,
        options,
        context
      )
    ).toEqual({ kind: "done" })

    const optIn = callOf(
      rejoinerContactSync.plan(
        contactFixture({ consents: { email_marketing: consent("True") } }),
        state,
        options,
        context
      )
    )
    expect(optIn.payload).toEqual({
      email: "ada@example.com",
      type: "email_marketing (checkout)",
      recorded_at: "2026-01-01T00:00:00.000Z",
      wording: "Email me offers",
      where: "checkout page",
      checkbox: "true",
    })
    state = applied(state, ended(optIn), rejoinerContactSync.settle(ended(optIn), state, options))
    expect(
      rejoinerContactSync.plan(
        contactFixture({ consents: { email_marketing: consent("True") } }),
        state,
        options,
        context
      )
    ).toEqual({ kind: "done" })

    const unsubscribe = callOf(
      rejoinerContactSync.plan(
        contactFixture({ consents: { email_marketing: consent("False") } }),
        state,
        options,
        context
      )
    )
    expect(unsubscribe).toEqual(
      expect.objectContaining({ operation: "unsubscribe", payload: { email: "ada@example.com" } })
    )
  })

  it("creates the profile again when Rejoiner no longer has it", () => {
    const state = {
      external_id: "ada@example.com",
      last_sent: { first_name: "Ada", $consent: "True" },
      credentials: null,
    }
    const update = callOf(rejoinerContactSync.plan(contactFixture(), state, options, context))
    expect(
      rejoinerContactSync.settle(ended(update, { status: "failed", summary: { status: 404 } }), state, options)
    ).toEqual({
      again: true,
      external_id: null,
      last_sent: { $consent: "True" },
    })
  })
})
