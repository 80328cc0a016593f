import { useId, useState } from "react";

function parts(value: string | undefined) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? "");
  return match
    ? { year: match[1]!, month: String(Number(match[2])), day: String(Number(match[3])) }
    : { year: "", month: "", day: "" };
}

/** "2027", "1", "15" → "2027-01-15"; what is not a whole date is passed on as typed, to be refused. */
function joined({ year, month, day }: { year: string; month: string; day: string }): string {
  if (!year && !month && !day) return "";
  if (/^\d{4}$/.test(year) && /^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day)) {
    return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  }
  return `${year}-${month}-${day}`;
}

/**
 * A date as offices write it: 【2027】年【1】月【15】日, three boxes reached with
 * Tab and typed with the number keys, whatever the browser's own date picker
 * looks like in its language. Posts one field, `name`, as YYYY-MM-DD.
 */
export function ChineseDateField({
  name,
  label,
  defaultValue,
  errors,
  errorId,
  required = false,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  errors?: string[];
  errorId?: string;
  required?: boolean;
}) {
  const [value, setValue] = useState(() => parts(defaultValue));
  const id = useId();
  const invalid = !!errors?.length;
  const box = (key: "year" | "month" | "day", unit: string, size: number) => (
    <label className="date-part">
      <input
        id={`${id}-${key}`}
        inputMode="numeric"
        autoComplete="off"
        maxLength={size}
        size={size}
        value={value[key]}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(event) =>
          setValue((current) => ({ ...current, [key]: event.target.value.replace(/\D/g, "") }))
        }
      />
      <span>{unit}</span>
    </label>
  );
  return (
    <fieldset className="field date-field">
      <legend>
        {label}
        {required && "（必填）"}
      </legend>
      <div className="date-parts">
        {box("year", "年", 4)}
        {box("month", "月", 2)}
        {box("day", "日", 2)}
      </div>
      <input type="hidden" name={name} value={joined(value)} />
      {invalid && (
        <span className="field-error" id={errorId} role="alert">
          {errors!.join("；")}
        </span>
      )}
    </fieldset>
  );
}
