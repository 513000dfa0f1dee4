import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RequestTooLargeException, RequestValidationException } from '../problem/validation';

/** Deeper than any request the API accepts (its DTOs nest three levels at most). */
export const MAX_JSON_DEPTH = 32;
/** More items than any list a person sends in one request. */
export const MAX_ARRAY_ITEMS = 1000;
/** Enough to show what is wrong without a 100 kB answer to a 100 kB body. */
const MAX_REPORTED_FIELDS = 20;

type FieldError = { field: string; messages: string[] };

// NUL and the other C0 controls except tab, line feed and carriage return; and DEL. Matching control
// characters is the point of these expressions.
/* eslint-disable no-control-regex */
const NUL = /\u0000/;
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). The marks U+200E, U+200F
// and U+061C only nudge neutral characters and cannot reorder text, so they stay, as do RTL letters.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const ANY_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/** What is wrong with one piece of text, as messages naming the field; empty when it is safe. */
export function unsafeTextMessages(field: string, text: string): string[] {
  if (!ANY_UNSAFE.test(text)) return [];
  const messages: string[] = [];
  if (NUL.test(text)) messages.push(`${field} must not contain NUL bytes`);
  if (CONTROL.test(text)) messages.push(`${field} must not contain control characters (only tab, line feed and carriage return)`);
  if (BIDI_CONTROL.test(text)) {
    messages.push(`${field} must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)`);
  }
  return messages;
}

/** A key as it may appear in a field name: its unsafe characters written as \uXXXX, never raw. */
function printable(key: string): string {
  return key.replace(new RegExp(ANY_UNSAFE.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);
}

function childField(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${printable(key)}` : printable(key);
}

export interface InputScreening {
  /** Text with NUL, control or bidirectional control characters, and values nested too deep: a 400. */
  invalid: FieldError[];
  /** Arrays with more items than allowed: a 413. */
  tooLarge: FieldError[];
}

/**
 * Walks a parsed value (a JSON body, a query, cookies) with an explicit stack, never recursion, so
 * that a value nested thousands of levels deep cannot overflow the call stack while it is measured.
 * `root` names the value itself when it is a bare string; its members are named by path
 * (`participants[0].unitId`), as the validation errors name them.
 */
export function screenValue(value: unknown, root: string): InputScreening {
  const result: InputScreening = { invalid: [], tooLarge: [] };
  const stack: Array<{ value: unknown; field: string; depth: number }> = [{ value, field: '', depth: 0 }];
  const full = () => result.invalid.length + result.tooLarge.length >= MAX_REPORTED_FIELDS;
  while (stack.length > 0 && !full()) {
    const { value: current, field, depth } = stack.pop() as { value: unknown; field: string; depth: number };
    if (typeof current === 'string') {
      const name = field || root;
      const messages = unsafeTextMessages(name, current);
      if (messages.length) result.invalid.push({ field: name, messages });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const name = field || root;
    if (depth >= MAX_JSON_DEPTH) {
      result.invalid.push({ field: name, messages: [`${name} is nested more than ${MAX_JSON_DEPTH} levels deep`] });
      continue;
    }
    if (Array.isArray(current)) {
      if (current.length > MAX_ARRAY_ITEMS) {
        result.tooLarge.push({ field: name, messages: [`${name} must not have more than ${MAX_ARRAY_ITEMS} items`] });
        continue;
      }
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], field: childField(field, i), depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(current);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const member = childField(field, key);
      const keyMessages = unsafeTextMessages(member, key);
      if (keyMessages.length) result.invalid.push({ field: member, messages: keyMessages });
      stack.push({ value: (current as Record<string, unknown>)[key], field: member, depth: depth + 1 });
    }
  }
  return result;
}

/** `/api/cases/{caseId}/goals/{goalId}` → segments, so that a bad path segment can be named by its parameter. */
type RouteTemplate = string[];

function parameterName(templates: RouteTemplate[], segments: string[], index: number): string {
  let best: { template: RouteTemplate; literals: number } | null = null;
  for (const template of templates) {
    if (template.length !== segments.length) continue;
    let literals = 0;
    const fits = template.every((part, i) => {
      if (/^\{\w+\}$/.test(part)) return true;
      literals++;
      return part === segments[i];
    });
    if (fits && (!best || literals > best.literals)) best = { template, literals };
  }
  const part = best?.template[index];
  return part && /^\{\w+\}$/.test(part) ? part.slice(1, -1) : 'path';
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Malformed percent-encoding: the router answers 400 itself.
    return null;
  }
}

function screenPath(path: string, templates: RouteTemplate[]): FieldError[] {
  const segments = path
    .split('/')
    .slice(1)
    .map((s) => decodeSegment(s) ?? s);
  const errors: FieldError[] = [];
  segments.forEach((segment, i) => {
    if (!ANY_UNSAFE.test(segment)) return;
    const field = parameterName(templates, segments, i);
    errors.push({ field, messages: unsafeTextMessages(field, segment) });
  });
  return errors;
}

function screenHeaders(rawHeaders: string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const messages = unsafeTextMessages(rawHeaders[i], rawHeaders[i + 1]);
    if (messages.length) errors.push({ field: rawHeaders[i], messages });
  }
  return errors;
}

/**
 * The same screening for a body a route parses itself (a register file's JSON): 400 (413) naming the
 * field. `longList` names the one top-level array that may hold more than MAX_ARRAY_ITEMS (the file's
 * records, capped by the body size instead); it is screened a thousand items at a time.
 */
export function refuseUnsafeValue(value: unknown, longList?: string): void {
  const list = longList ? (value as Record<string, unknown> | null)?.[longList] : undefined;
  if (!longList || !Array.isArray(list) || list.length <= MAX_ARRAY_ITEMS) return refuse(screenValue(value, 'body'));
  const parts: InputScreening[] = [];
  const at = new RegExp(`^${longList}\\[(\\d+)\\]`);
  for (let start = 0; start < list.length; start += MAX_ARRAY_ITEMS) {
    const chunk = list.slice(start, start + MAX_ARRAY_ITEMS);
    const part = screenValue(start === 0 ? { ...(value as object), [longList]: chunk } : { [longList]: chunk }, 'body');
    const shift = (e: FieldError) => {
      const field = e.field.replace(at, (_m, n: string) => `${longList}[${Number(n) + start}]`);
      return { field, messages: e.messages.map((m) => m.split(e.field).join(field)) };
    };
    parts.push({ invalid: part.invalid.map(shift), tooLarge: part.tooLarge.map(shift) });
  }
  refuse(merge(...parts));
}

function refuse(screening: InputScreening): void {
  if (screening.invalid.length) throw new RequestValidationException(screening.invalid);
  if (screening.tooLarge.length) throw new RequestTooLargeException(screening.tooLarge);
}

function merge(...parts: InputScreening[]): InputScreening {
  return { invalid: parts.flatMap((p) => p.invalid), tooLarge: parts.flatMap((p) => p.tooLarge) };
}

/**
 * Refuses input that can hurt before anything reads it (SECURITY.md S20, S33): NUL and other control
 * characters, which PostgreSQL cannot store in text and which corrupt logs and displays;
 * bidirectional controls, which make text read differently from what was written; and JSON nested
 * too deep or arrays too long, which exhaust the stack or the CPU of whatever walks them later.
 * Covers the path (a bad segment named by its route parameter), the query, headers, cookies and the
 * parsed body; answers 400 (413 for too many items) as problem+json through the one filter.
 * `routes` lists the API's path templates (from the OpenAPI document) once the app knows them.
 */
export function refuseUnsafeInput(routes: () => string[]): RequestHandler {
  let templates: RouteTemplate[] | null = null;
  return (req: Request, _res: Response, next: NextFunction) => {
    try {
      templates ??= routes().map((r) => r.split('/').slice(1));
      const pathErrors = screenPath(req.path, templates);
      const queryString = req.url.includes('?');
      refuse(
        merge(
          { invalid: pathErrors, tooLarge: [] },
          queryString ? screenValue(req.query, 'query') : { invalid: [], tooLarge: [] },
          { invalid: screenHeaders(req.rawHeaders), tooLarge: [] },
          screenValue(req.cookies ?? {}, 'cookie'),
          // A body read as text (a register file) is screened by its route once parsed, field by field (registers/).
          typeof req.body === 'string' ? { invalid: [], tooLarge: [] } : screenValue(req.body, 'body'),
        ),
      );
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The same screening for a body parsed after the global middleware (the bundled identity provider's forms). */
export const refuseUnsafeBody: RequestHandler = (req, _res, next) => {
  try {
    refuse(screenValue(req.body, 'body'));
    next();
  } catch (error) {
    next(error);
  }
};
