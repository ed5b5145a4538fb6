import { ATLASSIAN_TEMPLATE } from './atlassian.template.js';
import { GOOGLE_TEMPLATE } from './google.template.js';
import { PAGERDUTY_TEMPLATE } from './pagerduty.template.js';

export const BUILTIN_TEMPLATES: Readonly<Record<string, string>> = {
  google: GOOGLE_TEMPLATE,
  pagerduty: PAGERDUTY_TEMPLATE,
  atlassian: ATLASSIAN_TEMPLATE,
};
export const DEFAULT_TEMPLATE = 'google';
