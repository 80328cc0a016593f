import { useEffect, useRef, useState } from "react";

/**
 * A one-shot confirmation after a redirect ("已通过。"). It takes the focus:
 * after an action the keyboard (and a screen reader) is at its result, not
 * back at the top of the page.
 */
export function Flash({ message }: { message: string }) {
  const [visible, setVisible] = useState(true);
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setVisible(true);
    element.current?.focus();
  }, [message]);
  if (!visible) return null;
  return (
    <div className="alert success flash" role="status" tabIndex={-1} ref={element}>
      <span>{message}</span>
      <button
        type="button"
        className="link-button"
        onClick={() => setVisible(false)}
        aria-label="关闭提示"
      >
        ×
      </button>
    </div>
  );
}
