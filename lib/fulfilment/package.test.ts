import { and, eq, isNull, ne } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { seedDatabase } from "@/db/seed";
import { accounts, addresses, consultationPhotos, consultations, orders, prescriptions, realNameVerifications } from "@/db/schema";
import { DATA_CATEGORIES } from "@/lib/requests/categories";
import { createTestDb } from "@/test/db";
import { collectCategories } from "./collect";
import { buildPackage, toCsv } from "./package";

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  await seedDatabase(db, { now: new Date("2026-11-01T00:00:00Z") });
});
afterAll(() => cleanup());

describe("access package", () => {
  it("holds every category of the subject's data and nothing of anybody else", async () => {
    const [a] = await db.select().from(accounts).where(eq(accounts.phone, "19900000002"));
    const [rn] = await db.select().from(realNameVerifications).where(eq(realNameVerifications.accountId, a!.id));
    const data = await collectCategories(db, a!.id, [...DATA_CATEGORIES]);
    const zip = unzipSync(buildPackage({ ref: "DSR-2026-000042", subjectName: rn!.realName, locale: "zh-CN", now: new Date("2026-11-29T02:00:00Z"), data }));

    const report = strFromU8(zip["report.html"]!);
    expect(report).toContain("DSR-2026-000042");
    expect(report).toContain(rn!.realName);
    expect(report).not.toContain(rn!.idNumber); // masked
    expect(report).toContain(rn!.idNumber.slice(-4));

    const myConsultations = await db.select().from(consultations).where(and(eq(consultations.accountId, a!.id), isNull(consultations.restrictedAt)));
    expect(JSON.parse(strFromU8(zip["consultations.json"]!))).toHaveLength(myConsultations.length);
    const myPrescriptions = await db.select().from(prescriptions).where(and(eq(prescriptions.accountId, a!.id), isNull(prescriptions.restrictedAt)));
    expect(JSON.parse(strFromU8(zip["prescriptions.json"]!))).toHaveLength(myPrescriptions.length);
    const photos = await db
      .select({ id: consultationPhotos.id })
      .from(consultationPhotos)
      .innerJoin(consultations, eq(consultations.id, consultationPhotos.consultationId))
      .where(and(eq(consultations.accountId, a!.id), isNull(consultationPhotos.restrictedAt)));
    expect(Object.keys(zip).filter((n) => n.startsWith("images/"))).toHaveLength(photos.length);
    const consentsCsv = strFromU8(zip["consents.csv"]!).split("\r\n");
    expect([...zip["consents.csv"]!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
    expect(consentsCsv[0]!.replace("\uFEFF", "")).toBe("key,granted,changedAt");
    expect(consentsCsv.filter(Boolean)).toHaveLength(1 + 9);

    // Nobody else's identifying data anywhere in the package.
    const everything = Object.entries(zip)
      .filter(([n]) => !n.startsWith("images/"))
      .map(([, bytes]) => strFromU8(bytes))
      .join("\n");
    const others = await db.select().from(realNameVerifications).where(ne(realNameVerifications.accountId, a!.id));
    const otherAccounts = await db.select().from(accounts).where(ne(accounts.id, a!.id));
    const otherAddresses = await db.select().from(addresses).where(ne(addresses.accountId, a!.id));
    const otherOrders = await db.select().from(orders).where(ne(orders.accountId, a!.id));
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
        now: new Date(),
        data: [{ category: "addresses", rows: [{ recipient: '<img src=x onerror=alert(1)>', address: '=HYPERLINK("x")', phone: "a,b\"c" }], files: [] }],
      }),
    );
    const report = strFromU8(zip["report.html"]!);
    expect(report).not.toContain("<script>alert");
    expect(report).not.toContain("<img src=x");
    expect(report).toContain("&lt;script&gt;");
    expect(toCsv([{ a: "=1+2", b: 'x"y', c: "plain" }])).toBe('\uFEFFa,b,c\r\n"=1+2","x""y",plain\r\n');
  });
});
