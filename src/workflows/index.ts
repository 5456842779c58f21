export * from "./outbox"
