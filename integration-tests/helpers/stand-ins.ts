import { createRecensusStandIn } from "../stand-ins/recensus"
import { createRejoinerStandIn } from "../stand-ins/rejoiner"
import type { StandIn } from "../stand-ins/stand-in"

export const RECENSUS_TEST_CONFIG = { merchantId: "1001", token: "test-token", sharedSecret: "test-secret" }
export const REJOINER_TEST_CONFIG = { apiKey: "rj-test-key", siteId: "site123" }

export interface TestPlatforms {
  recensus: StandIn
  rejoiner: StandIn
  all: StandIn[]
}

function createTestPlatforms(): TestPlatforms {
  const recensus = createRecensusStandIn(RECENSUS_TEST_CONFIG)
  const rejoiner = createRejoinerStandIn(REJOINER_TEST_CONFIG)
  return { recensus, rejoiner, all: [recensus, rejoiner] }
}

/** Starts the stand-ins and points the plugin at them through the env medusa-config.ts reads. */
async function startPlatforms({ recensus, rejoiner }: TestPlatforms): Promise<void> {
  process.env.RECENSUS_API_URL = await recensus.start()
  process.env.RECENSUS_MERCHANT_ID = RECENSUS_TEST_CONFIG.merchantId
  process.env.RECENSUS_TOKEN = RECENSUS_TEST_CONFIG.token
  process.env.RECENSUS_SHARED_SECRET = RECENSUS_TEST_CONFIG.sharedSecret
  process.env.REJOINER_API_URL = await rejoiner.start()
  process.env.REJOINER_API_KEY = REJOINER_TEST_CONFIG.apiKey
}

/**
 * For a test file: the stand-ins start, and `env` is set, before Medusa boots (a top-level
 * `beforeAll` runs before the test runner's own), and they stop after the file. Each test starts
 * with fresh stand-ins and ends by asserting that every call they received matched its seed.
 */
export function useTestPlatforms(env: Record<string, string> = {}): TestPlatforms {
  const platforms = createTestPlatforms()
  beforeAll(async () => {
    await startPlatforms(platforms)
    Object.assign(process.env, env)
  })
  beforeEach(() => {
    platforms.all.forEach((standIn) => standIn.reset())
  })
  afterEach(() => {
    expect(platforms.all.flatMap((standIn) => standIn.violations())).toEqual([])
  })
  afterAll(async () => {
    await stopTestPlatforms(platforms)
  })
  return platforms
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
