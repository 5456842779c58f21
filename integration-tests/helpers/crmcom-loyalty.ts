import type { AxiosInstance } from "axios"
import type { MedusaContainer } from "@medusajs/framework/types"
import type { StandIn } from "../stand-ins/stand-in"
import { contactSyncOf, syncContactsNow } from "./engagement"
import { createCustomerSession, TestStore } from "./store"

/** A registered shopper whose contact the sync put on CRM.COM (with its token kept sealed). */
export async function crmComShopper(
  api: AxiosInstance,
  container: MedusaContainer,
  store: TestStore,
  email: string,
  first_name = "Ada"
) {
  const session = await createCustomerSession(api, store, {
    email,
    password: "secret-password",
    first_name,
    last_name: "Lovelace",
  })
  await contactSyncOf(container, session.customerId, "crmcom")
  await syncContactsNow(container)
  const sync = await contactSyncOf(container, session.customerId, "crmcom")
  if (!sync.external_id) {
    throw new Error(`${email} did not reach CRM.COM`)
  }
  return { ...session, contactId: sync.external_id as string }
}

/** Waits until the stand-in has had no call for a moment (the contact sync's calls are over). */
export async function quietOf(standIn: StandIn) {
  for (let seen = -1; seen !== standIn.requests.length;) {
    seen = standIn.requests.length
    await new Promise((resolve) => setTimeout(resolve, 1500))
  }
}

/** Rewards as CRM.COM's examples show them: an open scheme and a closed loop for example-corp.com, neither joined. */
export const rewardsWithSchemes = () => ({
  currency_code: "EUR",
  rewards: {
    spending_blocked_status: "false",
    joined_reward_schemes: [],
    rewards: { total_awards: 0, total_spends: 0 },
  },
  balances: [{ id: "COND-1", name: "Anywhere", amount: 10, expiration: {} }],
  schemes: [
    {
      id: "SCHEME-OPEN",
      name: "Loyalty Scheme",
      description: "Open",
      sign_up_option: "SELF_SIGN_UP",
      is_joined: "false",
    },
    {
      id: "SCHEME-CORP",
      name: "CRMdotCOM Scheme",
      description: "Staff",
      sign_up_option: "CLOSE_LOOP_EMAIL",
      is_joined: "false",
      // the stand-in's own: the domains CRM.COM accepts for this closed loop
      email_domains: ["example-corp.com"],
    },
  ],
})
