import { getTableName, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { patients } from "@/db/schema";
import { DATA_MAP } from "@/lib/fulfilment/data-map";
import { catalogs } from "@/messages";
import { createTestDb } from "@/test/db";
import { DATA_CATEGORIES, FAMILY_MEMBER_CATEGORIES, HEALTH_CATEGORIES } from "./list";
import { childrenOf, parentOf, qualifiedTableName, recordsPatients, referencingFirst, sqlColumnName } from "./records";
import { entryOf, LAST_VISIT, RECIPIENT_NAMES, REGISTRY, type Entry } from "./registry";

/** Every column an entry names, with the tables it may belong to (its own; a parent's for what a view selects). */
function namedColumns(e: Entry): { what: string; column: AnyPgColumn; own: boolean }[] {
  const own = (what: string, column: AnyPgColumn) => ({ what, column, own: true });
  return [
    own("id", e.id.column),
    own("subject", e.subject.column),
    ...(e.patient ? [own("patient", e.patient)] : []),
    ...e.personal.map((c) => own("personal", c)),
    ...e.export.order.map((c) => own("export.order", c)),
    ...(e.restriction ? [own("restrictedAt", e.restriction.restrictedAt), own("deletableAfter", e.restriction.deletableAfter)] : []),
    ...e.heldColumns.flatMap((h) => [own(`held ${h.name}`, h.column), own(`held ${h.name} from`, h.from)]),
    ...(e.view?.recent ? [own("view.recent", e.view.recent.column)] : []),
    ...Object.entries(e.view?.select ?? {}).map(([k, column]) => ({ what: `view.select.${k}`, column, own: false })),
  ];
}

describe("the data-category registry", () => {
  it("has exactly one entry per data category", () => {
    expect(REGISTRY.map((e) => e.category).sort()).toEqual([...DATA_CATEGORIES].sort());
    for (const c of DATA_CATEGORIES) expect(entryOf(c).category).toBe(c);
  });

  it("names only columns of the entry's own table (or, in a view, of the parent it joins)", () => {
    for (const e of REGISTRY) {
      const parent = parentOf(e);
      for (const { what, column, own } of namedColumns(e)) {
        const allowed = own ? [e.table] : [e.table, ...(parent ? [parent.table] : [])];
        expect(allowed, `${e.category} ${what}: ${column.name}`).toContain(column.table);
      }
      for (const ref of e.references) expect(ref.table, `${e.category} reference`).not.toBe(e.table);
    }
    expect(LAST_VISIT.at).toBeDefined();
    for (const column of Object.values(RECIPIENT_NAMES.columns)) expect(column.table).toBe(entryOf(RECIPIENT_NAMES.category).table);
  });

  it("holds under retention only what it can restrict, from a parent it can reach", () => {
    for (const e of REGISTRY) {
      if (e.erasure.method === "restrict") {
        expect(e.retention, e.category).not.toBeNull();
        expect(e.restriction, e.category).not.toBeNull();
        expect(e.retention?.from, e.category).toBe("last_visit");
      }
      if (e.heldColumns.length > 0) expect(e.restriction, e.category).not.toBeNull();
      const parent = parentOf(e);
      if (parent) {
        expect(parent.subject.via, `${e.category}: a parent is reached directly`).toBeNull();
        if (parent.erasure.method === "restrict") expect(e.restriction, `${e.category} is restricted with ${parent.category}`).not.toBeNull();
      }
    }
    expect(childrenOf(entryOf("consultations")).map((e) => e.category)).toEqual(["photos"]);
    // Purges and deletions go from the records that point at others to the records pointed at.
    const order = referencingFirst(REGISTRY).map((e) => e.category);
    expect(order.indexOf("photos")).toBeLessThan(order.indexOf("consultations"));
    expect(order.indexOf("prescriptions")).toBeLessThan(order.indexOf("consultations"));
    expect(order.indexOf("orders")).toBeLessThan(order.indexOf("addresses"));
    expect(order.indexOf("orders")).toBeLessThan(order.indexOf("prescriptions"));
  });

  it("says where a 就诊人 is recorded: the medical records name them, photos follow their consultation, the rest is the account holder's", () => {
    for (const e of REGISTRY) {
      // A record reached through a parent belongs to whoever the parent belongs to.
      if (parentOf(e)) expect(e.patient, `${e.category} follows its parent`).toBeNull();
    }
    expect(REGISTRY.filter((e) => e.patient).map((e) => e.category)).toEqual(["consultations", "prescriptions"]);
    expect(REGISTRY.filter(recordsPatients).map((e) => e.category)).toEqual(["consultations", "photos", "prescriptions"]);
    // The forms offer for a 就诊人 exactly the categories recorded per person.
    expect([...FAMILY_MEMBER_CATEGORIES].sort()).toEqual(
      REGISTRY.filter(recordsPatients)
        .map((e) => e.category)
        .sort(),
    );
    // What a retention holds as medical records is recorded per person, so each is held from their own last visit.
    for (const e of REGISTRY) if (e.retention?.rule === "medical_record") expect(recordsPatients(e), e.category).toBe(true);
    expect(entryOf(LAST_VISIT.category).patient).not.toBeNull();
    // The records naming a 就诊人's recipients point at a category that records them.
    expect(RECIPIENT_NAMES.patientVia.column.table).toBe(entryOf(RECIPIENT_NAMES.category).table);
    expect(entryOf(RECIPIENT_NAMES.patientVia.category).patient).not.toBeNull();
    expect(entryOf(RECIPIENT_NAMES.category).patient).toBeNull();
  });

  it("labels every exported column, and names every category, erasure, retention and recipient, in both languages", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const m = catalogs[locale];
      const dataMap = m.dataMap as Record<string, string>;
      const columns = m.export.columns as Record<string, string>;
      for (const e of REGISTRY) {
        expect((m.categories as Record<string, string>)[e.category], `${locale} categories.${e.category}`).toBeTruthy();
        expect(dataMap[`erasure_${e.erasure.method}`], `${locale} ${e.category} erasure`).toBeTruthy();
        if (e.retention) expect(dataMap[`retention_${e.retention.rule}`], `${locale} ${e.category} retention`).toBeTruthy();
        for (const r of e.recipients) expect(dataMap[`recipient_${r}`], `${locale} recipient ${r}`).toBeTruthy();
        const keys = e.export.columns.map((c) => c.key);
        expect(new Set(keys).size, `${e.category}: column keys are unique`).toBe(keys.length);
        for (const c of e.export.columns) expect(columns[c.label], `${locale} export.columns.${c.label}`).toBeTruthy();
      }
    }
  });

  it("lists single records for the health categories a patient may pick from", () => {
    for (const c of HEALTH_CATEGORIES) expect(entryOf(c).view, c).not.toBeNull();
  });

  it("is what the admin data map shows, entry by entry", () => {
    expect(DATA_MAP.map((m) => m.category)).toEqual(REGISTRY.map((e) => e.category));
    for (const e of REGISTRY) {
      const m = DATA_MAP.find((x) => x.category === e.category)!;
      expect(m.tables).toEqual([{ table: qualifiedTableName(e.table), columns: e.personal.map(sqlColumnName) }]);
      expect(m.erasure).toBe(e.category === "orders" ? "delete_past_retention" : e.erasure.method);
      expect(m.retention).toEqual(e.retention ?? undefined);
      expect(m.recipients).toEqual(e.recipients);
    }
    expect(DATA_MAP.find((m) => m.category === "account")!.tables[0]).toEqual({
      table: "platform.accounts",
      columns: ["phone", "nickname", "gender", "birth_date", "email", "balance_cents"],
    });
  });
});

describe("the registry against the migrated database", () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const t = await createTestDb();
    db = t.handle.db;
    cleanup = t.cleanup;
  });
  afterAll(() => cleanup?.());

  it("every entry's table has the columns it names", async () => {
    const rows = (await db.execute(
      sql`select table_schema, table_name, column_name from information_schema.columns where table_schema = 'platform'`,
    )) as unknown as
      | { rows: { table_schema: string; table_name: string; column_name: string }[] }
      | { table_schema: string; table_name: string; column_name: string }[];
    const list = Array.isArray(rows) ? rows : rows.rows;
    const present = new Set(list.map((r) => `${r.table_schema}.${r.table_name}.${r.column_name}`));
    const check = (column: AnyPgColumn, what: string) =>
      expect(present.has(`${qualifiedTableName(column.table)}.${sqlColumnName(column)}`), what).toBe(true);
    for (const e of REGISTRY) {
      for (const { what, column } of namedColumns(e)) check(column, `${e.category} ${what}`);
      for (const ref of e.references) check(ref, `${e.category} reference ${getTableName(ref.table)}`);
    }
    for (const column of Object.values(RECIPIENT_NAMES.columns)) check(column, "recipient names");
  });

  it("every reference is a foreign key to the entry's records, and every parent join one too", async () => {
    const fks = (await db.execute(sql`
      select kcu.table_name as from_table, kcu.column_name as from_column, ccu.table_name as to_table, ccu.column_name as to_column
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'platform'`)) as unknown as
      { rows: Record<string, string>[] } | Record<string, string>[];
    const list = Array.isArray(fks) ? fks : fks.rows;
    const has = (from: AnyPgColumn, to: AnyPgColumn) =>
      list.some(
        (f) =>
          f.from_table === getTableName(from.table) &&
          f.from_column === sqlColumnName(from) &&
          f.to_table === getTableName(to.table) &&
          f.to_column === sqlColumnName(to),
      );
    for (const e of REGISTRY) {
      for (const ref of e.references) expect(has(ref, e.id.column), `${getTableName(ref.table)}.${sqlColumnName(ref)} → ${e.category}`).toBe(true);
      const parent = parentOf(e);
      if (parent) expect(has(e.subject.column, parent.id.column), `${e.category} → ${parent.category}`).toBe(true);
      if (e.patient) expect(has(e.patient, patients.id), `${e.category} patient → patients`).toBe(true);
    }
    const via = RECIPIENT_NAMES.patientVia;
    expect(has(via.column, entryOf(via.category).id.column), "recipients' records → the 就诊人's").toBe(true);
  });
});
