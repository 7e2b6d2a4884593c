/**
 * What the Hugging Face sources share: their dependencies, URLs, auth header, JSON decoding and the
 * checks on list dates that HF itself would only answer with a bare 400.
 */
import { PaperboyError, UserError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { HttpClient, HttpResponse } from './http.ts';

/** What every Hugging Face source needs. */
export interface HfSourceDeps {
  http: HttpClient;
  /** `https://huggingface.co`, or a loopback fake in tests. */
  baseUrl: string;
  /** Optional; raises the rate limit. Sent as a bearer token, never logged. */
  token?: string;
  log: Logger;
}

/** `{base}{path}?{params}`, tolerating a trailing slash or a path prefix on the base URL. */
export function hfUrl(baseUrl: string, path: string, params: Record<string, string | number> = {}): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, String(value));
  return url.toString();
}

/** Request headers: the token as a bearer only when one is configured. */
export function hfHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The body of a 2xx response as JSON; a proxy's HTML page or a cut-off body is `source_malformed`. */
export function jsonBody(response: HttpResponse, what: string): unknown {
  const text = response.text.replace(/^\uFEFF/, '');
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('text/html') || /^\s*<(!doctype|html)/i.test(text)) {
    throw new PaperboyError('source_malformed', `${what}: Hugging Face answered with an HTML page instead of JSON`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PaperboyError('source_malformed', `${what}: response is not valid JSON (${reason})`, { cause: error });
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** Checks a `YYYY-MM-DD` list date, rejecting impossible days such as 2025-02-30. */
export function checkListDate(date: string): void {
  const m = DATE.exec(date);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  // Date.UTC rolls 2025-02-30 over to March, so a real date is one that survives the round trip.
  if (!day || day.toISOString().slice(0, 10) !== date) throw new UserError(`"${date}" is not a date; use YYYY-MM-DD, e.g. 2025-03-04`);
}

/** Checks an ISO week `YYYY-Www`, allowing W53 only in years that have one. */
export function checkListWeek(week: string): void {
  const m = WEEK.exec(week);
  const n = Number(m?.[2]);
  if (!m || n < 1 || n > isoWeeksInYear(Number(m[1]))) {
    throw new UserError(`"${week}" is not an ISO week; use YYYY-Www, e.g. 2025-W09`);
  }
}

/** Checks a `YYYY-MM` month. */
export function checkListMonth(month: string): void {
  const m = MONTH.exec(month);
  const n = Number(m?.[2]);
  if (!m || n < 1 || n > 12) throw new UserError(`"${month}" is not a month; use YYYY-MM, e.g. 2025-03`);
}

/** A year has 53 ISO weeks when it starts on a Thursday, or on a Wednesday in a leap year. */
function isoWeeksInYear(year: number): number {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}
