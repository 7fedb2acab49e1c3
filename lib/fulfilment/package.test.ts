import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { accounts, addresses, consents, consultationPhotos, consultations, orders, prescriptions, realNameVerifications } from "@/db/schema";
import { CONSENT_KEYS } from "@/db/schema/platform";
import { DATA_CATEGORIES } from "@/lib/requests/categories";
import { createPatient, type TestPatient } from "@/lib/testing/factories";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { collectCategories } from "./collect";
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
    await db.update(addresses).set({ detail: sql`${addresses.detail} || ${` (${p.phone})`}` }).where(eq(addresses.accountId, p.accountId!));
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
    const data = await collectCategories(db, a!.id, [...DATA_CATEGORIES]);
    const zip = unzipSync(buildPackage({ ref: "DSR-2026-000042", subjectName: rn!.realName, locale: "zh-CN", now, data }));

    const report = strFromU8(zip["report.html"]!);
    expect(report).toContain("DSR-2026-000042");
    expect(report).toContain(rn!.realName);
    expect(report).not.toContain(rn!.idNumber); // masked
    expect(report).toContain(rn!.idNumber.slice(-4));

    const myConsultations = await db.select().from(consultations).where(and(eq(consultations.accountId, a!.id), isNull(consultations.restrictedAt)));
    expect(myConsultations.length).toBeGreaterThan(0);
    expect(JSON.parse(strFromU8(zip["consultations.json"]!))).toHaveLength(myConsultations.length);
    const myPrescriptions = await db.select().from(prescriptions).where(and(eq(prescriptions.accountId, a!.id), isNull(prescriptions.restrictedAt)));
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

  it("escapes what a patient typed, in HTML and CSV", () => {
    const zip = unzipSync(
      buildPackage({
        ref: "DSR-2026-000001",
        subjectName: "<script>alert(1)</script>",
        locale: "en",
        now,
        data: [{ category: "addresses", rows: [{ recipient: '<img src=x onerror=alert(1)>', address: '=HYPERLINK("x")', phone: "a,b\"c" }], files: [] }],
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
