import { describe, expect, it } from "vitest";
import { groupItemOutcomes, isDone, itemsNotDone, readItemOutcomes, type ItemOutcome } from "./items";

const retention = { rule: "medical_record" as const, basis: "医疗机构管理条例实施细则 第53条" };

describe("readItemOutcomes", () => {
  it("reads each line as stored, dropping lines that do not parse", () => {
    const stored: unknown = [
      { category: "consultations", id: null, outcome: "restricted", count: 3, deletableAfter: "2041-06-30", retention },
      { category: "addresses", id: null, outcome: "deleted", count: 2 },
      { category: "photos", id: "p9", outcome: "not_held", count: 0, reason: "record_gone" },
      { category: "orders", id: null, outcome: "refused", count: 0, reason: "trade_secret" },
      { category: "prescriptions", id: null, outcome: "provided", count: 4, held: 2, deletableAfter: "2041-06-30", retention },
      { category: "addresses", outcome: "teleported", count: 1 },
      { outcome: "deleted", count: 1 },
      null,
      "deleted",
    ];
    expect(readItemOutcomes(stored)).toEqual([
      { category: "consultations", id: null, outcome: "restricted", count: 3, deletableAfter: "2041-06-30", retention },
      { category: "addresses", id: null, outcome: "deleted", count: 2 },
      { category: "photos", id: "p9", outcome: "not_held", count: 0, reason: "record_gone" },
      { category: "orders", id: null, outcome: "refused", count: 0, reason: "trade_secret" },
      { category: "prescriptions", id: null, outcome: "provided", count: 4, held: 2, deletableAfter: "2041-06-30", retention },
    ]);
    expect(readItemOutcomes(undefined)).toEqual([]);
    expect(readItemOutcomes({ category: "addresses" })).toEqual([]);
  });

  it("reads a legacy `none` as not held (none held), and a comma-joined id as one line per item", () => {
    const legacy: unknown = [
      { category: "addresses", id: null, outcome: "none", count: 0 },
      { category: "photos", id: "p1,p2,p3", outcome: "deleted", count: 3 },
      { category: "consultations", id: "c1,c2", outcome: "restricted", count: 2, deletableAfter: "2040-01-01" },
      { category: "orders", id: "o1,o2", outcome: "none", count: 0 },
    ];
    expect(readItemOutcomes(legacy)).toEqual([
      { category: "addresses", id: null, outcome: "not_held", count: 0, reason: "none_held" },
      { category: "photos", id: "p1", outcome: "deleted", count: 1 },
      { category: "photos", id: "p2", outcome: "deleted", count: 1 },
      { category: "photos", id: "p3", outcome: "deleted", count: 1 },
      { category: "consultations", id: "c1", outcome: "restricted", count: 1, deletableAfter: "2040-01-01" },
      { category: "consultations", id: "c2", outcome: "restricted", count: 1, deletableAfter: "2040-01-01" },
      { category: "orders", id: "o1", outcome: "not_held", count: 0, reason: "none_held" },
      { category: "orders", id: "o2", outcome: "not_held", count: 0, reason: "none_held" },
    ]);
  });
});

describe("isDone and itemsNotDone", () => {
  it("counts restricted and refused as not done; provided, deleted, anonymised and not held as done", () => {
    expect((["provided", "deleted", "anonymised", "not_held"] as const).map((outcome) => isDone({ outcome }))).toEqual([true, true, true, true]);
    expect((["restricted", "refused"] as const).map((outcome) => isDone({ outcome }))).toEqual([false, false]);
  });

  const step = (result: Record<string, unknown>) => ({ result });

  it("a deletion leaves undone what it restricted or refused", () => {
    const done = new Map([
      [
        "deletion.apply",
        step({
          outcomes: [
            { category: "addresses", id: null, outcome: "deleted", count: 2 },
            { category: "consultations", id: null, outcome: "restricted", count: 3, deletableAfter: "2041-06-30", retention },
            { category: "photos", id: "p9", outcome: "not_held", count: 0, reason: "record_gone" },
            { category: "orders", id: null, outcome: "refused", count: 0, reason: "trade_secret" },
          ],
        }),
      ],
    ]);
    expect(itemsNotDone(done).map((o) => [o.category, o.outcome])).toEqual([
      ["consultations", "restricted"],
      ["orders", "refused"],
    ]);
  });

  it("a copy is done once released, except what was refused; a legacy deletion reads as done", () => {
    const outcomes = [
      { category: "prescriptions", id: null, outcome: "provided", count: 4, held: 2, deletableAfter: "2041-06-30", retention },
      { category: "addresses", id: null, outcome: "not_held", count: 0, reason: "account_holder_only" },
      { category: "orders", id: null, outcome: "refused", count: 0, reason: "impractical" },
    ];
    const prepared = new Map([["access.prepare", step({ outcomes })]]);
    expect(itemsNotDone(prepared).map((o) => o.category)).toEqual(["prescriptions", "orders"]);
    const released = new Map([...prepared, ["access.release", step({ expiresAt: "2026-12-09T00:00:00Z" })]]);
    expect(itemsNotDone(released).map((o) => o.category)).toEqual(["orders"]);
    expect(itemsNotDone(new Map([["deletion.apply", step({ outcomes: [{ category: "addresses", id: null, outcome: "none", count: 0 }] })]]))).toEqual(
      [],
    );
    expect(itemsNotDone(new Map())).toEqual([]);
  });
});

describe("groupItemOutcomes", () => {
  it("keeps whole-category lines, and groups the items of one category by outcome, date and reason, in the order first met", () => {
    const outcomes: ItemOutcome[] = [
      { category: "addresses", id: null, outcome: "deleted", count: 2 },
      { category: "photos", id: "p1", outcome: "deleted", count: 1 },
      { category: "photos", id: "p2", outcome: "not_held", count: 0, reason: "record_gone" },
      { category: "photos", id: "p3", outcome: "deleted", count: 1 },
      { category: "consultations", id: "c1", outcome: "restricted", count: 1, deletableAfter: "2041-06-30", retention },
      { category: "consultations", id: "c2", outcome: "restricted", count: 1, deletableAfter: "2039-01-01", retention },
      { category: "consultations", id: "c3", outcome: "restricted", count: 1, deletableAfter: "2041-06-30", retention },
      { category: "orders", id: null, outcome: "refused", count: 0, reason: "trade_secret" },
    ];
    expect(groupItemOutcomes(outcomes)).toEqual([
      { category: "addresses", items: null, outcome: "deleted", count: 2 },
      { category: "photos", items: 2, outcome: "deleted", count: 2 },
      { category: "photos", items: 1, outcome: "not_held", count: 0, reason: "record_gone" },
      { category: "consultations", items: 2, outcome: "restricted", count: 2, deletableAfter: "2041-06-30", retention },
      { category: "consultations", items: 1, outcome: "restricted", count: 1, deletableAfter: "2039-01-01", retention },
      { category: "orders", items: null, outcome: "refused", count: 0, reason: "trade_secret" },
    ]);
    expect(groupItemOutcomes([])).toEqual([]);
  });
});
