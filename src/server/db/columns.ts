// Shared column helpers so every table spells ids and timestamps the same way.
import { timestamp, uuid } from "drizzle-orm/pg-core";

/** Random UUID primary key. */
export const uuidPk = () => uuid().primaryKey().defaultRandom();

/** A timestamptz column, in JS Dates. */
export const tstz = () => timestamp({ withTimezone: true, mode: "date" });

/** created_at / updated_at pair; updated_at is set by the code that changes the row. */
export const timestamps = () => ({
  createdAt: tstz().notNull().defaultNow(),
  updatedAt: tstz().notNull().defaultNow(),
});
