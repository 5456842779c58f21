// The types of what global-setup.js (CommonJS, jest's globalSetup) exports to the TypeScript helpers.

/** The server's maintenance database, as the suites' user: a `pg` Client's connection. */
export function adminConnection(): {
  host: string | undefined
  port: number
  user: string
  password: string | undefined
  database: "postgres"
}

export function dropDatabase(name: string): Promise<void>
