import "server-only";
import type * as schema from "@/db/schema";
import type { PatientRelationship } from "@/lib/domain/values";
import { CONSENT_KEYS, type ConsentKey } from "@/db/schema/platform";
import {
  BANKS,
  CASES,
  CONSENT_DEFAULTS,
  DEPENDANTS,
  DOCTORS,
  FACE_COLOURS,
  FAMILY_MEMBERS,
  INSTRUCTIONS,
  LOGISTICS,
  ONGOING_CONSULTATION,
  PAGES,
  PATIENTS,
  PAYMENT_PROVIDERS,
  PLACES,
  SHIPPED_ORDER,
  STAFF,
  USER_AGENTS,
  type PatientSpec,
  type Place,
  type TcmCase,
} from "./data";
import { makeResidentId } from "./idcard";
import { solidPng } from "./png";
import { mulberry32, type Rng } from "./prng";
import { DAY, HOUR, HOUR_WEIGHTS, MINUTE, atShanghai, dayNumberOf } from "./time";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export type PlatformRows = {
  accounts: Insert<typeof schema.accounts>[];
  realNames: Insert<typeof schema.realNameVerifications>[];
  /** 就诊人: family members an account consults for (policy §3.3). */
  familyMembers: Insert<typeof schema.patients>[];
  consultations: Insert<typeof schema.consultations>[];
  photos: Insert<typeof schema.consultationPhotos>[];
  appointments: Insert<typeof schema.appointments>[];
  prescriptions: Insert<typeof schema.prescriptions>[];
  addresses: Insert<typeof schema.addresses>[];
  orders: Insert<typeof schema.orders>[];
  bankCards: Insert<typeof schema.bankCards>[];
  consents: Insert<typeof schema.consents>[];
  decisions: Insert<typeof schema.automatedDecisions>[];
  browsingLogs: Insert<typeof schema.browsingLogs>[];
};

/** A data subject the platform knows: a demo patient (with a portal user) or someone a patient acts for. */
export type Person = {
  no: number;
  userId: string | null;
  accountId: string;
  name: string;
  phone: string | null;
  gender: "male" | "female";
  birthDate: string;
  idNumber: string;
  place: Place;
  nickname: string;
  email: string | null;
  locale: string;
  addressIds: string[];
  consultationIds: string[];
  decisionIds: string[];
  /** What the person's records hold, for request scopes (corrections quote current values). */
  addressDetails: { id: string; detail: string }[];
  complaints: { id: string; complaint: string }[];
  /**
   * From when the app refuses to file a cancellation for this account (lib/platform/ownership.ts
   * cancellationBlockers: a balance, an unfinished consultation, an undelivered order); null when never.
   */
  cancellationBlockedFrom: number | null;
};

export type StaffMember = {
  key: (typeof STAFF)[number]["key"];
  id: string;
  role: (typeof STAFF)[number]["role"];
  email: string;
  password: string;
  name: string;
};

export function patientPhone(no: number): string {
  return `1990000${String(no).padStart(4, "0")}`;
}

function ageOn(birthDate: string, ms: number): number {
  const now = new Date(ms);
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age--;
  return age;
}

function realisticTime(rng: Rng, day: number): number {
  return atShanghai(day, rng.weighted(HOUR_WEIGHTS) * 60 + rng.int(0, 59), rng.int(0, 59));
}

function casesFor(rng: Rng, spec: PatientSpec, nowMs: number): TcmCase {
  const child = ageOn(spec.birthDate, nowMs) < 14;
  const pool = CASES.filter((c) => (child ? c.child : !c.child) && (spec.gender === "female" || c.department !== "妇科"));
  return rng.pick(pool);
}

function transcript(c: TcmCase, doses: number, ongoing: boolean): string {
  const lines = [`患者：医生您好，${c.patientLine}`, "医生：您好，请按提示上传舌象和面部照片，再说一下睡眠、饮食和大小便的情况。"];
  if (ongoing) return lines.join("\n");
  lines.push("患者：照片已上传。睡眠一般，胃口还可以，大便基本正常。", `医生：${c.doctorLine}`);
  lines.push(`医生：已为您开具处方（${c.formula}），共${doses}剂，服药一周后可复诊。`);
  return lines.join("\n");
}

function variantAddress(rng: Rng, place: Place): string {
  return `${rng.pick(place.streets)}${rng.int(1, 12)}号楼${rng.int(1, 3)}单元${rng.int(2, 28)}0${rng.int(1, 4)}室`;
}

export function buildStaff(rng: Rng): StaffMember[] {
  return STAFF.map((s) => ({ key: s.key, id: rng.uuid(), role: s.role, email: s.email, password: s.password, name: s.name }));
}

/** What building people shares: the generator, the moment, the rows written so far and the photos drawn once. */
type BuildContext = {
  rng: Rng;
  nowMs: number;
  today: number;
  rows: PlatformRows;
  tonguePngs: Map<string, Uint8Array>;
  facePngs: Uint8Array[];
};

export type PersonOptions = {
  userId: string | null;
  contactPhone: string;
  contactName: string;
  deceased?: boolean;
  /** Default: the demo's (patients 12 and 17 read English). */
  locale?: string;
  /** The last consultation is still going on (blocks a cancellation). Default: the demo's patient 13. */
  ongoing?: boolean;
  /** The last order is on its way (blocks a cancellation). Default: the demo's patient 14. */
  shipped?: boolean;
  /** Every finished consultation has a prescription and every prescription an order; every consent granted; no balance unless `balance`. */
  complete?: boolean;
  /** A balance on the account (blocks a cancellation). */
  balance?: boolean;
};

export function emptyPlatformRows(): PlatformRows {
  return {
    accounts: [],
    realNames: [],
    familyMembers: [],
    consultations: [],
    photos: [],
    appointments: [],
    prescriptions: [],
    addresses: [],
    orders: [],
    bankCards: [],
    consents: [],
    decisions: [],
    browsingLogs: [],
  };
}

function buildContext(rng: Rng, nowMs: number, rows: PlatformRows): BuildContext {
  return { rng, nowMs, today: dayNumberOf(nowMs), rows, tonguePngs: new Map(), facePngs: FACE_COLOURS.map((c) => solidPng(c)) };
}

/** A consultation's tongue and face photos, taken a few minutes into it (one PNG per tongue colour, reused). */
function addPhotos(ctx: BuildContext, consultationId: string, tongueColour: readonly number[], startedAt: number) {
  const { rng, rows, tonguePngs, facePngs } = ctx;
  const key = tongueColour.join(",");
  let tongue = tonguePngs.get(key);
  if (!tongue) tonguePngs.set(key, (tongue = solidPng(tongueColour as [number, number, number])));
  for (const [kind, content] of [
    ["tongue", tongue],
    ["face", rng.pick(facePngs)],
  ] as const) {
    rows.photos.push({
      id: rng.uuid(),
      consultationId,
      kind,
      contentType: "image/png",
      content,
      takenAt: new Date(startedAt + rng.int(2, 8) * MINUTE),
    });
  }
}

/** A person's account and complete records, appended to `ctx.rows`. The draws happen in the demo's order whatever the options. */
function makePerson(ctx: BuildContext, no: number, spec: PatientSpec, phone: string | null, opts: PersonOptions): Person {
  const { rng, nowMs, today, rows } = ctx;
  const place: Place = PLACES[spec.place];
  const accountId = rng.uuid();
  const createdAt = nowMs - rng.int(420, 1500) * DAY - rng.int(0, 86_000) * 1000;
  const person: Person = {
    no,
    userId: opts.userId,
    accountId,
    name: spec.name,
    phone,
    gender: spec.gender,
    birthDate: spec.birthDate,
    idNumber: makeResidentId(place.region, spec.birthDate, rng.int(10, 998), spec.gender),
    place,
    nickname: spec.nickname,
    email: spec.email ?? null,
    locale: opts.locale ?? (no === 12 || no === 17 ? "en" : "zh-CN"),
    addressIds: [],
    consultationIds: [],
    decisionIds: [],
    addressDetails: [],
    complaints: [],
    cancellationBlockedFrom: null,
  };
  const blockFrom = (t: number) => {
    person.cancellationBlockedFrom = Math.min(person.cancellationBlockedFrom ?? t, t);
  };
  const drawnBalance = rng.chance(0.2) ? rng.pick([500, 1280, 3650, 12000, 20000]) : 0;
  const balanceCents = opts.balance ? 12000 : opts.complete ? 0 : drawnBalance;
  if (balanceCents !== 0) blockFrom(Number.NEGATIVE_INFINITY);
  rows.accounts.push({
    id: accountId,
    phone,
    nickname: spec.nickname,
    gender: spec.gender,
    birthDate: spec.birthDate,
    email: person.email,
    balanceCents,
    status: "active",
    createdAt: new Date(createdAt),
  });
  rows.realNames.push({
    id: rng.uuid(),
    accountId,
    realName: spec.name,
    idType: "resident_id",
    idNumber: person.idNumber,
    verifiedAt: new Date(createdAt + rng.int(5, 600) * MINUTE),
  });

  // Addresses: home, and sometimes an office in the same city.
  const nAddresses = rng.chance(0.4) ? 2 : 1;
  for (let i = 0; i < nAddresses; i++) {
    const id = rng.uuid();
    const detail = i === 0 ? variantAddress(rng, place) : `${rng.pick(place.streets)}${rng.pick(["大厦", "中心", "广场"])}${rng.int(5, 30)}层`;
    rows.addresses.push({
      id,
      accountId,
      recipientName: opts.contactName,
      phone: opts.contactPhone,
      province: place.province,
      city: place.city,
      district: place.district,
      detail,
      postalCode: place.postalCode,
      isDefault: i === 0,
    });
    person.addressIds.push(id);
    person.addressDetails.push({ id, detail });
  }

  // Consultations: 2–5 over the last two years (older ones for the deceased), each with photos,
  // most with a prescription and an order.
  const nConsultations = opts.deceased ? 2 : rng.int(2, 5);
  const lastDay = opts.deceased ? today - 200 : today - 8;
  const firstDay = Math.max(dayNumberOf(createdAt) + 1, today - 730);
  const days = Array.from({ length: nConsultations }, () => rng.int(firstDay, lastDay)).sort((a, b) => a - b);
  const ongoing = opts.ongoing ?? no === ONGOING_CONSULTATION;
  const shipped = opts.shipped ?? no === SHIPPED_ORDER;
  if (ongoing || shipped) days.push(today - (shipped ? 2 : 0));
  days.forEach((day, i) => {
    const isLast = i === days.length - 1;
    const c = casesFor(rng, spec, nowMs);
    const doctorName = rng.pick(DOCTORS[c.department] ?? ["刘文华"]);
    const isOngoing = ongoing && isLast;
    const startedAt = isOngoing ? nowMs - rng.int(20, 90) * MINUTE : realisticTime(rng, day);
    const endedAt = isOngoing ? null : startedAt + rng.int(12, 45) * MINUTE;
    const doses = c.child ? 5 : rng.pick([7, 7, 14]);
    const consultationId = rng.uuid();
    rows.consultations.push({
      id: consultationId,
      accountId,
      doctorName,
      department: c.department,
      status: isOngoing ? "ongoing" : "completed",
      chiefComplaint: c.complaint,
      diagnosis: isOngoing ? null : c.diagnosis,
      transcript: transcript(c, doses, isOngoing),
      startedAt: new Date(startedAt),
      endedAt: endedAt === null ? null : new Date(endedAt),
    });
    person.consultationIds.push(consultationId);
    if (isOngoing) blockFrom(startedAt);
    person.complaints.push({ id: consultationId, complaint: c.complaint });
    addPhotos(ctx, consultationId, c.tongue, startedAt);
    if (endedAt === null || !(shipped && isLast ? true : rng.chance(0.8) || opts.complete)) return;
    const prescriptionId = rng.uuid();
    rows.prescriptions.push({
      id: prescriptionId,
      accountId,
      consultationId,
      doctorName,
      issuedAt: new Date(endedAt - rng.int(1, 5) * MINUTE),
      herbs: c.herbs.map(([name, grams]) => ({ name, grams })),
      doses,
      instructions: rng.pick(INSTRUCTIONS),
    });
    if (!(shipped && isLast) && !rng.chance(0.85) && !opts.complete) return;
    const createdOrder = endedAt + rng.int(3, 180) * MINUTE;
    const undelivered = shipped && isLast;
    const perDose = c.herbs.length * rng.int(260, 420);
    if (undelivered) blockFrom(createdOrder);
    rows.orders.push({
      id: rng.uuid(),
      accountId,
      prescriptionId,
      addressId: rng.pick(person.addressIds),
      status: undelivered ? "shipped" : "delivered",
      totalCents: Math.round((perDose * doses + 1200) / 10) * 10,
      pharmacy: place.pharmacy,
      logisticsCompany: rng.pick(LOGISTICS),
      paymentProvider: rng.pick(PAYMENT_PROVIDERS),
      createdAt: new Date(createdOrder),
      deliveredAt: undelivered ? null : new Date(createdOrder + rng.int(26, 80) * HOUR),
    });
  });

  // Appointments: past ones (done, cancelled, missed) and sometimes one coming up.
  const nAppointments = opts.deceased ? 1 : rng.int(1, 3);
  for (let i = 0; i < nAppointments; i++) {
    const future = !opts.deceased && i === 0 && rng.chance(0.35);
    const c = casesFor(rng, spec, nowMs);
    const day = future ? today + rng.int(1, 14) : rng.int(Math.max(firstDay, today - 540), opts.deceased ? lastDay : today - 1);
    const scheduledAt = atShanghai(day, rng.int(8, 16) * 60 + rng.pick([0, 30]));
    rows.appointments.push({
      id: rng.uuid(),
      accountId,
      doctorName: rng.pick(DOCTORS[c.department] ?? ["程国栋"]),
      department: c.department,
      scheduledAt: new Date(scheduledAt),
      status: future
        ? "scheduled"
        : rng.weighted([
            ["completed", 6],
            ["cancelled", 2],
            ["no_show", 1],
          ] as const),
      createdAt: new Date(scheduledAt - rng.int(1, 10) * DAY),
    });
  }

  // Bank cards: masked numbers only.
  const nCards =
    opts.deceased || ageOn(spec.birthDate, nowMs) < 18
      ? 0
      : rng.weighted([
          [0, 3],
          [1, 5],
          [2, 2],
        ] as const);
  for (const bank of rng.sample(BANKS, nCards)) {
    rows.bankCards.push({
      id: rng.uuid(),
      accountId,
      bankName: bank.bankName,
      cardType: bank.cardType,
      maskedNumber: `${bank.prefix} **** **** ${String(rng.int(0, 9999)).padStart(4, "0")}`,
      boundAt: new Date(createdAt + rng.int(1, 300) * DAY),
    });
  }

  // Consents: every key, granted or not.
  for (const key of CONSENT_KEYS) {
    rows.consents.push({
      id: rng.uuid(),
      accountId,
      key: key as ConsentKey,
      granted: rng.chance(CONSENT_DEFAULTS[key] ?? 0.5) || opts.complete === true,
      changedAt: new Date(createdAt + rng.int(0, Math.max(1, Math.floor((nowMs - createdAt) / DAY) - 1)) * DAY),
    });
  }

  // Automated decisions: 1–3.
  const nDecisions = rng.int(1, 3);
  for (let i = 0; i < nDecisions; i++) {
    const kind = rng.pick(["risk_control", "doctor_matching", "coupon_eligibility"] as const);
    const complaint = person.complaints[0]?.complaint ?? "失眠多梦";
    const c = CASES.find((x) => x.complaint === complaint) ?? CASES[0]!;
    const outcome = {
      risk_control: rng.pick([
        "下单风控评估：低风险，自动放行",
        "支付风控：检测到异地登录，要求短信二次验证",
        "处方购药风控：单笔金额超出近90天均值3倍，转人工审核后放行",
      ]),
      doctor_matching: `根据主诉“${complaint}”自动推荐${c.department}${rng.pick(DOCTORS[c.department] ?? ["刘文华"])}医生（匹配度 ${rng.int(82, 97)}%）`,
      coupon_eligibility: rng.pick([
        "符合复诊优惠条件，自动发放20元问诊券",
        "不符合新人礼包条件（注册已超过30天）",
        "符合会员日活动条件，自动发放满200减30购药券",
      ]),
    }[kind];
    const id = rng.uuid();
    rows.decisions.push({ id, accountId, kind, outcome, decidedAt: new Date(nowMs - rng.int(3, 360) * DAY - rng.int(0, 86_000) * 1000) });
    person.decisionIds.push(id);
  }

  // Browsing logs: within the last month (the policy keeps them at most one month).
  if (!opts.deceased) {
    const uas = rng.sample(USER_AGENTS, rng.int(1, 2));
    const ipBase = rng.pick(["203.0.113.", "198.51.100.", "192.0.2."]);
    const n = rng.int(5, 15);
    for (let i = 0; i < n; i++) {
      const page = rng
        .pick(PAGES)
        .replace("{doctor}", String(rng.int(1001, 1099)))
        .replace("{complaint}", encodeURIComponent(person.complaints[0]?.complaint.split("，")[0] ?? "失眠"));
      rows.browsingLogs.push({
        accountId,
        page,
        ip: `${ipBase}${rng.int(2, 254)}`,
        userAgent: rng.pick(uas),
        occurredAt: new Date(nowMs - rng.int(10, 29 * 24 * 60) * MINUTE),
      });
    }
  }
  return person;
}

/** A 就诊人 of an account (policy §3.3): a person with records of their own and no account. */
export type FamilyMember = {
  id: string;
  accountId: string;
  /** The demo patient's number whose account consults for them (or the factory's). */
  holderNo: number;
  name: string;
  relationship: PatientRelationship;
  gender: "male" | "female";
  birthDate: string;
  idNumber: string | null;
  consultationIds: string[];
  prescriptionIds: string[];
};

export type FamilyMemberSpec = { relationship: PatientRelationship; spec: PatientSpec; idNumber: boolean };

/**
 * A 就诊人 of `holder`'s account with records of their own, appended to `ctx.rows`: 1–3 finished consultations
 * (tongue and face photos each), most with a prescription, and the order that filled it (the holder's order, to
 * the holder's address). `complete`: every consultation has a prescription and every prescription an order.
 */
function makeFamilyMember(ctx: BuildContext, holder: Person, f: FamilyMemberSpec, complete: boolean): FamilyMember {
  const { rng, nowMs, today, rows } = ctx;
  const { spec } = f;
  const place: Place = PLACES[spec.place];
  const holderCreated = rows.accounts.find((a) => a.id === holder.accountId)!.createdAt!.getTime();
  const id = rng.uuid();
  const createdAt = holderCreated + rng.int(1, 200) * DAY;
  const idNumber = makeResidentId(place.region, spec.birthDate, rng.int(10, 998), spec.gender);
  const member: FamilyMember = {
    id,
    accountId: holder.accountId,
    holderNo: holder.no,
    name: spec.name,
    relationship: f.relationship,
    gender: spec.gender,
    birthDate: spec.birthDate,
    idNumber: f.idNumber ? idNumber : null,
    consultationIds: [],
    prescriptionIds: [],
  };
  rows.familyMembers.push({
    id,
    accountId: holder.accountId,
    name: spec.name,
    relationship: f.relationship,
    gender: spec.gender,
    birthDate: spec.birthDate,
    idNumber: member.idNumber,
    createdAt: new Date(Math.min(createdAt, nowMs - 30 * DAY)),
  });
  const firstDay = Math.max(dayNumberOf(Math.min(createdAt, nowMs - 30 * DAY)) + 1, today - 730);
  const days = Array.from({ length: rng.int(1, 3) }, () => rng.int(Math.min(firstDay, today - 9), today - 8)).sort((a, b) => a - b);
  for (const day of days) {
    const c = casesFor(rng, spec, nowMs);
    const doctorName = rng.pick(DOCTORS[c.department] ?? ["刘文华"]);
    const startedAt = realisticTime(rng, day);
    const endedAt = startedAt + rng.int(12, 45) * MINUTE;
    const doses = c.child ? 5 : rng.pick([7, 7, 14]);
    const consultationId = rng.uuid();
    rows.consultations.push({
      id: consultationId,
      accountId: holder.accountId,
      patientId: id,
      doctorName,
      department: c.department,
      status: "completed",
      chiefComplaint: c.complaint,
      diagnosis: c.diagnosis,
      transcript: transcript(c, doses, false),
      startedAt: new Date(startedAt),
      endedAt: new Date(endedAt),
    });
    member.consultationIds.push(consultationId);
    addPhotos(ctx, consultationId, c.tongue, startedAt);
    if (!(rng.chance(0.85) || complete)) continue;
    const prescriptionId = rng.uuid();
    rows.prescriptions.push({
      id: prescriptionId,
      accountId: holder.accountId,
      patientId: id,
      consultationId,
      doctorName,
      issuedAt: new Date(endedAt - rng.int(1, 5) * MINUTE),
      herbs: c.herbs.map(([name, grams]) => ({ name, grams })),
      doses,
      instructions: rng.pick(INSTRUCTIONS),
    });
    member.prescriptionIds.push(prescriptionId);
    if (!(rng.chance(0.7) || complete)) continue;
    const createdOrder = endedAt + rng.int(3, 180) * MINUTE;
    rows.orders.push({
      id: rng.uuid(),
      accountId: holder.accountId,
      prescriptionId,
      addressId: rng.pick(holder.addressIds),
      status: "delivered",
      totalCents: Math.round((c.herbs.length * rng.int(260, 420) * doses + 1200) / 10) * 10,
      pharmacy: holder.place.pharmacy,
      logisticsCompany: rng.pick(LOGISTICS),
      paymentProvider: rng.pick(PAYMENT_PROVIDERS),
      createdAt: new Date(createdOrder),
      deliveredAt: new Date(createdOrder + rng.int(26, 80) * HOUR),
    });
  }
  return member;
}

/** The seed's 就诊人 draw from a generator of their own, so adding them moved nothing else the seed draws. */
const FAMILY_SEED = 0xfa312026;

/**
 * The twenty demo patients and the three people some of them act for, each with a complete set of platform
 * records, and the 就诊人 some of their accounts consult for (FAMILY_MEMBERS) with their own. `nowMs` anchors every time; the people themselves (names, numbers, ids) depend only on the rng.
 */
export function buildPeople(
  rng: Rng,
  nowMs: number,
): { patients: Person[]; dependants: Person[]; familyMembers: FamilyMember[]; rows: PlatformRows } {
  const rows = emptyPlatformRows();
  const ctx = buildContext(rng, nowMs, rows);
  const patients = PATIENTS.map((spec, i) => {
    const phone = patientPhone(i + 1);
    return makePerson(ctx, i + 1, spec, phone, { userId: rng.uuid(), contactPhone: phone, contactName: spec.name });
  });
  const dependants = DEPENDANTS.map((d, i) => {
    const actor = patients[d.actor - 1]!;
    return makePerson(ctx, 100 + i + 1, d.spec as PatientSpec, d.phone, {
      userId: null,
      contactPhone: d.phone ?? actor.phone!,
      contactName: d.phone ? d.spec.name : actor.name,
      deceased: d.relationship === "close_relative",
    });
  });
  const familyCtx = { ...ctx, rng: mulberry32(FAMILY_SEED) };
  const familyMembers = FAMILY_MEMBERS.map((f) => makeFamilyMember(familyCtx, patients[f.holder - 1]!, f, false));
  return { patients, dependants, familyMembers, rows };
}

/**
 * One patient with a portal user and complete records, as the demo's are built, for tests and their factories
 * (lib/testing/factories.ts): `no` only numbers them (≥ 1000, never a demo patient's special case).
 */
export function buildPatient(
  rng: Rng,
  nowMs: number,
  spec: PatientSpec,
  phone: string,
  opts: Omit<PersonOptions, "userId" | "contactPhone" | "contactName"> & { userId: string; familyMembers?: readonly FamilyMemberSpec[] },
): { person: Person; familyMembers: FamilyMember[]; rows: PlatformRows } {
  const rows = emptyPlatformRows();
  const { familyMembers: family = [], ...personOpts } = opts;
  const ctx = buildContext(rng, nowMs, rows);
  const person = makePerson(ctx, 1000, spec, phone, {
    ongoing: false,
    shipped: false,
    locale: "zh-CN",
    ...personOpts,
    contactPhone: phone,
    contactName: spec.name,
  });
  const familyMembers = family.map((f) => makeFamilyMember(ctx, person, f, personOpts.complete === true));
  return { person, familyMembers, rows };
}
