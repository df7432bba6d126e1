// Every column that holds seal()ed values. `vigil secrets rotate` re-seals exactly these; a test
// fails when the schema gains a *_ciphertext column that is not listed here.
export interface SealedColumn {
  table: string;
  column: string;
  /** Primary key column (uuid), used to walk the table in batches. */
  id: string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: "alert_sources", column: "secret_ciphertext", id: "id" },
  { table: "connections", column: "secret_ciphertext", id: "id" },
];

export const sealedColumnName = (c: SealedColumn) => `${c.table}.${c.column}`;
