import type { FieldMetadata } from "@conform-to/react";

import { ChineseDateField } from "./date-field";
import { SelectField, TextField } from "./form";

export interface AssignmentChoices {
  departments: { id: string; name: string }[];
  leaders: { id: string; name: string; title: string | null }[];
}

type Field = FieldMetadata<string | null | undefined>;

/** A section's name, 起草科室, 分管领导 and deadline, as the coordinator sets them (SectionSettingsSchema). */
export function SectionSettingsFields({
  fields: { title, departmentId, leaderId, deadline },
  departments,
  leaders,
  titlePlaceholder,
}: {
  fields: { title: Field; departmentId: Field; leaderId: Field; deadline: Field };
  titlePlaceholder?: string;
} & AssignmentChoices) {
  return (
    <>
      <TextField label="章节名称" field={title} placeholder={titlePlaceholder} />
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
      <ChineseDateField
        key={deadline.key}
        name={deadline.name}
        label="截止日期"
        defaultValue={deadline.initialValue ?? undefined}
        errors={deadline.errors}
        errorId={deadline.errorId}
      />
    </>
  );
}
