// What a request may carry, checked before anything parses it (docs/operations.md, "Limits").
// Each figure is well above what the app's own pages and the API ever send.

/** Form posts from pages (urlencoded or multipart without a file). */
export const MAX_FORM_BYTES = 1024 * 1024;
/** JSON bodies: 2 MB of editor content plus the envelope. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024 + 64 * 1024;
/** Uploads (a Word file to import) may be larger. */
export const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;
/** Fields in one form (the targets form sends 6 per target, 50 targets at most). */
export const MAX_FORM_FIELDS = 1000;
/** An index in a field name, as in targets[12].name. */
export const MAX_FIELD_INDEX = 1000;
/** Parts of a field name (targets[12].name has three) and levels of JSON nesting. */
export { MAX_NESTING } from "../app/utils/json-scan";
/** Characters of a field name. */
export const MAX_FIELD_NAME = 200;

export { CONTROL_CHARACTERS } from "../app/utils/validation";
