import { DNS1123_LABEL } from '#contracts';
import { DURATION_PATTERN } from '../duration.js';
import {
  API_VERSION,
  DOCUMENT_KINDS,
  FAULT_KINDS,
  PROBE_KINDS,
  SELECTION_MODES,
  SEVERITIES,
  WEEKDAYS,
  type DocumentKind,
} from '../types.js';
import { ref, type ObjectShape, type Shape, type StringShape } from './shape.js';

/** The structure of every document kind. Semantic rules (references, limits) live in `semantics.ts`. */

const DNS_LABEL = DNS1123_LABEL.source;
const DNS_HINT = 'a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters, e.g. payment-latency)';
// Kubernetes qualified label key with optional DNS subdomain prefix, e.g. app.kubernetes.io/name.
const LABEL_KEY = '^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$';
const LABEL_VALUE = '^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$';
const ID_PATTERN = '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$';
const ENV_NAME = '^[A-Za-z_][A-Za-z0-9_.-]*$';
const CONFIG_KEY = '^[-._a-zA-Z0-9]+$';

const str = (description?: string, extra: Partial<StringShape> = {}): StringShape => ({
  type: 'string',
  minLength: 1,
  description,
  ...extra,
});
const dnsLabel = (description: string): StringShape => ({ type: 'string', pattern: DNS_LABEL, patternHint: DNS_HINT, description });
const duration = (description: string): Shape => ref('duration', description);
const url = (description: string): StringShape => ({
  type: 'string',
  pattern: '^https?://[^\\s/$.?#][^\\s]*$',
  patternHint: 'an http:// or https:// URL',
  description,
});
const stringMap = (description: string, keyPattern?: string, keyHint?: string): Shape => ({
  type: 'map',
  values: { type: 'scalar' },
  keyPattern,
  keyHint,
  description,
});
const port = (description: string): Shape => ({ type: 'integer', minimum: 1, maximum: 65535, description });
const percent = (description: string): Shape => ({ type: 'number', minimum: 0, maximum: 100, description });

export const definitions: Record<string, Shape> = {
  duration: {
    type: 'string',
    pattern: DURATION_PATTERN,
    patternHint: 'a duration such as 500ms, 30s, 5m or 1h30m',
    description: 'A duration: a number and a unit (ms, s, m, h), e.g. 30s, 5m, 1h30m.',
  },

  metadata: {
    type: 'object',
    description: 'Identity of the document.',
    required: ['name', 'title', 'team'],
    properties: {
      name: dnsLabel('Unique name per kind; a DNS-1123 label.'),
      title: str('Human title shown in the UI and the debrief.'),
      team: dnsLabel('Slug of the owning team.'),
      severity: { type: 'string', enum: SEVERITIES, description: 'Severity the exercise simulates.' },
      tags: { type: 'array', items: str(), uniqueItems: true, description: 'Free tags for search.' },
      runbook: url('Runbook the responders should follow.'),
      description: str('Longer description.'),
      owner: str('Person or rota who owns the document.'),
    },
  },

  scheduleMetadata: {
    type: 'object',
    description: 'Identity of the schedule.',
    required: ['name', 'team'],
    properties: {
      name: dnsLabel('Unique schedule name; a DNS-1123 label.'),
      title: str('Human title.'),
      team: dnsLabel('Slug of the owning team.'),
      severity: { type: 'string', enum: SEVERITIES },
      tags: { type: 'array', items: str(), uniqueItems: true },
      runbook: url('Runbook link.'),
      description: str('Longer description.'),
      owner: str('Person or rota who owns the schedule.'),
    },
  },

  probe: {
    type: 'object',
    description: 'A steady-state probe: exactly one of http, prometheus, kubernetes.',
    required: ['name'],
    exactlyOneOf: { keys: PROBE_KINDS, label: 'probe kind' },
    properties: {
      name: dnsLabel('Probe name, referenced by guardrails.abortWhen[].probe.'),
      http: {
        type: 'object',
        description: 'Healthy when the URL answers with expectStatus in time.',
        required: ['url'],
        properties: {
          url: url('URL to request.'),
          method: { type: 'string', enum: ['GET', 'HEAD', 'POST'], description: 'HTTP method; default GET.' },
          expectStatus: { type: 'integer', minimum: 100, maximum: 599, description: 'Expected status; default 200.' },
          bodyContains: str('Text the body must contain.'),
          timeout: duration('Request timeout; default 2s.'),
        },
      },
      prometheus: {
        type: 'object',
        description: 'Healthy when the query result is below and/or above a threshold.',
        required: ['url', 'query'],
        properties: {
          url: url('Prometheus base URL.'),
          query: str('PromQL instant query returning one value.'),
          below: { type: 'number', description: 'Healthy while the value is below this.' },
          above: { type: 'number', description: 'Healthy while the value is above this.' },
        },
      },
      kubernetes: {
        type: 'object',
        description: 'Healthy while the deployment has at least minReady ready replicas.',
        required: ['namespace', 'deployment', 'minReady'],
        properties: {
          namespace: dnsLabel('Namespace of the deployment.'),
          deployment: dnsLabel('Deployment name.'),
          minReady: { type: 'integer', minimum: 0, description: 'Minimum ready replicas.' },
        },
      },
      interval: duration('How often to probe; default 15s.'),
      timeout: duration('Probe timeout.'),
    },
  },

  labelSelector: {
    type: 'object',
    description: 'Kubernetes label selector; at least one of matchLabels or matchExpressions.',
    minProperties: 1,
    properties: {
      matchLabels: {
        type: 'map',
        values: { type: 'string', pattern: LABEL_VALUE, patternHint: 'a Kubernetes label value' },
        keyPattern: LABEL_KEY,
        keyHint: 'a Kubernetes label key',
        minProperties: 1,
      },
      matchExpressions: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['key', 'operator'],
          properties: {
            key: { type: 'string', pattern: LABEL_KEY, patternHint: 'a Kubernetes label key' },
            operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
            values: { type: 'array', items: { type: 'string', pattern: LABEL_VALUE, patternHint: 'a Kubernetes label value' } },
          },
        },
      },
    },
  },

  target: {
    type: 'object',
    description: 'Pods a fault hits: a label selector in one namespace, narrowed by a selection mode.',
    required: ['namespace', 'selector', 'mode'],
    properties: {
      namespace: dnsLabel('Namespace of the pods; kube-system, kube-public and kube-node-lease are refused.'),
      selector: ref('labelSelector', 'Which pods are candidates.'),
      mode: { type: 'string', enum: SELECTION_MODES, description: 'How many of the candidates are hit.' },
      value: { type: 'number', minimum: 0, description: 'Count for fixed; percent (0-100) for fixed-percent and random-max-percent.' },
    },
  },

  step: {
    type: 'object',
    description: 'One fault at an offset from the run start. Steps with the same offset run in parallel.',
    required: ['at'],
    exactlyOneOf: { keys: FAULT_KINDS, label: 'fault' },
    properties: {
      at: duration('Offset from the run start.'),
      name: str('Optional label shown in the timeline.'),
      podKill: {
        type: 'object',
        description: 'Delete the selected pods.',
        required: ['target'],
        properties: {
          target: str('Name of an entry in spec.targets.'),
          gracePeriod: duration('Termination grace period; default the pod’s own.'),
        },
      },
      latency: {
        type: 'object',
        description: 'Delay network traffic of the selected pods.',
        required: ['target', 'delay', 'duration'],
        properties: {
          target: str('Name of an entry in spec.targets.'),
          delay: duration('Added delay.'),
          jitter: duration('Random variation of the delay.'),
          duration: duration('How long the fault stays in place.'),
          port: port('Only traffic to this container port.'),
        },
      },
      configChange: {
        type: 'object',
        description:
          'Change a ConfigMap (configMap + set and/or remove) or a Deployment (deployment + a container’s env or image, and/or replicas), then revert.',
        required: ['namespace', 'duration'],
        exactlyOneOf: { keys: ['configMap', 'deployment'], label: 'configuration object' },
        dependentAnyOf: { configMap: ['set', 'remove'], deployment: ['env', 'image', 'replicas'] },
        dependentRequired: { env: ['container'], image: ['container'] },
        properties: {
          namespace: dnsLabel('Namespace of the object.'),
          configMap: dnsLabel('ConfigMap to change.'),
          set: stringMap('ConfigMap keys to set.', CONFIG_KEY, 'a ConfigMap key'),
          remove: {
            type: 'array',
            items: { type: 'string', pattern: CONFIG_KEY, patternHint: 'a ConfigMap key' },
            minItems: 1,
            uniqueItems: true,
            description: 'ConfigMap keys to delete; restored on revert.',
          },
          deployment: dnsLabel('Deployment whose pod template or scale is changed.'),
          container: dnsLabel('Container whose env or image is changed; required with env or image.'),
          env: {
            type: 'object',
            minProperties: 1,
            properties: {
              set: stringMap('Environment variables to set.', ENV_NAME, 'an environment variable name'),
              unset: { type: 'array', items: { type: 'string', pattern: ENV_NAME, patternHint: 'an environment variable name' } },
            },
          },
          image: str('Container image that replaces the container’s own, e.g. registry.example/payment:1.4.2.', {
            pattern: '^\\S+$',
            patternHint: 'a container image reference without spaces, e.g. registry.example/payment:1.4.2',
          }),
          replicas: { type: 'integer', minimum: 0, description: 'Replica count the Deployment is scaled to.' },
          duration: duration('How long the change stays before it is reverted.'),
        },
      },
      httpFault: {
        type: 'object',
        description: 'Answer a share of HTTP requests to the selected pods with an error status.',
        required: ['target', 'abortPercent', 'status', 'duration'],
        properties: {
          target: str('Name of an entry in spec.targets.'),
          abortPercent: percent('Share of requests aborted, 0-100.'),
          status: { type: 'integer', minimum: 400, maximum: 599, description: 'Status returned for aborted requests.' },
          duration: duration('How long the fault stays in place.'),
          port: port('Container port of the HTTP server.'),
          path: { type: 'string', pattern: '^/', patternHint: 'a path starting with /', description: 'Only requests under this path.' },
        },
      },
    },
  },

  guardrails: {
    type: 'object',
    description: 'Limits that stop the run.',
    required: ['maxDuration'],
    properties: {
      maxDuration: duration('The run is aborted and every fault reverted after this.'),
      maxTargets: { type: 'integer', minimum: 1, description: 'Most objects the run may touch in total.' },
      minHealthyReplicas: { type: 'integer', minimum: 0, description: 'Never leave a deployment with fewer ready replicas.' },
      abortWhen: {
        type: 'array',
        items: {
          type: 'object',
          required: ['probe', 'failingFor'],
          properties: {
            probe: str('Name of a steady-state probe.'),
            failingFor: duration('Abort when the probe has been failing this long.'),
          },
        },
      },
    },
  },

  response: {
    type: 'object',
    description: 'What the team is expected to see and do.',
    properties: {
      expectedAlerts: {
        type: 'array',
        items: {
          type: 'object',
          required: ['alertname'],
          properties: {
            alertname: str('Alert name as sent by Alertmanager or Grafana.'),
            labels: stringMap('Labels the alert must carry.'),
            within: duration('Expected to fire within this after T0.'),
          },
        },
      },
      pagerduty: { type: 'object', required: ['serviceId'], properties: { serviceId: str('PagerDuty service id.') } },
      opsgenie: { type: 'object', required: ['team'], properties: { team: str('Opsgenie team.') } },
      statuspage: {
        type: 'object',
        required: ['pageId'],
        properties: { pageId: str('Statuspage page id.'), componentId: str('Component id.') },
      },
      targets: {
        type: 'object',
        description: 'Response time objectives, measured from T0.',
        properties: {
          detect: duration('Time to detect.'),
          acknowledge: duration('Time to acknowledge.'),
          mitigate: duration('Time to mitigate.'),
          resolve: duration('Time to resolve.'),
        },
      },
    },
  },

  roles: {
    type: 'array',
    items: { type: 'string', pattern: ID_PATTERN, patternHint: 'a role name such as incident-commander' },
    uniqueItems: true,
    description: 'Incident roles taking part.',
  },

  debrief: {
    type: 'object',
    properties: { questions: { type: 'array', items: str(), description: 'Questions for the debrief.' } },
  },

  Scenario: {
    type: 'object',
    description: 'A game day or chaos run: faults against a cluster with a hypothesis and guardrails.',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { type: 'string', const: API_VERSION },
      kind: { type: 'string', const: 'Scenario' },
      metadata: ref('metadata'),
      spec: {
        type: 'object',
        required: ['hypothesis', 'steps', 'guardrails'],
        properties: {
          description: str('Longer description.'),
          hypothesis: {
            type: 'object',
            required: ['description'],
            properties: {
              description: str('What we believe will happen.'),
              steadyState: { type: 'array', items: ref('probe'), description: 'Probes that define healthy.' },
            },
          },
          targets: { type: 'map', values: ref('target'), keyPattern: DNS_LABEL, keyHint: DNS_HINT, description: 'Named pod selections.' },
          steps: { type: 'array', items: ref('step'), minItems: 1 },
          guardrails: ref('guardrails'),
          response: ref('response'),
          roles: ref('roles'),
          debrief: ref('debrief'),
        },
      },
    },
  },

  Tabletop: {
    type: 'object',
    description: 'A tabletop exercise: timed injects and expected actions, no real fault.',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { type: 'string', const: API_VERSION },
      kind: { type: 'string', const: 'Tabletop' },
      metadata: ref('metadata'),
      spec: {
        type: 'object',
        required: ['roles', 'injects'],
        properties: {
          description: str('Longer description.'),
          duration: duration('Planned length of the exercise.'),
          variables: stringMap('Values for {{name}} placeholders in inject text.', '^[A-Za-z_][A-Za-z0-9_]*$', 'a variable name (letters, digits, _)'),
          roles: { ...(ref('roles') as Shape), description: 'Roles played.' },
          injects: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['id', 'text'],
              exactlyOneOf: { keys: ['at', 'when'], label: 'trigger (at or when)' },
              properties: {
                id: { type: 'string', pattern: ID_PATTERN, patternHint: 'an id such as first-alert' },
                at: duration('Offset from the exercise start.'),
                when: {
                  type: 'object',
                  required: ['missed'],
                  properties: { missed: str('Id of an expectation; the inject is released when it is missed.') },
                },
                to: str('"all" or a role.'),
                text: str('Handlebars template; every {{name}} must be declared in spec.variables.'),
                expect: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id', 'action'],
                    properties: {
                      id: { type: 'string', pattern: ID_PATTERN, patternHint: 'an id such as declare' },
                      action: str('What the team is expected to do.'),
                      role: str('Role expected to act.'),
                      within: duration('Deadline after the inject.'),
                    },
                  },
                },
              },
            },
          },
          debrief: ref('debrief'),
        },
      },
    },
  },

  Schedule: {
    type: 'object',
    description: 'Continuous chaos: run a scenario on a cron schedule inside a window.',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { type: 'string', const: API_VERSION },
      kind: { type: 'string', const: 'Schedule' },
      metadata: ref('scheduleMetadata'),
      spec: {
        type: 'object',
        required: ['scenario', 'cron'],
        properties: {
          scenario: dnsLabel('Name of the scenario to run.'),
          cron: {
            type: 'string',
            pattern: '^\\S+(?:\\s+\\S+){4}$',
            patternHint: 'a five-field cron expression such as "0 10 * * 1-5"',
          },
          timezone: str('IANA timezone of the cron and window, e.g. Europe/Berlin; default UTC.'),
          window: {
            type: 'object',
            required: ['start', 'end'],
            properties: {
              days: { type: 'array', items: { type: 'string', enum: WEEKDAYS }, uniqueItems: true, minItems: 1 },
              start: { type: 'string', pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$', patternHint: 'a time HH:MM' },
              end: { type: 'string', pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$', patternHint: 'a time HH:MM' },
            },
          },
          jitter: duration('Random delay added to each start.'),
          blackouts: {
            type: 'array',
            items: {
              type: 'object',
              required: ['from', 'to'],
              properties: {
                from: { type: 'string', pattern: ISO_PATTERN(), patternHint: 'an ISO 8601 date-time such as 2025-12-24T00:00:00Z' },
                to: { type: 'string', pattern: ISO_PATTERN(), patternHint: 'an ISO 8601 date-time such as 2025-12-27T00:00:00Z' },
                reason: str('Why nothing runs.'),
              },
            },
          },
          paused: { type: 'boolean', description: 'Keep the schedule but do not start runs.' },
        },
      },
    },
  },
};

function ISO_PATTERN(): string {
  return '^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:[0-9]{2}))?$';
}

export const kindShapes: Record<DocumentKind, ObjectShape> = {
  Scenario: definitions['Scenario'] as ObjectShape,
  Tabletop: definitions['Tabletop'] as ObjectShape,
  Schedule: definitions['Schedule'] as ObjectShape,
};

export { API_VERSION, DOCUMENT_KINDS };
