"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { FormRecords } from "@/lib/requests/form-records";
import { PolicyQuote } from "../policy-quote";
import { RadioGroup, TextArea, useFieldError } from "./fields";
import { MAX, type FormProps } from "./form-types";

/** An automated decision: one of the patient's decisions, and what they want explained or reviewed. */
export function DecisionFields({ form, records }: FormProps & { records: FormRecords }) {
  const t = useTranslations("portal");
  const format = useFormatter();
  const decisionId = form.get("decisionId");
  const error = useFieldError(form, "decisionId");
  return (
    <>
      <PolicyQuote clause="automated_decision" compact />
      <RadioGroup
        id="f-decision"
        name="decisionId"
        legend={t("form.decision")}
        hint={t("form.decisionHint")}
        error={error}
        selected={decisionId}
        onChange={(id) => form.set("decisionId", id)}
        before={records.decisions.length === 0 && <p className="alert warn">{t("form.noDecisions")}</p>}
        options={records.decisions.map((d) => ({
          value: d.id,
          label: (
            <span>
              <strong>{t.has(`decisionKinds.${d.kind}`) ? t(`decisionKinds.${d.kind}`) : d.kind}</strong>{" "}
              <span className="muted">{format.dateTime(new Date(d.decidedAt), "date")}</span>
              <span className="hint" dir="auto">
                {d.outcome}
              </span>
            </span>
          ),
        }))}
      />
      <TextArea form={form} name="dispute" label={t("form.dispute")} hint={t("form.disputeHint")} required max={MAX.dispute} />
    </>
  );
}
