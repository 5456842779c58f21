// The SQL helpers are shared by the engagement and loyalty modules.
export * from "../../utils/sql"
