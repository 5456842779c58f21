import type EngagementModuleService from "../../../src/modules/engagement/service"
import { ENGAGEMENT_MODULE } from "../../../src/provider-api/provider"
import { eventually, useTestPlatforms } from "../../helpers/stand-ins"
import { engagementSuite } from "../../helpers/suite"

jest.setTimeout(180_000)

// CRM.COM in dry-run; every platform switched on
useTestPlatforms(
  {
    ENGAGEMENT_OUTBOX_BASE_DELAY: "0ms",
    ENGAGEMENT_OUTBOX_MAX_ATTEMPTS: "12",
    ENGAGEMENT_HTTP_TIMEOUT: "1s",
    ENGAGEMENT_DRY_RUN_PLATFORMS: "crmcom",
  },
  { contacts: true }
)

const HOUR = 3_600_000
type Outcome = {
  status: "delivered" | "failed" | "dead" | "pending"
  attempts?: number
  error?: string
  answer?: { status: number; body: unknown }
  at?: Date
  next_at?: Date
  locked_until?: Date
}

engagementSuite({
  admin: true,
  testSuite: ({ api, getContainer }, seeded) => {
    let engagement: EngagementModuleService
    let seq = 0

    beforeEach(async () => {
      engagement = getContainer().resolve(ENGAGEMENT_MODULE)
    })

    /** Rows as the outbox leaves them after their last attempt, without waiting for real attempts. */
    async function seed(platform: string, outcomes: Outcome[]) {
      // not due before the test has written its outcome: no background dispatch claims it meanwhile
      const enqueued = await engagement.enqueueDeliveries(
        outcomes.map(() => ({
          platform,
          operation: "cancel",
          origin: "journey_cancellation",
          idempotency_key: `health:${platform}:${++seq}`,
          payload: { email: `health${seq}@example.com` },
          not_before: new Date(Date.now() + HOUR),
        }))
      )
      const ids = enqueued.map(({ delivery }) => delivery.id)
      await engagement.updateDeliveries(
        outcomes.map((outcome, index) => ({
          id: ids[index],
          status: outcome.status,
          attempts: outcome.attempts ?? 1,
          last_error: outcome.error ?? null,
          response_status: outcome.answer?.status ?? null,
          response_summary: outcome.answer ?? null,
          last_attempt_at: outcome.at ?? new Date(),
          next_attempt_at: outcome.next_at ?? new Date(Date.now() + HOUR),
          locked_until: outcome.locked_until ?? null,
        }))
      )
      return ids
    }

    const platformsById = async () => {
      const { data } = await api.get(`/admin/engagement/platforms`, seeded.admin)
      return Object.fromEntries(data.platforms.map((p: { id: string }) => [p.id, p])) as Record<
        string,
        { state: string; state_rule: string; last_error: Record<string, unknown> | null }
      >
    }

    it("derives each platform's state from its latest attempts, with the rule and the platform's own message", async () => {
      const ok: Outcome = { status: "delivered" }
      // ExpertSender: 2 of its 3 latest attempts failed (one dead, one refused with its message)
      const [, refused] = await seed("expertsender", [
        { status: "dead", attempts: 12, error: "HTTP 503 (gave up after 12 attempts)" },
        {
          status: "failed",
          error: 'HTTP 400: {"ErrorMessage":"List 42 does not exist"}',
          answer: { status: 400, body: { ErrorMessage: "List 42 does not exist" } },
          at: new Date(Date.now() + 1000),
        },
        ok,
      ])
      // Rejoiner: one waiting row (503 on 5 of 12 tries) among three delivered
      await seed("rejoiner", [ok, ok, ok, { status: "pending", attempts: 5, error: "HTTP 503" }])
      // Engage: answered 429, its pause held by the waiting row
      await seed("engage", [
        ok,
        { status: "pending", error: "HTTP 429", locked_until: new Date(Date.now() + 10 * 60_000) },
      ])
      // Recensus: delivered lately; a failure two days ago is outside the window
      await seed("recensus", [ok, ok, { status: "dead", error: "HTTP 500", at: new Date(Date.now() - 48 * HOUR) }])

      const byId = await platformsById()

      expect(byId.expertsender).toMatchObject({
        state: "failing",
        state_rule: expect.stringContaining("2 of 3 last attempts failed"),
        last_error: {
          delivery_id: refused,
          message: expect.stringContaining("HTTP 400"),
          platform_message: "List 42 does not exist",
          response_status: 400,
        },
      })
      expect(byId.rejoiner).toMatchObject({
        state: "degraded",
        state_rule: expect.stringContaining("1 of 4 last attempts failed"),
        last_error: { message: "HTTP 503", platform_message: null },
      })
      expect(byId.engage).toMatchObject({ state: "paused", state_rule: expect.stringContaining("429") })
      expect(byId.recensus).toMatchObject({ state: "healthy", state_rule: expect.stringContaining("0 of 2") })
      expect(byId.crmcom).toMatchObject({ state: "dry_run", state_rule: expect.stringContaining("dry-run") })
    })

    it("retries a waiting row now: due at once with fresh attempts, then delivered, and the platform recovers", async () => {
      const nextTry = new Date(Date.now() + 2 * HOUR)
      const [waiting] = await seed("rejoiner", [
        { status: "pending", attempts: 5, error: "HTTP 503", answer: { status: 503, body: "" }, next_at: nextTry },
      ])
      const listed = await api.get(`/admin/engagement/deliveries?platform=rejoiner&status=pending`, seeded.admin)
      const row = listed.data.deliveries.find((candidate: { id: string }) => candidate.id === waiting)
      expect(new Date(row.next_attempt_at).getTime()).toBe(nextTry.getTime())
      expect((await platformsById()).rejoiner.state).not.toBe("healthy")

      const { data } = await api.post(`/admin/engagement/deliveries/${waiting}/retry`, {}, seeded.admin)
      expect(data.delivery).toMatchObject({ id: waiting, status: "pending", attempts: 0 })
      expect(new Date(data.delivery.next_attempt_at).getTime()).toBeLessThanOrEqual(Date.now())

      const sent = await eventually(async () => {
        await engagement.dispatchDueDeliveries({ ids: [waiting] })
        const [delivery] = await engagement.listDeliveries({ id: waiting })
        return delivery.status === "delivered" ? delivery : undefined
      })
      expect(sent.attempts).toBe(1)
      expect((await platformsById()).rejoiner.state).toBe("healthy")
    })
  },
})
