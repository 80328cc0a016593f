import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * After moving to another page inside the app, the keyboard starts where a
 * full page load would leave a reader: at the page's content (or the part the
 * address points to), not on the link that no longer exists. A flash message
 * takes the focus itself and is left alone.
 */
export function useRouteFocus(mainId: string) {
  const { pathname, hash } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (document.activeElement?.closest(".flash")) return;
    const target =
      (hash && document.getElementById(hash.slice(1))) || document.getElementById(mainId);
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: !hash });
  }, [pathname, hash, mainId]);
}
