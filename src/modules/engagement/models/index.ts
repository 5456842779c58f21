import Checkout from "./checkout"
import Consent from "./consent"
import ConsentConfirmation from "./consent-confirmation"
import ContactProfile from "./contact-profile"
import ContactSync from "./contact-sync"
import Delivery from "./delivery"
import Erasure from "./erasure"
import LinkUse from "./link-use"
import OrderFact from "./order-fact"
import ReconciliationCursor from "./reconciliation-cursor"
import ReconciliationRepair from "./reconciliation-repair"
import ReviewContact from "./review-contact"
import ReviewRequest from "./review-request"
import ReviewWebhookReceipt from "./review-webhook-receipt"
import EngagementSettingVersion from "./engagement-setting-version"

/**
 * The models the module's service generates its CRUD methods for. `order-total` is not listed: its
 * rows are only changed with the order facts, under their lock (statistics/totals.ts).
 */
export const ENGAGEMENT_MODELS = {
  Delivery,
  ContactProfile,
  Consent,
  ReviewRequest,
  LinkUse,
  OrderFact,
  ContactSync,
  ConsentConfirmation,
  Checkout,
  ReviewContact,
  ReviewWebhookReceipt,
  Erasure,
  ReconciliationCursor,
  ReconciliationRepair,
  EngagementSettingVersion,
}
