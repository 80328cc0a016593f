// Test and benchmark input: a plan written the way offices write them.
import { markdownToContent } from "~/editor/content.server";

import { DEFAULT_FONTS } from "./fonts";
import type { ExportInput, ExportTarget } from "./model";
import {
  defaultPublishing,
  PLAIN_CHOICE,
  type PublicationChoice,
  publicationOf,
} from "./publication";

export const json = (markdown: string) => JSON.stringify(markdownToContent(markdown));

export const TARGETS: ExportTarget[] = [
  {
    name: "地区生产总值增长",
    value: "6",
    unit: "%",
    qualifier: "以上",
    baseline: "5.5",
    department: "经济发展办公室",
  },
  {
    name: "一般公共预算收入增长",
    value: "5",
    unit: "%",
    qualifier: "左右",
    baseline: "4.8",
    department: "财政所",
  },
  {
    name: "规上工业增加值增长",
    value: "8",
    unit: "%",
    qualifier: null,
    baseline: null,
    department: null,
  },
];

export function exportInput(overrides: Partial<ExportInput> = {}): ExportInput {
  return {
    title: "示例镇2027年工作计划",
    draft: false,
    documentNumber: null,
    preamble: json("2027年是“十五五”规划实施的关键一年, 今年全镇工作的总体要求是:坚持稳中求进."),
    targets: TARGETS,
    targetsAsTable: false,
    sections: [
      {
        title: "经济发展",
        content: json(
          "# 一、聚力项目招引建设\n\n## 抓好园区建设\n\n全年完成基础设施投资1.2亿元。\n\n## （二）强化招商引资\n\n### 1.产业链招商\n\n围绕主导产业开展招商。",
        ),
      },
      {
        title: "农业农村",
        content: json(
          "# 推进乡村全面振兴\n\n## 稳定粮食生产\n\n1. 粮食播种面积稳定在5万亩\n2. 新建高标准农田1万亩",
        ),
      },
    ],
    closing: json("全镇上下要迅速行动、主动作为, 确保各项工作落地见效!"),
    issuer: "示例镇人民政府",
    date: "2027-01-15",
    fonts: DEFAULT_FONTS,
    ...overrides,
  };
}

/** The town's bodies as the tests' plans are issued by them, with a 抄送 list. */
export const TEST_PUBLISHING = {
  ...defaultPublishing("示例镇"),
  copyTo: "县委办公室、县政府办公室",
};

/** The plan issued as `choice` says (plain unless told), 示政发〔2027〕3号. */
export function issuedInput(
  choice: Partial<PublicationChoice>,
  overrides: Partial<ExportInput> = {},
): ExportInput {
  return exportInput({
    documentNumber: "示政发〔2027〕3号",
    publication: publicationOf({ ...PLAIN_CHOICE, ...choice }, TEST_PUBLISHING),
    ...overrides,
  });
}
