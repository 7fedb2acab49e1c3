/** The request and the version the page was rendered with: a write based on an older version is refused. */
export function HiddenFields({ requestRef, version }: { requestRef: string; version?: number }) {
  return (
    <>
      <input type="hidden" name="ref" value={requestRef} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}
    </>
  );
}
