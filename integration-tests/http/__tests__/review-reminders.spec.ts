import { Modules } from "@medusajs/framework/utils"
import { engagementSuite } from "../../helpers/suite"
import sendDueReviewReminders from "../../../src/jobs/send-due-review-reminders"
import { engagementOf, makeDue, reviewRequestOf } from "../../helpers/engagement"
import sendDueReviewRequests from "../../../src/jobs/send-due-review-requests"
import { freePort, responseOf } from "../../helpers/http"
import { NOTEBOOK, PEN, shopperOrder } from "../../helpers/store"

jest.setTimeout(240_000)

// No review platform: the request is an email, with up to two reminders three days apart
const ENV: Record<string, string> = {
  ENGAGEMENT_REVIEW_DELAY: "1h",
  ENGAGEMENT_REVIEW_REMINDERS: "2",
  ENGAGEMENT_REVIEW_REMINDER_INTERVALS: "3d",
  // the cap is not what stops the reminders here
  ENGAGEMENT_REVIEW_MAX_PER_CUSTOMER: "10",
}
// the server listens on a port of its own (the test runner honours PORT): the emails' links must name it
let base: string
beforeAll(async () => {
  process.env.PORT = String(await freePort())
  base = `http://localhost:${process.env.PORT}`
  for (const name of Object.keys(process.env)) {
    if (/^(RECENSUS|REJOINER|EXPERTSENDER|ENGAGE|CRMCOM)_/.test(name)) {
      delete process.env[name]
    }
  }
  Object.assign(process.env, ENV)
})
afterAll(() => {
  delete process.env.PORT
  for (const name of Object.keys(ENV)) {
    delete process.env[name]
  }
})

type Product = { title: string; url: string; review_url?: string }

engagementSuite({
  testSuite: ({ api, getContainer }, seeded) => {
    async function emailedOrder(email: string) {
      const { session, order } = await shopperOrder(api, seeded.store, email, [
        [PEN, 1],
        [NOTEBOOK, 1],
      ])
      const request = await reviewRequestOf(getContainer(), order.id)
      await makeDue(getContainer(), request.id)
      await sendDueReviewRequests(getContainer())
      const sent = await engagementOf(getContainer()).retrieveReviewRequest(request.id)
      expect(sent).toEqual(expect.objectContaining({ status: "sent", channel: "email", reminders_sent: 0 }))
      return { order, session, request: sent }
    }

    const reviewEmails = async (to: string) =>
      (
        await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ to }, { order: { created_at: "ASC" } })
      ).filter((n) => n.template === "engagement-review-request")

    async function makeReminderDue(id: string) {
      await engagementOf(getContainer()).updateReviewRequests({ id, next_reminder_at: new Date(Date.now() - 1000) })
    }

    it("sends a reminder with tracked links, and a followed link stops the next one", async () => {
      const { request } = await emailedOrder("ada@example.com")
      expect(new Date(request.next_reminder_at!).getTime() - new Date(request.sent_at!).getTime()).toBeGreaterThan(
        3 * 86_400_000 - 60_000
      )
      const [first] = await reviewEmails("ada@example.com")
      const firstLinks = (first.data!.products as Product[]).map((product) => product.review_url)
      // on the running server by default, not on a fixed localhost:9000
      expect(firstLinks).toEqual([
        expect.stringMatching(new RegExp(`^${base}/engagement/review-links/`)),
        expect.stringMatching(new RegExp(`^${base}/engagement/review-links/`)),
      ])
      // each link works 30 days from its email
      const { e } = JSON.parse(Buffer.from(firstLinks[0]!.split("/").pop()!.split(".")[0], "base64url").toString())
      expect((e * 1000 - Date.now()) / 86_400_000).toBeGreaterThan(29.9)
      expect((e * 1000 - Date.now()) / 86_400_000).toBeLessThanOrEqual(30)
      expect(first.data!.unsubscribe_url).toMatch(new RegExp(`^${base}/engagement/unsubscribe\\?token=`))

      // not due yet: nothing
      await sendDueReviewReminders(getContainer())
      expect(await reviewEmails("ada@example.com")).toHaveLength(1)

      await makeReminderDue(request.id)
      await sendDueReviewReminders(getContainer())
      await sendDueReviewReminders(getContainer())
      const emails = await reviewEmails("ada@example.com")
      expect(emails).toHaveLength(2)
      expect(emails[1].data).toEqual(expect.objectContaining({ reminder: 1, review_request_id: request.id }))
      const reminded = await engagementOf(getContainer()).retrieveReviewRequest(request.id)
      expect(reminded.reminders_sent).toBe(1)
      expect(reminded.next_reminder_at).not.toBeNull()
      // both emails count against the shopper's cap
      expect(
        (await engagementOf(getContainer()).listReviewContacts({ review_request_id: request.id }))
          .map((c) => c.round)
          .sort()
      ).toEqual([0, 1])

      // the shopper follows the reminder's link: recorded, and led to the product's review form
      const link = (emails[1].data!.products as Product[])[0].review_url!
      const path = link.replace(base, "")
      // the link as the email has it, followed on the server that sent it
      const followed = await fetch(link, { redirect: "manual" })
      expect(followed.status).toBe(302)
      expect(followed.headers.get("location")).toMatch(/^http:\/\/localhost:8000\/products\/[\w-]+#reviews$/)
      const clicked = await engagementOf(getContainer()).retrieveReviewRequest(request.id)
      expect(clicked.clicked_at).not.toBeNull()
      expect(clicked.next_reminder_at).toBeNull()

      // a changed link is refused and records nothing
      const tampered = await responseOf(api.get(`${path.slice(0, -2)}xx`, { maxRedirects: 0 }))
      expect(tampered.status).toBe(400)
      expect(tampered.data.message).toMatch(/^token: /)

      // the second reminder's time comes: nothing goes out
      await makeReminderDue(request.id)
      await sendDueReviewReminders(getContainer())
      expect(await reviewEmails("ada@example.com")).toHaveLength(2)
      const stopped = await engagementOf(getContainer()).retrieveReviewRequest(request.id)
      expect(stopped).toEqual(
        expect.objectContaining({
          reminders_sent: 1,
          next_reminder_at: null,
          reason: "reminders stopped: a review link was followed",
        })
      )
    })

    it("stops the reminders at once when the shopper unsubscribes from the email's link", async () => {
      const { request } = await emailedOrder("unsub@example.com")
      const [first] = await reviewEmails("unsub@example.com")
      const unsubscribe = String(first.data!.unsubscribe_url)
      const token = new URL(unsubscribe).searchParams.get("token")!
      await api.post(`/engagement/unsubscribe?token=${encodeURIComponent(token)}`)

      await makeReminderDue(request.id)
      await sendDueReviewReminders(getContainer())
      expect(await reviewEmails("unsub@example.com")).toHaveLength(1)
      const stopped = await engagementOf(getContainer()).retrieveReviewRequest(request.id)
      expect(stopped.next_reminder_at).toBeNull()
      expect(stopped.reason).toBe("reminders stopped: no consent for review_requests (False)")
      expect(stopped.reminders_sent).toBe(0)
    })
  },
})
