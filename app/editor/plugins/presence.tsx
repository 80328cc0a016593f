import { useEffect, useState } from "react";

import type { Present } from "~/models/presence.server";

const HEARTBEAT_MS = 20_000;

/** Shows who else has this section open, from a heartbeat every 20 seconds. */
export function PresenceBar({ url }: { url: string }) {
  const [others, setOthers] = useState<Present[]>([]);

  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      try {
        const response = await fetch(url, { method: "POST" });
        if (response.ok && !stopped) {
          setOthers(((await response.json()) as { others: Present[] }).others);
        }
      } catch {
        // Offline: keep the last known list; the save status already says so.
      }
    };
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);
    const leave = () => navigator.sendBeacon?.(`${url}?leave=1`);
    window.addEventListener("pagehide", leave);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [url]);

  if (others.length === 0) return null;
  return (
    <div className="presence" role="status" data-testid="presence">
      {others
        .map((person) => `${person.name}${person.editing ? " 正在编辑" : " 正在查看"}`)
        .join("，")}
      本章节
    </div>
  );
}
