import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import { loyaltyOf, loyaltyRowsOf, reviewRequestOf } from "../../helpers/engagement"
import { createShippableCart, createShopper, linesOf, PEN, placeOrder } from "../../helpers/store"

jest.setTimeout(240_000)

const DAY = 86_400_000
const SECRETS = [process.env.ENGAGEMENT_LINK_SECRET!, process.env.LOYALTY_CODE_SECRET!]

engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    const settingsOf = async (area: string) =>
      (await api.get(`/admin/engagement/settings/${area}`, seeded.admin)).data.settings
    const save = (area: string, body: Record<string, unknown>) =>
      api.post(`/admin/engagement/settings/${area}`, body, seeded.admin)
    const failure = async (request: Promise<unknown>) => {
      const error = await request.then(
        () => {
          throw new Error("expected a refusal")
        },
        (caught: { response?: { status: number; data: { message: string } } }) => caught
      )
      return error.response!
    }
    const orderPens = async (email: string, quantity: number) => {
      const session = await createShopper(api, seeded.store, email)
      return await placeOrder(api, seeded.store, {
        email,
        customerHeaders: session.headers,
        items: linesOf(seeded.store, [[PEN, quantity]]),
      })
    }

    it("an earning rate saved in the admin applies to the next order, not to orders placed before", async () => {
      const before = await settingsOf("loyalty-earning")
      expect(before).toMatchObject({ version: 0, is_default: true, values: { points_per_unit: { default: 1 } } })

      const first = await orderPens("ada@example.com", 1) // 19.99 EUR at 1 point per euro
      const firstRows = await loyaltyRowsOf(getContainer(), { order_id: first.id })
      expect(firstRows.map((row) => row.points)).toEqual([19])

      const saved = await save("loyalty-earning", {
        version: 0,
        values: { ...before.values, points_per_unit: { default: 1, eur: 5 } },
      })
      expect(saved.data.settings).toMatchObject({
        version: 1,
        is_default: false,
        values: { points_per_unit: { default: 1, eur: 5 } },
        defaults: { points_per_unit: { default: 1 } },
        saved_by: { actor_type: "user" },
      })

      const second = await orderPens("bob@example.com", 1)
      const secondRows = await loyaltyRowsOf(getContainer(), { order_id: second.id })
      expect(secondRows.map((row) => row.points)).toEqual([99])
      expect(secondRows[0].rate).toMatchObject({ points_per_unit: 5 })

      // the earlier order keeps the rate it was earned at
      const again = await loyaltyRowsOf(getContainer(), { order_id: first.id })
      expect(again.map((row) => [row.points, (row.rate as { points_per_unit: number }).points_per_unit])).toEqual([
        [19, 1],
      ])

      // reset to default: the option's rate again, as a version of its own
      const reset = await save("loyalty-earning", { version: 1, reset: true })
      expect(reset.data.settings).toMatchObject({
        version: 2,
        is_default: true,
        values: { points_per_unit: { default: 1 } },
      })
    })

    it("a campaign saved in the admin multiplies what orders placed in its window earn, for its tiers only, and shows on the cart's earn preview", async () => {
      const now = Date.now()
      const open = {
        starts_at: new Date(now - 3_600_000).toISOString(),
        ends_at: new Date(now + 3_600_000).toISOString(),
      }
      const refused = await failure(
        save("loyalty-campaigns", {
          version: 0,
          values: {
            campaigns: [{ id: "x", name: "X", multiplier: 2, starts_at: open.ends_at, ends_at: open.starts_at }],
          },
        })
      )
      expect([refused.status, refused.data.message]).toEqual([
        400,
        "values.campaigns.0.ends_at: must be after starts_at",
      ])
      await save("loyalty-campaigns", {
        version: 0,
        values: {
          campaigns: [
            // for a tier the shopper is not in, and one already over: neither counts
            { id: "gold-weekend", name: "Gold weekend", multiplier: 5, ...open, tiers: ["gold"] },
            {
              id: "last-week",
              name: "Last week",
              multiplier: 3,
              starts_at: new Date(now - 8 * DAY).toISOString(),
              ends_at: new Date(now - 7 * DAY).toISOString(),
            },
            { id: "double", name: "Double points", multiplier: 2, ...open },
          ],
        },
      })

      const session = await createShopper(api, seeded.store, "camp@example.com")
      const cartId = await createShippableCart(api, seeded.store, {
        customerHeaders: session.headers,
        items: linesOf(seeded.store, [[PEN, 1]]),
      })
      const shopper = { headers: { ...session.headers, "x-publishable-api-key": seeded.store.publishableKey } }
      const preview = (await api.get(`/store/carts/${cartId}/loyalty-points`, shopper)).data.loyalty
      // 19.99 EUR at 1 point per euro, doubled
      expect(preview).toMatchObject({
        earnable: 39,
        campaign: { id: "double", name: "Double points", multiplier: 2, ends_at: open.ends_at },
      })

      const order = await placeOrder(api, seeded.store, {
        email: "camp@example.com",
        customerHeaders: session.headers,
        items: linesOf(seeded.store, [[PEN, 1]]),
      })
      const rows = await loyaltyRowsOf(getContainer(), { order_id: order.id })
      expect(rows.map((row) => row.points)).toEqual([39])
      expect(rows[0].rate).toMatchObject({ campaign_id: "double", campaign_multiplier: 2 })

      // the campaign ends (reset): the next order earns the plain rate, the earlier one keeps its points
      await save("loyalty-campaigns", { version: 1, reset: true })
      const after = await orderPens("late@example.com", 1)
      expect((await loyaltyRowsOf(getContainer(), { order_id: after.id })).map((row) => row.points)).toEqual([19])
      expect((await loyaltyRowsOf(getContainer(), { order_id: order.id })).map((row) => row.points)).toEqual([39])
      // the orders' work after their points (their review requests among it) ends before the store is
      // reset for the next test, which counts the scheduled requests
      await reviewRequestOf(getContainer(), order.id)
      await reviewRequestOf(getContainer(), after.id)
    })

    it("a scheduled review request keeps its send time unless the save applies the new delay to scheduled requests", async () => {
      const first = await orderPens("ada@example.com", 1)
      const kept = await reviewRequestOf(getContainer(), first.id)
      const firstSendAt = new Date(kept.send_at!).getTime()
      expect(firstSendAt - new Date(first.created_at).getTime()).toBe(7 * DAY)

      const current = await settingsOf("review-requests")
      const fourteen = { ...current.values, delay: "14d" }
      const preview = await api.post(
        `/admin/engagement/settings/review-requests/preview`,
        { values: fourteen },
        seeded.admin
      )
      expect(preview.data.preview).toEqual({ scheduled_on_default_delay: 1 })

      const saved = await save("review-requests", { version: 0, values: fourteen })
      expect(saved.data).toMatchObject({ scheduled_moved: 0, settings: { values: { delay: 14 * DAY } } })
      const unchanged = await reviewRequestOf(getContainer(), first.id)
      expect(new Date(unchanged.send_at!).getTime()).toBe(firstSendAt)

      const second = await orderPens("bob@example.com", 1)
      const planned = await reviewRequestOf(getContainer(), second.id)
      const secondSendAt = new Date(planned.send_at!).getTime()
      expect(secondSendAt - new Date(second.created_at).getTime()).toBe(14 * DAY)

      // applied to scheduled requests: those planned at the replaced delay (14 days) move to 10
      const applied = await save("review-requests", {
        version: 1,
        values: { ...fourteen, delay: "10d" },
        apply_to_scheduled: true,
      })
      expect(applied.data.scheduled_moved).toBe(1)
      const moved = await reviewRequestOf(getContainer(), second.id)
      expect(new Date(moved.send_at!).getTime()).toBe(secondSendAt - 4 * DAY)
      expect(new Date((await reviewRequestOf(getContainer(), first.id)).send_at!).getTime()).toBe(firstSendAt)
    })

    it("of two admins saving the same version, one is refused with 409 naming who saved first; a restore brings an earlier version back", async () => {
      const { values } = await settingsOf("loyalty-referrals")
      const outcomes = await Promise.allSettled([
        save("loyalty-referrals", { version: 0, values: { ...values, advocate_points: 700 } }),
        save("loyalty-referrals", { version: 0, values: { ...values, advocate_points: 900 } }),
      ])
      const refused = outcomes.filter((outcome) => outcome.status === "rejected") as PromiseRejectedResult[]
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1)
      expect(refused).toHaveLength(1)
      expect(refused[0].reason.response.status).toBe(409)
      // named as the owner knows them: by email
      expect(refused[0].reason.response.data.message).toMatch(/version 1 \(saved by admin@example\.com at /)

      const winner = (await settingsOf("loyalty-referrals")).values.advocate_points
      await save("loyalty-referrals", { version: 1, values: { ...values, advocate_points: 50 } })
      const restored = await api.post(
        `/admin/engagement/settings/loyalty-referrals/restore`,
        { version: 2, restore_version: 1 },
        seeded.admin
      )
      expect(restored.data.settings).toMatchObject({ version: 3, values: { advocate_points: winner } })
      const history = (await api.get(`/admin/engagement/settings/loyalty-referrals/history`, seeded.admin)).data
        .versions
      expect(
        history.map((row: { version: number; restored_from: number | null }) => [row.version, row.restored_from])
      ).toEqual([
        [3, 1],
        [2, null],
        [1, null],
      ])
      expect(history[0]).toMatchObject({ actor_type: "user", actor_email: "admin@example.com", is_reset: false })
      expect((await settingsOf("loyalty-referrals")).saved_by).toMatchObject({ email: "admin@example.com" })
      expect((await loyaltyOf(getContainer()).effectiveOptions()).referrals.advocate_points).toBe(winner)
    })

    it("previews how many members new tier levels move up or down, before saving; a dry-run names only switched-on platforms", async () => {
      const order = await orderPens("ada@example.com", 1) // 19 points
      await loyaltyRowsOf(getContainer(), { order_id: order.id })
      const tiers = await settingsOf("loyalty-tiers")
      const levels = [{ id: "bronze", name: "Bronze", threshold: 10, multiplier: 1 }]
      const preview = await api.post(
        `/admin/engagement/settings/loyalty-tiers/preview`,
        { values: { ...tiers.values, basis: "lifetime", levels } },
        seeded.admin
      )
      expect(preview.data.preview).toEqual({ members_up: 1, members_down: 0, members_unchanged: 0 })
      expect(await settingsOf("loyalty-tiers")).toMatchObject({ version: 0 })

      const dryRun = await settingsOf("delivery-dry-run")
      const refused = await failure(
        save("delivery-dry-run", { version: 0, values: { ...dryRun.values, platforms: { nowhere: true } } })
      )
      expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining("values.platforms")])
    })

    it("a saved version the options' schema no longer accepts (after an upgrade) is shown as refused, and the options stay in effect", async () => {
      const saved = await save("loyalty-earning", { version: 0, values: { pending_days: 2 } })
      expect(saved.status).toBe(200)
      expect((await settingsOf("loyalty-earning")).refused_problems).toEqual([])
      // as an older release of the plugin could have written it: a value today's schema refuses
      await getContainer()
        .resolve(ContainerRegistrationKeys.PG_CONNECTION)
        .raw(`UPDATE loyalty_setting_version SET "values" = ?::jsonb WHERE area = ? AND version = 1`, [
          JSON.stringify({ pending_days: "two" }),
          "loyalty-earning",
        ])
      await new Promise((resolve) => setTimeout(resolve, 2_100)) // the effective options' cache
      const area = await settingsOf("loyalty-earning")
      expect(area.version).toBe(1)
      expect(area.refused_problems).toEqual([expect.stringMatching(/^values\.pending_days: /)])
      expect(area.values.pending_days).toBe(area.defaults.pending_days)
    })

    it("no settings answer carries a secret, and a secret cannot be saved as a setting", async () => {
      const all = await api.get(`/admin/engagement/settings`, seeded.admin)
      const areas = all.data.settings.map((area: { area: string }) => area.area)
      expect(areas).toEqual(
        expect.arrayContaining([
          "loyalty-earning",
          "loyalty-tiers",
          "loyalty-schemes",
          "review-requests",
          "delivery-dry-run",
        ])
      )
      const answers = [JSON.stringify(all.data)]
      for (const area of areas) {
        answers.push(JSON.stringify((await api.get(`/admin/engagement/settings/${area}`, seeded.admin)).data))
        answers.push(JSON.stringify((await api.get(`/admin/engagement/settings/${area}/history`, seeded.admin)).data))
      }
      for (const answer of answers) {
        for (const secret of SECRETS) {
          expect(answer).not.toContain(secret)
        }
        expect(answer).not.toMatch(/code_secret|link_secret|webhook/)
      }
      const schemes = await settingsOf("loyalty-schemes")
      const refused = await failure(
        save("loyalty-schemes", { version: 0, values: { ...schemes.values, code_secret: "x".repeat(40) } })
      )
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("values.code_secret: unknown field")
    })

    it("bad input is a 400 naming the field and changes nothing; an unknown area is a 404; only an admin may read or save", async () => {
      const earning = await settingsOf("loyalty-earning")
      const cases: [Record<string, unknown>, string][] = [
        [{ version: 0, values: { ...earning.values, pending_days: -1 } }, "values.pending_days"],
        [{ version: 0, values: { ...earning.values, rounding: "sideways" } }, "values.rounding"],
        [{ version: 0, values: { ...earning.values, points_per_unit: { EUR: 1 } } }, "values.points_per_unit"],
        [{ version: 0, values: { ...earning.values, base: "a\u0000b" } }, "values.base"],
        [{ version: 0, values: { ...earning.values, surprise: 1 } }, "values.surprise"],
        [{ version: "0", values: earning.values }, "version"],
        [{ version: 0 }, "values"],
        [{ version: 0, values: earning.values, reset: true }, "values"],
      ]
      for (const [body, field] of cases) {
        const response = await failure(save("loyalty-earning", body))
        expect([response.status, response.data.message]).toEqual([400, expect.stringContaining(field)])
      }
      const durations = await settingsOf("review-requests")
      const badDelay = await failure(
        save("review-requests", { version: 0, values: { ...durations.values, delay: "14 fortnights" } })
      )
      expect([badDelay.status, badDelay.data.message]).toEqual([400, expect.stringContaining("values.delay")])
      expect(await settingsOf("loyalty-earning")).toMatchObject({ version: 0, is_default: true })

      expect((await failure(api.get(`/admin/engagement/settings/nonsense`, seeded.admin))).status).toBe(404)
      expect((await failure(api.get(`/admin/engagement/settings/loyalty-earning`))).status).toBe(401)
      const shopper = await createShopper(api, seeded.store, "eve@example.com")
      expect((await failure(api.get(`/admin/engagement/settings/loyalty-earning`, shopper))).status).toBe(401)
      const asShopper = api.post(`/admin/engagement/settings/loyalty-earning`, { version: 0, reset: true }, shopper)
      expect((await failure(asShopper)).status).toBe(401)
      expect(await settingsOf("loyalty-earning")).toMatchObject({ version: 0 })
    })
  },
})
