/** `{{name}}` with optional spaces inside the braces; names are letters, digits, `_` and `.`. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;
/** Anything that looks like the start or end of a placeholder but is not a valid one. */
const STRAY_BRACES = /\{\{|\}\}/;

export type RenderResult = { ok: true; text: string } | { ok: false; missing: string[] };

/** The distinct variable names a template text uses, in order of first use. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Whether a text is a well-formed template: every `{{` opens a valid placeholder that closes. */
export function isWellFormedTemplate(text: string): boolean {
  return !STRAY_BRACES.test(text.replace(PLACEHOLDER, ''));
}

/**
 * Fills `{{variable}}` placeholders. A missing variable fails the whole render rather than sending a
 * message with a hole in it; values are inserted as they are (these are plain-text messages).
 */
export function renderTemplate(text: string, variables: Record<string, string | number>): RenderResult {
  const missing = placeholderNames(text).filter((name) => !Object.prototype.hasOwnProperty.call(variables, name));
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, text: text.replace(PLACEHOLDER, (_match, name: string) => String(variables[name])) };
}
