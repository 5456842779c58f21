// The in-memory model of the loyalty ledger for the model-based tests: types.ts says its rules.
export * from "./types"
export { ModelLots } from "./lots"
export { LedgerModel } from "./model"
