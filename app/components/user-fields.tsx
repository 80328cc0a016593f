import { getCollectionProps, type FieldMetadata } from "@conform-to/react";

import { ROLE_LABELS, ROLES } from "~workflows/roles";

import { FieldError, SelectField, TextField } from "./form";

interface Fields {
  displayName: FieldMetadata<string>;
  title: FieldMetadata<string | null>;
  departmentId: FieldMetadata<string | null>;
  roles: FieldMetadata<(string | undefined)[] | undefined>;
}

/** Name, job title, department and roles: the part of the user form shared by new and edit. */
export function UserFields({
  fields,
  departments,
}: {
  fields: Fields;
  departments: { id: string; name: string }[];
}) {
  return (
    <>
      <TextField label="姓名" field={fields.displayName} />
      <TextField label="职务（可选）" field={fields.title} placeholder="如：副镇长、党政办主任" />
      <SelectField
        label="所属科室"
        field={fields.departmentId}
        empty="（无，镇领导不属于科室）"
        options={departments.map((d) => ({ value: d.id, label: d.name }))}
      />
      <fieldset className="field">
        <legend>角色</legend>
        <input type="hidden" name={fields.roles.name} value="" />
        <div className="checkbox-group">
          {getCollectionProps(fields.roles, { type: "checkbox", options: [...ROLES] }).map(
            (props) => (
              <label key={props.key} className="checkbox">
                <input {...props} key={undefined} />
                {ROLE_LABELS[props.value as keyof typeof ROLE_LABELS]}
              </label>
            ),
          )}
        </div>
        {/* allErrors: a bad value in the list reports under roles[i]. */}
        <FieldError
          field={{
            errors: Object.values(fields.roles.allErrors).flat(),
            errorId: fields.roles.errorId,
          }}
        />
      </fieldset>
    </>
  );
}
