/**
 * Tolerant readers for single Hugging Face fields. Each returns undefined for anything it cannot
 * use, so one odd field (a string count, a bad date) drops that field and never the whole paper.
 */

/** A JSON object as parsed from a response. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A word for what a JSON value is, for error messages ("an object", "a string"). */
export function describeJsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Collapses every run of whitespace to one space; undefined for a non-string or a blank one. */
export function oneLine(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/**
 * Real arXiv abstracts stop at 1,920 characters; anything far longer is a broken record, and one
 * must not bloat the store or every search over it.
 */
export const ABSTRACT_MAX_CHARS = 10_000;

/** An abstract with hard line wraps joined and paragraph breaks kept, capped at `ABSTRACT_MAX_CHARS`. */
export function abstractText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
  if (text === '') return undefined;
  return text.length > ABSTRACT_MAX_CHARS ? `${text.slice(0, ABSTRACT_MAX_CHARS - 1).trimEnd()}…` : text;
}

/** A counter (upvotes, comments, stars): only a finite, non-negative number counts. */
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

/** An ISO instant (UTC) from an ISO date or datetime string; undefined when it does not parse. */
export function isoInstant(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** An http(s) URL; anything else (a bare word, `javascript:`) is dropped because it ends up as a link. */
export function httpUrl(value: unknown): string | undefined {
  const text = oneLine(value);
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Display names of the non-hidden authors, in order; a missing or odd list gives []. */
export function authorNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const author of value) {
    if (!isJsonObject(author) || author.hidden === true) continue;
    const name = oneLine(author.name);
    if (name) names.push(name);
  }
  return names;
}

/** Non-empty keyword strings; undefined when the field is absent or not a list. */
export function keywords(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(oneLine).filter((keyword): keyword is string => keyword !== undefined);
}

/** An organization's display name: an `{ fullname, name }` object or a plain string. */
export function organizationName(value: unknown): string | undefined {
  if (isJsonObject(value)) return oneLine(value.fullname) ?? oneLine(value.name);
  return oneLine(value);
}

/**
 * An organization's handle, the `name` in its URL (`MHUGLab` of `Multimedia and Human Understanding Group`); only
 * an `{ fullname, name }` object has one. A handle is one word: anything else is not one.
 */
export function organizationHandle(value: unknown): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const handle = oneLine(value.name);
  return handle !== undefined && /^[\w.-]+$/.test(handle) ? handle : undefined;
}
