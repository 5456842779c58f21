import { spendingBlockRoute } from "../../../helpers"

/** Lets the customer spend again, with the reason (a block caused by a debt stays until it is repaid). */
export const POST = spendingBlockRoute(false)
