import { model } from "@medusajs/framework/utils"

/**
 * One saved version of a settings area the owner edits in the admin (see utils/setting-versions.ts):
 * never changed once written; the newest version of an area is in effect (`values` null: the options).
 */
const EngagementSettingVersion = model
  .define(
    { name: "EngagementSettingVersion", tableName: "engagement_setting_version" },
    {
      id: model.id({ prefix: "engset" }).primaryKey(),
      area: model.text(),
      version: model.number(),
      values: model.json().nullable(),
      actor_type: model.text(),
      actor_id: model.text(),
      restored_from: model.number().nullable(),
    }
  )
  .indexes([{ on: ["area", "version"], unique: true, where: "deleted_at IS NULL" }])

export default EngagementSettingVersion
