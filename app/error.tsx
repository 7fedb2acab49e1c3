"use client";

import { useErrorTexts } from "@/components/layout/error-texts";

/** Unexpected errors: the user sees the reference under which the server logged it, never a stack trace. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useErrorTexts();
  return (
    <div role="alert">
      <h1>{t.title}</h1>
      <p>
        {t.body} <strong className="mono">{error.digest ?? "—"}</strong>
      </p>
      <button type="button" className="btn" onClick={reset}>
        {t.retry}
      </button>
    </div>
  );
}
