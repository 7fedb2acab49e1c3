"use client";

import { createContext, use } from "react";

export type ErrorTexts = { title: string; body: string; retry: string };

/**
 * The error boundary's three sentences, handed down by the root layout from the `errorPage` catalog. app/error.tsx is
 * a client entry of its own: reading them through next-intl there put a second copy of its formatter (3.5 KB gzip)
 * on every page (issue 17), a React context costs nothing.
 */
const ErrorTextsContext = createContext<ErrorTexts | null>(null);

export function ErrorTextsProvider({ texts, children }: { texts: ErrorTexts; children: React.ReactNode }) {
  return <ErrorTextsContext value={texts}>{children}</ErrorTextsContext>;
}

/** Outside the root layout (never on a page) both languages, as app/global-error.tsx shows them. */
const FALLBACK: ErrorTexts = { title: "出错了 / Something went wrong", body: "错误编号 / Reference:", retry: "重试 / Retry" };

export function useErrorTexts(): ErrorTexts {
  return use(ErrorTextsContext) ?? FALLBACK;
}
