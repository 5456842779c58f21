import { applied, callOf, contactFixture, emptyState, ended } from "../contact-sync/__tests__/fixtures"
import { engageContactSync } from "./contact-sync"
import { engageOptionsSchema } from "./options"

const options = engageOptionsSchema.parse({
  api_url: "https://tenant.voyado.com",
  api_key: "k",
  contact_type_id: "Member",
})
const context = { purposes: {} }

describe("Engage contact sync", () => {
  it("looks the contact up, creates it on 404 with every known field, keeps the id, then changes the contact type", () => {
    const contact = contactFixture({
      consents: {
        email_marketing: {
          value: "True",
          source: "checkout",
          recorded_at: "2026-01-01T00:00:00.000Z",
          wording: null,
          info: null,
        },
      },
    })
    let state = emptyState()
    const lookup = callOf(engageContactSync.plan(contact, state, options, context))
    expect(lookup).toEqual({
      operation: "lookup_contact",
      payload: { identifier: { name: "email", value: "ada@example.com" } },
    })
    const notFound = ended(lookup, { summary: { status: 404, found: false } })
    let settlement = engageContactSync.settle(notFound, state, options)
    expect(settlement.again).toBe(true)
    state = applied(state, notFound, settlement)

    const create = callOf(engageContactSync.plan(contact, state, options, context))
    expect(create.operation).toBe("create_contact")
    expect(create.max_attempts).toBe(3)
    expect(create.payload.contact).toEqual({
      email: "ada@example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      mobilePhone: "+441234567",
      birthDay: "1815-12-10",
      street: "12 St James's Square",
      zipCode: "SW1Y 4JH",
      city: "London",
      countryCode: "GB",
      acceptsEmail: true,
    })
    const created = ended(create, { external_id: "c-1", summary: { status: 201 } })
    settlement = engageContactSync.settle(created, state, options)
    state = applied(state, created, settlement)
    expect(state.external_id).toBe("c-1")
    expect(state.last_sent.$lookup).toBeUndefined()

    const type = callOf(engageContactSync.plan(contact, state, options, context))
    expect(type).toEqual(
      expect.objectContaining({
        operation: "update_contact_type",
        payload: { contact_id: "c-1", contact_type_id: "Member" },
      })
    )
    state = applied(state, ended(type), engageContactSync.settle(ended(type), state, options))
    expect(engageContactSync.plan(contact, state, options, context)).toEqual({ kind: "done" })
  })

  it("PATCHes only what changed, leaving out a cleared value, and never the contact type", () => {
    const before = contactFixture()
    const state = {
      external_id: "c-1",
      last_sent: {
        email: "ada@example.com",
        firstName: "Ada",
        lastName: "Lovelace",
        mobilePhone: "+441234567",
        city: "London",
        $contactType: "Member",
      },
      credentials: null,
    }
    const after = contactFixture({ last_name: "King", phone: null, address: { ...before.address!, city: "Ockham" } })
    const call = callOf(engageContactSync.plan(after, state, options, context))
    expect(call.operation).toBe("update_contact")
    expect(call.payload).toEqual({
      contact_id: "c-1",
      changes: {
        lastName: "King",
        birthDay: "1815-12-10",
        street: "12 St James's Square",
        zipCode: "SW1Y 4JH",
        city: "Ockham",
        countryCode: "GB",
      },
    })
  })

  it("shows several matching contacts as a conflict and creates nothing", () => {
    const lookup = callOf(engageContactSync.plan(contactFixture(), emptyState(), options, context))
    const settlement = engageContactSync.settle(
      ended(lookup, { status: "failed", summary: { status: 409 }, reason: "several Engage contacts match (409)" }),
      emptyState(),
      options
    )
    expect(settlement).toEqual({
      again: false,
      problem: { status: "conflict", reason: "several Engage contacts match (409)" },
    })
  })

  it("falls back to the bulk endpoints when a create or an update is dead", () => {
    const state = { ...emptyState(), last_sent: { $lookup: "not_found" } }
    const create = callOf(engageContactSync.plan(contactFixture(), state, options, context))
    const fallback = engageContactSync.settle(
      ended(create, { status: "dead", summary: { status: 500 } }),
      state,
      options
    ).fallback!
    expect(fallback.operation).toBe("bulk_create")
    expect(fallback.payload.contacts).toEqual([create.payload.contact])
    // once queued, the id is unknown: the next sync looks it up
    const queued = engageContactSync.settle(ended(fallback, { summary: { status: 202 } }), state, options)
    expect(queued.external_id).toBeNull()
    expect(queued.last_sent).toEqual(create.sends)

    const known = { external_id: "c-1", last_sent: {}, credentials: null }
    const update = callOf(engageContactSync.plan(contactFixture(), known, options, context))
    const bulk = engageContactSync.settle(ended(update, { status: "dead" }), known, options).fallback!
    expect(bulk).toEqual(
      expect.objectContaining({ operation: "bulk_update", payload: { contacts: [{ id: "c-1", ...update.sends }] } })
    )
  })

  it("starts over with a lookup when Engage no longer has the contact", () => {
    const known = { external_id: "c-1", last_sent: {}, credentials: null }
    const update = callOf(engageContactSync.plan(contactFixture(), known, options, context))
    expect(
      engageContactSync.settle(ended(update, { status: "failed", summary: { status: 404 } }), known, options)
    ).toEqual({
      again: true,
      external_id: null,
      last_sent: {},
    })
  })

  it("cannot sync a contact without the identifier it looks up by", () => {
    expect(engageContactSync.plan(contactFixture({ email: null }), emptyState(), options, context)).toEqual(
      expect.objectContaining({ kind: "blocked", status: "error" })
    )
  })
})
