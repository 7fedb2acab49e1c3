import { customType } from "drizzle-orm/pg-core";

/** Binary content (proof documents, photos) kept in the database, never under a public path. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
});
