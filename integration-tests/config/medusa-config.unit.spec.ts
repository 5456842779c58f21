/** The demo store's medusa-config.ts has no default secret: it refuses to load without one, naming it. */
const SECRETS = ["JWT_SECRET", "COOKIE_SECRET"] as const

function loadConfig(env: Partial<Record<(typeof SECRETS)[number], string>>) {
  const saved = Object.fromEntries(SECRETS.map((name) => [name, process.env[name]]))
  for (const name of SECRETS) {
    if (env[name] === undefined) {
      delete process.env[name]
    } else {
      process.env[name] = env[name]
    }
  }
  try {
    let config: { projectConfig: { http: { jwtSecret?: string; cookieSecret?: string } } } | undefined
    jest.isolateModules(() => {
      config = jest.requireActual<NonNullable<typeof config>>("../../medusa-config")
    })
    return config!
  } finally {
    for (const name of SECRETS) {
      if (saved[name] === undefined) {
        delete process.env[name]
      } else {
        process.env[name] = saved[name]
      }
    }
  }
}

const JWT = "j".repeat(20) + "Qm3vX8pL2wZr7Tn5"
const COOKIE = "c".repeat(20) + "Hy4kS9dF1gB6Nq0e"

describe("medusa-config.ts secrets", () => {
  it("refuses to load without JWT_SECRET, naming it", () => {
    expect(() => loadConfig({ COOKIE_SECRET: COOKIE })).toThrow(/^JWT_SECRET is not set/)
  })

  it("refuses to load without COOKIE_SECRET, naming it", () => {
    expect(() => loadConfig({ JWT_SECRET: JWT })).toThrow(/^COOKIE_SECRET is not set/)
  })

  it("refuses a short secret", () => {
    expect(() => loadConfig({ JWT_SECRET: "short", COOKIE_SECRET: COOKIE })).toThrow(/^JWT_SECRET is too short/)
  })

  it("uses the secrets it is given", () => {
    const { http } = loadConfig({ JWT_SECRET: JWT, COOKIE_SECRET: COOKIE }).projectConfig
    expect([http.jwtSecret, http.cookieSecret]).toEqual([JWT, COOKIE])
  })
})
