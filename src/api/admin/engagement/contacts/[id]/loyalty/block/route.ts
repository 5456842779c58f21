import { spendingBlockRoute } from "../../../helpers"

/** Stops the customer spending points (earning goes on), with the reason. */
export const POST = spendingBlockRoute(true)
