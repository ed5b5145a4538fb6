{{/* Names, labels and the RBAC rules shared by the templates. */}}

{{- define "firedrill.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "firedrill.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Cluster-scoped objects carry the release namespace so two releases of the same name do not collide. */}}
{{- define "firedrill.clusterName" -}}
{{- printf "%s-%s" .Release.Namespace (include "firedrill.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The server's pods only: the halt Job's pods carry another component, so the Service never routes to them. */}}
{{- define "firedrill.selectorLabels" -}}
app.kubernetes.io/name: {{ include "firedrill.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end }}

{{- define "firedrill.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "firedrill.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "firedrill.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "firedrill.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "firedrill.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "firedrill.adminTokenSecret" -}}
{{- default .Values.database.existingSecret .Values.adminToken.existingSecret }}
{{- end }}

{{- define "firedrill.serverUrl" -}}
{{- printf "http://%s.%s.svc:%v" (include "firedrill.fullname" .) .Release.Namespace .Values.service.port }}
{{- end }}

{{/* Restricted Pod Security profile, for the server and the hook Job. */}}
{{- define "firedrill.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "firedrill.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}

{{/*
Every verb the engine calls in a target namespace, and nothing else. The
same table lives in libs/chaos/src/rbac/required-access.ts (NEED_GRANTS);
e2e/helm/helm.cluster.spec.ts fails when the two disagree. No patch: the
engine replaces objects guarded by resourceVersion. No pod watch, no events.
*/}}
{{- define "firedrill.chaosRules" -}}
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "watch", "update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "delete"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "watch", "create", "update", "delete"]
- apiGroups: ["apps"]
  resources: ["replicasets"]
  verbs: ["get"]
{{- end }}

{{/* With clusterWide: the same, plus the recovery sweeper's labelled list across all namespaces. */}}
{{- define "firedrill.clusterWideChaosRules" -}}
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "delete"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["apps"]
  resources: ["replicasets"]
  verbs: ["get"]
{{- end }}
