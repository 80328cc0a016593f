import fs from "node:fs";
import { exportInput } from "./app/export/fixtures";
import { renderPlanDocx } from "./app/export/render.server";
fs.writeFileSync("/tmp/sig.docx", await renderPlanDocx(exportInput({ date: "2027-01-20" })));
