/**
 * The test storefront: every component of `medusa-plugin-engagement/storefront/react` on one page,
 * against a running Medusa with the plugin. A shopper signs in; the left column is the account area
 * (points, tier, schemes, referral, history), the right one the cart and checkout (the earn line,
 * the redeem control, the points' summary line, the consent boxes) and then the order confirmation.
 * Served by server.js; driven in Chromium by scenario.js.
 */
import Medusa from "@medusajs/js-sdk"
import type { HttpTypes } from "@medusajs/types"
import { useEffect, useId, useState, type ReactNode } from "react"
import { createRoot } from "react-dom/client"
import {
  CartEarnLine,
  CheckoutConsents,
  EngagementProvider,
  formatMoney,
  LoyaltyBalance,
  LoyaltyCreditLine,
  LoyaltyHistory,
  RedeemPoints,
  ReferralCard,
  RewardSchemes,
  useEngagement,
  type CheckoutConsentOption,
} from "../../src/storefront/react"
import { addToCart, catalogue, cents, placeOrder } from "./shop"

declare global {
  interface Window {
    STOREFRONT: { backend: string; publishableKey: string }
  }
}

const LOCALE = "en-IE"

/** The checkout's boxes: each wording with its version is what the consent ledger keeps. */
export const CONSENT_OPTIONS: CheckoutConsentOption[] = [
  { purpose: "email_marketing", wording: "Email me offers and news", version: "2026-12" },
  { purpose: "review_requests", wording: "Ask me to review what I bought", version: "2026-12" },
  { purpose: "sms_marketing", wording: "Text me offers", version: "2026-12" },
]

const sdk = new Medusa({
  baseUrl: window.STOREFRONT.backend,
  publishableKey: window.STOREFRONT.publishableKey,
  auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
})

function SignIn({ onSignedIn }: { onSignedIn: (email: string) => void }) {
  const emailId = useId()
  const passwordId = useId()
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="card"
      aria-label="Sign in"
      onSubmit={async (event) => {
        event.preventDefault()
        const form = new FormData(event.currentTarget)
        const email = String(form.get("email"))
        try {
          await sdk.auth.login("customer", "emailpass", { email, password: String(form.get("password")) })
          onSignedIn(email)
        } catch (caught) {
          setError((caught as Error).message)
        }
      }}
    >
      <h2>Sign in</h2>
      <label htmlFor={emailId}>Email</label>
      <input id={emailId} name="email" type="email" autoComplete="email" required />
      <label htmlFor={passwordId}>Password</label>
      <input id={passwordId} name="password" type="password" autoComplete="current-password" required />
      <p>
        <button type="submit">Sign in</button>
      </p>
      <p role="alert">{error}</p>
    </form>
  )
}

/** A line of a cart or order summary; `cents` gives the test the exact amount. */
function Row({ label, amount, currency, total }: { label: string; amount: number; currency: string; total?: boolean }) {
  return (
    <div data-row={label} data-cents={cents(amount)} data-total={total || undefined}>
      <span>{label}</span>
      <span>{formatMoney(amount, currency, LOCALE)}</span>
    </div>
  )
}

function Summary({
  of,
  source,
  children,
}: {
  of: "cart" | "order"
  source: HttpTypes.StoreCart | HttpTypes.StoreOrder
  children?: ReactNode
}) {
  const currency = source.currency_code
  return (
    <div className="summary" data-summary={of} data-id={source.id}>
      <Row label="Items" amount={source.item_subtotal ?? 0} currency={currency} />
      <Row label="Shipping" amount={source.shipping_total ?? 0} currency={currency} />
      <LoyaltyCreditLine source={source} />
      {/* the total changes when points are applied: announced */}
      <div aria-live="polite" aria-atomic="true">
        <Row label="Total" amount={source.total ?? 0} currency={currency} total />
      </div>
      {children}
    </div>
  )
}

function Checkout({ onOrder }: { onOrder: (order: HttpTypes.StoreOrder) => void }) {
  // a cart changed outside the kit: its components load again (the earn line, the redeem bounds)
  const { refresh } = useEngagement()
  const [shop, setShop] = useState<Awaited<ReturnType<typeof catalogue>> | null>(null)
  const [cart, setCart] = useState<HttpTypes.StoreCart | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    catalogue(sdk).then(setShop, (caught: Error) => setError(caught.message))
  }, [])
  const act = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (caught) {
      setError((caught as Error).message)
    } finally {
      setBusy(false)
    }
  }
  if (!shop) {
    return <p role="alert">{error}</p>
  }
  return (
    <section aria-labelledby="cart-heading">
      <h2 id="cart-heading">Cart</h2>
      <ul aria-label="Products">
        {shop.products.map((product) => (
          <li key={product.id}>
            {product.title}{" "}
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                act(async () => {
                  setCart(await addToCart(sdk, shop.region.id, cart?.id ?? null, product.variants![0].id))
                  refresh()
                })
              }
            >
              Add {product.title}
            </button>
          </li>
        ))}
      </ul>
      {cart ? (
        <>
          <Summary of="cart" source={cart}>
            <CartEarnLine cartId={cart.id} />
          </Summary>
          <RedeemPoints cartId={cart.id} onCartChange={setCart} />
          <CheckoutConsents cart={cart} options={CONSENT_OPTIONS} onCartChange={setCart} />
          <button
            type="button"
            data-action="place-order"
            disabled={busy}
            onClick={() => act(async () => onOrder(await placeOrder(sdk, cart)))}
          >
            Place order
          </button>
        </>
      ) : (
        <p>Your cart is empty.</p>
      )}
      <p role="alert">{error}</p>
    </section>
  )
}

function Confirmation({ order }: { order: HttpTypes.StoreOrder }) {
  return (
    <section aria-labelledby="order-heading" data-order-id={order.id}>
      <h2 id="order-heading">Thank you: order #{order.display_id} is placed</h2>
      <Summary of="order" source={order} />
    </section>
  )
}

function App() {
  const [shopper, setShopper] = useState<string | null>(null)
  const [order, setOrder] = useState<HttpTypes.StoreOrder | null>(null)
  return (
    <EngagementProvider sdk={sdk} locale={LOCALE}>
      <header>
        <h1>Test storefront{shopper ? `: signed in as ${shopper}` : ""}</h1>
      </header>
      {shopper ? (
        <main>
          {/* the account area loads again once an order is placed */}
          <section aria-labelledby="rewards-heading" key={order?.id ?? "before-order"}>
            <h2 id="rewards-heading">Your rewards</h2>
            <LoyaltyBalance />
            <h2>Reward schemes</h2>
            <RewardSchemes />
            <h2>Refer a friend</h2>
            <ReferralCard />
            <h2>Points history</h2>
            <LoyaltyHistory />
          </section>
          {order ? <Confirmation order={order} /> : <Checkout onOrder={setOrder} />}
        </main>
      ) : (
        <main>
          <SignIn onSignedIn={setShopper} />
        </main>
      )}
    </EngagementProvider>
  )
}

createRoot(document.getElementById("root")!).render(<App />)
