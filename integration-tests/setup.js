// Each test file boots Medusa anew: MikroORM's metadata from the previous file must not leak in.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()
