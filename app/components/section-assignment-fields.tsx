import type { FieldMetadata } from "@conform-to/react";

import { SelectField } from "./form";

export interface AssignmentChoices {
  departments: { id: string; name: string }[];
  leaders: { id: string; name: string; title: string | null }[];
}

/** 起草科室 and 分管领导 of a section, as the coordinator assigns them. */
export function SectionAssignmentFields({
  departmentId,
  leaderId,
  departments,
  leaders,
}: {
  departmentId: FieldMetadata<string | null | undefined>;
  leaderId: FieldMetadata<string | null | undefined>;
} & AssignmentChoices) {
  return (
    <>
      <SelectField
        label="起草科室"
        field={departmentId}
        empty="（暂不指定）"
        options={departments.map((d) => ({ value: d.id, label: d.name }))}
      />
      <SelectField
        label="分管领导"
        field={leaderId}
        empty="（暂不指定）"
        options={leaders.map((l) => ({
          value: l.id,
          label: l.title ? `${l.name}（${l.title}）` : l.name,
        }))}
      />
    </>
  );
}
