import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { savedViews } from "@/db/schema";
import { performAction } from "@/lib/actions/perform";
import type { Actor } from "@/lib/auth/session";
import { bundledIndex, makeRequest, makeUser } from "@/test/fixtures";
import { daysFrom, testNow } from "@/test/clock";
import { createTestDb } from "@/test/db";
import { countNewSince } from "./queue";
import { parseQueueFilters } from "./queue-filters";
import { BUILT_IN_VIEWS, SAVED_VIEWS_MAX } from "./saved-view-schema";
import { deleteViewDefinition, listSavedViews, normalizeViewQuery, saveViewDefinition } from "./saved-views";
import { slaBounds } from "./sla-sql";

let db: Db;
let cleanup: () => Promise<void>;
let agent: Actor, colleague: Actor, patient: Actor;
const NOW = testNow();
const opts = () => ({ db, now: NOW, locale: "zh-CN" as const });
const save = (actor: Actor, input: unknown) => performAction(saveViewDefinition, actor, input, opts());
const remove = (actor: Actor, id: string) => performAction(deleteViewDefinition, actor, { id }, opts());

beforeAll(async () => {
  const t = await createTestDb();
  db = t.handle.db;
  cleanup = t.cleanup;
  agent = await makeUser(db, "agent");
  colleague = await makeUser(db, "agent");
  patient = await makeUser(db, "patient");
});
afterAll(() => cleanup());

describe("a saved view's query", () => {
  it("is parsed by the queue's own filter parser and kept in its form, page and defaults left out", () => {
    expect(normalizeViewQuery("?sort=received&status=all&page=3")).toBe("status=all&sort=received");
    expect(normalizeViewQuery("sort=due&dir=asc&status=open")).toBe("");
    expect(normalizeViewQuery("assignee=mine&sla=attention")).toBe("sla=attention&assignee=mine");
    expect(normalizeViewQuery("q=%E7%8E%8B&type=deletion")).toBe("type=deletion&q=%E7%8E%8B");
  });

  it("with a value the queue does not understand, or a parameter it does not know, is refused", () => {
    for (const bad of ["status=lost", "sort=name", "dir=sideways", "from=2026-13-01", "assignee=someone", "colour=red", "q=%00"])
      expect(normalizeViewQuery(bad), bad).toBeNull();
  });

  it("of each built-in view is one the queue understands, in its own form", () => {
    for (const v of BUILT_IN_VIEWS) expect(normalizeViewQuery(v.query), v.key).toBe(v.query);
  });
});

describe("saving and deleting views", () => {
  it("a staff member saves a named view and sees it; a colleague does not", async () => {
    const saved = await save(agent, { name: "  我的删除申请  ", query: "?type=deletion&assignee=mine&page=2" });
    expect(saved).toMatchObject({ ok: true, message: "staff.views.saved" });
    const mine = await listSavedViews(db, agent);
    expect(mine).toEqual([{ id: expect.any(String), name: "我的删除申请", query: "type=deletion&assignee=mine" }]);
    expect(await listSavedViews(db, colleague)).toEqual([]);
  });

  it("a second view of the same name is refused for its owner, allowed for someone else", async () => {
    expect(await save(agent, { name: "同名", query: "" })).toMatchObject({ ok: true });
    expect(await save(agent, { name: "同名", query: "status=all" })).toMatchObject({
      ok: false,
      error: "view_name_taken",
      fieldErrors: { name: "view_name_taken" },
    });
    expect(await save(colleague, { name: "同名", query: "status=all" })).toMatchObject({ ok: true });
  });

  it("bad input is refused with a code and writes nothing", async () => {
    const before = (await db.select().from(savedViews)).length;
    expect(await save(agent, { name: "", query: "" })).toMatchObject({ ok: false, error: "invalid_input", fieldErrors: { name: "required" } });
    expect(await save(agent, { name: "x".repeat(41), query: "" })).toMatchObject({ fieldErrors: { name: "tooLong" } });
    expect(await save(agent, { name: "a\u202eb", query: "" })).toMatchObject({ fieldErrors: { name: "invalid_characters" } });
    expect(await save(agent, { name: "坏的", query: "status=lost" })).toMatchObject({ ok: false, error: "view_query_invalid" });
    expect(await save(agent, { name: "太长", query: `q=${"a".repeat(1001)}` })).toMatchObject({ ok: false, error: "invalid_input" });
    expect(await save(agent, { name: 42 })).toMatchObject({ ok: false, error: "invalid_input" });
    expect((await db.select().from(savedViews)).length).toBe(before);
  });

  it("patients can neither save, list nor delete views", async () => {
    expect(await save(patient, { name: "患者", query: "" })).toMatchObject({ ok: false, error: "forbidden" });
    await expect(listSavedViews(db, patient)).rejects.toThrow();
    const [view] = await listSavedViews(db, agent);
    expect(await remove(patient, view!.id)).toMatchObject({ ok: false, error: "forbidden" });
    expect((await listSavedViews(db, agent)).some((v) => v.id === view!.id)).toBe(true);
  });

  it("only the owner deletes a view: a colleague's attempt is answered as not found and changes nothing", async () => {
    const [view] = await listSavedViews(db, agent);
    expect(await remove(colleague, view!.id)).toMatchObject({ ok: false, error: "view_not_found" });
    expect((await listSavedViews(db, agent)).some((v) => v.id === view!.id)).toBe(true);
    expect(await remove(agent, "not-an-id")).toMatchObject({ ok: false, error: "invalid_input" });
    expect(await remove(agent, view!.id)).toMatchObject({ ok: true, message: "staff.views.deleted" });
    expect((await listSavedViews(db, agent)).some((v) => v.id === view!.id)).toBe(false);
    expect(await remove(agent, view!.id)).toMatchObject({ ok: false, error: "view_not_found" });
  });

  it(`keeps at most ${SAVED_VIEWS_MAX} views per person`, async () => {
    const busy = await makeUser(db, "manager");
    for (let i = 0; i < SAVED_VIEWS_MAX; i++) expect(await save(busy, { name: `视图 ${i}`, query: `page=${i + 1}` })).toMatchObject({ ok: true });
    expect(await save(busy, { name: "再多一个", query: "" })).toMatchObject({ ok: false, error: "view_limit", params: { max: SAVED_VIEWS_MAX } });
    expect(await db.select().from(savedViews).where(eq(savedViews.userId, busy.id))).toHaveLength(SAVED_VIEWS_MAX);
    // Someone else's limit is their own.
    expect(await save(colleague, { name: "另一个", query: "" })).toMatchObject({ ok: true });
  });
});

describe("the count of new requests since the page loaded", () => {
  it("counts requests received after the moment that match the filters, staff only", async () => {
    const other = await makeUser(db, "patient");
    const since = daysFrom(NOW, -0.5);
    await makeRequest(db, other, { type: "complaint", receivedAt: daysFrom(NOW, -1) }); // before: not counted
    await makeRequest(db, other, { type: "complaint", receivedAt: daysFrom(NOW, -0.25) });
    await makeRequest(db, other, { type: "deletion", receivedAt: daysFrom(NOW, -0.1) });
    const bounds = slaBounds(bundledIndex(), NOW);
    const all = parseQueueFilters({}).filters;
    // Other tests' requests are filed "now": later than `since` too, so count against a later moment as well.
    const base = await countNewSince(db, agent, all, daysFrom(NOW, -0.05), bounds);
    expect(await countNewSince(db, agent, all, since, bounds)).toBe(base + 2);
    const deletions = parseQueueFilters({ type: "deletion" }).filters;
    const baseDeletions = await countNewSince(db, agent, deletions, daysFrom(NOW, -0.05), bounds);
    expect(await countNewSince(db, agent, deletions, since, bounds)).toBe(baseDeletions + 1);
    expect(await countNewSince(db, agent, parseQueueFilters({ assignee: "mine" }).filters, since, bounds)).toBe(0);
    await expect(countNewSince(db, patient, all, since, bounds)).rejects.toThrow();
  });
});
