import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { InputHTMLAttributes, ReactNode } from "react";

type ErrorSource = Pick<FieldMetadata<unknown>, "errors" | "errorId">;

/** The errors of one field, tied to it by id for screen readers. */
export function FieldError({ field }: { field: ErrorSource }) {
  if (!field.errors?.length) return null;
  return (
    <span className="field-error" id={field.errorId} role="alert">
      {field.errors.join("；")}
    </span>
  );
}

/** Errors of the whole form (e.g. a wrong password), shown above its fields. */
export function FormError({ errors, id }: { errors?: string[]; id?: string }) {
  if (!errors?.length) return null;
  return (
    <div className="alert error" id={id} role="alert">
      {errors.join("；")}
    </div>
  );
}

/** A labelled text or password input with its errors and an optional hint below. */
export function TextField({
  label,
  field,
  type = "text",
  hint,
  remountKey,
  ...attributes
}: {
  label: string;
  field: FieldMetadata<string | number | null | undefined>;
  type?: "text" | "password" | "date";
  hint?: ReactNode;
  /** Change it to start the input afresh (empty, default value). */
  remountKey?: string | number;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "form" | "id">) {
  const { key, ...props } = getInputProps(field, { type });
  return (
    <label className="field">
      <span>{label}</span>
      <input
        key={remountKey === undefined ? key : `${key}-${remountKey}`}
        {...props}
        {...attributes}
      />
      <FieldError field={field} />
      {hint && <small className="muted">{hint}</small>}
    </label>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled select with its errors; `empty` adds a first "none" choice. */
export function SelectField({
  label,
  field,
  options,
  empty,
}: {
  label: string;
  field: FieldMetadata<string | null | undefined>;
  options: Option[];
  empty?: string;
}) {
  const { key, ...props } = getSelectProps(field);
  return (
    <label className="field">
      <span>{label}</span>
      <select key={key} {...props}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError field={field} />
    </label>
  );
}
