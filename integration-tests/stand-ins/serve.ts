/**
 * Runs the platform stand-ins on fixed local ports for trying the demo by hand:
 *   npx ts-node --transpile-only integration-tests/stand-ins/serve.ts
 * Ports: STAND_IN_BASE_PORT (default 4100) + 1…5 for Recensus, Rejoiner, ExpertSender, Engage,
 * CRM.COM; the base port itself takes control calls, so a platform can be made to fail by hand:
 *   curl -X POST localhost:4100/rejoiner/fail -d '{"count":3,"status":503}'   (or {"kind":"timeout"} / {"kind":"reset"};
 *   "body" and "headers" give the failing answer's, e.g. {"status":503,"headers":{"retry-after":"3600"}})
 *   curl localhost:4100/rejoiner/requests      curl -X POST localhost:4100/rejoiner/reset
 * It prints the environment variables to start the demo with, then one line per call received
 * (with any contract violation). Ctrl-C stops it.
 */
import { RECENSUS_TEST_CONFIG, REJOINER_TEST_CONFIG } from "../helpers/stand-ins"
import { createCrmComStandIn } from "./crmcom"
import { giveRewards } from "./crmcom-rewards"
import { createEngageStandIn } from "./engage"
import { createExpertSenderStandIn } from "./expertsender"
import { createRecensusStandIn } from "./recensus"
import { createRejoinerStandIn } from "./rejoiner"
import http from "node:http"
import type { FailureMode, StandIn } from "./stand-in"

const DEMO_REWARDS = {
  currency_code: "EUR",
  rewards: {
    signed_up_on: Math.floor(Date.now() / 1000),
    spending_blocked_status: "false",
    joined_reward_schemes: [],
    rewards: { total_awards: "5.00", total_spends: "0.00" },
  },
  balances: [
    {
      amount: 5,
      id: "COND-ANY",
      name: "Anywhere",
      expiration: { zero_to_thirty: 0, thirty_to_sixty: 0, sixty_to_ninety: 0, ninety_plus: 5 },
    },
  ],
  schemes: [
    { id: "SCHEME-OPEN", name: "Loyalty Scheme", sign_up_option: "SELF_SIGN_UP", is_joined: "false" },
    {
      id: "SCHEME-CORP",
      name: "Corporate Scheme",
      sign_up_option: "CLOSE_LOOP_EMAIL",
      is_joined: "false",
      // the stand-in's own: the domains CRM.COM accepts for this closed loop
      email_domains: ["example-corp.com"],
    },
  ],
}

const BASE_PORT = Number(process.env.STAND_IN_BASE_PORT ?? 4100)

async function main() {
  const recensus = createRecensusStandIn(RECENSUS_TEST_CONFIG)
  const rejoiner = createRejoinerStandIn(REJOINER_TEST_CONFIG)
  const expertsender = createExpertSenderStandIn({ apiKey: "es-test-key" })
  const engage = createEngageStandIn({ apiKey: "engage-test-key" })
  const crmcom = createCrmComStandIn({ apiKey: "crmcom-test-key" })
  const env: Record<string, string> = {
    RECENSUS_API_URL: await recensus.start(BASE_PORT + 1),
    RECENSUS_MERCHANT_ID: RECENSUS_TEST_CONFIG.merchantId,
    RECENSUS_TOKEN: RECENSUS_TEST_CONFIG.token,
    RECENSUS_SHARED_SECRET: RECENSUS_TEST_CONFIG.sharedSecret,
    REJOINER_API_URL: await rejoiner.start(BASE_PORT + 2),
    REJOINER_API_KEY: REJOINER_TEST_CONFIG.apiKey,
    EXPERTSENDER_API_URL: await expertsender.start(BASE_PORT + 3),
    EXPERTSENDER_API_KEY: "es-test-key",
    ENGAGE_API_URL: await engage.start(BASE_PORT + 4),
    ENGAGE_API_KEY: "engage-test-key",
    CRMCOM_API_URL: await crmcom.start(BASE_PORT + 5),
    CRMCOM_API_KEY: "crmcom-test-key",
    CRMCOM_ENCRYPTION_KEY: "crmcom-demo-encryption-key",
    ENGAGEMENT_EXPERTSENDER_CONSENT_IDS: "email_marketing=1,sms_marketing=2",
  }
  const standIns: StandIn[] = [recensus, rejoiner, expertsender, engage, crmcom]
  const control = await serveControl(
    new Map(standIns.map((standIn) => [standIn.name.toLowerCase().replace(/[^a-z]/g, ""), standIn]))
  )
  console.log("Stand-ins listening. Start the demo with:\n")
  console.log(
    `${Object.entries(env)
      .map(([key, value]) => `${key}=${value}`)
      .join(" ")} npm run demo\n`
  )

  const seen = new Map<StandIn, number>()
  setInterval(() => {
    // as CRM.COM does on sign-up: each new contact gets a primary account, a wallet and the active
    // reward schemes (an open one and a closed-loop one), so LOYALTY_SOURCE=crmcom can be tried
    for (const contactId of Object.keys(crmcom.contacts)) {
      if (!(crmcom.state.rewards ?? {})[contactId]) {
        giveRewards(crmcom, contactId, DEMO_REWARDS)
      }
    }
    for (const standIn of standIns) {
      const from = seen.get(standIn) ?? 0
      for (const request of standIn.requests.slice(from)) {
        const verdict = request.violations.length
          ? `VIOLATES: ${request.violations.join("; ")}`
          : "matches the contract"
        console.log(
          `[${new Date().toISOString()}] ${standIn.name} ${request.method} ${request.path} -> ${request.answeredWith} (${verdict})`
        )
        console.log(`  ${JSON.stringify(request.body)}`)
      }
      seen.set(standIn, standIn.requests.length)
    }
  }, 250)

  const stop = async () => {
    control.close()
    await Promise.all(standIns.map((standIn) => standIn.stop()))
    process.exit(0)
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}

/** Control calls on the base port: make a platform fail, read or forget what it received. Loopback only. */
function serveControl(byName: Map<string, StandIn>): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const [, name, action] = (req.url ?? "").split("/")
    const standIn = byName.get(name ?? "")
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" })
      res.end(JSON.stringify(body))
    }
    if (!standIn) {
      return answer(404, { message: `platforms: ${[...byName.keys()].join(", ")}` })
    }
    let raw = ""
    for await (const chunk of req) {
      raw += chunk
    }
    if (req.method === "POST" && action === "fail") {
      const body = JSON.parse(raw || "{}") as {
        count?: number
        status?: number
        kind?: string
        delay_ms?: number
        // what the failing answer says, e.g. {"message": "..."} and {"retry-after": "3600"}
        body?: unknown
        headers?: Record<string, string>
      }
      const mode = (
        body.kind === "timeout" || body.kind === "reset"
          ? { kind: body.kind }
          : {
              kind: "status",
              status: body.status ?? 503,
              delay_ms: body.delay_ms,
              body: body.body,
              headers: body.headers,
            }
      ) as FailureMode
      standIn.failNext(body.count ?? 1, mode)
      return answer(200, { failing_next: body.count ?? 1, mode })
    }
    if (req.method === "POST" && action === "reset") {
      standIn.reset()
      return answer(200, { reset: true })
    }
    if (req.method === "GET" && action === "requests") {
      return answer(200, standIn.requests)
    }
    return answer(404, { message: "POST /<platform>/fail, POST /<platform>/reset, GET /<platform>/requests" })
  })
  return new Promise((resolve) => server.listen(BASE_PORT, "127.0.0.1", () => resolve(server)))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
