import { spendingBlockRoute } from "../../../../../../utils/loyalty"

/** Stops the customer spending points (earning goes on), with the reason. */
export const POST = spendingBlockRoute(true)
