// Every operation of /api/v1, with the Zod schemas of what it takes and
// answers. The OpenAPI description is made from this list, and the fuzz test
// walks it: one list, so the description cannot drift from the routes.
import type { ZodType } from "zod";

import { ChangesQuerySchema, ExportQuerySchema } from "~/utils/changes-validation";
import { PlanTextsSchema } from "~/utils/plan-texts-validation";
import { ProgressConfirmSchema, ProgressEntrySchema } from "~/utils/progress-validation";
import { CommitmentSchema } from "~/utils/target-validation";
import { z } from "~/utils/validation";
import { planEventSchema, SectionEventSchema } from "~/utils/workflow-validation";

import {
  ApprovalFormAnswer,
  ChangesAnswer,
  CommitmentsAnswer,
  EventsAnswer,
  ImportPreviewAnswer,
  MeAnswer,
  NewTokenAnswer,
  PlanAnswer,
  PlanListAnswer,
  ProgressAnswer,
  RevisionsAnswer,
  RevokedAnswer,
  SavedAnswer,
  SectionAnswer,
  TargetsAnswer,
  TextsAnswer,
  ThreadsAnswer,
  TokensAnswer,
  TransitionAnswer,
} from "./responses";
import {
  CommentBody,
  ContentBody,
  CreatePlanBody,
  EventsPage,
  ImportPlanBody,
  TargetsBody,
  TokenBody,
} from "./schemas";

export type Operation = {
  id: string;
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI path under /api/v1, e.g. "/plans/{planId}". */
  path: string;
  summary: string;
  query?: ZodType;
  body?: ZodType;
  /** How the body is sent: JSON (default) or multipart/form-data (a file upload). */
  bodyType?: "json" | "multipart";
  /** The success status and its answer; "docx" for the Word file, "pdf" for the PDF. */
  ok: { status: 200 | 201; schema: ZodType | "docx" | "pdf" };
  /** A second success: what a dry run answers (200) where the real one creates (201). */
  dryRunOk?: { status: 200; schema: ZodType };
  /** The refusals this operation may give besides 401, 429 and 400/422 for bad input. */
  refusals: number[];
};

/** For the description: every plan event, with the Party committee's meeting fields. */
const PlanEventBody = planEventSchema({
  state: "partyCommitteeReview",
  today: "2100-12-31",
  committeeApprovedOn: null,
});

export const OPERATIONS: Operation[] = [
  {
    id: "getMe",
    method: "get",
    path: "/me",
    summary: "令牌所属的用户",
    ok: { status: 200, schema: MeAnswer },
    refusals: [],
  },
  {
    id: "listPlans",
    method: "get",
    path: "/plans",
    summary: "本镇的年度计划",
    ok: { status: 200, schema: PlanListAnswer },
    refusals: [],
  },
  {
    id: "createPlan",
    method: "post",
    path: "/plans",
    summary: "开启一年的计划，或从已印发的计划起草半年总结、年度总结（党政办；from: plan:{id}）",
    body: CreatePlanBody,
    ok: { status: 201, schema: PlanAnswer },
    refusals: [403, 409],
  },
  {
    id: "importPlan",
    method: "post",
    path: "/plans/import",
    summary: "导入已有计划（.docx、.txt 或文本；dryRun=true 只返回识别结果）",
    body: ImportPlanBody,
    bodyType: "multipart",
    ok: { status: 201, schema: PlanAnswer },
    dryRunOk: { status: 200, schema: ImportPreviewAnswer },
    refusals: [403, 409],
  },
  {
    id: "getPlan",
    method: "get",
    path: "/plans/{planId}",
    summary: "计划及其章节，以及调用者现在可以发送的事件",
    ok: { status: 200, schema: PlanAnswer },
    refusals: [404],
  },
  {
    id: "listPlanEvents",
    method: "get",
    path: "/plans/{planId}/events",
    summary: "审核记录（新的在前，分页）",
    query: EventsPage.extend({
      section: z.string().optional(),
      actor: z.string().optional(),
      event: z.string().optional(),
    }),
    ok: { status: 200, schema: EventsAnswer },
    refusals: [404],
  },
  {
    id: "sendPlanEvent",
    method: "post",
    path: "/plans/{planId}/events",
    summary: "计划的流转事件（开始统稿、提交镇长审核、审议、印发……）",
    body: PlanEventBody,
    ok: { status: 200, schema: TransitionAnswer },
    refusals: [403, 404, 409],
  },
  {
    id: "getApprovalForm",
    method: "get",
    path: "/plans/{planId}/approval",
    summary:
      "审批单：由审核记录生成的章节审核、镇长审定、党委会审议、退回记录和印发（每项附对应的事件 id），及逐行打印内容",
    ok: { status: 200, schema: ApprovalFormAnswer },
    refusals: [404],
  },
  {
    id: "getPlanTexts",
    method: "get",
    path: "/plans/{planId}/texts",
    summary: "形势与总体要求、结束语、截止日期和计划版本",
    ok: { status: 200, schema: TextsAnswer },
    refusals: [404],
  },
  {
    id: "putPlanTexts",
    method: "put",
    path: "/plans/{planId}/texts",
    summary: "修改形势与总体要求、结束语（带 baseVersion）",
    body: PlanTextsSchema,
    ok: { status: 200, schema: TextsAnswer },
    refusals: [403, 404, 409],
  },
  {
    id: "getTargets",
    method: "get",
    path: "/plans/{planId}/targets",
    summary: "主要预期目标",
    ok: { status: 200, schema: TargetsAnswer },
    refusals: [404],
  },
  {
    id: "putTargets",
    method: "put",
    path: "/plans/{planId}/targets",
    summary: "替换主要预期目标（带 baseVersion）",
    body: TargetsBody,
    ok: { status: 200, schema: TargetsAnswer },
    refusals: [403, 404, 409],
  },
  {
    id: "getTargetProgress",
    method: "get",
    path: "/plans/{planId}/targets/{targetId}/progress",
    summary: "一项目标的各期进度（完成数、报送人、确认人）及进度评价（超进度/达进度/欠进度）",
    ok: { status: 200, schema: ProgressAnswer },
    refusals: [404],
  },
  {
    id: "putTargetProgress",
    method: "put",
    path: "/plans/{planId}/targets/{targetId}/progress",
    summary:
      "报送或更正一期完成数（责任科室；计划印发后；baseVersion 新报为 0，数字已被修改时 409）",
    body: ProgressEntrySchema,
    ok: { status: 200, schema: ProgressAnswer },
    refusals: [403, 404, 409],
  },
  {
    id: "confirmTargetProgress",
    method: "post",
    path: "/plans/{planId}/targets/{targetId}/progress/confirm",
    summary:
      "确认一期完成数（该目标所在章节的分管领导，报送人本人不能确认；baseVersion 为看到的版本，数字已被修改时 409）",
    body: ProgressConfirmSchema,
    ok: { status: 200, schema: ProgressAnswer },
    refusals: [403, 404, 409],
  },
  {
    id: "getCommitments",
    method: "get",
    path: "/plans/{planId}/commitments",
    summary: "跟踪的重点任务：印发后从各章节选出、像目标一样报送进度的可量化任务（不印入正文）",
    ok: { status: 200, schema: CommitmentsAnswer },
    refusals: [404],
  },
  {
    id: "trackCommitment",
    method: "post",
    path: "/plans/{planId}/commitments",
    summary:
      "跟踪一项章节中的任务（党政办；计划印发后；责任科室和确认人为该章节的科室和分管领导；同名已跟踪时 409）",
    body: CommitmentSchema,
    ok: { status: 201, schema: CommitmentsAnswer },
    refusals: [403, 404, 409],
  },
  {
    id: "untrackCommitment",
    method: "delete",
    path: "/plans/{planId}/commitments/{commitmentId}",
    summary: "取消跟踪（党政办；已有报送进度时 409）",
    ok: { status: 200, schema: CommitmentsAnswer },
    refusals: [403, 404, 409],
  },
  {
    id: "exportPlan",
    method: "get",
    path: "/plans/{planId}/export.docx",
    summary: "导出 Word（批准前为征求意见稿；tracked=1 为带修订痕迹的修订稿）",
    query: ExportQuerySchema,
    ok: { status: 200, schema: "docx" },
    refusals: [404],
  },
  {
    id: "exportPlanPdf",
    method: "get",
    path: "/plans/{planId}/export.pdf",
    summary:
      "导出 PDF（仅已印发的计划：与 Word 文件相同，由服务器上的 LibreOffice 转换；印发前 409，未安装 LibreOffice 时 503）",
    ok: { status: 200, schema: "pdf" },
    refusals: [404, 409, 503],
  },
  {
    id: "getSection",
    method: "get",
    path: "/sections/{sectionId}",
    summary: "章节及其内容",
    ok: { status: 200, schema: SectionAnswer },
    refusals: [404],
  },
  {
    id: "putSectionContent",
    method: "put",
    path: "/sections/{sectionId}/content",
    summary: "保存章节内容（带 baseVersion）",
    body: ContentBody,
    ok: { status: 200, schema: SavedAnswer },
    refusals: [403, 404, 409, 413],
  },
  {
    id: "sendSectionEvent",
    method: "post",
    path: "/sections/{sectionId}/events",
    summary: "章节的流转事件（提交审核、通过、退回修改……）",
    body: SectionEventSchema,
    ok: { status: 200, schema: TransitionAnswer },
    refusals: [403, 404, 409],
  },
  {
    id: "listRevisions",
    method: "get",
    path: "/sections/{sectionId}/revisions",
    summary: "修改历史（新的在前，不含内容）",
    ok: { status: 200, schema: RevisionsAnswer },
    refusals: [404],
  },
  {
    id: "listSectionChanges",
    method: "get",
    path: "/sections/{sectionId}/changes",
    summary: "修改痕迹：自比较起点（存档稿或修改历史版本）以来的每处插入和删除及其修改人",
    query: ChangesQuerySchema,
    ok: { status: 200, schema: ChangesAnswer },
    refusals: [404],
  },
  {
    id: "listComments",
    method: "get",
    path: "/sections/{sectionId}/comments",
    summary: "意见及回复",
    ok: { status: 200, schema: ThreadsAnswer },
    refusals: [404],
  },
  {
    id: "addComment",
    method: "post",
    path: "/sections/{sectionId}/comments",
    summary: "对选中文字提意见，或回复",
    body: CommentBody,
    ok: { status: 201, schema: ThreadsAnswer },
    refusals: [403, 404, 409],
  },
  {
    id: "listTokens",
    method: "get",
    path: "/tokens",
    summary: "本人的访问令牌",
    ok: { status: 200, schema: TokensAnswer },
    refusals: [],
  },
  {
    id: "createToken",
    method: "post",
    path: "/tokens",
    summary: "新建访问令牌（令牌只返回这一次）",
    body: TokenBody,
    ok: { status: 201, schema: NewTokenAnswer },
    refusals: [],
  },
  {
    id: "revokeToken",
    method: "delete",
    path: "/tokens/{tokenId}",
    summary: "撤销本人的一个令牌",
    ok: { status: 200, schema: RevokedAnswer },
    refusals: [404],
  },
];
