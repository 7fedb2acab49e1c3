import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  accounts,
  addresses,
  browsingLogs,
  consents,
  consultationPhotos,
  consultations,
  orders,
  prescriptions,
  realNameVerifications,
} from "@/db/schema";
import { CONSENT_KEYS } from "@/db/schema/platform";
import { accountHolder } from "@/lib/platform/subject";
import { DATA_CATEGORIES } from "@/lib/requests/categories";
import { createPatient, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { collectCategories } from "./collect";
import { catalogs } from "@/messages";
import { buildPackage, toCsv } from "./package";

let db: Db;
let cleanup: () => Promise<void>;
const now = testNow();

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
});
afterAll(() => cleanup?.());

/**
 * Other patients beside the subject: other people, whatever the factory draws (it picks from the demo's people,
 * so a draw may repeat the subject's), each address tagged with its owner's phone so that no street and
 * floor two people happen to share can pass for a leak.
 */
async function otherPatients(subject: TestPatient, n: number, at: Date): Promise<TestPatient[]> {
  const others: TestPatient[] = [];
  while (others.length < n) {
    const p = await createPatient(db, { now: at });
    if (p.name === subject.name || others.some((o) => o.name === p.name)) continue;
    await db
      .update(addresses)
      .set({ detail: sql`${addresses.detail} || ${` (${p.phone})`}` })
      .where(eq(addresses.accountId, p.accountId!));
    others.push(p);
  }
  return others;
}

describe("access package", () => {
  it("holds every category of the subject's data and nothing of anybody else", async () => {
    const filed = daysFrom(now, -2);
    const subject = await createPatient(db, { now: filed });
    await otherPatients(subject, 3, filed);
    const [a] = await db.select().from(accounts).where(eq(accounts.id, subject.accountId!));
    const [rn] = await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, a!.id));
    const data = await collectCategories(db, accountHolder(a!.id), [...DATA_CATEGORIES]);
    const zip = unzipSync(buildPackage({ ref: "DSR-2026-000042", subjectName: rn!.realName, locale: "zh-CN", now, data }));

    const report = strFromU8(zip["report.html"]!);
    expect(report).toContain("DSR-2026-000042");
    expect(report).toContain(rn!.realName);
    expect(report).not.toContain(rn!.idNumber); // masked
    expect(report).toContain(rn!.idNumber.slice(-4));

    const myConsultations = await db
      .select()
      .from(consultations)
      .where(and(eq(consultations.accountId, a!.id), isNull(consultations.restrictedAt)));
    expect(myConsultations.length).toBeGreaterThan(0);
    expect(JSON.parse(strFromU8(zip["consultations.json"]!))).toHaveLength(myConsultations.length);
    const myPrescriptions = await db
      .select()
      .from(prescriptions)
      .where(and(eq(prescriptions.accountId, a!.id), isNull(prescriptions.restrictedAt)));
    expect(myPrescriptions.length).toBeGreaterThan(0);
    expect(JSON.parse(strFromU8(zip["prescriptions.json"]!))).toHaveLength(myPrescriptions.length);
    const photos = await db
      .select({ id: consultationPhotos.id })
      .from(consultationPhotos)
      .innerJoin(consultations, eq(consultations.id, consultationPhotos.consultationId))
      .where(and(eq(consultations.accountId, a!.id), isNull(consultationPhotos.restrictedAt)));
    expect(photos.length).toBeGreaterThan(0);
    expect(Object.keys(zip).filter((n) => n.startsWith("images/"))).toHaveLength(photos.length);
    const consentsCsv = strFromU8(zip["consents.csv"]!).split("\r\n");
    expect([...zip["consents.csv"]!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    expect(consentsCsv[0]!.replace("\uFEFF", "")).toBe("key,granted,changedAt");
    const myConsents = await db.select().from(consents).where(eq(consents.accountId, a!.id));
    expect(myConsents).toHaveLength(CONSENT_KEYS.length); // one per consent key
    expect(consentsCsv.filter(Boolean)).toHaveLength(1 + myConsents.length);

    // Nobody else's identifying data anywhere in the package.
    const everything = Object.entries(zip)
      .filter(([n]) => !n.startsWith("images/"))
      .map(([, bytes]) => strFromU8(bytes))
      .join("\n");
    const others = await db.select().from(realNameVerifications).where(ne(realNameVerifications.accountId, a!.id));
    const otherAccounts = await db.select().from(accounts).where(ne(accounts.id, a!.id));
    const otherAddresses = await db.select().from(addresses).where(ne(addresses.accountId, a!.id));
    const otherOrders = await db.select().from(orders).where(ne(orders.accountId, a!.id));
    for (const rows of [others, otherAccounts, otherAddresses, otherOrders]) expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const o of others) expect(everything).not.toContain(o.realName.length > 1 ? o.idNumber.slice(-8) : o.idNumber);
    for (const o of otherAccounts) if (o.phone) expect(everything).not.toContain(o.phone);
    for (const o of otherAddresses) expect(everything).not.toContain(o.detail);
    for (const o of otherOrders) expect(everything).not.toContain(o.id);
  });

  it("reads as a patient reads it: labels for coded values, Shanghai times, no internal ids, decoded search terms", async () => {
    const subject = await createPatient(db, { now: daysFrom(now, -2) });
    const [a] = await db.select().from(accounts).where(eq(accounts.id, subject.accountId!));
    // A search and a moment of our own: 16:30 UTC is half past midnight of the next day in Shanghai.
    const searched = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, 16, 30));
    await db.insert(browsingLogs).values({
      accountId: a!.id,
      page: `/search?q=${encodeURIComponent("舌苔厚腻 失眠")}`,
      ip: "192.0.2.7",
      userAgent: "Test",
      occurredAt: searched,
    });
    const shanghai = (d: Date) =>
      new Intl.DateTimeFormat("sv-SE", {
        timeZone: "Asia/Shanghai",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      }).format(d);
    const data = await collectCategories(db, accountHolder(a!.id), [...DATA_CATEGORIES]);
    const myConsultations = await db.select({ id: consultations.id }).from(consultations).where(eq(consultations.accountId, a!.id));
    const myOrders = await db.select({ id: orders.id }).from(orders).where(eq(orders.accountId, a!.id));
    expect(myConsultations.length).toBeGreaterThan(0);

    for (const locale of ["zh-CN", "en"] as const) {
      const zip = unzipSync(buildPackage({ ref: "DSR-2026-000043", subjectName: "x", locale, now, data }));
      const report = strFromU8(zip["report.html"]!);
      const cells = [...report.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]!);
      const values = catalogs[locale].export.values;

      // No raw code of a coded column, no raw flag.
      const rawCodes = new Set<string>(["true", "false", ...Object.values(values).flatMap((v) => Object.keys(v))]);
      expect(
        cells.filter((c) => rawCodes.has(c)),
        locale,
      ).toEqual([]);
      // Their labels instead.
      expect(cells, locale).toContain(values.gender[a!.gender as "male" | "female"]);
      expect(cells, locale).toContain(values.key.device_camera);
      expect(cells, locale).toContain(values.idType.resident_id);
      expect(cells, locale).toContain(values.kind.tongue);
      expect(cells, locale).toContain(values.status.completed);
      expect(cells, locale).toContain(catalogs[locale].export.yes);

      // Times in Shanghai, to the minute; no UTC instant anywhere in the report.
      expect(report).not.toMatch(/\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z/);
      expect(cells, locale).toContain(shanghai(searched));
      expect(report).toContain(shanghai(now));

      // No internal id: no UUID anywhere in the report (the JSON and CSV files keep them for the records' links).
      expect(report).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
      for (const r of [...myConsultations, ...myOrders]) expect(report).not.toContain(r.id);
      expect(strFromU8(zip["consultations.json"]!)).toContain(myConsultations[0]!.id);

      // Search terms as typed, not URL-encoded.
      expect(cells, locale).toContain("/search?q=舌苔厚腻 失眠");
      expect(report).not.toMatch(/%[0-9A-F]{2}/);
    }
  });

  it("escapes what a patient typed, in HTML and CSV", () => {
    const zip = unzipSync(
      buildPackage({
        ref: "DSR-2026-000001",
        subjectName: "<script>alert(1)</script>",
        locale: "en",
        now,
        data: [
          { category: "addresses", rows: [{ recipient: "<img src=x onerror=alert(1)>", address: '=HYPERLINK("x")', phone: 'a,b"c' }], files: [] },
        ],
      }),
    );
    const report = strFromU8(zip["report.html"]!);
    expect(report).not.toContain("<script>alert");
    expect(report).not.toContain("<img src=x");
    expect(report).toContain("&lt;script&gt;");
    // A formula is neutralised with an apostrophe (quoting alone does not stop a spreadsheet running it); quotes doubled.
    expect(toCsv([{ a: "=1+2", b: 'x"y', c: "plain" }])).toBe('\uFEFFa,b,c\r\n\'=1+2,"x""y",plain\r\n');
  });
});
