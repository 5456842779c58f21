import { medusaIntegrationTestRunner } from "../../helpers/runner"
import {
  discoverRoutes,
  type Identity,
  inBatches,
  mutationsOf,
  type Outcome,
  PATH_VALUES,
  QUERY_KEYS,
  QUERY_ONCE,
  QUERY_VALUES,
  type Route,
  send,
  UNKNOWN,
  VALID_BODIES,
} from "../../helpers/fuzz"
import { createAdminHeaders, createShopper, seedTestStore } from "../../helpers/store"

jest.setTimeout(180_000)

beforeAll(() => {
  process.env.ENGAGEMENT_LINK_SECRET ??= "integration-test-link-secret"
})

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer }) => {
    const routes = discoverRoutes()

    it("knows a valid body for every POST route the plugin serves", () => {
      const posts = routes.filter((route) => route.method !== "GET").map((route) => `${route.method} ${route.path}`)
      expect(posts.filter((route) => !VALID_BODIES[route])).toEqual([])
      expect(routes.length).toBeGreaterThan(15)
    })

    it("answers every malformed request to every route with a 4xx, and every 400 names the field", async () => {
      const store = await seedTestStore(getContainer())
      const pk = { "x-publishable-api-key": store.publishableKey }
      const admin = await createAdminHeaders(getContainer())
      const shopper = await createShopper(api, store, "fuzz-shopper@example.com", {
        first_name: "Fuzz",
        last_name: "Shopper",
      })
      // a real contact, so that routes under /contacts/:id get past the lookup and parse their input
      await api.get("/store/engagement/profile", shopper)
      const contacts = await api.get(`/admin/engagement/contacts?customer_id=${shopper.customerId}`, admin)
      const contactId: string = contacts.data.contacts[0].id

      const identities: Identity[] = [
        { name: "admin", headers: { ...pk, ...admin.headers } },
        { name: "customer", headers: shopper.headers },
        { name: "anonymous", headers: pk },
      ]
      const validPath = (route: Route) =>
        route.path.replace(/:(\w+)/g, (_, name) => (name === "id" ? contactId : "nonexistent"))

      // each route gets the whole fuzz as the identity it serves (admin for /admin, the shopper
      // elsewhere) and a sample as the others, who must be turned away before any parsing matters
      const servedBy = (route: Route) => (route.path.startsWith("/admin/") ? "admin" : "customer")
      const calls: Array<() => Promise<Outcome>> = []
      for (const identity of identities) {
        for (const route of routes) {
          const whole = servedBy(route) === identity.name
          const base = validPath(route)
          const valid = VALID_BODIES[`${route.method} ${route.path}`]
          // broken path ids
          for (const param of route.params) {
            for (const value of PATH_VALUES) {
              const url = route.path.replace(/:(\w+)/g, (_, name) =>
                name === param ? value : name === "id" ? contactId : "nonexistent"
              )
              // a well-formed id may be refused for another reason (a platform switched off)
              const field = value === "nonexistent" ? undefined : param
              calls.push(async () => ({ ...(await send(api, route.method, url, identity, valid)), field }))
            }
          }
          // broken query parameters
          for (const key of whole ? QUERY_KEYS : ["order", UNKNOWN]) {
            for (const [, make] of whole ? QUERY_VALUES : QUERY_VALUES.slice(0, 2)) {
              calls.push(async () => ({
                ...(await send(api, route.method, `${base}?${make(key)}`, identity, valid)),
                field: key,
              }))
            }
          }
          for (const [field, query] of whole ? QUERY_ONCE : []) {
            calls.push(async () => ({ ...(await send(api, route.method, `${base}?${query}`, identity, valid)), field }))
          }
          // broken bodies
          if (valid) {
            const mutations = mutationsOf(valid)
            for (const mutation of whole ? mutations : mutations.slice(-4)) {
              calls.push(async () => ({
                ...(await send(api, route.method, base, identity, mutation.body)),
                field: mutation.field,
              }))
            }
          }
        }
      }

      const outcomes = await inBatches(calls)
      const serverErrors = outcomes.filter((outcome) => outcome.status >= 500)
      const unnamed = outcomes.filter(
        (outcome) => outcome.status === 400 && outcome.field && !(outcome.message ?? "").includes(outcome.field)
      )
      expect({
        requests: outcomes.length,
        serverErrors: serverErrors.slice(0, 30),
        count: serverErrors.length,
      }).toEqual({
        requests: outcomes.length,
        serverErrors: [],
        count: 0,
      })
      const unnamedKinds = [...new Set(unnamed.map((outcome) => `${outcome.field}: ${outcome.message}`))]
      expect({ unnamed: unnamedKinds.slice(0, 40), count: unnamed.length }).toEqual({ unnamed: [], count: 0 })
    })
  },
})
