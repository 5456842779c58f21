import { medusaIntegrationTestRunner } from "./runner"
import {
  createAdminHeaders,
  createShopper,
  type CustomerSession,
  type RequestConfig,
  seedTestStore,
  type TestStore,
} from "./store"

type RunnerArgs = Parameters<Parameters<typeof medusaIntegrationTestRunner>[0]["testSuite"]>[0]

/** What each test of a suite starts with (the runner restores the database before every test). */
export interface Seeded {
  store: TestStore
  /** set with `shopper` (or by the suite itself, as a contact-sync suite's `register`) */
  shopper: CustomerSession
  /** set with `admin` */
  admin: RequestConfig
}

export interface EngagementSuite {
  /** a signed-in shopper (Ada Lovelace) of this email in each test's store */
  shopper?: string
  /** an admin's headers for each test */
  admin?: boolean
  /** the tests: Medusa's runner's arguments, and what each test starts with (filled before each) */
  testSuite: (runner: RunnerArgs, seeded: Seeded) => void
}

/**
 * A plugin test file's suite: Medusa in the test process and, before each test, the demo store
 * seeded (with a shopper and an admin's headers when asked). The test platforms' stand-ins, when
 * the file uses them, are started above it (`useTestPlatforms`), before Medusa boots.
 */
export function engagementSuite({ shopper, admin, testSuite }: EngagementSuite): void {
  medusaIntegrationTestRunner({
    inApp: true,
    testSuite: (runner) => {
      const seeded = {} as Seeded
      beforeEach(async () => {
        seeded.store = await seedTestStore(runner.getContainer())
        if (shopper) {
          seeded.shopper = await createShopper(runner.api, seeded.store, shopper)
        }
        if (admin) {
          seeded.admin = await createAdminHeaders(runner.getContainer())
        }
      })
      testSuite(runner, seeded)
    },
  })
}
