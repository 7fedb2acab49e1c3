import { describe, expect, it } from "vitest";
import { CLOSED_STATUSES, OPEN_STATUSES } from "@/lib/domain";
import { computeDeadline, pauseExtension } from "./deadline";
import { DEFAULT_SLA_POLICIES } from "./policies";
import { dueDateIfResumedNow, SLA_CLOSED_STATUSES, slaStatus, type SlaSubject } from "./sla-state";
import { bundledIndex, sh } from "./test-helpers";

const ix = bundledIndex();

// access received Fri 2026-02-13 10:00 Shanghai: target Thu 3/5, due Thu 3/12 23:59:59.999 +08:00
const deadline = computeDeadline(sh("2026-02-13T10:00"), DEFAULT_SLA_POLICIES.access, ix);
const open: SlaSubject = {
  status: "in_progress",
  targetDate: deadline.targetDate,
  dueDate: deadline.dueDate,
  dueAt: deadline.dueAt,
  closedAt: null,
  pausedAt: null,
};

describe("slaStatus of an open request", () => {
  it("fixture", () => {
    expect([open.targetDate, open.dueDate]).toEqual(["2026-03-05", "2026-03-12"]);
  });

  it.each<[string, Date, string, number]>([
    // (2/24, 3/12]: 2/25, 26, 27, Sat 28, 3/2, 3, 4, 5, 6, 9, 10, 11, 12
    ["just after 春节", sh("2026-02-24T10:00"), "on_track", 13],
    ["received day", sh("2026-02-13T10:00"), "on_track", 15],
    ["on the target date", sh("2026-03-05T23:00"), "on_track", 5],
    ["the day after target", sh("2026-03-06T09:00"), "at_risk", 4],
    ["the weekend after target", sh("2026-03-07T09:00"), "at_risk", 4],
    ["2 working days before due", sh("2026-03-10T09:00"), "at_risk", 2],
    ["on the due date", sh("2026-03-12T09:00"), "at_risk", 0],
    ["the last millisecond of the due date", new Date("2026-03-12T15:59:59.999Z"), "at_risk", 0],
    ["one millisecond later", new Date("2026-03-12T16:00:00.000Z"), "overdue", -1],
    ["Monday after", sh("2026-03-16T09:00"), "overdue", -2],
  ])("%s → %s, %i working days left", (_label, now, state, left) => {
    expect(slaStatus(open, now, ix)).toEqual({ state, workingDaysLeft: left });
  });

  it("≤ 2 working days before due is at_risk even before the target date", () => {
    // correction received Mon 3/2: target 3/9, due 3/11
    const d = computeDeadline(sh("2026-03-02T09:00"), DEFAULT_SLA_POLICIES.correction, ix);
    const r = { ...open, targetDate: d.targetDate, dueDate: d.dueDate, dueAt: d.dueAt };
    expect(slaStatus(r, sh("2026-03-06T09:00"), ix)).toEqual({ state: "on_track", workingDaysLeft: 3 });
    expect(slaStatus(r, sh("2026-03-09T09:00"), ix)).toEqual({ state: "at_risk", workingDaysLeft: 2 });
  });

  it("uses the Shanghai date, not the UTC date, for today", () => {
    // 2026-03-10T16:30Z is 00:30 on 3/11 in Shanghai: 1 working day left (3/12), not 2
    expect(slaStatus(open, new Date("2026-03-10T16:30:00Z"), ix).workingDaysLeft).toBe(1);
  });

  it.each(OPEN_STATUSES)("status %s is open", (status) => {
    expect(slaStatus({ ...open, status }, sh("2026-03-16T09:00"), ix).state).toBe("overdue");
  });
});

describe("slaStatus of a closed request", () => {
  it("closed statuses are the schema's CLOSED_STATUSES", () => {
    expect([...SLA_CLOSED_STATUSES].sort()).toEqual([...CLOSED_STATUSES].sort());
  });

  it.each(CLOSED_STATUSES)("%s: met when closed by dueAt, missed after", (status) => {
    const later = sh("2026-04-30T10:00");
    expect(slaStatus({ ...open, status, closedAt: deadline.dueAt }, later, ix)).toEqual({ state: "met", workingDaysLeft: 0 });
    expect(slaStatus({ ...open, status, closedAt: sh("2026-03-06T10:00") }, later, ix)).toEqual({
      state: "met",
      workingDaysLeft: 4,
    });
    expect(slaStatus({ ...open, status, closedAt: new Date(deadline.dueAt.getTime() + 1) }, later, ix)).toEqual({
      state: "missed",
      workingDaysLeft: -1,
    });
  });

  it("a closed request stays met/missed whatever now is, even if paused was left set", () => {
    const r = { ...open, status: "completed", closedAt: sh("2026-03-01T10:00"), pausedAt: sh("2026-02-26T10:00") };
    expect(slaStatus(r, sh("2027-06-01T10:00"), ix).state).toBe("met");
  });
});

describe("slaStatus of a paused request (clock stopped)", () => {
  const pausedAt = sh("2026-03-04T10:00"); // 6 working days left then: 3/5, 6, 9, 10, 11, 12

  it("keeps the state and working days left of the pause moment, long after the original due date", () => {
    const r = { ...open, status: "awaiting_requester", pausedAt };
    expect(slaStatus(r, sh("2026-03-04T18:00"), ix)).toEqual({ state: "on_track", workingDaysLeft: 6 });
    expect(slaStatus(r, sh("2026-03-20T10:00"), ix)).toEqual({ state: "on_track", workingDaysLeft: 6 });
    expect(slaStatus(r, sh("2026-05-06T10:00"), ix)).toEqual({ state: "on_track", workingDaysLeft: 6 });
  });

  it("equals the view with the due date moved by the working days elapsed since the pause date", () => {
    const r = { ...open, status: "awaiting_requester", pausedAt };
    const now = sh("2026-03-20T10:00");
    // elapsed (3/4, 3/20] = 12 working days; due 3/12 + 12 = 3/30
    expect(dueDateIfResumedNow(r.dueDate, pausedAt, now, ix)).toBe("2026-03-30");
    // resuming now gives exactly that due date and the same working days left
    const resumed = computeDeadline(sh("2026-02-13T10:00"), DEFAULT_SLA_POLICIES.access, ix, pauseExtension(pausedAt, now, ix));
    expect(resumed.dueDate).toBe("2026-03-30");
    const after = slaStatus(
      { ...r, status: "in_progress", pausedAt: null, dueDate: resumed.dueDate, dueAt: resumed.dueAt, targetDate: resumed.targetDate },
      now,
      ix,
    );
    expect(after).toEqual(slaStatus(r, now, ix));
    expect(dueDateIfResumedNow(r.dueDate, pausedAt, sh("2026-03-04T18:00"), ix)).toBe("2026-03-12");
  });

  it("does not turn overdue over a weekend when paused on the due date", () => {
    const r = { ...open, status: "awaiting_requester", pausedAt: sh("2026-03-12T09:00") };
    expect(slaStatus(r, sh("2026-03-14T10:00"), ix)).toEqual({ state: "at_risk", workingDaysLeft: 0 });
  });

  it("a request paused while already overdue stays overdue", () => {
    const r = { ...open, status: "awaiting_requester", pausedAt: sh("2026-03-13T10:00") };
    expect(slaStatus(r, sh("2026-04-01T10:00"), ix)).toEqual({ state: "overdue", workingDaysLeft: -1 });
  });

  it("a pause stamped after now (clock skew) is ignored", () => {
    const r = { ...open, status: "awaiting_requester", pausedAt: sh("2026-03-20T10:00") };
    expect(slaStatus(r, sh("2026-03-06T09:00"), ix)).toEqual({ state: "at_risk", workingDaysLeft: 4 });
  });
});
