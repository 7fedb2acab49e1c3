"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, type ReactNode } from "react";
import { ACCEPT_ATTRIBUTE, UPLOAD_LIMITS } from "@/lib/uploads/file-type";
import { useErrorText } from "@/components/ui/use-error-text";
import { formatBytes } from "./format";

export type UploadedFile = { id: string; filename: string; sizeBytes: number };

/**
 * Picks and uploads documents one by one to POST /api/uploads (the server checks size and type from the bytes),
 * and reports the ids of the files uploaded so far. Files can be removed before the form is sent. Status goes
 * to a polite live region; errors to the field's error region, tied to the input with aria-describedby.
 */
export function FileUpload({
  id,
  label,
  hint,
  purpose,
  error,
  onChange,
  onBusyChange,
  max = UPLOAD_LIMITS.maxFilesPerRequest,
  renderFile,
}: {
  id: string;
  label: string;
  hint?: string;
  purpose: "proof" | "evidence" | "message";
  error?: string;
  onChange: (ids: string[]) => void;
  onBusyChange?: (busy: boolean) => void;
  max?: number;
  /** Something to ask about each uploaded file (what kind of document it is), shown under its name. */
  renderFile?: (file: UploadedFile) => ReactNode;
}) {
  const t = useTranslations("portal.files");
  const tForm = useTranslations("portal.form");
  const errorText = useErrorText();
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const statusId = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const shownErrors = [...(error ? [error] : []), ...problems];

  function update(next: UploadedFile[]) {
    setFiles(next);
    onChange(next.map((f) => f.id));
  }

  async function upload(list: FileList | null) {
    if (!list || list.length === 0) return;
    const chosen = Array.from(list);
    const errors: string[] = [];
    let current = files;
    setBusy(true);
    onBusyChange?.(true);
    try {
      for (const file of chosen) {
        if (current.length >= max) {
          errors.push(t("fileError", { name: file.name, message: errorText("too_many_files")! }));
          continue;
        }
        if (file.size > UPLOAD_LIMITS.maxBytes) {
          errors.push(t("fileError", { name: file.name, message: errorText("upload_too_large")! }));
          continue;
        }
        setStatus(t("uploading", { name: file.name }));
        try {
          const res = await fetch(`/api/uploads?purpose=${purpose}&name=${encodeURIComponent(file.name)}`, {
            method: "POST",
            body: file,
            headers: { "content-type": "application/octet-stream" },
          });
          const body = (await res.json().catch(() => ({}))) as Partial<UploadedFile> & { error?: string; ref?: string };
          if (res.ok && body.id) {
            current = [...current, { id: body.id, filename: body.filename ?? file.name, sizeBytes: body.sizeBytes ?? file.size }];
            update(current);
            setStatus(t("uploaded", { name: body.filename ?? file.name }));
          } else {
            errors.push(t("fileError", { name: file.name, message: errorText(body.error ?? "upload_failed", { ref: body.ref ?? "—" })! }));
          }
        } catch {
          errors.push(t("fileError", { name: file.name, message: errorText("upload_failed")! }));
        }
      }
    } finally {
      setProblems(errors);
      if (errors.length > 0) setStatus("");
      setBusy(false);
      onBusyChange?.(false);
      if (input.current) input.current.value = "";
    }
  }

  async function remove(f: UploadedFile) {
    await fetch(`/api/uploads/${f.id}`, { method: "DELETE" }).catch(() => {});
    update(files.filter((x) => x.id !== f.id));
    setStatus(t("removed", { name: f.filename }));
    input.current?.focus();
  }

  const describedBy = [hintId, shownErrors.length ? errorId : undefined].filter(Boolean).join(" ");
  return (
    <div className="field portal-files" data-field={id}>
      <label htmlFor={id}>{label}</label>
      <span id={hintId} className="hint">
        {hint ? `${hint} ` : ""}
        {tForm("filesHint")}
      </span>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        disabled={busy || files.length >= max}
        aria-describedby={describedBy}
        aria-invalid={shownErrors.length > 0}
        onChange={(e) => void upload(e.currentTarget.files)}
      />
      {files.length > 0 && (
        <ul className="portal-file-list" data-testid={`${id}-list`}>
          {files.map((f) => (
            <li key={f.id}>
              <span className="grow" dir="auto">
                {f.filename}
              </span>{" "}
              <span className="muted">{formatBytes(f.sizeBytes)}</span>{" "}
              <button type="button" className="btn link" onClick={() => void remove(f)} aria-label={t("remove", { name: f.filename })}>
                {t("removeShort")}
              </button>
              {renderFile?.(f)}
            </li>
          ))}
        </ul>
      )}
      <p id={statusId} className="muted portal-status" role="status" aria-live="polite">
        {status}
      </p>
      <div id={errorId} className="field-error" role={shownErrors.length ? "alert" : undefined}>
        {shownErrors.map((e, i) => (
          <p key={i}>{e}</p>
        ))}
      </div>
    </div>
  );
}
