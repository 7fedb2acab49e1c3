"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Field } from "@/components/ui/field";
import { useErrorText } from "@/components/ui/use-error-text";
import type { FormPath, RequestFormApi } from "./form-state";
import type { FormProps } from "./form-types";

/** The sentence of a field's error (its own, or its list's as a whole), from the form state. */
export function useFieldError(form: RequestFormApi, path: FormPath): string | undefined {
  return useErrorText()(form.error(path));
}

/** The error region of a group of choices, tied to them with aria-describedby. */
export function GroupError({ id, error }: { id: string; error?: string }) {
  return (
    <p id={id} className="field-error" role={error ? "alert" : undefined}>
      {error}
    </p>
  );
}

/** A one-line text field of the form. */
export function TextInput({
  form,
  name,
  label,
  hint,
  type = "text",
  autoComplete,
  inputMode,
}: FormProps & {
  name: "subjectName" | "subjectPhone" | "subjectBirthDate" | "identityName" | "identityLast4";
  label: string;
  hint?: string;
  type?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "tel";
}) {
  const t = useTranslations("portal.form");
  const error = useFieldError(form, name);
  const id = `f-${name}`;
  return (
    <Field id={id} label={`${label} ${t("required")}`} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <input
          id={id}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete}
          aria-required
          aria-invalid={invalid}
          aria-describedby={describedBy}
          dir="auto"
          {...form.text(name)}
        />
      )}
    </Field>
  );
}

/** A text area with its length counted against the schema's maximum. */
export function TextArea({
  form,
  name,
  label,
  hint,
  required,
  max,
}: FormProps & { name: "description" | "reason" | "dispute" | "relativeInterest"; label: string; hint?: string; required?: boolean; max: number }) {
  const t = useTranslations("portal.form");
  const error = useFieldError(form, name);
  const value = form.get(name) ?? "";
  const id = `f-${name}`;
  return (
    <Field id={id} label={`${label} ${required ? t("required") : t("optional")}`} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <>
          <textarea
            id={id}
            rows={4}
            dir="auto"
            aria-required={required}
            aria-invalid={invalid}
            aria-describedby={[describedBy, `${id}-count`].filter(Boolean).join(" ")}
            {...form.text(name)}
          />
          <span id={`${id}-count`} className={`hint portal-count${value.length > max ? " over" : ""}`}>
            {t("chars", { count: value.length, max })}
          </span>
        </>
      )}
    </Field>
  );
}

export type CheckboxOption<T extends string> = { value: T; label: string; hint?: string; badge?: string; disabled?: boolean; extra?: ReactNode };

/** A group of checkboxes (categories, consents): one legend, one hint, one error for the group. */
export function CheckboxList<T extends string>({
  id,
  legend,
  hint,
  options,
  selected,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  hint?: string;
  options: CheckboxOption<T>[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
  error?: string;
}) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="portal-group" data-field={id} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {options.map((o) => (
        <div key={o.value} className="portal-option">
          <label className="portal-choice">
            <input
              type="checkbox"
              value={o.value}
              checked={selected.includes(o.value)}
              disabled={o.disabled}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => onChange(e.currentTarget.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
            />
            <span>
              <strong dir="auto">{o.label}</strong>
              {o.badge && <span className="badge portal-badge">{o.badge}</span>}
              {o.hint && (
                <span className="hint" dir="auto">
                  {o.hint}
                </span>
              )}
            </span>
          </label>
          {o.extra}
        </div>
      ))}
      <GroupError id={errorId} error={error} />
    </fieldset>
  );
}

/** A required group of radio buttons (a ground, a decision): legend, hint and error tied to every choice. */
export function RadioGroup<T extends string>({
  id,
  name,
  legend,
  hint,
  error,
  selected,
  onChange,
  options,
  before,
}: {
  id: string;
  name: string;
  legend: string;
  hint: string;
  error?: string;
  selected: T | undefined;
  onChange: (value: T) => void;
  options: { value: T; label: ReactNode }[];
  before?: ReactNode;
}) {
  const t = useTranslations("portal.form");
  const errorId = `${id}-error`;
  return (
    <fieldset className="portal-group" data-field={name} aria-describedby={[`${id}-hint`, error ? errorId : undefined].filter(Boolean).join(" ")}>
      <legend>
        {legend} <span className="muted">{t("required")}</span>
      </legend>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {before}
      {options.map((o) => (
        <label key={o.value} className="portal-choice">
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={selected === o.value}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? errorId : undefined}
            onChange={() => onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
      <GroupError id={errorId} error={error} />
    </fieldset>
  );
}
