"use client";

/** Last resort when the root layout itself fails: no catalogs are available here, so both languages are shown. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="zh-CN">
      <body>
        <main style={{ padding: 24 }}>
          <h1>出错了 / Something went wrong</h1>
          <p>
            错误编号 / Reference: <strong>{error.digest ?? "—"}</strong>
          </p>
        </main>
      </body>
    </html>
  );
}
