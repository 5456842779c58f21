export type Env = Record<string, string | undefined>

/** What a platform folder's `env.ts` exports: its provider options from the environment, undefined when off. */
export type ProviderOptionsFromEnv = (env: Env) => Record<string, unknown> | undefined
