export * from "./steps/build-journey-cancellations"
export * from "./workflows/cancel-journeys"
export * from "./workflows/mark-contacts-for-sync"
export * from "./workflows/sync-customer-contacts"
