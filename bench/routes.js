#!/usr/bin/env node
/**
 * Latency of the plugin's routes as a ratio of Medusa's own comparable routes, against a running
 * demo (npm run demo). Loopback only, a bounded number of requests, sequential:
 *   node bench/routes.js [requests=200]
 * Prints median and p95 per route and the plugin/Medusa ratio of medians.
 */
const { demoAdminPassword } = require("../src/scripts/demo/secrets")

const BASE = process.env.MEDUSA_URL || `http://localhost:${process.env.PORT || 9000}`
const N = Math.min(Number(process.argv[2] || 200), 5000)

async function json(method, path, body, headers = {}) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body && JSON.stringify(body),
  })
  if (!response.ok) {
    throw new Error(`${method} ${path} -> ${response.status}`)
  }
  return response.json()
}

async function timeRoute(path, headers) {
  const samples = []
  for (let i = 0; i < 10; i++) {
    await fetch(`${BASE}${path}`, { headers })
  } // warm-up
  for (let i = 0; i < N; i++) {
    const started = process.hrtime.bigint()
    const response = await fetch(`${BASE}${path}`, { headers })
    await response.arrayBuffer()
    if (!response.ok) {
      throw new Error(`GET ${path} -> ${response.status}`)
    }
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(N / 2)], p95: samples[Math.floor(N * 0.95)] }
}

async function main() {
  const { token } = await json("POST", "/auth/user/emailpass", {
    email: process.env.DEMO_ADMIN_EMAIL || "admin@example.com",
    password: demoAdminPassword(),
  })
  const admin = { authorization: `Bearer ${token}` }
  const { api_keys } = await json("GET", "/admin/api-keys?type=publishable", undefined, admin)
  const pk = { "x-publishable-api-key": api_keys[0].token }
  const email = `bench-${Date.now()}@example.com`
  const registered = await json("POST", "/auth/customer/emailpass/register", { email, password: "bench-password" })
  await json("POST", "/store/customers", { email }, { ...pk, authorization: `Bearer ${registered.token}` })
  const login = await json("POST", "/auth/customer/emailpass", { email, password: "bench-password" })
  const shopper = { ...pk, authorization: `Bearer ${login.token}` }
  const { customer } = await json("GET", "/store/customers/me", undefined, shopper)
  // the shopper's contact profile exists once the customer.created subscriber has run
  for (let i = 0; i < 50; i++) {
    const found = await fetch(`${BASE}/admin/engagement/contacts/${customer.id}`, { headers: admin })
    if (found.ok) {
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  const pairs = [
    ["admin list", "/admin/engagement/deliveries?limit=20", "/admin/orders?limit=20&fields=id,status", admin],
    ["store read", "/store/engagement/consents", "/store/customers/me", shopper],
    ["store profile", "/store/engagement/profile", "/store/customers/me", shopper],
    // profile, current consents, consent history and each platform's sync state, against Medusa's customer
    ["admin detail", `/admin/engagement/contacts/${customer.id}`, `/admin/customers/${customer.id}`, admin],
  ]
  console.log(`${N} sequential requests per route against ${BASE}`)
  for (const [name, ours, theirs, headers] of pairs) {
    const plugin = await timeRoute(ours, headers)
    const medusa = await timeRoute(theirs, headers)
    console.log(
      `${name.padEnd(13)} plugin ${ours} median ${plugin.median.toFixed(2)} ms p95 ${plugin.p95.toFixed(2)} ms | ` +
        `medusa ${theirs} median ${medusa.median.toFixed(2)} ms p95 ${medusa.p95.toFixed(2)} ms | ratio ${(plugin.median / medusa.median).toFixed(2)}`
    )
  }
}

main().catch((error) => {
  console.error(error.message)
  process.exit(1)
})
