export * from "./workflows/send-loyalty-source-call"
