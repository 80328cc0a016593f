import type { FieldMetadata } from "@conform-to/react";

/** The errors of one field, tied to it by id for screen readers. */
export function FieldError({
  field,
}: {
  field: Pick<FieldMetadata<unknown>, "errors" | "errorId">;
}) {
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
