import type { Migration } from "kysely";

import * as foundation from "./2026-11-21-001-foundation";
import * as drafting from "./2026-11-22-001-drafting";
import * as presence from "./2026-11-22-002-presence";
import * as approval from "./2026-11-22-003-approval";
import * as exporting from "./2026-11-22-004-export";
import * as apiTokens from "./2026-11-22-005-api-tokens";
import * as eventOrder from "./2026-11-22-006-event-order";
import * as commentOccurrence from "./2026-11-22-007-comment-occurrence";
import * as houseInOrder from "./2026-12-02-001-house-in-order";
import * as hardening from "./2026-12-02-002-hardening";
import * as listStyle from "./2026-12-02-003-list-style";
import * as countyIndexes from "./2026-12-02-004-county-indexes";
import * as publication from "./2026-12-02-005-publication";
import * as progress from "./2026-12-03-001-progress";
import * as reports from "./2026-12-03-002-reports";
import * as commitments from "./2026-12-03-003-commitments";
import * as reportFigurePeriod from "./2026-12-03-004-report-figure-period";
import * as oneCommitmentPerName from "./2026-12-03-005-one-commitment-per-name";

/**
 * Every migration, listed in code so that they travel inside the server
 * bundle (FileMigrationProvider would need the files on disk at run time).
 * Names are date-prefixed and sort in the order they must run.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-21-001-foundation": foundation,
  "2026-11-22-001-drafting": drafting,
  "2026-11-22-002-presence": presence,
  "2026-11-22-003-approval": approval,
  "2026-11-22-004-export": exporting,
  "2026-11-22-005-api-tokens": apiTokens,
  "2026-11-22-006-event-order": eventOrder,
  "2026-11-22-007-comment-occurrence": commentOccurrence,
  "2026-12-02-001-house-in-order": houseInOrder,
  "2026-12-02-002-hardening": hardening,
  "2026-12-02-003-list-style": listStyle,
  "2026-12-02-004-county-indexes": countyIndexes,
  "2026-12-02-005-publication": publication,
  "2026-12-03-001-progress": progress,
  "2026-12-03-002-reports": reports,
  "2026-12-03-003-commitments": commitments,
  "2026-12-03-004-report-figure-period": reportFigurePeriod,
  "2026-12-03-005-one-commitment-per-name": oneCommitmentPerName,
};
