import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import sendDueReviewReminders from "../../../src/jobs/send-due-review-reminders"
import sendDueReviewRequests from "../../../src/jobs/send-due-review-requests"
import { sendReviewReminderWorkflow } from "../../../src/workflows/review-requests/workflows/send-review-reminder"
import { sendReviewRequestWorkflow } from "../../../src/workflows/review-requests/workflows/send-review-request"
import { engagementOf, makeDue, reviewRequestOf } from "../../helpers/engagement"
import { responseOf } from "../../helpers/http"
import { createAdminHeaders, createShopper, LAMP, linesOf, NOTEBOOK, PEN, placeOrder } from "../../helpers/store"

jest.setTimeout(240_000)

// No review platform: requests are emails with one reminder; two review emails per shopper in 30 days
const ENV: Record<string, string> = {
  ENGAGEMENT_REVIEW_DELAY: "1h",
  ENGAGEMENT_REVIEW_REMINDERS: "1",
  ENGAGEMENT_REVIEW_REMINDER_INTERVALS: "3d",
  ENGAGEMENT_REVIEW_MAX_PER_CUSTOMER: "2",
}
beforeAll(() => {
  for (const name of Object.keys(process.env)) {
    if (/^(RECENSUS|REJOINER|EXPERTSENDER|ENGAGE|CRMCOM)_/.test(name)) {
      delete process.env[name]
    }
  }
  Object.assign(process.env, ENV)
})
afterAll(() => {
  for (const name of Object.keys(ENV)) {
    delete process.env[name]
  }
})

/**
 * One process at a time sends to a shopper, whichever path sends: the send job, the reminder job
 * and an admin's "send now" claim in the same turns, and none takes a request of a shopper whose
 * other request another process holds. (The send job's own turns: review-request-exclusions.spec.ts.)
 */
engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    const engagement = () => engagementOf(getContainer())

    async function scheduledOrder(email: string, headers: Record<string, string>, product = PEN) {
      const order = await placeOrder(api, seeded.store, {
        email,
        customerHeaders: headers,
        items: linesOf(seeded.store, [[product, 1]]),
      })
      return await reviewRequestOf(getContainer(), order.id)
    }

    async function emailed(email: string, headers: Record<string, string>) {
      const request = await scheduledOrder(email, headers)
      await makeDue(getContainer(), request.id)
      await sendDueReviewRequests(getContainer())
      const sent = await engagement().retrieveReviewRequest(request.id)
      expect(sent).toEqual(expect.objectContaining({ status: "sent", channel: "email", locked_until: null }))
      return sent
    }

    // the server runs the jobs every minute too: a row is made due right before the claim it is meant for
    const remindersDue = async (ids: string[], due = true) =>
      await engagement().updateReviewRequests(
        ids.map((id) => ({ id, next_reminder_at: new Date(Date.now() + (due ? -1000 : 3_600_000)) }))
      )

    const reviewEmails = async (to: string) =>
      (await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to })).filter(
        (n) => n.template === "engagement-review-request"
      )

    it("keeps the cap when a reminder and a first email of one shopper fall due together in two processes", async () => {
      const ada = await createShopper(api, seeded.store, "turns-ada@example.com")
      const bob = await createShopper(api, seeded.store, "turns-bob@example.com")
      // Ada's and Bob's first emails went out
      const adasFirst = await emailed("turns-ada@example.com", ada.headers)
      const bobsFirst = await emailed("turns-bob@example.com", bob.headers)
      // Ada's second order falls due: one email left in her cap
      const adasSecond = await scheduledOrder("turns-ada@example.com", ada.headers, NOTEBOOK)
      await makeDue(getContainer(), adasSecond.id)
      // one process's send job holds Ada's second request…
      const sending = await engagement().claimDueReviewRequests({ limit: 10 })
      expect(sending.map((row) => row.id)).toEqual([adasSecond.id])
      // …so when both reminders fall due, another process's reminder job sends Bob's and leaves Ada's for its next run
      const [adasDue] = await remindersDue([adasFirst.id, bobsFirst.id])
      await sendDueReviewReminders(getContainer())
      expect(await reviewEmails("turns-bob@example.com")).toHaveLength(2)
      expect(await engagement().retrieveReviewRequest(bobsFirst.id)).toEqual(
        expect.objectContaining({ reminders_sent: 1, locked_until: null })
      )
      expect(await engagement().retrieveReviewRequest(adasFirst.id)).toEqual(
        expect.objectContaining({ reminders_sent: 0, next_reminder_at: adasDue.next_reminder_at, locked_until: null })
      )
      await remindersDue([adasFirst.id], false)
      // the first process sends Ada's second email; the send ends its lease
      await sendReviewRequestWorkflow(getContainer()).run({ input: { review_request_id: adasSecond.id } })
      expect((await engagement().retrieveReviewRequest(adasSecond.id)).locked_until).toBeNull()
      expect(await reviewEmails("turns-ada@example.com")).toHaveLength(2)

      // the other way round: while a reminder job holds Ada's reminder, no send of hers is claimed
      const adasThird = await scheduledOrder("turns-ada@example.com", ada.headers, LAMP)
      await remindersDue([adasFirst.id])
      expect((await engagement().claimDueReviewRequests({ reminders: true })).map((row) => row.id)).toEqual([
        adasFirst.id,
      ])
      await makeDue(getContainer(), adasThird.id)
      expect(await engagement().claimDueReviewRequests({ limit: 10 })).toEqual([])
      // the reminder sees her second email: at the cap, it waits (until the first leaves the window), and its lease ends
      await sendReviewReminderWorkflow(getContainer()).run({ input: { review_request_id: adasFirst.id } })
      const waiting = await engagement().retrieveReviewRequest(adasFirst.id)
      expect(waiting).toEqual(expect.objectContaining({ reminders_sent: 0, locked_until: null }))
      expect(new Date(waiting.next_reminder_at!).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000)
      // then her third request is claimed, and waits for the cap too
      expect((await engagement().claimDueReviewRequests({ limit: 10 })).map((row) => row.id)).toEqual([adasThird.id])
      await sendReviewRequestWorkflow(getContainer()).run({ input: { review_request_id: adasThird.id } })
      expect(await engagement().retrieveReviewRequest(adasThird.id)).toEqual(
        expect.objectContaining({
          status: "scheduled",
          reason: expect.stringContaining("cap reached"),
          locked_until: null,
        })
      )
      expect(await reviewEmails("turns-ada@example.com")).toHaveLength(2)
    })

    it("answers an admin's send now with a 409 while another process sends to the shopper, and sends it once that ends", async () => {
      const admin = await createAdminHeaders(getContainer())
      const cleo = await createShopper(api, seeded.store, "turns-cleo@example.com")
      const first = await scheduledOrder("turns-cleo@example.com", cleo.headers)
      const second = await scheduledOrder("turns-cleo@example.com", cleo.headers, NOTEBOOK)
      await makeDue(getContainer(), first.id)
      expect((await engagement().claimDueReviewRequests({ limit: 10 })).map((row) => row.id)).toEqual([first.id])

      const refused = await responseOf(api.post(`/admin/engagement/review-requests/${second.id}/send`, {}, admin))
      expect(refused.status).toBe(409)
      expect(refused.data.message).toContain("another review email to its shopper is being sent")
      // nothing changed: still scheduled at its own time, not held
      const untouched = await engagement().retrieveReviewRequest(second.id)
      expect(untouched).toEqual(
        expect.objectContaining({ status: "scheduled", send_at: second.send_at, locked_until: null, sent_at: null })
      )
      expect(await reviewEmails("turns-cleo@example.com")).toHaveLength(0)

      await sendReviewRequestWorkflow(getContainer()).run({ input: { review_request_id: first.id } })
      const sent = await responseOf(api.post(`/admin/engagement/review-requests/${second.id}/send`, {}, admin))
      expect(sent.status).toBe(200)
      expect(await engagement().retrieveReviewRequest(second.id)).toEqual(
        expect.objectContaining({ status: "sent", channel: "email", locked_until: null })
      )
      expect(await reviewEmails("turns-cleo@example.com")).toHaveLength(2)
    })
  },
})
