import { CONTROL_CHARACTERS } from "./validation";

/** Levels of JSON nesting a request may have (far beyond any editor content). */
export const MAX_NESTING = 64;

export type JsonProblem = "too deep" | "control character" | null;

const HEX = /^[0-9a-fA-F]{4}$/;

/**
 * Reads JSON text once, without building anything: how deep it nests and
 * whether a string holds a control character (raw or escaped). Malformed JSON
 * is left for JSON.parse to refuse; this only keeps the parser (and the code
 * after it, which walks the result recursively) away from what would hurt.
 */
export function scanJson(text: string, maxDepth = MAX_NESTING): JsonProblem {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x22)
        inString = false; // "
      else if (c === 0x5c) {
        // \ : an escape; only \uXXXX and \b \f can stand for a control character.
        const next = text[i + 1];
        if (next === "b" || next === "f") return "control character";
        if (next === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (HEX.test(hex) && CONTROL_CHARACTERS.test(String.fromCharCode(parseInt(hex, 16)))) {
            return "control character";
          }
        }
        i++;
      } else if (c < 0x20 || c === 0x7f) {
        if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return "control character";
      }
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return "too deep";
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return null;
}
