import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** A phone number of our test range that no other test uses: 1991 followed by seven random digits. */
export function uniquePhone(): string {
  return `1991${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
}

/** A patient the test made: hospital records of their own (unless asked without), and their real-name record. */
export type TestPatient = {
  phone: string;
  name: string;
  last4: string;
  email: string | null;
  /** The 就诊人 of the account (the `familyMembers` option). */
  familyMembers: { name: string; relationship: string }[];
};
export type StaffRole = "agent" | "manager" | "admin";
export type StaffCredentials = { email: string; password: string; name: string };

async function fixture<T>(request: APIRequestContext, name: string, data: Record<string, unknown>): Promise<T> {
  const res = await request.post(`/api/e2e/${name}`, { data });
  expect(res.status(), `POST /api/e2e/${name}: ${await res.text()}`).toBe(201);
  return (await res.json()) as T;
}

/**
 * A new patient with complete hospital records (lib/testing/factories.ts, through /api/e2e/patient): consultations
 * with photos, prescriptions, orders, addresses, consents… `blocker` adds what stops an account from closing.
 */
export function newPatient(
  request: APIRequestContext,
  opts: {
    blocker?: "unfinished_consultation" | "undelivered_order" | "balance";
    locale?: "zh-CN" | "en";
    realName?: boolean;
    familyMembers?: { relationship: "child" | "parent" | "spouse" | "other"; age: number }[];
  } = {},
): Promise<TestPatient> {
  return fixture(request, "patient", opts);
}

/** A new staff member of `role` (a fresh e-mail address and password). */
export function newStaff(request: APIRequestContext, role: StaffRole = "agent"): Promise<StaffCredentials> {
  return fixture(request, "staff", { role });
}

/** A new patient (or the one with `phone`), and a request of theirs that a new agent claimed and paused with `question` for them. */
export function requestAwaitingAnswer(request: APIRequestContext, question: string, phone?: string) {
  return fixture<TestPatient & { ref: string; staff: StaffCredentials }>(request, "request-awaiting-answer", { question, phone });
}

/** A request a new agent holds, reminded of as at risk (the reminder scan run on its due date). */
export function requestAtRisk(request: APIRequestContext) {
  return fixture<{ ref: string; staff: StaffCredentials }>(request, "request-at-risk", {});
}

/** A request a new agent holds, scanned the day after its due date: overdue, escalated to a new manager alone. */
export function requestOverdue(request: APIRequestContext) {
  return fixture<{ ref: string; agent: StaffCredentials; manager: StaffCredentials }>(request, "request-overdue", {});
}

/** The managers' daily digest at 09:00 of the next working day, sent to a new manager alone. */
export function dailyDigest(request: APIRequestContext) {
  return fixture<{ sent: number; manager: StaffCredentials }>(request, "daily-digest", {});
}

/** The reminder scan for request `ref`, waiting on its patient, as it runs 5 working days after the pause. */
export function waitingReminder(request: APIRequestContext, ref: string) {
  return fixture<{ ref: string; waitingOnPatient: number }>(request, "waiting-reminder", { ref });
}

/** A general question of the patient with `phone`, answered by a new agent: a closed request of theirs. */
export async function answeredQuestion(request: APIRequestContext, phone: string, description: string, reply: string): Promise<string> {
  return (await fixture<{ ref: string }>(request, "request-answered", { phone, description, reply })).ref;
}

/** The newest sign-in code the demo outbox holds for `phone`. */
export async function readCodeFromOutbox(request: APIRequestContext, phone: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const html = await (await request.get(`/dev/outbox?phone=${phone}`)).text();
      code = html.match(/(?:验证码是|sign-in code is) (\d{6})/)?.[1];
      return code;
    })
    .toBeTruthy();
  return code!;
}

/** Asks the server for a code as the sign-in form does (the form itself is tested in auth.spec.ts). */
export async function requestCodeThroughUi(page: Page, phone: string) {
  await page.goto("/signin");
  await page.getByLabel(/手机号|Phone number/).fill(phone);
  await page.getByRole("button", { name: /获取验证码|Send code/ }).click();
  await expect(page.getByRole("status")).toContainText(/验证码已发送|Code sent/);
}

/** Signs a patient in without the UI: the next-auth credentials callback, with the code read from the outbox. */
export async function signInPatient(page: Page, phone: string) {
  await requestCodeThroughUi(page, phone);
  const code = await readCodeFromOutbox(page.request, phone);
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/patient-otp", {
    form: { csrfToken, phone, code, json: "true" },
  });
  expect(res.ok()).toBeTruthy();
}

/** Signs a staff member in without the UI (the form itself is tested in auth.spec.ts). */
export async function signInStaff(page: Page, who: Pick<StaffCredentials, "email" | "password">) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/staff-password", {
    form: { csrfToken, email: who.email, password: who.password, json: "true" },
  });
  expect(res.ok()).toBeTruthy();
}

/** A new staff member of `role`, signed in on `page`. */
export async function signInNewStaff(page: Page, role: StaffRole = "agent"): Promise<StaffCredentials> {
  const who = await newStaff(page.request, role);
  await signInStaff(page, who);
  return who;
}

/** A 1×1 PNG: a proof document as a phone camera would upload it. */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/**
 * The signed-in patient on `page` files, through the upload route and POST /api/requests, a question for their
 * mother as her authorised agent, with `proof` as the proof document; returns the reference.
 */
export async function fileActingFor(page: Page, proof: { name: string; body: Buffer }): Promise<string> {
  const upload = async (name: string) => {
    const res = await page.request.post(`/api/uploads?purpose=proof&name=${encodeURIComponent(name)}`, {
      data: proof.body,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  // An agent brings the signed authorisation and their own ID (lib/identity/authority.ts), each labelled.
  const authorisation = await upload(proof.name);
  const idCard = await upload(`身份证${proof.name.slice(proof.name.lastIndexOf("."))}`);
  const filed = await page.request.post("/api/requests", {
    data: {
      type: "complaint",
      idempotencyKey: randomUUID(),
      relationship: "authorised_agent",
      subjectName: "郑淑芬",
      subjectPhone: uniquePhone(),
      proofAttachmentIds: [authorisation, idCard],
      proofKinds: { [authorisation]: "authorisation", [idCard]: "id_card" },
      // A new account has no real-name record to compare; acting for someone still asks for it.
      identityName: "林雅琪",
      identityLast4: "123X",
      description: "受母亲委托，询问她的问诊记录由谁查看过。",
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  return ((await filed.json()) as { ref: string }).ref;
}
