// The cases list: filters, search, three sorts and keyset pagination that stays an index range
// scan at 100k+ cases. Every filter/sort pair has an index ending in (created_at, id) (see
// db/schema/cases.ts); search and the observable filter are resolved in search.ts.
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../db/client";
import { alertSources, cases, users } from "../db/schema";
import { CASE_STATUSES, SEVERITIES } from "../db/schema/enums";
import { AppError } from "../errors";
import { observableFilterCondition, searchBranches } from "./search";

export const CASE_SORTS = ["newest", "oldest", "severity"] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export const caseFiltersSchema = z.object({
  status: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length).optional(),
  severity: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).optional(),
  /** A user id, "me" or "unassigned". */
  assignee: z.union([z.string().uuid(), z.literal("me"), z.literal("unassigned")]).optional(),
  sourceId: z.string().uuid().optional(),
  /** Exact observable value (any type): cases that contain it. */
  observable: z.string().trim().min(1).max(500).optional(),
  /** Substring search on the title and observable values; "#123" or "123" also finds case 123. */
  q: z.string().trim().min(1).max(200).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

export const listCasesInput = caseFiltersSchema.extend({
  sort: z.enum(CASE_SORTS).default("newest"),
  limit: z.number().int().min(1).max(200).default(50),
  /** Opaque keyset cursor from the previous page's nextCursor. */
  cursor: z.string().max(300).nullish(),
});
export type ListCasesInput = z.input<typeof listCasesInput>;
type ParsedInput = z.output<typeof listCasesInput>;

const cursorSchema = z.object({ c: z.coerce.date(), i: z.string().uuid(), s: z.enum(SEVERITIES).optional() });
type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(row: { createdAt: Date; id: string; severity: string }, sort: CaseSort): string {
  const body: Record<string, string> = { c: row.createdAt.toISOString(), i: row.id };
  if (sort === "severity") body.s = row.severity;
  return Buffer.from(JSON.stringify(body)).toString("base64url");
}

export function decodeCursor(cursor: string, sort: CaseSort): Cursor {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (sort === "severity" && !parsed.s) throw new Error("no severity");
    return parsed;
  } catch {
    throw new AppError("BAD_REQUEST", "cursor is not valid for this sort; reload the list from the first page");
  }
}

/** The ORDER BY of a sort; row comparisons below must follow the same column order. */
function orderFor(sort: CaseSort): SQL[] {
  if (sort === "oldest") return [asc(cases.createdAt), asc(cases.id)];
  if (sort === "severity") return [desc(cases.severity), desc(cases.createdAt), desc(cases.id)];
  return [desc(cases.createdAt), desc(cases.id)];
}

function keysetCondition(sort: CaseSort, cursor: Cursor): SQL {
  if (sort === "oldest") return sql`(${cases.createdAt}, ${cases.id}) > (${cursor.c}, ${cursor.i}::uuid)`;
  if (sort === "severity") return sql`(${cases.severity}, ${cases.createdAt}, ${cases.id}) < (${cursor.s}::severity, ${cursor.c}, ${cursor.i}::uuid)`;
  return sql`(${cases.createdAt}, ${cases.id}) < (${cursor.c}, ${cursor.i}::uuid)`;
}

/** Conditions every branch of the query shares: filters and the keyset position. */
async function filterConditions(db: DbOrTx, input: ParsedInput, userId: string | null): Promise<SQL[] | null> {
  const out: (SQL | undefined)[] = [
    input.status?.length ? inArray(cases.status, input.status) : undefined,
    input.severity?.length ? inArray(cases.severity, input.severity) : undefined,
    input.sourceId ? eq(cases.sourceId, input.sourceId) : undefined,
    input.from ? gte(cases.createdAt, input.from) : undefined,
    input.to ? lte(cases.createdAt, input.to) : undefined,
    input.cursor ? keysetCondition(input.sort, decodeCursor(input.cursor, input.sort)) : undefined,
  ];
  if (input.assignee === "unassigned") out.push(isNull(cases.assigneeId));
  else if (input.assignee === "me") out.push(userId ? eq(cases.assigneeId, userId) : sql`false`);
  else if (input.assignee) out.push(eq(cases.assigneeId, input.assignee));
  if (input.observable) {
    const cond = await observableFilterCondition(db, { exact: input.observable });
    if (!cond) return null; // no such observable: nothing can match
    out.push(cond);
  }
  return out.filter((c): c is SQL => c !== undefined);
}

const listColumns = {
  id: cases.id,
  number: cases.number,
  title: cases.title,
  severity: cases.severity,
  status: cases.status,
  alertCount: cases.alertCount,
  createdAt: cases.createdAt,
  lastAlertAt: cases.lastAlertAt,
  acknowledgedAt: cases.acknowledgedAt,
  resolvedAt: cases.resolvedAt,
  source: alertSources.slug,
  assignee: { id: users.id, name: users.name },
};

/**
 * Builds the page query. Without search it is one keyset range scan. With search, each way of
 * matching (title, observables, case number) is its own sorted, limited branch, and the page is
 * the top of their union: each branch picks its best index instead of one OR defeating them all.
 * Returns null when no row can match. Exported for the index test (EXPLAIN of the real query);
 * wrapped in an object because a drizzle query is thenable and an async function would run it.
 */
export async function buildListCasesQuery(db: DbOrTx, raw: ListCasesInput, userId: string | null = null) {
  const input = listCasesInput.parse(raw);
  const filters = await filterConditions(db, input, userId);
  if (!filters) return null;
  const order = orderFor(input.sort);
  let where: SQL | undefined = and(...filters);
  if (input.q) {
    const branches = await searchBranches(db, input.q);
    const ids = branches.map((cond) =>
      db.select({ id: cases.id }).from(cases).where(and(...filters, cond)).orderBy(...order).limit(input.limit + 1),
    );
    where = sql`${cases.id} in (${sql.join(ids.map((q) => sql`(${q})`), sql` union `)})`;
  }
  const query = db
    .select(listColumns)
    .from(cases)
    .leftJoin(users, eq(users.id, cases.assigneeId))
    .leftJoin(alertSources, eq(alertSources.id, cases.sourceId))
    .where(where)
    .orderBy(...order)
    .limit(input.limit + 1);
  return { query };
}

export async function listCases(db: DbOrTx, raw: ListCasesInput, userId: string | null = null) {
  const input = listCasesInput.parse(raw);
  const built = await buildListCasesQuery(db, input, userId);
  const rows = built ? await built.query : [];
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, assignee: r.assignee?.id ? r.assignee : null }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last, input.sort) : null };
}
