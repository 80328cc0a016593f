import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

/**
 * Conform's useForm with a Zod schema and the validation timing we use on
 * every form: first on submit (validating on blur would show messages that
 * shift the submit button away from under the pointer), then on each input.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Conform's own bound for form values
type FormShape = Record<string, any>;

export function useZodForm<Schema extends z.ZodType<FormShape, FormShape>>(
  schema: Schema,
  options: {
    id?: string;
    lastResult?: SubmissionResult<string[]> | null;
    defaultValue?: DefaultValue<z.input<Schema>>;
  } = {},
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    ...options,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
