export * from "./workflows/send-loyalty-source-write"
