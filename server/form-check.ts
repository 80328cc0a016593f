import {
  CONTROL_CHARACTERS,
  MAX_FIELD_INDEX,
  MAX_FIELD_NAME,
  MAX_FORM_FIELDS,
  MAX_NESTING,
} from "./limits";

export type FormProblem = { status: 400 | 413 | 422; message: string } | null;

const INDEX = /\[(\d+)\]/g;

/**
 * Checks the fields of a posted form before any form library builds objects
 * from their names: `x[99999999]=1` would make an array of a hundred million
 * slots, a name nested ten thousand levels deep would overflow the stack.
 */
export function checkFormFields(entries: Iterable<[string, unknown]>): FormProblem {
  let count = 0;
  for (const [name, value] of entries) {
    if (++count > MAX_FORM_FIELDS) {
      return { status: 413, message: `表单字段过多（超过 ${MAX_FORM_FIELDS} 个），请分批提交。` };
    }
    const parts = name.split(/[.[]/).length;
    if (parts > MAX_NESTING) {
      return { status: 400, message: "表单字段的层级过深，请刷新页面后重试。" };
    }
    if (name.length > MAX_FIELD_NAME) {
      return { status: 400, message: "表单字段名过长，请刷新页面后重试。" };
    }
    for (const match of name.matchAll(INDEX)) {
      if (match[1]!.length > 6 || Number(match[1]) > MAX_FIELD_INDEX) {
        return { status: 400, message: "表单中的序号超出范围，请刷新页面后重试。" };
      }
    }
    if (
      CONTROL_CHARACTERS.test(name) ||
      (typeof value === "string" && CONTROL_CHARACTERS.test(value))
    ) {
      return { status: 422, message: "内容中含有无法识别的控制字符（如空字符），请删除后重试。" };
    }
  }
  return null;
}
