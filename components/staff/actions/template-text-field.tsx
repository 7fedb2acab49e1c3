"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";

export type OfferedTemplate = { id: string; key: string; locale: string; title: string; body: string };

/**
 * A text area for what the requester will read, with the reply templates of the request's type offered above
 * it: choosing one and pressing "Insert" puts its text in the box (through `onInsert`), where it can be edited.
 */
export function TemplateTextField({
  id,
  label,
  hint,
  error,
  registration,
  onInsert,
  templates = [],
  rows = 6,
  required = true,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  registration: UseFormRegisterReturn;
  onInsert?: (text: string) => void;
  templates?: OfferedTemplate[];
  rows?: number;
  required?: boolean;
}) {
  const t = useTranslations("staff.actions");
  const area = useRef<HTMLTextAreaElement | null>(null);
  const pickerId = useId();
  const [choice, setChoice] = useState(templates[0]?.id ?? "");
  const insert = () => {
    const chosen = templates.find((x) => x.id === choice);
    if (chosen) {
      onInsert?.(chosen.body);
      area.current?.focus();
    }
  };
  return (
    <>
      {templates.length > 0 && (
        <div className="staff-template-picker">
          <label htmlFor={pickerId}>{t("template")}</label>
          <select id={pickerId} value={choice} onChange={(e) => setChoice(e.target.value)}>
            {templates.map((x) => (
              <option key={x.id} value={x.id}>
                {t("templateOption", { title: x.title, language: t(`language_${x.locale === "en" ? "en" : "zh"}`) })}
              </option>
            ))}
          </select>
          <button type="button" className="btn secondary small" onClick={insert}>
            {t("insertTemplate")}
          </button>
        </div>
      )}
      <Field id={id} label={label} hint={hint} error={error}>
        {(describedBy, invalid) => (
          <textarea
            {...registration}
            ref={(el) => {
              registration.ref(el);
              area.current = el;
            }}
            id={id}
            rows={rows}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            aria-required={required}
            maxLength={10000}
          />
        )}
      </Field>
    </>
  );
}
