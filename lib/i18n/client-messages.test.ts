import { describe, expect, it } from "vitest";
import { catalogs } from "@/messages";
import { clientMessages } from "./client-messages";

describe("the catalogs each area sends to the browser", () => {
  const all = catalogs.en;

  it("sign-in pages get the base and their own form's, nothing of the staff, the dashboard or the admin", () => {
    expect(Object.keys(clientMessages(all, "signin")).sort()).toEqual(["common", "errorPage", "errors", "signin"]);
    expect(Object.keys(clientMessages(all, "staffSignin")).sort()).toEqual(["common", "errorPage", "errors", "staffSignin"]);
  });

  it("patient pages get the portal's catalogs and none of the staff's, the dashboard's or the admin's", () => {
    const patient = clientMessages(all, "patient");
    expect(patient).toMatchObject({ portal: all.portal, errors: all.errors, categories: all.categories });
    for (const name of ["staff", "dashboard", "admin", "queue", "staffSignin", "signin", "sms", "export"])
      expect(patient, name).not.toHaveProperty(name);
  });

  it("a request's page gets the parts of the portal's catalog its forms read, nothing else of it", () => {
    const page = clientMessages(all, "patientRequest");
    expect(Object.keys(page).sort()).toEqual(["common", "errorPage", "errors", "portal"]);
    expect(page.portal).toEqual({ detail: all.portal.detail, form: all.portal.form, files: all.portal.files });
  });

  it("staff, manager and admin pages leave out what they never read", () => {
    expect(clientMessages(all, "staff")).not.toHaveProperty("dashboard");
    expect(clientMessages(all, "staff")).toHaveProperty("staff");
    expect(clientMessages(all, "manager")).not.toHaveProperty("portal");
    for (const area of ["staff", "manager"] as const)
      for (const name of ["portal", "sms", "schedules", "admin", "export"])
        expect(clientMessages(all, area), `${area} ${name}`).not.toHaveProperty(name);
    expect(clientMessages(all, "admin")).not.toHaveProperty("dashboard");
  });

  it("every name it lists is a catalog", () => {
    expect(Object.keys(clientMessages(all, "patient"))).toHaveLength(12);
  });
});
