import { useEffect, useState } from "react";

/** A one-shot confirmation after a redirect ("已保存"). */
export function Flash({ message }: { message: string }) {
  const [visible, setVisible] = useState(true);
  useEffect(() => setVisible(true), [message]);
  if (!visible) return null;
  return (
    <div className="alert success flash" role="status">
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
