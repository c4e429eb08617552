import type { RequestHandler } from 'express';

/**
 * The headers every answer carries. The panel loads nothing but its own files (no inline script,
 * style or handler: test/panel checks it under this policy), so a debtor's text that slipped
 * past escaping still could not run; no other site may frame it (clickjacking the takeover
 * button); browsers must not sniff a stored "<script>" in JSON into markup; and no URL of ours
 * (a conversation id) leaks to another site in a Referer.
 */

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // For browsers older than frame-ancestors.
  'x-frame-options': 'DENY',
} as const;

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set(HEADERS);
  next();
};
