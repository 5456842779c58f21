export * from "./outbox"
export * from "./review-requests"
