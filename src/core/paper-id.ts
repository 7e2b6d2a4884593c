/**
 * Canonical paper identity. Every source, URL and version of a paper folds to one id:
 * new-style `YYMM.NNNNN` (4 or 5 digits) or old-style `archive(.SUBJ)/YYMMNNN`, without version.
 */

export interface ParsedPaperId {
  id: string;
  version: number | null;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7})(?:v(\d+))?$/i;
const URL_PATH = /^\/(?:abs|pdf|papers|html|format)\/(.+?)(?:\.pdf)?\/?$/;
const KNOWN_HOSTS = new Set([
  'arxiv.org',
  'www.arxiv.org',
  'export.arxiv.org',
  'huggingface.co',
  'www.huggingface.co',
  'hf.co',
  'alphaxiv.org',
  'www.alphaxiv.org',
]);

function fromBare(text: string): ParsedPaperId | null {
  const bare = text.replace(/^arxiv:/i, '');
  const m = NEW_STYLE.exec(bare) ?? OLD_STYLE.exec(bare);
  if (!m?.[1]) return null;
  // Old-style ids: the archive is lower case (hep-th), a subject class upper case (math.GT).
  const id = m[1].includes('/')
    ? m[1].replace(
        /^([^/.]+)(?:\.([^/]+))?/,
        (_all, archive: string, subject?: string) => archive.toLowerCase() + (subject ? `.${subject.toUpperCase()}` : ''),
      )
    : m[1];
  return { id, version: m[2] === undefined ? null : Number(m[2]) };
}

function fromUrl(text: string): ParsedPaperId | null {
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (!KNOWN_HOSTS.has(url.hostname.toLowerCase())) return null;
  const m = URL_PATH.exec(url.pathname);
  return m?.[1] ? fromBare(decodeURIComponent(m[1])) : null;
}

/**
 * Parses an arXiv id (with or without `vN`, with or without an `arXiv:` prefix), an arXiv abs/pdf
 * URL or a Hugging Face paper URL. Returns null for anything else.
 */
export function parsePaperId(input: string): ParsedPaperId | null {
  const text = input.trim();
  if (text === '' || text.length > 300) return null;
  return fromBare(text) ?? (text.includes('/') && /[a-z]\.[a-z]/i.test(text) ? fromUrl(text) : null);
}

/** The canonical id, or null when the input is not a paper reference. */
export function canonicalPaperId(input: string): string | null {
  return parsePaperId(input)?.id ?? null;
}

/** The arXiv abstract page of a paper. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/** The arXiv PDF of a paper. */
export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

/** The Hugging Face paper page of a paper. */
export function hfPaperUrl(id: string): string {
  return `https://huggingface.co/papers/${id}`;
}
