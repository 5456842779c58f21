import type { ExecArgs } from "@medusajs/framework/types"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { LOYALTY_MODULE } from "../modules/loyalty/types"
import { verifyOrderRedemptions } from "../workflows/loyalty/utils/verify-order-redemptions"

/**
 * `npx medusa exec ./src/scripts/verify-loyalty-ledger.ts`: proves for every loyalty account that
 * the stored balance, pending, reserved and debt equal what its ledger rows and lots say, and for
 * every cart that held points that its order's credit line is matched by exactly one `redeem` row
 * and that no completed cart still holds points; prints each difference, and fails (exit code 1)
 * when there is one.
 */
export default async function verifyLoyaltyLedger({ container }: ExecArgs) {
  const logger = container.resolve("logger")
  const differences = [
    ...(await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).verifyLedger()),
    ...(await verifyOrderRedemptions(container)),
  ]
  if (!differences.length) {
    logger.info("loyalty ledger: every account agrees with its ledger, every order's credit line with its redeem row")
    return
  }
  for (const difference of differences) {
    logger.error(
      `loyalty ledger: customer ${difference.customer_id}: ${difference.field} is ${difference.stored}, the ledger says ${difference.ledger}`
    )
  }
  throw new Error(`loyalty ledger: ${differences.length} difference(s)`)
}
