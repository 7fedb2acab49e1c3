"use client";

import { useState, useSyncExternalStore, type ChangeEvent } from "react";
// Types only: the form keeps its own state (no form library in the patient's first load, issue 17), typed by path.
import type { DefaultValues, Path, PathValue } from "react-hook-form";
import type { ErrorCode } from "@/lib/actions/codes";
import type { FieldErrors } from "@/lib/actions/result";
import type { SubmitFormValues } from "@/lib/requests/submit-schema";

/** The form's values while the patient edits them: the schema's input, any part still missing. */
export type EditValues = DefaultValues<SubmitFormValues>;
export type FormPath = Path<SubmitFormValues>;
type ValueAt<P extends FormPath> = PathValue<SubmitFormValues, P> | undefined;

/** The request form's state: its values and the server's field errors, by path ("corrections.0.requested"). */
export type RequestFormApi = {
  /** The value at `path` now — the latest, also in a callback made by an earlier render. */
  get<P extends FormPath>(path: P): ValueAt<P>;
  /** Sets a value; the errors of that field (and of the parts under and above it) go, for the server to check again. */
  set<P extends FormPath>(path: P, value: ValueAt<P>): void;
  values(): EditValues;
  error(path: string): ErrorCode | undefined;
  /** The first error of a field under `prefix` ("proofKinds" → one per file). */
  firstErrorUnder(prefix: string): ErrorCode | undefined;
  errorCount(): number;
  setErrors(errors: FieldErrors): void;
  clearErrors(...paths: string[]): void;
  /** A text input, text area or select bound to `path`. */
  text(path: FormPath): {
    name: string;
    value: string;
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
  };
  /** One radio button of `path`, checked when the value is `value`; `then` runs after it is chosen. */
  radio(path: FormPath, value: string, then?: () => void): { type: "radio"; name: string; value: string; checked: boolean; onChange: () => void };
};

type Tree = Record<string, unknown> | unknown[];

function valueAt(tree: unknown, keys: readonly string[]): unknown {
  let v = tree;
  for (const key of keys) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** A copy of `tree` with `value` at `keys`, the objects and arrays on the way copied, the rest shared. */
function withValueAt(tree: unknown, keys: readonly string[], value: unknown): Tree {
  const [key, ...rest] = keys as [string, ...string[]];
  const copy: Tree = Array.isArray(tree) ? [...tree] : { ...(tree as Record<string, unknown> | undefined) };
  const child = (copy as Record<string, unknown>)[key];
  (copy as Record<string, unknown>)[key] = rest.length > 0 ? withValueAt(child, rest, value) : value;
  return copy;
}

/** Whether an error at `key` is about the field at `path`: the same field, a part of it, or the list it is in. */
const related = (key: string, path: string) => key === path || key.startsWith(`${path}.`) || path.startsWith(`${key}.`);

/** The values and errors of one form, and the renders they ask for (subscribe/version, for useSyncExternalStore). */
export function createFormStore(initial: EditValues) {
  let values = initial;
  let errors: FieldErrors = {};
  let version = 0;
  const listeners = new Set<() => void>();
  const changed = () => {
    version++;
    for (const l of listeners) l();
  };
  const api: RequestFormApi = {
    get: (path) => valueAt(values, path.split(".")) as never,
    set: (path, value) => {
      const keys = path.split(".");
      const hadErrors = Object.keys(errors).some((k) => related(k, path));
      if (Object.is(valueAt(values, keys), value) && !hadErrors) return;
      values = withValueAt(values, keys, value) as EditValues;
      if (hadErrors) errors = Object.fromEntries(Object.entries(errors).filter(([k]) => !related(k, path)));
      changed();
    },
    values: () => values,
    error: (path) => errors[path],
    firstErrorUnder: (prefix) => Object.entries(errors).find(([k]) => k.startsWith(`${prefix}.`))?.[1],
    errorCount: () => Object.keys(errors).length,
    setErrors: (next) => {
      errors = next;
      changed();
    },
    clearErrors: (...paths) => {
      const kept = Object.entries(errors).filter(([k]) => !paths.some((p) => related(k, p)));
      if (kept.length === Object.keys(errors).length) return;
      errors = Object.fromEntries(kept);
      changed();
    },
    text: (path) => ({
      name: path,
      value: String(api.get(path) ?? ""),
      onChange: (e) => api.set(path, e.currentTarget.value as never),
    }),
    radio: (path, value, then) => ({
      type: "radio",
      name: path,
      value,
      checked: (api.get(path) ?? "") === value,
      onChange: () => {
        api.set(path, value as never);
        then?.();
      },
    }),
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { api, subscribe, version: () => version };
}

/** The request form's values and errors, kept across renders: the form renders again after every change. */
export function useRequestFormState(initial: () => EditValues): RequestFormApi {
  const [store] = useState(() => createFormStore(initial()));
  useSyncExternalStore(store.subscribe, store.version, store.version);
  return store.api;
}
