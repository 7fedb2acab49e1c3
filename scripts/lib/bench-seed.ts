import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ensureReferenceData } from "../../db/reference-data";
import { rowsOf } from "../../db/rows";
import { addBenchmarkRequests, isSeeded, seedDatabase } from "../../db/seed";

/** How many requests the database holds. */
export async function requestCount(db: Db): Promise<number> {
  return Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from dsr.requests`))[0]!.n);
}

/**
 * The benchmarks' data: an empty database gets the demo data and `requests` requests; one seeded before is topped
 * up to that many (a benchmark database is kept between runs). Returns the seconds it took.
 */
export async function seedOrTopUp(db: Db, requests: number): Promise<number> {
  const start = Date.now();
  const log = (line: string) => console.log(`  ${line}`);
  if (!(await isSeeded(db))) {
    console.log(`Seeding the demo data and ${requests.toLocaleString("en")} requests (a few minutes per million)…`);
    await seedDatabase(db, { requests, log });
  } else {
    await ensureReferenceData(db);
    const missing = requests - (await requestCount(db));
    if (missing > 0) {
      console.log(`Adding ${missing.toLocaleString("en")} requests…`);
      await addBenchmarkRequests(db, missing, { log });
    }
  }
  return (Date.now() - start) / 1000;
}
