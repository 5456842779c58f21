export * from "./outbox"
export * from "./review-requests"
export * from "./conversions"
export * from "./consents"
