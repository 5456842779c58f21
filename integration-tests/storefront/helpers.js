/** What the storefront scenario asks of the demo's HTTP API, and its waiting and asserting. */

function expect(condition, message) {
  if (!condition) {
    throw new Error(`assertion failed: ${message}`)
  }
}

/** One call of the demo's HTTP API: the admin's token or the shopper's, the publishable key; non-2xx throws. */
async function api(base, method, route, { body, token, key } = {}) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { "x-publishable-api-key": key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await response.json().catch(() => ({}))
  if (!response.ok) {
    throw new Error(`${method} ${route} -> ${response.status}: ${JSON.stringify(data)}`)
  }
  return data
}

/** Polls `check` until it gives a value; on time-out the error names `what` and the last failure. */
async function eventually(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  let failure
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value) {
        return value
      }
    } catch (error) {
      failure = error
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`timed out waiting for ${what}${failure ? ` (last: ${failure.message})` : ""}`)
}

module.exports = { api, eventually, expect }
