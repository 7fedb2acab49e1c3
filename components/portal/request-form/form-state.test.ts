import { describe, expect, it } from "vitest";
import { createFormStore } from "./form-state";

const key = "3f0c2a4e-1b2c-4d3e-8f9a-0b1c2d3e4f5a";
const correction = () =>
  createFormStore({
    type: "correction",
    idempotencyKey: key,
    relationship: "self",
    corrections: [
      { field: "", recordId: "", requested: "" },
      { field: "account.email", recordId: "r1", requested: "x" },
    ],
    reason: "",
    proofKinds: {},
  });

describe("the request form's state", () => {
  it("sets a value by its path, copying what it changes and sharing the rest", () => {
    const store = correction();
    const before = store.api.values();
    store.api.set("corrections.1.requested", "a@example.com");
    const after = store.api.values();
    expect(after).not.toBe(before);
    expect(store.api.get("corrections.1.requested")).toBe("a@example.com");
    expect(before.type === "correction" && before.corrections?.[1]?.requested).toBe("x");
    if (after.type !== "correction" || before.type !== "correction") throw new Error("type");
    expect(after.corrections?.[0]).toBe(before.corrections?.[0]);
    store.api.set("proofKinds.f1", "id_card");
    expect(store.api.get("proofKinds")).toEqual({ f1: "id_card" });
  });

  it("a change takes away the errors of that field, of its parts and of the list it is in; the others stay", () => {
    const store = correction();
    store.api.setErrors({
      corrections: "too_many",
      "corrections.1.requested": "email_invalid",
      "corrections.0.field": "required",
      reason: "required",
      "proofKinds.f1": "proof_kind_required",
    });
    expect(store.api.errorCount()).toBe(5);
    store.api.set("corrections.1.requested", "a@example.com");
    expect(store.api.error("corrections.1.requested")).toBeUndefined();
    expect(store.api.error("corrections")).toBeUndefined();
    expect(store.api.error("corrections.0.field")).toBe("required");
    expect(store.api.error("reason")).toBe("required");
    expect(store.api.firstErrorUnder("proofKinds")).toBe("proof_kind_required");
    store.api.set("proofKinds", {});
    expect(store.api.firstErrorUnder("proofKinds")).toBeUndefined();
    store.api.clearErrors("reason", "corrections");
    expect(store.api.errorCount()).toBe(0);
  });

  it("renders again only when something changed", () => {
    const store = correction();
    let renders = 0;
    store.subscribe(() => renders++);
    store.api.set("reason", "");
    store.api.clearErrors("reason");
    expect(renders).toBe(0);
    store.api.set("reason", "邮箱换了");
    expect(renders).toBe(1);
    expect(store.version()).toBe(1);
  });

  it("binds text fields and radio buttons to their paths", () => {
    const store = correction();
    const field = store.api.text("reason");
    expect(field).toMatchObject({ name: "reason", value: "" });
    field.onChange({ currentTarget: { value: "搬家了" } } as never);
    expect(store.api.get("reason")).toBe("搬家了");
    let chosen = 0;
    const guardian = store.api.radio("relationship", "guardian", () => chosen++);
    expect(guardian.checked).toBe(false);
    expect(store.api.radio("relationship", "self").checked).toBe(true);
    guardian.onChange();
    expect(store.api.get("relationship")).toBe("guardian");
    expect(chosen).toBe(1);
  });
});
