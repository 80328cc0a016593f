// npm run bench — the script a page loads, gzipped, from the production
// build's manifest: the route manifest, the entry and every module the page's
// routes import (what the page preloads; chunks a page imports only when the
// person opens a dialog or starts typing are listed apart). No baseline: the
// goals are sizes (≤ 100 KB for the sign-in page, ≤ 250 KB for the editor).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

import { recordGoal } from "./goals";

const root = path.resolve(import.meta.dirname, "..");
const buildDir = path.join(root, "public/build");

interface Manifest {
  url: string;
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
}

function readManifest(): Manifest & { file: string } {
  const file = fs.readdirSync(buildDir).find((name) => name.startsWith("manifest-"));
  if (!file) throw new Error("no production build: run npm run build first");
  const text = fs.readFileSync(path.join(buildDir, file), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
  return { ...manifest, file: `/build/${file}` };
}

const read = (url: string) => fs.readFileSync(path.join(root, "public", url));
const gzipped = (url: string) => zlib.gzipSync(read(url), { level: 9 }).length;
/** A module that carries Zod (its error class or its issue codes). */
const hasZod = (url: string) => /ZodError|invalid_type/.test(read(url).toString("utf8"));

function pageScripts(manifest: ReturnType<typeof readManifest>, routes: string[]) {
  const urls = new Set([manifest.file, manifest.entry.module, ...manifest.entry.imports]);
  for (const id of ["root", ...routes]) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`no route ${id} in the build`);
    urls.add(route.module);
    for (const url of route.imports ?? []) urls.add(url);
  }
  const files = [...urls];
  return {
    kb: files.reduce((sum, url) => sum + gzipped(url), 0) / 1024,
    zod: files.filter(hasZod),
  };
}

/** Chunks no route imports: loaded on demand (import()) by what the person does. */
function onDemand(manifest: ReturnType<typeof readManifest>) {
  const listed = new Set([manifest.file, manifest.entry.module, ...manifest.entry.imports]);
  for (const route of Object.values(manifest.routes)) {
    listed.add(route.module);
    for (const url of route.imports ?? []) listed.add(url);
  }
  return fs
    .readdirSync(path.join(buildDir, "_shared"))
    .filter((name) => name.endsWith(".js"))
    .map((name) => `/build/_shared/${name}`)
    .filter((url) => !listed.has(url))
    .map((url) => ({ url, kb: gzipped(url) / 1024, zod: hasZod(url) }));
}

const manifest = readManifest();
const signIn = pageScripts(manifest, ["routes/login"]);
const editor = pageScripts(manifest, [
  "routes/_app",
  "routes/_app.plans.$planId_.sections.$sectionId",
]);
const lazy = onDemand(manifest);

console.log("\nScript each page loads (gzip -9, production build)\n");
console.log(
  `sign-in page          ${signIn.kb.toFixed(1).padStart(6)} KB  Zod in: ${signIn.zod.join(", ") || "none"}`,
);
console.log(
  `section editor page   ${editor.kb.toFixed(1).padStart(6)} KB  Zod in: ${editor.zod.join(", ") || "none"}`,
);
console.log("loaded on demand (a dialog opened, the first change typed):");
for (const chunk of lazy) {
  console.log(
    `  ${chunk.url.padEnd(40)} ${chunk.kb.toFixed(1).padStart(6)} KB${chunk.zod ? "  (Zod)" : ""}`,
  );
}

recordGoal({
  measure: "sign-in page script, gzipped",
  baseline: "—",
  result: `${signIn.kb.toFixed(1)} KB, Zod ${signIn.zod.length ? "shipped" : "not shipped"}`,
  goal: "≤ 100 KB, no Zod",
  met: signIn.kb <= 100 && signIn.zod.length === 0,
});
recordGoal({
  measure: "section editor page script, gzipped",
  baseline: "—",
  result: `${editor.kb.toFixed(1)} KB, Zod ${editor.zod.length ? "shipped" : "on demand only"}`,
  goal: "≤ 250 KB",
  met: editor.kb <= 250,
});
