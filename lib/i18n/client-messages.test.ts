import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/messages";
import { ERROR_CODES, SIGN_IN_ONLY_CODES, STAFF_ONLY_CODES } from "@/lib/actions/codes";
import { CLIENT_NAMESPACES, clientFormats, clientMessages } from "./client-messages";

describe("the catalogs each area sends to the browser", () => {
  const all = catalogs.en;

  it("sign-in pages get the base and their own form's, nothing of the staff, the dashboard or the admin", () => {
    expect(Object.keys(clientMessages(all, "signin")).sort()).toEqual(["common", "errors", "signin"]);
    expect(Object.keys(clientMessages(all, "staffSignin")).sort()).toEqual(["common", "errors", "staffSignin"]);
  });

  it("the request form gets the parts of the portal's catalogs it reads and none of the staff's, the dashboard's or the admin's", () => {
    const patient = clientMessages(all, "patient");
    expect(patient).toMatchObject({
      portal: { form: all.portal.form, review: all.portal.review, clauses: all.portal.clauses },
      categories: all.categories,
    });
    // A request's page, the list and the chooser are not the form's.
    for (const part of ["detail", "list", "chooser", "outcome", "finalReply"]) expect(patient.portal, part).not.toHaveProperty(part);
    for (const name of ["staff", "dashboard", "admin", "queue", "staffSignin", "signin", "sms", "export"])
      expect(patient, name).not.toHaveProperty(name);
  });

  it("a request's page gets the parts of the portal's catalog its forms read, nothing else of it", () => {
    const page = clientMessages(all, "patientRequest");
    expect(Object.keys(page).sort()).toEqual(["common", "errors", "portal"]);
    expect(Object.keys(page.portal!).sort()).toEqual(["detail", "files", "form"]);
    expect(page.portal!.files).toEqual(all.portal.files);
    expect(page.portal!.form).toEqual({ chars: all.portal.form.chars, optional: all.portal.form.optional, filesHint: all.portal.form.filesHint });
    expect(Object.keys(page.portal!.detail).length).toBeLessThan(Object.keys(all.portal.detail).length);
  });

  /** The `namespace.key` names a client component reads (`const t = useTranslations("ns")`, then `t("key")`). */
  function namesReadBy(file: string): string[] {
    const src = readFileSync(file, "utf8");
    return [...src.matchAll(/const (\w+) = useTranslations\("([\w.]+)"\)/g)].flatMap(([, name, ns]) =>
      [...src.matchAll(new RegExp(`\\b${name}(?:\\.rich)?\\("(\\w+)"`, "g"))].map(([, key]) => `${ns}.${key}`),
    );
  }
  const at = (tree: unknown, path: string) =>
    path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), tree);

  it.each([
    [
      "base",
      ["components/layout/language-switcher.tsx", "components/layout/sign-out-button.tsx", "components/layout/sign-out-everywhere-button.tsx"],
    ],
    ["patientRequest", ["components/portal/request-actions.tsx", "components/portal/file-upload.tsx"]],
    [
      "patient",
      [
        ...readdirSync("components/portal/request-form")
          .filter((f) => f.endsWith(".tsx"))
          .map((f) => `components/portal/request-form/${f}`),
        "components/portal/file-upload.tsx",
        "components/portal/policy-quote.tsx",
      ],
    ],
    ["staff", ["components/portal/file-upload.tsx"]],
    ["manager", ["components/portal/file-upload.tsx"]],
    ["signin", ["components/auth/patient-sign-in-form.tsx"]],
  ] as const)("%s pages are sent every message their client components read", (area, files) => {
    const names = files.flatMap(namesReadBy);
    expect(names.length).toBeGreaterThanOrEqual(files.length);
    expect(names.filter((name) => typeof at(clientMessages(all, area), name) !== "string")).toEqual([]);
    // An area sent no date formats has no client component that formats a date.
    if (clientFormats(area)) for (const file of files) expect(readFileSync(file, "utf8"), file).not.toMatch(/useFormatter/);
  });

  it("the request form and the dashboard, which format dates in the browser, get the date formats", () => {
    expect(clientFormats("patient")).toBeUndefined();
    expect(clientFormats("manager")).toBeUndefined();
    expect(clientFormats("staff")).toBeUndefined();
    expect(clientFormats("patientRequest")).toEqual({});
    expect(readFileSync("components/portal/request-form/index.tsx", "utf8")).toMatch(/useFormatter/);
  });

  it("staff, manager and admin pages leave out what they never read", () => {
    expect(clientMessages(all, "staff")).not.toHaveProperty("dashboard");
    expect(clientMessages(all, "staff")).toHaveProperty("staff");
    for (const area of ["staff", "manager"] as const)
      for (const name of ["sms", "schedules", "admin", "export"]) expect(clientMessages(all, area), `${area} ${name}`).not.toHaveProperty(name);
    expect(clientMessages(all, "admin")).not.toHaveProperty("dashboard");
  });

  it("staff and managers get the file picker's texts (logging a request), and nothing else of the portal's", () => {
    for (const area of ["staff", "manager"] as const)
      expect(clientMessages(all, area).portal, area).toEqual({ files: all.portal.files, form: { filesHint: all.portal.form.filesHint } });
  });

  it("patients' pages get every error sentence but those only staff screens (and, past sign-in, the sign-in) receive; staff pages get them all", () => {
    const without = (codes: readonly string[]) => ERROR_CODES.filter((c) => !codes.includes(c)).sort();
    expect(Object.keys(clientMessages(all, "signin").errors ?? {}).sort()).toEqual(without(STAFF_ONLY_CODES));
    for (const area of ["base", "patient", "patientRequest"] as const)
      expect(Object.keys(clientMessages(all, area).errors ?? {}).sort(), area).toEqual(without([...STAFF_ONLY_CODES, ...SIGN_IN_ONLY_CODES]));
    for (const area of ["staff", "manager", "admin", "staffSignin"] as const) expect(clientMessages(all, area).errors, area).toEqual(all.errors);
  });

  it("the base catalogs are one object per catalog, so a page's two providers send them once", () => {
    for (const area of ["patient", "patientRequest", "signin"] as const) {
      if (area !== "signin") expect(clientMessages(all, area).errors, area).toBe(clientMessages(all, "base").errors);
      expect(clientMessages(all, area).common, area).toBe(clientMessages(all, "base").common);
    }
    expect(clientMessages(all, "base").common).toEqual({
      language: all.common.language,
      signOut: all.common.signOut,
      signOutEverywhere: all.common.signOutEverywhere,
    });
    expect(clientMessages(all, "staff").common).toEqual(all.common);
  });

  it("never writes into the catalogs it picks from", () => {
    const before = JSON.stringify(all);
    for (const area of Object.keys(CLIENT_NAMESPACES) as (keyof typeof CLIENT_NAMESPACES)[]) clientMessages(all, area);
    expect(JSON.stringify(all)).toBe(before);
    expect(Object.keys(all.portal.form).length).toBeGreaterThan(3);
  });

  it("a name that is not in the catalogs sends nothing", () => {
    const messages = { common: { signOut: "x", appName: "y" }, errors: {}, portal: { form: "flat" } } as Record<string, unknown>;
    expect(clientMessages(messages, "patientRequest")).toEqual({ common: { signOut: "x" }, errors: {} });
  });

  it("every name it lists is a catalog", () => {
    const patient = clientMessages(all, "patient");
    expect(CLIENT_NAMESPACES.patient.only.filter((name) => at(patient, name) === undefined)).toEqual([]);
  });
});
