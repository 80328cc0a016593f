import { createDocument } from "zod-openapi";

import { z } from "~/utils/validation";

import { OPERATIONS } from "./operations";
import { ErrorAnswer } from "./responses";

const STATUS_TEXT: Record<number, string> = {
  200: "成功",
  201: "已创建",
  400: "请求不是有效的 JSON，或网址无法识别",
  401: "缺少或无效的访问令牌",
  403: "没有权限（说明见 message）",
  404: "不存在，或不属于您所在的镇",
  409: "当前状态不允许，或您看到的版本已过期（message 说明经过）",
  413: "请求体过大",
  415: "请以 application/json 提交（上传文件的接口：multipart/form-data）",
  422: "内容有误（message 说明哪一项）",
  429: "请求过于频繁（见 Retry-After）",
  503: "暂时无法提供（如服务器未安装 LibreOffice，无法生成 PDF；message 说明）",
};

/** The files an operation may answer instead of JSON. */
const FILES = {
  docx: {
    description: "Word 文件",
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  pdf: { description: "PDF 文件", type: "application/pdf" },
};

const error = (status: number) => ({
  description: STATUS_TEXT[status] ?? "错误",
  content: { "application/json": { schema: ErrorAnswer } },
});

function paramsOf(path: string) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  if (names.length === 0) return undefined;
  return z.object(Object.fromEntries(names.map((name) => [name, z.string().min(1)])));
}

let document: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 description of /api/v1, made from the same Zod schemas the API uses. */
export function openApiDocument() {
  document ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "年度工作计划编审系统 API",
      version: "1",
      description:
        "所有请求带 Authorization: Bearer <访问令牌>（在“账号设置 → API 访问令牌”中创建）。错误一律为 JSON：{ error: { code, message } }，message 为中文说明。",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: { token: { type: "http", scheme: "bearer" } },
    },
    security: [{ token: [] }],
    paths: Object.fromEntries(
      [...new Set(OPERATIONS.map((operation) => operation.path))].map((path) => [
        path,
        Object.fromEntries(
          OPERATIONS.filter((operation) => operation.path === path).map((operation) => [
            operation.method,
            {
              operationId: operation.id,
              summary: operation.summary,
              requestParams: {
                ...(paramsOf(operation.path) ? { path: paramsOf(operation.path) } : {}),
                ...(operation.query ? { query: operation.query } : {}),
              },
              ...(operation.body
                ? {
                    requestBody: {
                      content: {
                        [operation.bodyType === "multipart"
                          ? "multipart/form-data"
                          : "application/json"]: { schema: operation.body },
                      },
                    },
                  }
                : {}),
              responses: {
                [operation.ok.status]:
                  typeof operation.ok.schema === "string"
                    ? {
                        description: FILES[operation.ok.schema].description,
                        content: {
                          [FILES[operation.ok.schema].type]: {
                            schema: z.string().meta({ format: "binary" }),
                          },
                        },
                      }
                    : {
                        description: STATUS_TEXT[operation.ok.status]!,
                        content: { "application/json": { schema: operation.ok.schema } },
                      },
                ...(operation.dryRunOk
                  ? {
                      [operation.dryRunOk.status]: {
                        description: "dryRun：识别结果（未保存）",
                        content: { "application/json": { schema: operation.dryRunOk.schema } },
                      },
                    }
                  : {}),
                ...Object.fromEntries(
                  [
                    400,
                    401,
                    ...operation.refusals,
                    ...(operation.body ? [413, 415, 422] : operation.query ? [422] : []),
                    429,
                  ]
                    .filter((status, index, all) => all.indexOf(status) === index)
                    .map((status) => [status, error(status)]),
                ),
              },
            },
          ]),
        ),
      ]),
    ),
  });
  return document;
}
