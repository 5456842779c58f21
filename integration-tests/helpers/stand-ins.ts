import { createCrmComStandIn, CrmComStandIn } from "../stand-ins/crmcom"
import { createEngageStandIn, EngageStandIn } from "../stand-ins/engage"
import { createExpertSenderStandIn } from "../stand-ins/expertsender"
import { createRecensusStandIn } from "../stand-ins/recensus"
import { createRejoinerStandIn } from "../stand-ins/rejoiner"
import type { StandIn } from "../stand-ins/stand-in"

export const RECENSUS_TEST_CONFIG = { merchantId: "1001", token: "test-token", sharedSecret: "test-secret" }
export const REJOINER_TEST_CONFIG = { apiKey: "rj-test-key", siteId: "site123" }
export const EXPERTSENDER_TEST_CONFIG = { apiKey: "es-test-key" }
export const ENGAGE_TEST_CONFIG = { apiKey: "engage-test-key" }
export const CRMCOM_TEST_CONFIG = { apiKey: "crmcom-test-key", encryptionKey: "crmcom-test-encryption-key" }

export interface TestPlatforms {
  recensus: StandIn
  rejoiner: StandIn
  /** present with `{ contacts: true }` */
  expertsender: StandIn
  engage: EngageStandIn
  crmcom: CrmComStandIn
  all: StandIn[]
}

export interface TestPlatformChoice {
  /** also run the platforms that only keep contacts (ExpertSender, Engage, CRM.COM) */
  contacts?: boolean
}

function createTestPlatforms(choice: TestPlatformChoice): TestPlatforms {
  const recensus = createRecensusStandIn(RECENSUS_TEST_CONFIG)
  const rejoiner = createRejoinerStandIn(REJOINER_TEST_CONFIG)
  const expertsender = createExpertSenderStandIn(EXPERTSENDER_TEST_CONFIG)
  const engage = createEngageStandIn(ENGAGE_TEST_CONFIG)
  const crmcom = createCrmComStandIn({ apiKey: CRMCOM_TEST_CONFIG.apiKey })
  const all = choice.contacts ? [recensus, rejoiner, expertsender, engage, crmcom] : [recensus, rejoiner]
  return { recensus, rejoiner, expertsender, engage, crmcom, all }
}

/** Starts the stand-ins and points the plugin at them through the env medusa-config.ts reads. */
async function startPlatforms(platforms: TestPlatforms): Promise<void> {
  const { recensus, rejoiner, expertsender, engage, crmcom } = platforms
  process.env.RECENSUS_API_URL = await recensus.start()
  process.env.RECENSUS_MERCHANT_ID = RECENSUS_TEST_CONFIG.merchantId
  process.env.RECENSUS_TOKEN = RECENSUS_TEST_CONFIG.token
  process.env.RECENSUS_SHARED_SECRET = RECENSUS_TEST_CONFIG.sharedSecret
  process.env.REJOINER_API_URL = await rejoiner.start()
  process.env.REJOINER_API_KEY = REJOINER_TEST_CONFIG.apiKey
  if (platforms.all.includes(expertsender)) {
    process.env.EXPERTSENDER_API_URL = await expertsender.start()
    process.env.EXPERTSENDER_API_KEY = EXPERTSENDER_TEST_CONFIG.apiKey
    process.env.ENGAGE_API_URL = await engage.start()
    process.env.ENGAGE_API_KEY = ENGAGE_TEST_CONFIG.apiKey
    process.env.CRMCOM_API_URL = await crmcom.start()
    process.env.CRMCOM_API_KEY = CRMCOM_TEST_CONFIG.apiKey
    process.env.CRMCOM_ENCRYPTION_KEY = CRMCOM_TEST_CONFIG.encryptionKey
  }
}

const CONTACT_PLATFORM_ENV = [
  "EXPERTSENDER_API_URL",
  "EXPERTSENDER_API_KEY",
  "ENGAGE_API_URL",
  "ENGAGE_API_KEY",
  "CRMCOM_API_URL",
  "CRMCOM_API_KEY",
  "CRMCOM_ENCRYPTION_KEY",
]

/**
 * For a test file: the stand-ins start, and `env` is set, before Medusa boots (a top-level
 * `beforeAll` runs before the test runner's own), and they stop after the file. Each test starts
 * with fresh stand-ins and ends by asserting that every call they received matched its platform's published API.
 */
export function useTestPlatforms(env: Record<string, string> = {}, choice: TestPlatformChoice = {}): TestPlatforms {
  const platforms = createTestPlatforms(choice)
  // contact changes wait an hour unless a test runs the sync itself: no timer fires mid-test
  const fileEnv = { ENGAGEMENT_CONTACT_SYNC_WINDOW: "1h", ...env }
  beforeAll(async () => {
    await startPlatforms(platforms)
    Object.assign(process.env, fileEnv)
  })
  beforeEach(() => {
    platforms.all.forEach((standIn) => standIn.reset())
  })
  afterEach(() => {
    expect(platforms.all.flatMap((standIn) => standIn.violations())).toEqual([])
  })
  afterAll(async () => {
    await stopTestPlatforms(platforms)
    for (const key of [...Object.keys(fileEnv), ...(choice.contacts ? CONTACT_PLATFORM_ENV : [])]) {
      delete process.env[key]
    }
  })
  return platforms
}

/**
 * For a contact-sync test file: every platform, ExpertSender's consent ids, and a long coalescing
 * window, so nothing is due by itself: the tests decide when the sync runs.
 */
export function useContactSyncPlatforms(): TestPlatforms {
  return useTestPlatforms(
    {
      ENGAGEMENT_CONTACT_SYNC_WINDOW: "1h",
      ENGAGEMENT_OUTBOX_BASE_DELAY: "5s",
      ENGAGEMENT_HTTP_TIMEOUT: "2s",
      ENGAGEMENT_EXPERTSENDER_CONSENT_IDS: "email_marketing=1,sms_marketing=2",
    },
    { contacts: true }
  )
}

/** The bodies of the calls a stand-in accepted on one route, oldest first. */
export function bodiesOf(standIn: { acceptedCallsTo(route: string): { body: unknown }[] }, route: string) {
  return standIn.acceptedCallsTo(route).map((call) => call.body as Record<string, any>)
}

export async function stopTestPlatforms(platforms: TestPlatforms | undefined): Promise<void> {
  await Promise.all((platforms?.all ?? []).map((standIn) => standIn.stop()))
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now()
  let last: unknown
  while (Date.now() - started < timeoutMs) {
    try {
      const value = await check()
      if (value !== undefined && value !== false) {
        return value as T
      }
    } catch (error) {
      last = error
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ""}`)
}
