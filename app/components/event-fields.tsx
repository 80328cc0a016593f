/** The fields every workflow event form posts. */
export function EventFields({ type, baseVersion }: { type: string; baseVersion: number }) {
  return (
    <>
      <input type="hidden" name="intent" value="event" />
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="baseVersion" value={baseVersion} />
    </>
  );
}
