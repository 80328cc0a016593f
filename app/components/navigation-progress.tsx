import { useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";

/** Pages slower than this show that they are on their way. */
const SHOW_AFTER_MS = 250;

/**
 * A thin bar at the top of the window and a spoken "正在打开…" while the next
 * page loads (打印预览 lays out the whole plan and takes a moment).
 */
export function NavigationProgress() {
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && !navigation.formMethod;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!loading) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [loading]);
  return (
    <div className="navigation-progress" data-active={shown || undefined}>
      <span role="status" className="visually-hidden">
        {shown ? "正在打开页面…" : ""}
      </span>
    </div>
  );
}

/** True while the app is on its way to `pathname` (for a button to say so). */
export function useNavigatingTo(pathname: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "loading" && navigation.location.pathname === pathname;
}
