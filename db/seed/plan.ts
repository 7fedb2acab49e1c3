import "server-only";
import { REQUEST_TYPES, type Relationship, type RequestType } from "@/lib/domain";
import { CONSENT_KEYS } from "@/db/schema/platform";
import type { RequestScope } from "@/db/schema/requests";
import { isWithinRepeatWindow } from "@/lib/domain/repeat-window";
import { DATA_CATEGORIES, DELETION_GROUNDS, HEALTH_CATEGORIES, type DataCategory } from "@/lib/requests/categories";
import { DEPENDANTS } from "./data";
import type { Person } from "./people";
import type { Rng } from "./prng";
import type { RequestPlan } from "./requests";
import { ACTING_NOTES, DESCRIPTIONS } from "./texts";
import { HOUR_WEIGHTS, MINUTE, atShanghai, dayNumberOf, weekdayOfDay } from "./time";

/** Deletable without closing the account (account and real-name records go with a cancellation). */
const DELETABLE: readonly DataCategory[] = DATA_CATEGORIES.filter((c) => c !== "account" && c !== "real_name");
const HEALTH = new Set<DataCategory>(HEALTH_CATEGORIES);

export const TYPE_WEIGHTS: readonly (readonly [RequestType, number])[] = [
  ["access", 20],
  ["portability", 7],
  ["correction", 12],
  ["deletion", 15],
  ["consent", 12],
  ["cancellation", 8],
  ["automated_decision", 11],
  ["complaint", 15],
];

/** What the scope can point at for a subject; bench subjects have only an account id. */
export type SubjectRecords = {
  accountId: string | null;
  nickname: string;
  email: string | null;
  addressDetails: readonly { id: string; detail: string }[];
  complaints: readonly { id: string; complaint: string }[];
  decisionIds: readonly string[];
};

function alter(value: string, rng: Rng): string {
  const m = /(\d+)(\D*)$/.exec(value);
  if (m && m.index !== undefined) return `${value.slice(0, m.index)}${Number(m[1]) + rng.int(1, 3)}${m[2] ?? ""}`;
  return `${value}（补充）`;
}

export function scopeFor(rng: Rng, type: RequestType, s: SubjectRecords): { scope: RequestScope; medical: boolean } {
  switch (type) {
    case "access":
    case "portability": {
      const categories = rng.chance(0.25) ? [...DATA_CATEGORIES] : rng.sample(DATA_CATEGORIES, rng.int(2, 6));
      return { scope: { categories }, medical: categories.some((c) => HEALTH.has(c)) };
    }
    case "deletion": {
      const categories = rng.sample(DELETABLE, rng.int(1, 3));
      const scope: RequestScope = { categories, ground: rng.pick(DELETION_GROUNDS) };
      const c = s.complaints.length > 0 && rng.chance(0.2) ? rng.pick(s.complaints) : null;
      if (c) scope.items = [{ category: "consultations", id: c.id }];
      return { scope, medical: categories.some((x) => HEALTH.has(x)) || c !== null };
    }
    case "correction": {
      // Fields of lib/requests/categories CORRECTABLE_FIELDS, with the value on record when filed.
      const options: NonNullable<RequestScope["corrections"]> = [];
      if (s.accountId)
        options.push({
          field: "account.nickname",
          recordId: s.accountId,
          current: s.nickname,
          requested: `${s.nickname}${rng.pick(["", "_", "·"])}${rng.int(1, 99)}`,
        });
      if (s.accountId && s.email)
        options.push({ field: "account.email", recordId: s.accountId, current: s.email, requested: s.email.replace("@", `${rng.int(1, 9)}@`) });
      for (const a of s.addressDetails) options.push({ field: "address.detail", recordId: a.id, current: a.detail, requested: alter(a.detail, rng) });
      return { scope: options.length > 0 ? { corrections: [rng.pick(options)] } : {}, medical: false };
    }
    case "consent":
      return { scope: { consents: rng.sample(CONSENT_KEYS, rng.int(1, 3)) }, medical: false };
    case "cancellation":
      return { scope: {}, medical: false };
    case "automated_decision":
      return { scope: s.decisionIds.length > 0 ? { decisionId: rng.pick(s.decisionIds) } : {}, medical: false };
    case "complaint":
      return { scope: {}, medical: false };
  }
}

function describe(rng: Rng, type: RequestType, locale: string, relationship: Relationship): string {
  const texts = DESCRIPTIONS[type];
  const base = rng.pick(locale === "en" ? texts.en : texts.zh);
  return relationship === "self" ? base : `${ACTING_NOTES[relationship]}${base}`;
}

/** A receipt time on Shanghai day `day`, at the hours people file things; never after `latest`. */
export function receiptTime(rng: Rng, day: number, latest: number): number {
  const t = atShanghai(day, rng.weighted(HOUR_WEIGHTS) * 60 + rng.int(0, 59), rng.int(0, 59)) + rng.int(0, 999);
  return t <= latest ? t : latest - rng.int(0, 6 * 60) * MINUTE - rng.int(0, 59_999);
}

/**
 * Flags requests whose subject filed the same type within the previous 12 months (input sorted by time), with the
 * app's window (lib/domain/repeat-window.ts: twelve calendar months in Shanghai, as lib/requests/create.ts flags them).
 */
export class RepeatTracker {
  private readonly last = new Map<string, number>();
  check(subjectKey: string, type: RequestType, at: number): boolean {
    const key = `${subjectKey}|${type}`;
    const prev = this.last.get(key);
    this.last.set(key, at);
    return prev !== undefined && isWithinRepeatWindow(new Date(prev), new Date(at));
  }
}

function isSensitive(type: RequestType, relationship: Relationship, medical: boolean): boolean {
  return relationship !== "self" || type === "deletion" || type === "cancellation" || ((type === "access" || type === "portability") && medical);
}

/**
 * About `count` requests over the `days` days before now by the demo patients, a few of them for the person
 * they act for. Sorted by receipt, repeats flagged.
 */
export function planDemoRequests(
  rng: Rng,
  nowMs: number,
  patients: readonly Person[],
  dependants: readonly Person[],
  count: number,
  days: number,
): RequestPlan[] {
  const today = dayNumberOf(nowMs);
  const latest = nowMs - 5 * MINUTE;
  const weights = patients.map((p) => [p, rng.real(0.4, 1.8) * (DEPENDANTS.some((d) => d.actor === p.no) ? 1.4 : 1)] as const);
  const usedTypes = new Map<string, Set<RequestType>>();
  const plans: RequestPlan[] = [];
  for (let i = 0; i < count; i++) {
    let day = today - rng.int(0, days - 1);
    const wd = weekdayOfDay(day);
    if ((wd === 0 || wd === 6) && rng.chance(0.4)) day = today - rng.int(0, days - 1);
    const receivedAt = receiptTime(rng, day, latest);
    const requester = rng.weighted(weights);
    const dep = DEPENDANTS.findIndex((d) => d.actor === requester.no);
    const acting = dep >= 0 && rng.chance(0.35) ? { d: DEPENDANTS[dep]!, person: dependants[dep]! } : null;
    const relationship: Relationship = acting ? acting.d.relationship : "self";
    const subject = acting ? acting.person : requester;
    const allowed: readonly RequestType[] = relationship === "close_relative" ? ["access", "correction", "deletion", "cancellation"] : REQUEST_TYPES;
    const used = usedTypes.get(subject.accountId) ?? new Set<RequestType>();
    usedTypes.set(subject.accountId, used);
    const fresh = allowed.filter((t) => !used.has(t));
    const candidates = TYPE_WEIGHTS.filter(([t]) => allowed.includes(t) && (fresh.length === 0 || !rng.chance(0.6) || fresh.includes(t)));
    let type = rng.weighted(candidates.length > 0 ? candidates : TYPE_WEIGHTS);
    // The app refuses a cancellation while there is a balance, an unfinished consultation or an undelivered order.
    const blocked = subject.cancellationBlockedFrom;
    if (type === "cancellation" && blocked !== null && receivedAt >= blocked) {
      type = rng.weighted(TYPE_WEIGHTS.filter(([t]) => t !== "cancellation" && allowed.includes(t)));
    }
    used.add(type);
    const { scope, medical } = scopeFor(rng, type, subject);
    plans.push({
      id: rng.uuid(),
      type,
      requesterId: requester.userId!,
      relationship,
      subjectName: subject.name,
      subjectPhone: subject.phone ?? requester.phone!,
      subjectAccountId: subject.accountId,
      scope,
      description: describe(rng, type, requester.locale, relationship),
      locale: requester.locale,
      receivedAt,
      isRepeat: false,
      sensitive: isSensitive(type, relationship, medical),
      medicalScope: medical,
      allowCancellation: subject.userId === null,
    });
  }
  plans.sort((a, b) => a.receivedAt - b.receivedAt);
  const repeats = new RepeatTracker();
  // As the app decides it (lib/requests/create.ts): the same type for the same subject phone within a year.
  for (const p of plans) p.isRepeat = repeats.check(p.subjectPhone, p.type, p.receivedAt);
  return plans;
}

export type BenchUser = { id: string; phone: string; name: string; accountId: string; nickname: string };

/** One request of the large data set, by a bench user, mostly for themself. */
export function planBenchRequest(
  rng: Rng,
  id: string,
  receivedAt: number,
  requester: BenchUser,
  other: { name: string; phone: string } | null,
  repeats: RepeatTracker,
): RequestPlan {
  const relationship: Relationship = other ? rng.pick(["guardian", "close_relative", "authorised_agent"] as const) : "self";
  const type = rng.weighted(TYPE_WEIGHTS);
  const records: SubjectRecords = other
    ? { accountId: null, nickname: other.name, email: null, addressDetails: [], complaints: [], decisionIds: [] }
    : { accountId: requester.accountId, nickname: requester.nickname, email: null, addressDetails: [], complaints: [], decisionIds: [] };
  const { scope, medical } = scopeFor(rng, type, records);
  const subjectPhone = other ? other.phone : requester.phone;
  const locale = rng.chance(0.08) ? "en" : "zh-CN";
  return {
    id,
    type,
    requesterId: requester.id,
    relationship,
    subjectName: other ? other.name : requester.name,
    subjectPhone,
    subjectAccountId: other ? null : requester.accountId,
    scope,
    description: describe(rng, type, locale, relationship),
    locale,
    receivedAt,
    isRepeat: repeats.check(subjectPhone, type, receivedAt),
    sensitive: isSensitive(type, relationship, medical),
    medicalScope: medical,
    allowCancellation: true,
  };
}
