import type { MedusaResponse } from "@medusajs/framework/http"
import type EngagementModuleService from "../../../modules/engagement/service"
import { sendErrorAnswer, type SentError } from "../../utils/sent"
import type { ShopperPagesCapability } from "../../../provider-api/capabilities"

export const NO_SHOPPER_PAGES = "engagement: no platform for My pages is configured on this store"

/**
 * Answers a "My pages" read through the platform that offers them: 404 when none is on, and the
 * platform's known failures as their own statuses: 409 not synced yet, 424 naming the platform when it fails.
 */
export async function answerShopperPagesRead<Body>(
  engagement: EngagementModuleService,
  res: MedusaResponse<Body | SentError>,
  read: (pages: ShopperPagesCapability) => Promise<Body>
): Promise<void> {
  const [platform] = engagement.providersWith("shopper_pages")
  if (!platform) {
    res.status(404).json({ type: "not_found", message: NO_SHOPPER_PAGES })
    return
  }
  try {
    res.json(await read(platform.capability))
  } catch (error) {
    const answer = platform.capability.errorAnswer(error)
    if (!answer) {
      throw error
    }
    sendErrorAnswer(res, answer)
  }
}
