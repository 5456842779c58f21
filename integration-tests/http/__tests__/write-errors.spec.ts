import { inspect } from "node:util"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "../../helpers/runner"
import { engagementOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { eventually } from "../../helpers/stand-ins"
import { createAdminHeaders, createShopper, seedTestStore } from "../../helpers/store"

jest.setTimeout(180_000)

beforeAll(() => {
  process.env.ENGAGEMENT_LINK_SECRET ??= "integration-test-link-secret"
})

/** Failed writes: the plugin's conflicts answered with their own message, and logged without personal data. */
medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    it("answers the plugin's conflicts with their own message, not Medusa's Idempotency-Key text", async () => {
      const store = await seedTestStore(getContainer())
      const admin = await createAdminHeaders(getContainer())
      const add = { mode: "Add", matchBy: "Email", data: [{ email: "twice@example.com", firstName: "Twice" }] }
      await api.post("/admin/engagement/contacts", add, admin)
      const again = await responseOf(api.post("/admin/engagement/contacts", add, admin))
      expect([again.status, again.data.type]).toEqual([409, "conflict"])
      expect(again.data.message).toMatch(/^data\.0: /)

      const shopper = await createShopper(api, store, "link-user@example.com", {
        first_name: "Link",
        last_name: "User",
      })
      const token = engagementOf(getContainer()).signLinkToken({
        customer_id: shopper.customerId,
        purpose: "email_marketing",
        action: "unsubscribe",
      })
      await api.post(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`)
      const replay = await responseOf(api.post(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`))
      expect([replay.status, replay.data.message]).toEqual([409, "token: this link has already been used"])
    })

    it("logs a failed write by its database code and constraint, never the consent wording, user agent, IP or email", async () => {
      const store = await seedTestStore(getContainer())
      const shopper = await createShopper(api, store, "private-person@example.com", {
        first_name: "Private",
        last_name: "Person",
      })
      // the database refuses this one write, as it would a value no validation foresaw
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(
        `ALTER TABLE engagement_consent ADD CONSTRAINT fuzz_refuses_wording CHECK (wording IS DISTINCT FROM 'I want the secret newsletter')`
      )

      const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
      const lines: string[] = []
      // the levels a production server logs (Medusa's own debug lines name every request's path)
      const spies = (["error", "warn", "info", "log"] as const).map((level) =>
        jest.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
          lines.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 6 }))).join(" "))
        }) as never)
      )
      try {
        const refused = await responseOf(
          api.post(
            "/store/engagement/consents",
            { consents: [{ purpose: "email_marketing", value: "True", wording: "I want the secret newsletter" }] },
            { headers: { ...shopper.headers, "user-agent": "PrivateBrowser/9.9" } }
          )
        )
        expect(refused.status).toBe(500)
        expect(JSON.stringify(refused.data)).not.toMatch(/secret newsletter|PrivateBrowser|private-person|insert into/)
        // a 4xx whose message names the contact is logged without the email
        const admin = await createAdminHeaders(getContainer())
        const missing = await responseOf(api.get("/admin/engagement/contacts/email/nobody-here@example.com", admin))
        expect(missing.status).toBe(404)
      } finally {
        spies.forEach((spy) => spy.mockRestore())
        await pg.raw(`ALTER TABLE engagement_consent DROP CONSTRAINT fuzz_refuses_wording`)
      }

      const logged = lines.join("\n")
      expect(logged).toContain("database error 23514 on engagement_consent (constraint fuzz_refuses_wording)")
      expect(logged).toContain("Error 404 at /admin/engagement/contacts/email/<email>: No contact with email <email>")
      for (const personal of [
        "I want the secret newsletter",
        "PrivateBrowser/9.9",
        "private-person@example.com",
        "nobody-here@example.com",
        "127.0.0.1",
        "insert into",
      ]) {
        expect({ personal, found: logged.includes(personal) }).toEqual({ personal, found: false })
      }
      expect(await engagementOf(getContainer()).listConsents({ customer_id: shopper.customerId })).toEqual([])
    })

    it("logs a subscriber's failed write by its database code and constraint, never the shopper's name or email", async () => {
      const store = await seedTestStore(getContainer())
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(
        `ALTER TABLE engagement_contact_profile ADD CONSTRAINT fuzz_refuses_name CHECK (first_name IS DISTINCT FROM 'Qwertyuiop')`
      )
      const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
      const lines: string[] = []
      const spies = (["error", "warn", "info", "log"] as const).map((level) =>
        jest.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
          lines.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 6 }))).join(" "))
        }) as never)
      )
      try {
        // customer.created: the contact-sync subscriber's write of the profile is refused
        await createShopper(api, store, "refused-shopper@example.com", {
          first_name: "Qwertyuiop",
          last_name: "Asdfghjkl",
        })
        await eventually(async () => lines.some((line) => line.includes("fuzz_refuses_name")))
      } finally {
        spies.forEach((spy) => spy.mockRestore())
        await pg.raw(`ALTER TABLE engagement_contact_profile DROP CONSTRAINT fuzz_refuses_name`)
      }
      const logged = lines.join("\n")
      expect(logged).toContain("database error 23514 on engagement_contact_profile (constraint fuzz_refuses_name)")
      for (const personal of ["refused-shopper@example.com", "Qwertyuiop", "Asdfghjkl", "insert into"]) {
        expect({ personal, found: logged.includes(personal) }).toEqual({ personal, found: false })
      }
    })

    it("names the rule in words where a pattern refuses a value, and the limit in a 413", async () => {
      const store = await seedTestStore(getContainer())
      const shopper = await createShopper(api, store, "rules@example.com")
      const admin = await createAdminHeaders(getContainer())
      const answers = [
        await responseOf(api.post("/store/engagement/profile", { phone: "" }, shopper)),
        await responseOf(api.post("/store/engagement/profile", { phone: "call me" }, shopper)),
        await responseOf(api.post("/store/engagement/referral/claim", { code: "ab-cd" }, shopper)),
        await responseOf(
          api.post(
            "/admin/engagement/contacts",
            { mode: "Add", matchBy: "Email", data: [{ email: "x@example.com", phone: " " }] },
            admin
          )
        ),
      ]
      expect(answers.map((answer) => [answer.status, answer.data.message])).toEqual([
        [
          400,
          "phone: must be 3 to 20 digits, optionally after a + (international format, e.g. +46701234567; spaces are removed)",
        ],
        [
          400,
          "phone: must be 3 to 20 digits, optionally after a + (international format, e.g. +46701234567; spaces are removed)",
        ],
        [400, "code: must be letters and digits only, e.g. K7P2QX9M (upper or lower case)"],
        [400, "data.0.phone: must not be empty (a phone number, e.g. +46701234567)"],
      ])
      for (const answer of answers) {
        expect(answer.data.message).not.toContain("regex")
      }

      const huge = await responseOf(
        api.post("/store/engagement/profile", { first_name: "x".repeat(200 * 1024) }, shopper)
      )
      expect([huge.status, huge.data.message]).toEqual([
        413,
        expect.stringMatching(/^body: at most 102,400 bytes \(100 KB\) \(this one has 204,8\d\d bytes \(200 KB\)\)$/),
      ])
    })
  },
})
